import type { ValueSource } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { footnotesOf, numberSources, sparkline } from './sources.ts';

const src = (importId: number, period: string): ValueSource => ({
  importId,
  sourceKind: 'dtsen',
  datasetLabel: `DTSEN ${period}`,
  period,
  fileName: `dtsen-${importId}.csv`,
});

describe('numberSources', () => {
  it('numbers each import once, oldest period first', () => {
    const family = { desil: src(7, '2027-03-31'), toilet: src(3, '2026-09-30') };
    const member = { name: src(3, '2026-09-30'), jkn: src(9, '2027-03-31') };
    const n = numberSources([family, member]);
    expect(n.list.map((s) => [s.n, s.importId])).toEqual([
      [1, 3],
      [2, 7],
      [3, 9],
    ]);
    expect(n.numberOf(7)).toBe(2);
    expect(n.numberOf(42)).toBeUndefined();
    expect(footnotesOf(member, n)).toEqual([1, 3]);
  });

  it('copes with no sources', () => {
    expect(numberSources([{}]).list).toEqual([]);
  });
});

describe('sparkline', () => {
  it('puts desil 1 at the bottom and 10 at the top, periods evenly spaced', () => {
    const pts = sparkline(
      [
        { period: '2026-03-31', desil: 1 },
        { period: '2026-09-30', desil: null },
        { period: '2027-03-31', desil: 10 },
      ],
      100,
      50,
      5,
    );
    expect(pts).toEqual([
      { x: 5, y: 45, desil: 1, period: '2026-03-31' },
      { x: 95, y: 5, desil: 10, period: '2027-03-31' },
    ]);
  });

  it('centres a single point', () => {
    expect(sparkline([{ period: '2026-09-30', desil: 5.5 }], 100, 50, 5)[0]?.x).toBe(50);
  });
});
