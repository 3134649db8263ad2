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
 *
 * Speed (bench/README.md, Registry): a load that at least doubles the registry ("bulk") drops the
 * secondary indexes and foreign keys of `families` and `persons` inside this transaction and builds
 * them again after the insert (one sort per index instead of 3.5 M index insertions and FK checks);
 * a kill before the commit leaves them as they were. Snapshots are compared by a content hash, so
 * their JSON is built only for families that changed.
 */
import type { Session } from '../../db/client.ts';
import { FAMILY_FIELDS, type FieldDef, PERSON_FIELDS } from './registry-fields.ts';

export interface MergeInput {
  importId: number;
  period: string;
  sourceKind: string;
  synthetic: boolean;
  fullSnapshot: boolean;
  /** test hook: called once a bulk load has dropped the indexes and foreign keys it rebuilds */
  afterBulkDrop?: () => void;
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
/**
 * provenance || {field: importId for each field whose value changes}. A row inserted by an import
 * starts with an empty provenance: a value without an entry comes from its `first_import_id`
 * (registry.service.ts reads it so; decision 0007).
 */
const provenance = (defs: readonly FieldDef[], cur: string, src: string) =>
  `${cur}.provenance || jsonb_strip_nulls(jsonb_build_object(${defs
    .map((d) => `'${d.field}', case when ${cur}.${d.column} is distinct from ${src}.${d.column} then $1::int end`)
    .join(', ')}))`;

async function count(s: Session, text: string, params: unknown[]): Promise<number> {
  const [r] = await s.query<{ n: number }>(`with x as (${text} returning 1) select count(*)::int as n from x`, params);
  return r?.n ?? 0;
}

/** Snapshot members: every person field but the search key. */
const MEMBER_FIELDS = PERSON_FIELDS.filter((d) => d.field !== 'nameKey');
const named = (defs: readonly FieldDef[], src: string) => defs.map((d) => `${src}.${d.column} as "${d.field}"`).join(', ');
/**
 * A family as one import saw it: its fields and its members (ordered by NIK) as JSON text,
 * built by row_to_json / json_agg (PostgreSQL's text JSON: no jsonb conversion, the cheaper
 * build). The same file gives the same text, so md5 of it is the snapshot's content hash.
 */
const membersJson = (p: string) => `json_agg((select x from (select ${p}.nik, ${named(MEMBER_FIELDS, p)}) x) order by ${p}.nik)`;
const familyJson = (m: string, members: string) =>
  `(select row_to_json(x) from (select ${named(FAMILY_FIELDS, m)}, ${members} as members) x)`;

/** What a bulk load drops and builds again: the statements, in order. */
interface Deferred {
  drop: string[];
  restore: string[];
}

/**
 * The secondary indexes (not the primary key, not backing a constraint) and the foreign keys of
 * `table`, read from the catalog so that what is rebuilt is exactly what the migrations made.
 */
async function deferrable(s: Session, table: string, what: { indexes: boolean } = { indexes: true }): Promise<Deferred> {
  const indexes = !what.indexes
    ? []
    : await s.query<{ name: string; def: string }>(
        `select quote_ident(c.relname) as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i join pg_class c on c.oid = i.indexrelid
     where i.indrelid = $1::regclass and not i.indisprimary
       and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by c.relname`,
        [table],
      );
  const fks = await s.query<{ name: string; def: string }>(
    `select quote_ident(conname) as name, pg_get_constraintdef(oid) as def from pg_constraint
     where conrelid = $1::regclass and contype = 'f' order by conname`,
    [table],
  );
  return {
    drop: [...fks.map((k) => `alter table ${table} drop constraint ${k.name}`), ...indexes.map((i) => `drop index ${i.name}`)],
    restore: [...indexes.map((i) => i.def), ...fks.map((k) => `alter table ${table} add constraint ${k.name} ${k.def}`)],
  };
}

async function run(s: Session, statements: string[]): Promise<void> {
  for (const text of statements) await s.exec(text);
}

/**
 * In-file duplicates: a NIK on a second row of the file is rejected (its first row is kept), with
 * an issue naming the first row. One window pass over the staged rows. Returns the rejected rows.
 */
async function rejectInFileDuplicates(s: Session, importId: number): Promise<number> {
  await s.exec('drop table if exists merge_dups');
  await s.query(
    `create temp table merge_dups on commit drop as
     select row, nik, no_kk, first_row, first_kk from (
       select row, nik, no_kk, first_value(row) over w as first_row, first_value(no_kk) over w as first_kk,
              row_number() over w as k
       from registry_stage where import_id = $1 window w as (partition by nik order by row)) d
     where k > 1`,
    [importId],
  );
  const [dup] = await s.query<{ n: number }>(
    `with ins as (
       insert into registry_import_issues (import_id, row, "column", field, value, code, severity, message, message_en)
       select $1, row, 'nik', 'nik', nik,
         case when no_kk = first_kk then 'nik_duplicate_in_file' else 'person_in_two_families' end, 'error',
         case when no_kk = first_kk then 'NIK sama dengan baris ' || first_row
              else 'Orang yang sama (NIK) juga tercatat di keluarga lain pada baris ' || first_row end,
         case when no_kk = first_kk then 'Same NIK as row ' || first_row
              else 'The same person (NIK) is also listed in another family on row ' || first_row end
       from merge_dups returning row)
     select count(distinct row)::int as n from ins`,
    [importId],
  );
  const n = dup?.n ?? 0;
  if (n > 0) await s.query('delete from registry_stage st using merge_dups d where st.import_id = $1 and st.row = d.row', [importId]);
  return n;
}

/**
 * The whole merge of one import's staged rows. `inFileDuplicates` = rows rejected because their
 * NIK appeared on an earlier row of the file (they are not part of `counts`).
 */
export async function mergeStaged(s: Session, input: MergeInput): Promise<{ counts: MergeCounts; inFileDuplicates: number }> {
  const p = [input.importId, input.period, input.sourceKind, input.synthetic];
  // From here on every staged NIK is unique: the first row of a NIK stays.
  const inFileDuplicates = await rejectInFileDuplicates(s, input.importId);
  // The content hash is computed from text output: pin the settings that shape it.
  await s.exec("set local datestyle = 'ISO, MDY'; set local extra_float_digits = 1; set local jit = off");

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
  const rejectedInMerge = conflicts[0]?.n ?? 0;
  if (rejectedInMerge > 0) {
    await s.query('delete from registry_stage st using merge_conflicts c where st.import_id = $1 and st.row = c.row', [input.importId]);
  }

  // 2. This file's families: the head's row carries the family fields.
  await s.exec('drop table if exists merge_families; drop table if exists merge_persons;');
  await s.query(
    `create temp table merge_families on commit drop as
     select distinct on (no_kk) no_kk, ${cols(FAMILY_FIELDS)}
     from registry_stage where import_id = $1
     order by no_kk, (relationship = 'head') desc nulls last, row`,
    [input.importId],
  );
  await s.exec('create index on merge_families (no_kk); analyze merge_families');

  // A load that at least doubles the registry rebuilds the secondary indexes and foreign keys of
  // families and persons after its inserts instead of maintaining them row by row. The locks
  // (ACCESS EXCLUSIVE until the commit) make readers wait for the merge: acceptable for such loads.
  const [size] = await s.query<{ fresh: number; existing: number }>(
    `select (select count(*) from merge_families m where not exists (select 1 from families f where f.no_kk = m.no_kk))::int as fresh,
            (select count(*) from families)::int as existing`,
  );
  const bulk = (size?.fresh ?? 0) > 0 && (size?.fresh ?? 0) >= (size?.existing ?? 0);
  let famDeferred: Deferred = { drop: [], restore: [] };
  let perDeferred: Deferred = { drop: [], restore: [] };
  if (bulk) {
    await s.exec('lock table families, persons in access exclusive mode');
    famDeferred = await deferrable(s, 'families');
    perDeferred = await deferrable(s, 'persons');
    await run(s, [...perDeferred.drop, ...famDeferred.drop]);
    input.afterBulkDrop?.();
  }

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
    `insert into families (no_kk, ${cols(FAMILY_FIELDS)}, desil_period, source_kind, synthetic,
       first_import_id, last_import_id, last_seen_period)
     select m.no_kk, ${cols(FAMILY_FIELDS, 'm.')}, case when m.desil is not null then $2::date end, $3, $4, $1, $1, $2::date
     from merge_families m where not exists (select 1 from families f where f.no_kk = m.no_kk)`,
    p,
  );
  await run(s, famDeferred.restore);
  // A family seen again in a newer snapshot, unchanged: note when it was last seen (not a change).
  await s.query(
    `update families f set last_seen_period = $1::date, review_reason = null
     from merge_families m where f.no_kk = m.no_kk and f.last_seen_period < $1::date`,
    [input.period],
  );
  const [famTotal] = await s.query<{ n: number }>('select count(*)::int as n from merge_families');

