import type { RegistryStats } from '../api/endpoints.ts';

export interface StatsSummary {
  families: number;
  persons: number;
  noOwnToilet: number;
  desil1to4: number;
  /** desil 1–4, each with its share of all families */
  byDesil: { desil: number; families: number; share: number }[];
}

/** Totals over the villages of /api/registry/stats, with the four poorest desil broken out. */
export function summariseStats(villages: RegistryStats['villages']): StatsSummary {
  let families = 0;
  let persons = 0;
  let noOwnToilet = 0;
  const desil = new Map<number, number>();
  for (const v of villages) {
    families += v.families;
    persons += v.persons;
    noOwnToilet += v.noOwnToilet;
    for (const [k, n] of Object.entries(v.byDesil)) {
      const d = Number(k);
      if (Number.isInteger(d)) desil.set(d, (desil.get(d) ?? 0) + n);
    }
  }
  const byDesil = [1, 2, 3, 4].map((d) => {
    const n = desil.get(d) ?? 0;
    return { desil: d, families: n, share: families > 0 ? n / families : 0 };
  });
  return { families, persons, noOwnToilet, desil1to4: byDesil.reduce((a, b) => a + b.families, 0), byDesil };
}
