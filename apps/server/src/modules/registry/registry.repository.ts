import type { FamilySearchQuery } from '@dampingan/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';
import { queryKey } from '../regions/region-name.ts';

export interface FamilyRow {
  id: number;
  no_kk: string;
  village_code: string;
  village_name: string;
  district_name: string;
  head_name: string | null;
  rt: string | null;
  rw: string | null;
  address: string | null;
  desil: number | null;
  members: number;
  toilet: string | null;
  status: string;
  review_reason: string | null;
  synthetic: boolean;
}

/**
 * How far a search counts its hits. A name fragment as common as "wati" matches 135,000 persons in
 * a province; counting them to 10,000 took 350 ms of a 360 ms search, counting to 1,000 takes
 * 43 ms (bench/registry-search.ts, 1 M families). Past 1,000 names nobody pages on: the page says
 * "more than 1,000" and the user narrows the search. Filters (village, RT/RW, desil) count to
 * 10,000, cheaply, from their indexes.
 */
export const COUNT_CAP = { name: 1000, filters: 10000 } as const;

/** Village filter from access: null = every village (admin); [] = none. */
export type VillageFilter = string[] | null;

const villageCond = (v: VillageFilter): SQL =>
  v === null ? sql`true` : sql`f.village_code in (select jsonb_array_elements_text(${JSON.stringify(v)}::jsonb))`;

