import { sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  type: string;
  parent_code: string | null;
  aliases: string[];
  has_boundary: boolean;
}

const regionColumns = sql`r.code, r.name, r.level, r.type, r.parent_code,
  coalesce((select json_agg(a.alias order by a.alias) from region_aliases a where a.region_code = r.code), '[]'::json) as aliases,
  (r.boundary is not null) as has_boundary`;

export async function findRegion(db: DbOrTx, code: string): Promise<RegionRow | undefined> {
  const [row] = await rows<RegionRow>(db, sql`select ${regionColumns} from regions r where r.code = ${code}`);
  return row;
}

export async function listRegionsByCodes(db: DbOrTx, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return rows<RegionRow>(
    db,
    sql`select ${regionColumns} from regions r where r.code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb)) order by r.code`,
  );
}

export async function listChildren(db: DbOrTx, code: string): Promise<RegionRow[]> {
  return rows<RegionRow>(db, sql`select ${regionColumns} from regions r where r.parent_code = ${code} order by r.code`);
}

export async function countChildren(db: DbOrTx, code: string): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`select count(*)::int as n from regions where parent_code = ${code}`);
  return r?.n ?? 0;
}

/** Villages (level 4) inside a region, with their district (kecamatan). */
export async function listVillagesWithin(db: DbOrTx, scope: string) {
  return rows<{ code: string; name: string; type: string; district_code: string; district_name: string }>(
    db,
    sql`select v.code, v.name, v.type, d.code as district_code, d.name as district_name
        from regions v join regions d on d.code = v.parent_code
        where v.level = 4 and (v.code like ${`${scope}.%`} or v.code = ${scope})
        order by v.code`,
  );
}

export async function countVillagesWithin(db: DbOrTx, scope: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from regions where level = 4 and (code like ${`${scope}.%`} or code = ${scope})`,
  );
  return r?.n ?? 0;
}

/**
 * Name search over folded keys (region-name.ts) and aliases. Ranked: exact key, then prefix,
 * then substring; then higher levels first so "Pekalongan" lists the kota before villages.
 */
export async function searchRegions(db: DbOrTx, key: string, opts: { level?: number; within?: string; limit: number }) {
  const within = opts.within;
  const filter = sql`${opts.level ? sql`and r.level = ${opts.level}` : sql``}
    ${within ? sql`and (r.code = ${within} or r.code like ${`${within}.%`})` : sql``}`;
  // A kabupaten/kota is named "Kota Pekalongan" but searched as "Pekalongan": rank it on its name without that word.
  const bare = sql`(case when r.level = 2 then regexp_replace(r.name_key, '^(kota|kabupaten)', '') else r.name_key end)`;
  return rows<RegionRow & { rank: number }>(
    db,
    sql`with hits as (
          select r.code, case when r.name_key = ${key} or ${bare} = ${key} then 0
            when r.name_key like ${`${key}%`} or ${bare} like ${`${key}%`} then 1 else 2 end as rank
          from regions r where r.name_key like ${`%${key}%`} ${filter}
          union all
          select r.code, case when a.alias_key = ${key} then 0 when a.alias_key like ${`${key}%`} then 1 else 2 end as rank
          from region_aliases a join regions r on r.code = a.region_code
          where a.alias_key like ${`%${key}%`} ${filter}
        ), best as (select code, min(rank) as rank from hits group by code)
        select ${regionColumns}, b.rank from best b join regions r on r.code = b.code
        order by b.rank, r.level, r.name, r.code
        limit ${opts.limit}`,
  );
}

export async function listBoundaries(db: DbOrTx, code: string, level: number) {
  return rows<{ code: string; name: string; boundary: unknown }>(
    db,
    sql`select code, name, boundary from regions
        where boundary is not null and level = ${level} and (code like ${`${code}.%`} or code = ${code})
        order by code`,
  );
}
