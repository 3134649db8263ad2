import type { Problem } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { formatRwList, fromDraft, groupProblems, parseAmount, parseRwList, rwLabel, toDraft, verifiedShare } from './assessment-profile.ts';

describe('parseRwList', () => {
  it('reads RWs separated by commas, semicolons or spaces, once each', () => {
    expect(parseRwList('3, 04;005  RW7 3')).toEqual({ rws: ['3', '04', '005', '7'], invalid: [] });
  });
  it('returns what is not an RW as invalid', () => {
    expect(parseRwList('3, tiga, 1234')).toEqual({ rws: ['3'], invalid: ['tiga', '1234'] });
    expect(parseRwList('  ')).toEqual({ rws: [], invalid: [] });
  });
  it('formats back', () => {
    expect(formatRwList(['3', '04'])).toBe('3, 04');
  });
});

describe('groupProblems', () => {
  it('splits by status and keeps the order', () => {
    const p = (id: number, status: Problem['status']) => ({ id, status }) as Problem;
    const g = groupProblems([p(1, 'accepted'), p(2, 'proposed'), p(3, 'dismissed'), p(4, 'proposed')]);
    expect(g.proposed.map((x) => x.id)).toEqual([2, 4]);
    expect(g.accepted.map((x) => x.id)).toEqual([1]);
    expect(g.dismissed.map((x) => x.id)).toEqual([3]);
  });
});

describe('verifiedShare and rwLabel', () => {
  it('is the share verified, or null without families', () => {
    const c = { total: 8, unverified: 6, confirmed: 1, needs_help: 1, improved: 0, moved: 0, not_found: 0 };
    expect(verifiedShare(c)).toBe(0.25);
    expect(verifiedShare({ ...c, total: 0, unverified: 0 })).toBeNull();
  });
  it('writes RWs with two digits', () => {
    expect(rwLabel('003')).toBe('03');
    expect(rwLabel('12')).toBe('12');
    expect(rwLabel(null)).toBe('—');
  });
});

describe('profile draft', () => {
  const data = {
    economy: [{ kind: 'batik' as const, name: 'Sentra batik', size: '14 usaha', note: '' }],
    institutions: { lpm: true, bkm: false, pkk: true, karangTaruna: false, posyanduCount: 4, others: '' },
    infrastructure: {
      description: '',
      flags: { roadsPoor: true, drainagePoor: false, noSewerage: false, noWasteCollection: false, limitedCleanWater: false },
    },
    hazards: { flood: true, rob: true, affectedRws: ['3', '04'], note: '' },
    funding: [{ source: 'dana_kelurahan' as const, amount: 350_000_000, year: 2026, note: '' }],
    notes: '',
  };

  it('round-trips through the form', () => {
    const draft = toDraft(data);
    expect(draft.hazards.affectedRws).toBe('3, 04');
    expect(draft.funding[0]?.amount).toBe('350000000');
    expect(fromDraft(draft)).toEqual({ input: data, badRws: [] });
  });

  it('reads rupiah written with thousands dots; bad numbers become NaN for the schema to name', () => {
    expect(parseAmount('350.000.000')).toBe(350_000_000);
    expect(parseAmount('Rp 1 500')).toBe(1500);
    expect(parseAmount('')).toBeNaN();
    expect(parseAmount('-5')).toBeNaN();
    const draft = toDraft(data);
    draft.institutions.posyanduCount = 'empat';
    draft.hazards.affectedRws = '3, x';
    const out = fromDraft(draft);
    expect((out.input as { institutions: { posyanduCount: number } }).institutions.posyanduCount).toBeNaN();
    expect(out.badRws).toEqual(['x']);
  });
});
