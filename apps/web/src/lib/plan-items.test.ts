import type { PlanItem } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { cleanCriteria, groupByProblem, yearsForTerm } from './plan-items.ts';

const item = (id: number, problemId: number, cost: number | null, status: PlanItem['status'] = 'active') =>
  ({ id, problemId, problemTitle: `Masalah ${problemId}`, estimatedCost: cost, status }) as PlanItem;

describe('groupByProblem', () => {
  it('groups in first-seen order and sums active costs only', () => {
    const g = groupByProblem([item(1, 7, 100), item(2, 3, 50), item(3, 7, 20, 'cancelled'), item(4, 7, null)]);
    expect(g.map((x) => [x.problemId, x.items.length, x.cost])).toEqual([
      [7, 3, 100],
      [3, 1, 50],
    ]);
  });
});

describe('yearsForTerm', () => {
  it('fits each term', () => {
    expect(yearsForTerm('short', 2026)).toEqual({ startYear: 2026, endYear: 2026 });
    expect(yearsForTerm('medium', 2026).endYear - 2026 + 1).toBeLessThanOrEqual(5);
    expect(yearsForTerm('long', 2026).endYear - 2026 + 1).toBeGreaterThan(5);
  });
});

describe('cleanCriteria', () => {
  it('drops empty values and keeps ticked flags', () => {
    expect(cleanCriteria({ desilMax: '4', rw: ' 3 ', rt: '', noOwnToilet: true, unfitHouse: false })).toEqual({
      desilMax: 4,
      rw: '3',
      noOwnToilet: true,
    });
    expect(cleanCriteria({ desilMax: '' })).toEqual({});
  });
});