  // 4. Persons, with their family id.
  // (NIKs are unique here; sorted by NIK, the rows make the index below and the joins on NIK cheap)
  await s.query(
    `create temp table merge_persons on commit drop as
     select st.nik, st.no_kk, f.id as family_id, ${cols(PERSON_FIELDS, 'st.')}
     from registry_stage st join families f on f.no_kk = st.no_kk
     where st.import_id = $1 order by st.nik`,
    [input.importId],
  );
  await s.exec('create index on merge_persons (nik); analyze merge_persons');
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
    `insert into persons (nik, family_id, ${cols(PERSON_FIELDS)}, synthetic, first_import_id, last_import_id, last_seen_period)
     select m.nik, m.family_id, ${cols(PERSON_FIELDS, 'm.')}, $3, $1, $1, $2::date
     from merge_persons m where not exists (select 1 from persons pe where pe.nik = m.nik)`,
    [input.importId, input.period, input.synthetic],
  );
  await run(s, perDeferred.restore);
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

  // 6. History: a snapshot per family whose content differs from its latest earlier snapshot
  //    (none for a family this import inserted). Compared by content hash; a latest snapshot
  //    written before hashes existed is compared by value.
  //    A bulk load checks the snapshots' foreign key once, after the insert, not row by row (its
  //    indexes stay: the lookup of a family's latest snapshot needs them). Snapshot JSON is
  //    compressed with lz4 where the server has it (PostgreSQL builds with lz4; pglz otherwise).
  let snapDeferred: Deferred = { drop: [], restore: [] };
  if (bulk) {
    snapDeferred = await deferrable(s, 'family_snapshots', { indexes: false });
    await run(s, snapDeferred.drop);
  }
  const [lz4] = await s.query<{ ok: boolean }>(
    `select coalesce((select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'), false) as ok`,
  );
  if (lz4?.ok) await s.exec("set local default_toast_compression = 'lz4'");
  await s.query(
    `insert into family_snapshots (family_id, import_id, period, source_kind, desil, data, content_hash)
     select c.family_id, $1, $2::date, $3, c.desil, c.data, c.hash
     from (
       select f.id as family_id, m.desil, d.data, md5(d.data::text) as hash, last.id as last_id, last.content_hash as last_hash
       from merge_families m join families f on f.no_kk = m.no_kk
       left join (select mp.no_kk, ${membersJson('mp')} as members from merge_persons mp group by mp.no_kk) mm on mm.no_kk = m.no_kk
       cross join lateral (select ${familyJson('m', "coalesce(mm.members, '[]'::json)")} as data offset 0) d
       left join lateral (
         select fs.id, fs.content_hash from family_snapshots fs
         where f.first_import_id is distinct from $1 and fs.family_id = f.id and fs.period <= $2::date
         order by fs.period desc, fs.id desc limit 1) last on true
     ) c
     where c.last_id is null
        or (c.last_hash is not null and c.last_hash <> c.hash)
        or (c.last_hash is null and c.data::jsonb is distinct from (select fs.data::jsonb from family_snapshots fs where fs.id = c.last_id))`,
    p.slice(0, 3),
  );
  await run(s, snapDeferred.restore);

  await s.query('delete from registry_stage where import_id = $1', [input.importId]);
  const famN = famTotal?.n ?? 0;
  const perN = perTotal?.n ?? 0;
  return {
    counts: {
      families: { inserted: famInserted, updated: famUpdated, unchanged: famN - famInserted - famUpdated },
      persons: { inserted: perInserted, updated: perUpdated, unchanged: perN - perInserted - perUpdated },
      flaggedForReview: flagged,
      rejectedInMerge,
    },
    inFileDuplicates,
  };
}
