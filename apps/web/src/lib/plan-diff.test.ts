import type { PlanItem } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { diffPlanVersions, isEmptyDiff } from './plan-diff.ts';

const item = (id: number, o: Partial<PlanItem> = {}): PlanItem => ({
  id,
  problemId: 1,
  problemTitle: 'Tanpa jamban',
  problemCategory: 'slum_wastewater',
  title: `Butir ${id}`,
  description: null,
  term: 'short',
  startYear: 2026,
  endYear: 2026,
  responsibleOpdId: 1,
  responsibleOpdName: 'Dinas PU',
  partners: [],
  helpType: 'jamban',
  outputVolume: 10,
  outputUnit: 'unit',
  estimatedCost: 1000,
  fundingSource: 'apbd_kota',
  planningChannel: 'dpa_current',
  dueOn: null,
  status: 'active',
  cancelReason: null,
  targetFilter: null,
  targetFamilyCount: 3,
  indicatorTargets: [{ id: 9, name: 'KK tanpa jamban', unit: 'KK', indicatorKey: null, baseline: 3, target: 0, targetDate: '2026-12-31' }],
  ...o,
});

describe('diffPlanVersions', () => {
  it('no change → empty', () => {
    expect(isEmptyDiff(diffPlanVersions([item(1)], [item(1)]))).toBe(true);
  });

  it('finds added, cancelled and changed items with before/after', () => {
    const d = diffPlanVersions(
      [item(1), item(2)],
      [item(1, { estimatedCost: 2000, targetFamilyCount: 5 }), item(2, { status: 'cancelled' }), item(3)],
    );
    expect(d.added.map((i) => i.id)).toEqual([3]);
    expect(d.removed.map((i) => i.id)).toEqual([2]);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]?.changes).toEqual([
      { field: 'estimatedCost', before: 1000, after: 2000 },
      { field: 'targetFamilyCount', before: 3, after: 5 },
    ]);
  });

  it('indicator targets compare by content, not by id', () => {
    const renumbered = item(1, { indicatorTargets: [{ ...item(1).indicatorTargets[0]!, id: 99 }] });
    expect(isEmptyDiff(diffPlanVersions([item(1)], [renumbered]))).toBe(true);
    const moved = item(1, { indicatorTargets: [{ ...item(1).indicatorTargets[0]!, target: 1 }] });
    expect(diffPlanVersions([item(1)], [moved]).changed[0]?.changes[0]?.field).toBe('indicatorTargets');
  });

  it('an item cancelled already in the older version is not reported again', () => {
    const d = diffPlanVersions([item(1, { status: 'cancelled' })], [item(1, { status: 'cancelled' })]);
    expect(isEmptyDiff(d)).toBe(true);
  });
});