export async function searchFamilies(db: DbOrTx, q: FamilySearchQuery, villages: VillageFilter) {
  const conds: SQL[] = [villageCond(villages)];
  const text = q.q?.trim() ?? '';
  let cap: number = COUNT_CAP.filters;
  if (/^\d{16}$/.test(text)) {
    // A union of two unique-index lookups: an OR across the two tables made PostgreSQL scan every
    // family (1.2 s p95 at 1 M families, bench/registry-search.ts).
    conds.push(sql`f.id in (select id from families where no_kk = ${text} union all select family_id from persons where nik = ${text})`);
  } else if (text) {
    const key = queryKey(text);
    if (key) {
      conds.push(sql`f.id in (select family_id from persons where name_key like ${`%${key}%`})`);
      cap = COUNT_CAP.name;
    }
  }
  if (q.villageCode) conds.push(sql`f.village_code = ${q.villageCode}`);
  if (q.rt) conds.push(sql`f.rt = ${q.rt.padStart(3, '0')}`);
  if (q.rw) conds.push(sql`f.rw = ${q.rw.padStart(3, '0')}`);
  if (q.desilMin) conds.push(sql`f.desil >= ${q.desilMin}`);
  if (q.desilMax) conds.push(sql`f.desil <= ${q.desilMax}`);
  if (q.toilet) conds.push(sql`f.toilet = ${q.toilet}`);
  if (q.noOwnToilet) conds.push(sql`(f.toilet is distinct from 'own')`);
  if (q.drinkingWater) conds.push(sql`f.drinking_water = ${q.drinkingWater}`);
  if (q.floorType) conds.push(sql`f.floor_type = ${q.floorType}`);
  if (q.needsReview)
    conds.push(
      sql`(f.review_reason is not null or exists (select 1 from persons r where r.family_id = f.id and r.review_reason is not null))`,
    );
  const where = sql.join(conds, sql` and `);
  const items = await rows<FamilyRow>(
    db,
    sql`select f.id, f.no_kk, f.village_code, v.name as village_name, d.name as district_name,
          (select p.name from persons p where p.family_id = f.id order by (p.relationship = 'head') desc nulls last, p.id limit 1) as head_name,
          f.rt, f.rw, f.address, f.desil, (select count(*)::int from persons p where p.family_id = f.id) as members,
          f.toilet, f.status, f.review_reason, f.synthetic
        from families f join regions v on v.code = f.village_code join regions d on d.code = v.parent_code
        where ${where}
        order by f.village_code, f.rw nulls last, f.rt nulls last, f.id
        limit ${q.limit} offset ${q.offset}`,
  );
  const [c] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from families f where ${where} limit ${cap + 1}) x`,
  );
  const n = c?.n ?? 0;
  return { items, total: Math.min(n, cap), totalCapped: n > cap };
}

export async function findFamily(db: DbOrTx, id: number) {
  const [f] = await rows<Record<string, unknown> & { id: number; village_code: string; no_kk: string; provenance: Record<string, number> }>(
    db,
    sql`select f.*, to_char(f.status_date, 'YYYY-MM-DD') as status_date_s, v.name as village_name, d.name as district_name
        from families f join regions v on v.code = f.village_code join regions d on d.code = v.parent_code where f.id = ${id}`,
  );
  return f;
}

export async function listMembers(db: DbOrTx, familyId: number) {
  return rows<Record<string, unknown> & { id: number; nik: string; provenance: Record<string, number> }>(
    db,
    sql`select p.*, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date_s, to_char(p.status_date, 'YYYY-MM-DD') as status_date_s
        from persons p where p.family_id = ${familyId}
        order by case p.relationship when 'head' then 0 when 'spouse' then 1 when 'child' then 2 else 3 end, p.birth_date nulls last, p.id`,
  );
}

export async function findPerson(db: DbOrTx, id: number) {
  const [p] = await rows<{ id: number; nik: string; mother_name: string | null; family_id: number; village_code: string; status: string }>(
    db,
    sql`select p.id, p.nik, p.mother_name, p.family_id, f.village_code, p.status from persons p join families f on f.id = p.family_id where p.id = ${id}`,
  );
  return p;
}

export async function listImportSources(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return rows<{ id: number; source_kind: string; dataset_label: string | null; period: string; file_name: string }>(
    db,
    sql`select id, source_kind, dataset_label, to_char(period, 'YYYY-MM-DD') as period, file_name from registry_imports
        where id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::int)`,
  );
}

// family_snapshots.id is a bigserial: node-postgres returns int8 as a string (PGlite as a number).
export async function listSnapshots(db: DbOrTx, familyId: number) {
  const list = await rows<{ id: number | string; period: string; import_id: number; source_kind: string; desil: number | null }>(
    db,
    sql`select id, to_char(period, 'YYYY-MM-DD') as period, import_id, source_kind, desil from family_snapshots
        where family_id = ${familyId} order by period, id`,
  );
  return list.map((s) => ({ ...s, id: Number(s.id) }));
}

export async function findSnapshot(db: DbOrTx, id: number) {
  const [s] = await rows<{
    id: number | string;
    family_id: number;
    period: string;
    import_id: number;
    source_kind: string;
    desil: number | null;
    data: Record<string, unknown>;
  }>(
    db,
    sql`select id, family_id, to_char(period, 'YYYY-MM-DD') as period, import_id, source_kind, desil, data from family_snapshots where id = ${id}`,
  );
  return s && { ...s, id: Number(s.id) };
}

/** Aggregates per village (no names): what viewers and the public may see. */
export async function villageStats(db: DbOrTx, scope: string, villages: VillageFilter) {
  const inScope = sql`(f.village_code like ${`${scope}.%`}) and f.status = 'active' and ${villageCond(villages)}`;
  return rows<{
    village_code: string;
    village_name: string;
    families: number;
    persons: number;
    by_desil: Record<string, number>;
    no_own_toilet: number;
    synthetic: boolean;
  }>(
    db,
    sql`with d as (
          select f.village_code, coalesce(f.desil::text, 'unknown') as desil, count(*)::int as n,
                 sum(case when f.toilet is distinct from 'own' then 1 else 0 end)::int as no_toilet, bool_or(f.synthetic) as syn
          from families f where ${inScope} group by 1, 2),
        pc as (
          select f.village_code, count(*)::int as persons from persons p join families f on f.id = p.family_id
          where ${inScope} and p.status = 'present' group by 1)
        select d.village_code, v.name as village_name, sum(d.n)::int as families, coalesce(max(pc.persons), 0)::int as persons,
               jsonb_object_agg(d.desil, d.n) as by_desil, sum(d.no_toilet)::int as no_own_toilet, bool_or(d.syn) as synthetic
        from d join regions v on v.code = d.village_code left join pc on pc.village_code = d.village_code
        group by d.village_code, v.name order by d.village_code`,
  );
}
