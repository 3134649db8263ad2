import type { AttentionRow } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { countByKind, filterByKind, reasonTone } from './attention-reasons.ts';

const row = (pairingId: number, kinds: AttentionRow['reasons'][number]['kind'][]): AttentionRow => ({
  pairingId,
  programYearId: 1,
  year: 2026,
  opdId: 1,
  opdName: 'Dinas',
  villageCode: '33.75.01.1002',
  villageName: 'Desa',
  lastActivityOn: null,
  reasons: kinds.map((kind) => ({ kind, count: 2, since: '2026-11-01' })),
});

describe('attention reasons', () => {
  it('counts pairings per reason', () => {
    const c = countByKind([row(1, ['no_activity', 'missing_months']), row(2, ['missing_months'])]);
    expect(c).toEqual({ no_activity: 1, late_reports: 0, missing_months: 2, overdue_plan_items: 0, overdue_follow_ups: 0 });
  });

  it('filters by a reason, or keeps all', () => {
    const rows = [row(1, ['no_activity']), row(2, ['overdue_follow_ups']), row(3, ['no_activity', 'late_reports'])];
    expect(filterByKind(rows, 'no_activity').map((r) => r.pairingId)).toEqual([1, 3]);
    expect(filterByKind(rows, '').map((r) => r.pairingId)).toEqual([1, 2, 3]);
  });

  it('idle pairings and overdue follow-ups are the urgent ones', () => {
    expect(reasonTone('no_activity')).toBe('danger');
    expect(reasonTone('missing_months')).toBe('warn');
  });
});
