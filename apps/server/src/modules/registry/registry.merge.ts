/**
 * Merges one import's staged rows into the registry, set-based, inside the caller's transaction:
 * all of it commits or none (a killed import leaves the registry as before). Rules:
 * - keys are natural: families by No KK, persons by NIK; re-importing the same file changes nothing;
 * - a value changes only when it differs, and then its provenance (field -> import) moves with it;
 * - an older snapshot never overwrites newer values (it still enters the history);
 * - nobody is deleted: people missing from a newer snapshot of their family, and families missing
 *   from a newer full snapshot of their village, are flagged for review;
 * - a family snapshot is written only when the family (fields + members) differs from the last one.
 * SQL stays within PostgreSQL 15 (no MERGE … RETURNING, no PG 16+ functions).
 */
import type { Session } from '../../db/client.ts';
import { FAMILY_FIELDS, type FieldDef, PERSON_FIELDS } from './registry-fields.ts';

export interface MergeInput {
  importId: number;
  period: string;
  sourceKind: string;
  synthetic: boolean;
  fullSnapshot: boolean;
}

export interface MergeCounts {
  families: { inserted: number; updated: number; unchanged: number };
  persons: { inserted: number; updated: number; unchanged: number };
  flaggedForReview: number;
  rejectedInMerge: number;
}

const cols = (defs: readonly FieldDef[], prefix = '') => defs.map((d) => `${prefix}${d.column}`).join(', ');
const tuple = (defs: readonly FieldDef[], prefix: string) => `(${defs.map((d) => `${prefix}.${d.column}`).join(', ')})`;
const setList = (defs: readonly FieldDef[], src: string) => defs.map((d) => `${d.column} = ${src}.${d.column}`).join(', ');
/** provenance || {field: importId for each field whose value changes} */
const provenance = (defs: readonly FieldDef[], cur: string, src: string) =>
  `${cur}.provenance || jsonb_strip_nulls(jsonb_build_object(${defs
    .map((d) => `'${d.field}', case when ${cur}.${d.column} is distinct from ${src}.${d.column} then $1::int end`)
    .join(', ')}))`;
const firstProvenance = (defs: readonly FieldDef[], src: string) =>
  `jsonb_strip_nulls(jsonb_build_object(${defs.map((d) => `'${d.field}', case when ${src}.${d.column} is not null then $1::int end`).join(', ')}))`;

async function count(s: Session, text: string, params: unknown[]): Promise<number> {
  const [r] = await s.query<{ n: number }>(`with x as (${text} returning 1) select count(*)::int as n from x`, params);
  return r?.n ?? 0;
}

