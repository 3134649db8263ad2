/**
 * Family criteria and registry-derived indicators of one village, as SQL. Used by the registry's
 * problem proposals, the plan's target-family eligibility, and the evaluation's "now" values, so
 * the three always count the same way. Only active families count.
 */
import type { FamilyCriteria, IndicatorKey, ProblemCategory } from '@dampingan/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';

const SAFE_TOILET = sql`'own'`;
const UNSAFE_WATER = sql`('unprotected_well','unprotected_spring','surface','rain')`;
/** Minimum floor area per person for a fit house (Permen PUPR; configurable later: DOMAIN.md §3). */
export const MIN_M2_PER_PERSON = 7.2;

/**
 * The families of one village with their present members summarised once (`ps`), so person-level
 * criteria cost one pass over the village's persons instead of one lookup per family and criterion
 * (bench/workspace.ts: four correlated subqueries per family made the indicators 160 ms in a city
 * village). Use as `from ${villageFamilies(code)} where ${criteriaSql(c)}`.
 */
export function villageFamilies(villageCode: string, needs: FamilyCriteria | 'all' = 'all'): SQL {
  // Criteria on the family alone (desil, toilet, water, RW…) need no members: skip the pass.
  if (needs !== 'all' && !needs.unfitHouse && !needs.childOutOfSchool && !needs.stuntedChild && !needs.memberWithoutJkn)
    return sql`families f`;
  return sql`families f left join (
      select p.family_id,
        count(*) filter (where p.status = 'present')::int as present,
        bool_or(p.status = 'present' and p.school_participation in ('not_attending','never')
          and p.birth_date > current_date - interval '19 years' and p.birth_date <= current_date - interval '7 years') as out_of_school,
        bool_or(p.status = 'present' and p.nutrition_status = 'stunting' and p.birth_date > current_date - interval '5 years') as stunted,
        bool_or(p.status = 'present' and p.jkn = 'none') as no_jkn
      from persons p join families pf on pf.id = p.family_id
      where pf.village_code = ${villageCode}${needs !== 'all' && needs.rw !== undefined ? sql` and ltrim(pf.rw, '0') = ltrim(${needs.rw}, '0')` : sql``}
      group by p.family_id
    ) ps on ps.family_id = f.id`;
}

/** A boolean SQL condition over `f` (families) and `ps` (their members, see villageFamilies). */
export function criteriaSql(c: FamilyCriteria): SQL {
  const parts: SQL[] = [sql`f.status = 'active'`];
  if (c.desilMin !== undefined) parts.push(sql`f.desil >= ${c.desilMin}`);
  if (c.desilMax !== undefined) parts.push(sql`f.desil <= ${c.desilMax}`);
  if (c.rw !== undefined) parts.push(sql`ltrim(f.rw, '0') = ltrim(${c.rw}, '0')`);
  if (c.rt !== undefined) parts.push(sql`ltrim(f.rt, '0') = ltrim(${c.rt}, '0')`);
  if (c.noOwnToilet) parts.push(sql`f.toilet is not null and f.toilet <> ${SAFE_TOILET}`);
  if (c.unsafeWater) parts.push(sql`f.drinking_water in ${UNSAFE_WATER}`);
  if (c.noElectricity) parts.push(sql`f.lighting in ('non_pln','none')`);
  if (c.unfitHouse)
    parts.push(sql`(f.floor_type = 'earth' or f.wall_condition = 'poor' or f.roof_condition = 'poor'
      or (f.floor_area_m2 is not null and f.floor_area_m2 < ${MIN_M2_PER_PERSON}::float8 * coalesce(ps.present, 0)))`);
  if (c.childOutOfSchool) parts.push(sql`coalesce(ps.out_of_school, false)`);
  if (c.stuntedChild) parts.push(sql`coalesce(ps.stunted, false)`);
  if (c.memberWithoutJkn) parts.push(sql`coalesce(ps.no_jkn, false)`);
  return sql.join(parts, sql` and `);
}

export interface IndicatorDef {
  key: IndicatorKey;
  criteria: FamilyCriteria;
  label: { id: string; en: string };
  /** the problem category a proposal from this indicator gets */
  category: ProblemCategory;
}

const D14 = { desilMin: 1, desilMax: 4 } as const;

