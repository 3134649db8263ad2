import type { Board } from '@dampingan/contracts';

export type BoardRow = Board['rows'][number];

export interface DistrictGroup {
  code: string;
  name: string;
  rows: BoardRow[];
  paired: number;
}

/** Rows grouped by kecamatan, keeping the API's order (by region code), with a paired count per group. */
export function groupByDistrict(rows: readonly BoardRow[]): DistrictGroup[] {
  const groups = new Map<string, DistrictGroup>();
  for (const r of rows) {
    let g = groups.get(r.districtCode);
    if (!g) {
      g = { code: r.districtCode, name: r.districtName, rows: [], paired: 0 };
      groups.set(r.districtCode, g);
    }
    g.rows.push(r);
    if (r.pairing) g.paired++;
  }
  return [...groups.values()];
}