export async function mergeStaged(s: Session, input: MergeInput): Promise<MergeCounts> {
  const p = [input.importId, input.period, input.sourceKind, input.synthetic];

  // 1. A person already registered in another family is not moved silently: the row is rejected
  //    (record the move as a status change first).
  // One pass of the three-way join: the conflicting rows, kept for both the issues and the delete.
  await s.exec('drop table if exists merge_conflicts');
  await s.query(
    `create temp table merge_conflicts on commit drop as
     select st.row, st.nik, right(f.no_kk, 4) as kk_tail
     from registry_stage st join persons pe on pe.nik = st.nik join families f on f.id = pe.family_id
     where st.import_id = $1 and f.no_kk <> st.no_kk`,
    [input.importId],
  );
  const conflicts = await s.query<{ n: number }>(
    `with c as (
       insert into registry_import_issues (import_id, row, "column", field, value, code, severity, message, message_en)
       select $1, row, 'nik', 'nik', nik, 'nik_in_other_family', 'error',
         'NIK sudah terdaftar pada keluarga lain (No KK berakhiran ' || kk_tail || '); catat dulu perpindahannya',
         'NIK is already registered in another family (No KK ending ' || kk_tail || '); record the move first'
       from merge_conflicts
       returning row)
     select count(distinct row)::int as n from c`,
    [input.importId],
  );
  await s.query('delete from registry_stage st using merge_conflicts c where st.import_id = $1 and st.row = c.row', [input.importId]);

  // 2. This file's families: the head's row carries the family fields.
  await s.exec('drop table if exists merge_families; drop table if exists merge_persons; drop table if exists merge_members');
  await s.query(
    `create temp table merge_families on commit drop as
     select distinct on (no_kk) no_kk, ${cols(FAMILY_FIELDS)}
     from registry_stage where import_id = $1
     order by no_kk, (relationship = 'head') desc nulls last, row`,
    [input.importId],
  );
  await s.exec('create index on merge_families (no_kk)');

  // 3. Families: update changed (only from a snapshot not older than what we hold), insert new.
  const famUpdated = await count(
    s,
    `update families f set ${setList(FAMILY_FIELDS, 'm')},
       desil_period = case when f.desil is distinct from m.desil then $2::date else f.desil_period end,
       provenance = ${provenance(FAMILY_FIELDS, 'f', 'm')},
       last_import_id = $1, last_seen_period = $2::date, review_reason = null, updated_at = now()
     from merge_families m
     where f.no_kk = m.no_kk and (f.last_seen_period is null or f.last_seen_period <= $2::date)
       and ${tuple(FAMILY_FIELDS, 'f')} is distinct from ${tuple(FAMILY_FIELDS, 'm')}`,
    p.slice(0, 2),
  );
  const famInserted = await count(
    s,
    `insert into families (no_kk, ${cols(FAMILY_FIELDS)}, desil_period, source_kind, synthetic, provenance,
       first_import_id, last_import_id, last_seen_period)
     select m.no_kk, ${cols(FAMILY_FIELDS, 'm.')}, case when m.desil is not null then $2::date end, $3, $4,
       ${firstProvenance(FAMILY_FIELDS, 'm')}, $1, $1, $2::date
     from merge_families m where not exists (select 1 from families f where f.no_kk = m.no_kk)`,
    p,
  );
  // A family seen again in a newer snapshot, unchanged: note when it was last seen (not a change).
  await s.query(
    `update families f set last_seen_period = $1::date, review_reason = null
     from merge_families m where f.no_kk = m.no_kk and f.last_seen_period < $1::date`,
    [input.period],
  );
  const [famTotal] = await s.query<{ n: number }>('select count(*)::int as n from merge_families');

  // 4. Persons, with their family id.
  await s.query(
    `create temp table merge_persons on commit drop as
     select distinct on (st.nik) st.nik, st.no_kk, f.id as family_id, ${cols(PERSON_FIELDS, 'st.')}
     from registry_stage st join families f on f.no_kk = st.no_kk
     where st.import_id = $1 order by st.nik, st.row`,
    [input.importId],
  );
  await s.exec('create index on merge_persons (nik)');
  const personCompare: FieldDef[] = [{ field: 'familyId', column: 'family_id', kind: 'int' }, ...PERSON_FIELDS];
  const perUpdated = await count(
    s,
    `update persons pe set ${setList(personCompare, 'm')},
       provenance = ${provenance(PERSON_FIELDS, 'pe', 'm')},
       last_import_id = $1, last_seen_period = $2::date, review_reason = null, updated_at = now()
     from merge_persons m
     where pe.nik = m.nik and (pe.last_seen_period is null or pe.last_seen_period <= $2::date)
       and ${tuple(personCompare, 'pe')} is distinct from ${tuple(personCompare, 'm')}`,
    p.slice(0, 2),
  );
  const perInserted = await count(
    s,
    `insert into persons (nik, family_id, ${cols(PERSON_FIELDS)}, synthetic, provenance, first_import_id, last_import_id, last_seen_period)
     select m.nik, m.family_id, ${cols(PERSON_FIELDS, 'm.')}, $3, ${firstProvenance(PERSON_FIELDS, 'm')}, $1, $1, $2::date
     from merge_persons m where not exists (select 1 from persons pe where pe.nik = m.nik)`,
    [input.importId, input.period, input.synthetic],
  );
  await s.query(
    `update persons pe set last_seen_period = $1::date, review_reason = null
     from merge_persons m where pe.nik = m.nik and pe.last_seen_period < $1::date`,
    [input.period],
  );
  const [perTotal] = await s.query<{ n: number }>('select count(*)::int as n from merge_persons');

  // 5. Nobody is deleted. Members missing from their family's newer snapshot, and (for a full
  //    snapshot) families missing from their village's newer snapshot, are flagged for review.
  let flagged = await count(
    s,
    `update persons pe set review_reason = 'missing_from_snapshot'
     from families f join merge_families m on m.no_kk = f.no_kk
     where pe.family_id = f.id and pe.status = 'present' and pe.review_reason is null
       and pe.last_seen_period < $1::date
       and not exists (select 1 from merge_persons mp where mp.nik = pe.nik)`,
    [input.period],
  );
  if (input.fullSnapshot) {
    flagged += await count(
      s,
      `update families f set review_reason = 'missing_from_snapshot'
       where f.status = 'active' and f.review_reason is null and f.source_kind = $3
         and f.last_seen_period < $2::date
         and f.village_code in (select distinct village_code from merge_families)
         and not exists (select 1 from merge_families m where m.no_kk = f.no_kk)
         and f.last_import_id is distinct from $1`,
      p.slice(0, 3),
    );
  }

  // 6. History: a snapshot per family whose content differs from its latest earlier snapshot.
  await s.query(
    `create temp table merge_members on commit drop as
     select no_kk, jsonb_agg(jsonb_build_object('nik', nik, ${PERSON_FIELDS.filter((d) => d.field !== 'nameKey')
       .map((d) => `'${d.field}', ${d.column}`)
       .join(', ')}) order by nik) as members
     from merge_persons group by no_kk`,
    [],
  );
  await s.exec('create index on merge_members (no_kk)');
  await s.query(
    `insert into family_snapshots (family_id, import_id, period, source_kind, desil, data)
     select f.id, $1, $2::date, $3, m.desil, d.data
     from merge_families m join families f on f.no_kk = m.no_kk
     left join merge_members mm on mm.no_kk = m.no_kk
     cross join lateral (select jsonb_build_object(${FAMILY_FIELDS.map((x) => `'${x.field}', m.${x.column}`).join(', ')},
       'members', coalesce(mm.members, '[]'::jsonb)) as data) d
     where d.data is distinct from (
       select fs.data from family_snapshots fs where fs.family_id = f.id and fs.period <= $2::date
       order by fs.period desc, fs.id desc limit 1)`,
    p.slice(0, 3),
  );

  await s.query('delete from registry_stage where import_id = $1', [input.importId]);
  const famN = famTotal?.n ?? 0;
  const perN = perTotal?.n ?? 0;
  return {
    families: { inserted: famInserted, updated: famUpdated, unchanged: famN - famInserted - famUpdated },
    persons: { inserted: perInserted, updated: perUpdated, unchanged: perN - perInserted - perUpdated },
    flaggedForReview: flagged,
    rejectedInMerge: conflicts[0]?.n ?? 0,
  };
}