export const INDICATORS: Record<IndicatorKey, IndicatorDef> = {
  families_desil_1_4: {
    key: 'families_desil_1_4',
    criteria: D14,
    label: { id: 'Keluarga desil 1–4', en: 'Families in desil 1–4' },
    category: 'social_protection',
  },
  families_desil_1: {
    key: 'families_desil_1',
    criteria: { desilMin: 1, desilMax: 1 },
    label: { id: 'Keluarga desil 1 (miskin ekstrem)', en: 'Families in desil 1 (extreme poverty)' },
    category: 'social_protection',
  },
  no_own_toilet_desil_1_4: {
    key: 'no_own_toilet_desil_1_4',
    criteria: { ...D14, noOwnToilet: true },
    label: { id: 'Keluarga desil 1–4 tanpa jamban sendiri', en: 'Desil 1–4 families without their own latrine' },
    category: 'slum_wastewater',
  },
  unsafe_water_desil_1_4: {
    key: 'unsafe_water_desil_1_4',
    criteria: { ...D14, unsafeWater: true },
    label: { id: 'Keluarga desil 1–4 tanpa air minum layak', en: 'Desil 1–4 families without safe drinking water' },
    category: 'slum_drinking_water',
  },
  unfit_house_desil_1_4: {
    key: 'unfit_house_desil_1_4',
    criteria: { ...D14, unfitHouse: true },
    label: { id: 'Keluarga desil 1–4 di rumah tidak layak huni (RTLH)', en: 'Desil 1–4 families in unfit houses (RTLH)' },
    category: 'housing_rtlh',
  },
  no_electricity_desil_1_4: {
    key: 'no_electricity_desil_1_4',
    criteria: { ...D14, noElectricity: true },
    label: { id: 'Keluarga desil 1–4 tanpa listrik PLN', en: 'Desil 1–4 families without PLN electricity' },
    category: 'housing_rtlh',
  },
  child_out_of_school: {
    key: 'child_out_of_school',
    criteria: { childOutOfSchool: true },
    label: { id: 'Keluarga dengan anak 7–18 tahun tidak sekolah', en: 'Families with a child aged 7–18 out of school' },
    category: 'education',
  },
  stunted_child: {
    key: 'stunted_child',
    criteria: { stuntedChild: true },
    label: { id: 'Keluarga dengan balita stunting', en: 'Families with a stunted under-five' },
    category: 'stunting',
  },
  member_without_jkn_desil_1_4: {
    key: 'member_without_jkn_desil_1_4',
    criteria: { ...D14, memberWithoutJkn: true },
    label: { id: 'Keluarga desil 1–4 dengan anggota tanpa JKN', en: 'Desil 1–4 families with a member without JKN' },
    category: 'health',
  },
};

/** How many active families of the village meet the criteria. */
export async function countFamilies(db: DbOrTx, villageCode: string, c: FamilyCriteria): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${villageFamilies(villageCode, c)} where f.village_code = ${villageCode} and ${criteriaSql(c)}`,
  );
  return r?.n ?? 0;
}

/** Ids of the village's active families meeting the criteria (poorest first), at most `limit`. */
export async function matchingFamilyIds(db: DbOrTx, villageCode: string, c: FamilyCriteria, limit = 5000): Promise<number[]> {
  const list = await rows<{ id: number }>(
    db,
    sql`select f.id from ${villageFamilies(villageCode, c)} where f.village_code = ${villageCode} and ${criteriaSql(c)}
        order by f.desil nulls last, f.rw, f.rt, f.id limit ${limit}`,
  );
  return list.map((r) => r.id);
}

/** The value of every indicator for a village, in one query. */
export async function indicatorValues(db: DbOrTx, villageCode: string): Promise<Record<IndicatorKey, number>> {
  const defs = Object.values(INDICATORS);
  const cols = sql.join(
    defs.map((d) => sql`count(*) filter (where ${criteriaSql(d.criteria)})::int as ${sql.identifier(d.key)}`),
    sql`, `,
  );
  const [r] = await rows<Record<IndicatorKey, number>>(
    db,
    sql`select ${cols} from ${villageFamilies(villageCode)} where f.village_code = ${villageCode}`,
  );
  return r as Record<IndicatorKey, number>;
}
