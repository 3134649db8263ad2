import { describe, expect, it } from 'vitest';
import { summariseStats } from './registry-stats.ts';

describe('summariseStats', () => {
  it('adds up villages and breaks out desil 1–4', () => {
    const s = summariseStats([
      { villageCode: 'a', villageName: 'A', families: 10, persons: 30, byDesil: { '1': 2, '2': 3, '5': 5 }, noOwnToilet: 4 },
      { villageCode: 'b', villageName: 'B', families: 10, persons: 40, byDesil: { '1': 1, '4': 4, unknown: 5 }, noOwnToilet: 1 },
    ]);
    expect(s.families).toBe(20);
    expect(s.persons).toBe(70);
    expect(s.noOwnToilet).toBe(5);
    expect(s.desil1to4).toBe(10);
    expect(s.byDesil).toEqual([
      { desil: 1, families: 3, share: 0.15 },
      { desil: 2, families: 3, share: 0.15 },
      { desil: 3, families: 0, share: 0 },
      { desil: 4, families: 4, share: 0.2 },
    ]);
  });

  it('is all zero for an empty registry', () => {
    expect(summariseStats([]).byDesil.every((d) => d.share === 0)).toBe(true);
  });
});
