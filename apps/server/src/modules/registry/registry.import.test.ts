/**
 * The import pipeline against a real database (PGlite, or PostgreSQL with DB_ENGINE=pg):
 * synthetic quarterly snapshots of one registry, hand-made files whose names and numbers the test
 * controls, and the generator's messy mode whose defects are known row by row.
 *
 * The first block is one story told in steps (snapshot 1, again, dry run, snapshot 2, snapshot 1
 * late): its tests run in order on one registry. Expectations are computed from the files, not
 * copied from a run. Each block that loads a synthetic registry has its own database: two seeds
 * may produce the same NIK.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportSummary, SourceKind } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { TEST_SCOPE } from '../../test/global-setup.ts';
import { createTestContext, makeUser, type TestContext } from '../../test/harness.ts';
import type { Actor } from '../auth/actor.ts';
import { type ImportOptions, ImportRejected, runImport, sweepAbandonedImports } from './registry.import.ts';
import {
  actorFor,
  familiesCsv,
  makeNik,
  makeNoKk,
  readGeneratedCsv,
  registryState,
  removeTmpFiles,
  tmpFile,
  writeTmp,
} from './registry.test-support.ts';
import { FAMILY_FIELDS, PERSON_FIELDS } from './registry-fields.ts';
import type { RowDefect } from './synthetic/defects.ts';
import { REGISTRY_CSV_COLUMNS, type WriteSummary, writeRegistryFile } from './synthetic/generate.ts';

const BASE = '2026-03-31';
const NEXT = '2026-06-30';

function load(ctx: TestContext, filePath: string, opts: Partial<ImportOptions> & { period: string; sourceKind?: SourceKind }) {
  return runImport(ctx.database, {
    filePath,
    fileName: path.basename(filePath),
    sourceKind: 'synthetic',
    scope: TEST_SCOPE,
    ...opts,
  });
}

interface IssueRow {
  row: number;
  column: string;
  field: string | null;
  value: string;
  code: string;
  severity: string;
  message: string;
}
const issuesOf = (ctx: TestContext, importId: number | null) =>
  rows<IssueRow>(
    ctx.database.db,
    sql`select row, "column", field, value, code, severity, message from registry_import_issues where import_id = ${importId} order by row, id`,
  );

const importRecord = async (ctx: TestContext, id: number | null) => {
  const [r] = await rows<{ status: string; rejected_rows: number; rows_read: number; error: string | null; finished_at: string | null }>(
    ctx.database.db,
    sql`select status, rejected_rows, rows_read, error, finished_at::text from registry_imports where id = ${id}`,
  );
  return r;
};

const familyIdOf = async (ctx: TestContext, noKk: string) => {
  const [r] = await rows<{ id: number }>(ctx.database.db, sql`select id from families where no_kk = ${noKk}`);
  return r?.id;
};

/** Per No KK: the family's cells (same on every member row) and its members' cells by NIK. */
function byFamily(file: string) {
  const familyCols = FAMILY_FIELDS.map((d) => d.field as string);
  const personCols = PERSON_FIELDS.filter((d) => d.field !== 'nameKey').map((d) => d.field as string);
  const families = new Map<string, { cells: Record<string, string>; members: Map<string, Record<string, string>> }>();
  for (const r of readGeneratedCsv(file)) {
    const noKk = r.noKk as string;
    let f = families.get(noKk);
    if (!f) {
      f = { cells: Object.fromEntries(familyCols.map((c) => [c, r[c] ?? ''])), members: new Map() };
      families.set(noKk, f);
    }
    f.members.set(r.nik as string, Object.fromEntries(personCols.map((c) => [c, r[c] ?? ''])));
  }
  return { families, familyCols, personCols };
}

const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) === JSON.stringify(b);

/** The indexes and constraints of the registry tables: definitions, and the index oids (new after a rebuild). */
async function registryCatalog(ctx: TestContext) {
  const list = await rows<{ def: string; oid: number }>(
    ctx.database.db,
    sql`select indexdef as def, (quote_ident(schemaname) || '.' || quote_ident(indexname))::regclass::oid::int as oid from pg_indexes
        where tablename in ('families', 'persons', 'family_snapshots')
        union all
        select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid), 0 from pg_constraint
        where conrelid in ('families'::regclass, 'persons'::regclass, 'family_snapshots'::regclass)
        order by 1`,
  );
  return { defs: list.map((r) => r.def), oids: list.filter((r) => r.oid !== 0).map((r) => r.oid) };
}

describe('one registry over two quarterly snapshots', () => {
  let ctx: TestContext;
  let admin: Actor;
  let s1: { file: string; gen: WriteSummary };
  let s2: { file: string; gen: WriteSummary };
  const ids: { first?: number; second?: number } = {};
  /** A registered person as a file row would carry them (sex and birth date agree with the NIK). */
  const somePerson = async (order: 'asc' | 'desc') => {
    const [p] = await rows<{ nik: string; name: string; sex: 'male' | 'female'; birthDate: string; familyId: number }>(
      ctx.database.db,
      sql`select nik, name, sex, to_char(birth_date, 'YYYY-MM-DD') as "birthDate", family_id as "familyId" from persons
          order by id ${order === 'asc' ? sql`asc` : sql`desc`} limit 1`,
    );
    if (!p) throw new Error('no person');
    return p;
  };
  let dry: ImportSummary;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = actorFor(await makeUser(ctx, 'admin'));
    const opts = { scope: TEST_SCOPE, families: 300, seed: 11, basePeriod: BASE };
    const f1 = tmpFile('dtsen-s1.csv');
    const f2 = tmpFile('dtsen-s2.csv');
    s1 = { file: f1, gen: await writeRegistryFile(f1, { ...opts, snapshot: 1 }) };
    s2 = { file: f2, gen: await writeRegistryFile(f2, { ...opts, snapshot: 2 }) };
    expect(s2.gen.period).toBe(NEXT);
  });
  afterAll(() => ctx.close());

  it('snapshot 1: every family and person inserted, none rejected, values as in the file', async () => {
    const catalog = await registryCatalog(ctx);
    const summary = await load(ctx, s1.file, { period: BASE });
    // a first load is a bulk merge: the secondary indexes and foreign keys were rebuilt, as they were
    const rebuilt = await registryCatalog(ctx);
    expect(rebuilt.defs).toEqual(catalog.defs);
    expect(rebuilt.defs.some((d) => d.includes('gin_trgm_ops'))).toBe(true);
    expect(rebuilt.defs.filter((d) => d.includes('FOREIGN KEY')).length).toBeGreaterThanOrEqual(3);
    expect(rebuilt.oids.filter((o) => !catalog.oids.includes(o)).length).toBeGreaterThanOrEqual(5);
    ids.first = summary.importId ?? undefined;
    expect(summary).toMatchObject({
      status: 'completed',
      rowsRead: s1.gen.rows,
      rejectedRows: 0,
      flaggedForReview: 0,
      families: { inserted: s1.gen.families, updated: 0, unchanged: 0 },
      persons: { inserted: s1.gen.persons, updated: 0, unchanged: 0 },
    });
    expect(await registryState(ctx.database)).toMatchObject({
      families: 300,
      persons: s1.gen.persons,
      snapshots: 300,
      staged: 0,
    });
    expect(await importRecord(ctx, summary.importId)).toMatchObject({ status: 'completed', rejected_rows: 0, rows_read: s1.gen.rows });

    // what was stored is what the file says (desil, RT and the toilet of every family)
    const stored = await rows<{ no_kk: string; desil: number | null; rt: string | null; toilet: string | null }>(
      ctx.database.db,
      sql`select no_kk, desil, rt, toilet from families`,
    );
    const { families } = byFamily(s1.file);
    expect(stored).toHaveLength(families.size);
    for (const f of stored) {
      const cells = families.get(f.no_kk)?.cells;
      expect({ desil: f.desil === null ? '' : String(f.desil), rt: f.rt ?? '', toilet: f.toilet ?? '' }, f.no_kk).toEqual({
        desil: cells?.desil,
        rt: cells?.rt,
        toilet: cells?.toilet,
      });
    }
  });

  it('re-importing the same file changes nothing: every row and every table is identical', async () => {
    const before = await registryState(ctx.database);
    const catalog = await registryCatalog(ctx);
    const summary = await load(ctx, s1.file, { period: BASE });
    expect(await registryCatalog(ctx), 'not a bulk merge: no index rebuilt').toEqual(catalog);
    expect(summary).toMatchObject({
      status: 'completed',
      rejectedRows: 0,
      flaggedForReview: 0,
      families: { inserted: 0, updated: 0, unchanged: s1.gen.families },
      persons: { inserted: 0, updated: 0, unchanged: s1.gen.persons },
    });
    expect(await registryState(ctx.database)).toEqual(before);
  });

  it('snapshots stored before content hashes existed (jsonb text, no hash) are compared by value: the same file adds none', async () => {
    // what the migration to json + content_hash leaves: the jsonb text of each snapshot, no hash
    await ctx.database.exec('update family_snapshots set data = data::jsonb::json, content_hash = null');
    const before = await registryState(ctx.database);
    const summary = await load(ctx, s1.file, { period: BASE });
    expect(summary.families).toEqual({ inserted: 0, updated: 0, unchanged: s1.gen.families });
    expect(await registryState(ctx.database)).toEqual(before);
  });

  it('a ;-delimited CSV with a BOM and an XLSX of the same snapshot read to the same values (all unchanged)', async () => {
    const before = await registryState(ctx.database);

    const semi = tmpFile('dtsen-s1-semicolon.csv');
    await writeRegistryFile(semi, { scope: TEST_SCOPE, families: 300, seed: 11, basePeriod: BASE, delimiter: ';' });
    fs.writeFileSync(semi, Buffer.concat([Buffer.from('\ufeff'), fs.readFileSync(semi)]));
    expect(fs.readFileSync(semi, 'utf8').split('\n')[0]).toContain(';noKk;');
    const fromSemi = await load(ctx, semi, { period: BASE });
    expect(fromSemi).toMatchObject({
      rowsRead: s1.gen.rows,
      rejectedRows: 0,
      families: { inserted: 0, updated: 0, unchanged: 300 },
      persons: { inserted: 0, updated: 0, unchanged: s1.gen.persons },
    });

    // XLSX as an export tool writes it: identifiers as text, desil, floor area and VA as numbers
    const xlsx = tmpFile('dtsen-s1.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DTSEN');
    ws.addRow([...REGISTRY_CSV_COLUMNS]);
    const numeric = new Set(['desil', 'floorAreaM2', 'electricityVa']);
    for (const r of readGeneratedCsv(s1.file)) {
      ws.addRow(REGISTRY_CSV_COLUMNS.map((c) => (numeric.has(c) && r[c] ? Number(r[c]) : (r[c] ?? ''))));
    }
    await wb.xlsx.writeFile(xlsx);
    const fromXlsx = await load(ctx, xlsx, { period: BASE });
    expect(fromXlsx).toMatchObject({
      rowsRead: s1.gen.rows,
      rejectedRows: 0,
      families: { inserted: 0, updated: 0, unchanged: 300 },
      persons: { inserted: 0, updated: 0, unchanged: s1.gen.persons },
    });
    expect(await registryState(ctx.database)).toEqual(before);
  });

  it('a dry run of snapshot 2 changes nothing and is recorded as dry_run', async () => {
    const before = await registryState(ctx.database);
    dry = await load(ctx, s2.file, { period: NEXT, dryRun: true });
    expect(dry).toMatchObject({ status: 'dry_run', dryRun: true, rejectedRows: 0, rowsRead: s2.gen.rows });
    expect(dry.families.updated).toBeGreaterThan(0);
    expect(await registryState(ctx.database)).toEqual(before);
    expect(await importRecord(ctx, dry.importId)).toMatchObject({ status: 'dry_run', rows_read: s2.gen.rows });
  });

  it('snapshot 2 updates what changed, adds new families and births, flags members gone and deletes no one', async () => {
    const a = byFamily(s1.file);
    const b = byFamily(s2.file);
    const newFamilies = [...b.families.keys()].filter((k) => !a.families.has(k));
    const changedFamilies = [...b.families.keys()].filter(
      (k) => a.families.has(k) && !same(a.families.get(k)?.cells ?? {}, b.families.get(k)?.cells ?? {}),
    );
    const niks = (x: typeof a) => new Map([...x.families.values()].flatMap((f) => [...f.members.entries()]));
    const n1 = niks(a);
    const n2 = niks(b);
    const born = [...n2.keys()].filter((k) => !n1.has(k));
    const gone = [...n1.keys()].filter((k) => !n2.has(k));
    const changedPersons = [...n2.keys()].filter((k) => n1.has(k) && !same(n1.get(k) ?? {}, n2.get(k) ?? {}));
    // a new snapshot for each family whose fields or members (with their values) differ
    const content = (f: { cells: Record<string, string>; members: Map<string, Record<string, string>> } | undefined) =>
      f ? JSON.stringify([f.cells, [...f.members.entries()].sort(([x], [y]) => x.localeCompare(y))]) : '';
    const newSnapshots = [...b.families.keys()].filter((k) => content(a.families.get(k)) !== content(b.families.get(k)));
    expect(newFamilies).toHaveLength(6); // 2 % of 300
    expect(changedFamilies.length).toBeGreaterThan(0);
    expect(born.length).toBeGreaterThan(newFamilies.length);
    expect(gone.length).toBeGreaterThan(0);

    const before = await registryState(ctx.database);
    const summary = await load(ctx, s2.file, { period: NEXT });
    ids.second = summary.importId ?? undefined;
    expect(summary).toMatchObject({
      status: 'completed',
      rejectedRows: 0,
      flaggedForReview: gone.length,
      families: { inserted: newFamilies.length, updated: changedFamilies.length, unchanged: 300 - changedFamilies.length },
      persons: { inserted: born.length, updated: changedPersons.length, unchanged: n2.size - born.length - changedPersons.length },
    });
    // the dry run said exactly this
    const counts = (s: ImportSummary) => ({
      rowsRead: s.rowsRead,
      families: s.families,
      persons: s.persons,
      rejectedRows: s.rejectedRows,
      flaggedForReview: s.flaggedForReview,
    });
    expect(counts(dry)).toEqual(counts(summary));

    const after = await registryState(ctx.database);
    expect(after.families).toBe(306);
    expect(after.persons).toBe(before.persons + born.length); // never fewer
    expect(after.snapshots).toBe(before.snapshots + newSnapshots.length);

    const flagged = await rows<{ nik: string; status: string }>(
      ctx.database.db,
      sql`select nik, status from persons where review_reason = 'missing_from_snapshot'`,
    );
    expect(flagged.map((p) => p.nik).sort()).toEqual([...gone].sort());
    expect(new Set(flagged.map((p) => p.status))).toEqual(new Set(['present']));
  });

  it('a family whose desil changed keeps both values in its history; each value names the import it came from', async () => {
    const a = byFamily(s1.file);
    const b = byFamily(s2.file);
    const desilChanged = [...b.families.keys()].filter(
      (k) => a.families.has(k) && a.families.get(k)?.cells.desil !== b.families.get(k)?.cells.desil,
    );
    expect(desilChanged.length).toBeGreaterThan(5);
    for (const noKk of desilChanged.slice(0, 6)) {
      const id = await familyIdOf(ctx, noKk);
      const fam = await ctx.services.registry.getFamily(admin, id as number);
      const c1 = a.families.get(noKk)?.cells ?? {};
      const c2 = b.families.get(noKk)?.cells ?? {};
      expect(fam.desilHistory, noKk).toEqual([
        { period: BASE, desil: Number(c1.desil), sourceKind: 'synthetic', importId: ids.first },
        { period: NEXT, desil: Number(c2.desil), sourceKind: 'synthetic', importId: ids.second },
      ]);
      expect(fam.fields.desil).toBe(Number(c2.desil));
      for (const field of a.familyCols) {
        const expected = c1[field] !== c2[field] ? ids.second : c1[field] !== '' ? ids.first : undefined;
        expect(fam.sources[field]?.importId, `${noKk} ${field}`).toBe(expected);
      }
      expect(fam.sources.desil).toMatchObject({ importId: ids.second, period: NEXT, fileName: path.basename(s2.file) });
      // members: same rule per person field
      const m1 = a.families.get(noKk)?.members;
      const m2 = b.families.get(noKk)?.members;
      const niks = await rows<{ id: number; nik: string }>(ctx.database.db, sql`select id, nik from persons where family_id = ${id}`);
      for (const member of fam.members) {
        const nik = niks.find((n) => n.id === member.id)?.nik as string;
        const p1 = m1?.get(nik);
        const p2 = m2?.get(nik);
        for (const field of a.personCols) {
          const expected = !p1
            ? p2?.[field]
              ? ids.second
              : undefined
            : !p2 || p1[field] === p2[field]
              ? p1[field]
                ? ids.first
                : undefined
              : ids.second;
          expect(member.sources[field]?.importId, `${nik} ${field}`).toBe(expected);
        }
        expect(member.reviewReason).toBe(p2 ? null : 'missing_from_snapshot');
      }
    }
  });

  it('importing snapshot 1 again after snapshot 2 overwrites no newer value and adds no history', async () => {
    const before = await registryState(ctx.database);
    const summary = await load(ctx, s1.file, { period: BASE });
    expect(summary).toMatchObject({
      status: 'completed',
      families: { inserted: 0, updated: 0 },
      persons: { inserted: 0, updated: 0 },
      flaggedForReview: 0,
    });
    expect(await registryState(ctx.database)).toEqual(before);

    const a = byFamily(s1.file);
    const b = byFamily(s2.file);
    const noKk = [...b.families.keys()].find((k) => a.families.has(k) && a.families.get(k)?.cells.desil !== b.families.get(k)?.cells.desil);
    const fam = await ctx.services.registry.getFamily(admin, (await familyIdOf(ctx, noKk as string)) as number);
    expect(fam.fields.desil).toBe(Number(b.families.get(noKk as string)?.cells.desil));
    expect(fam.sources.desil?.importId).toBe(ids.second);
    expect(fam.desilHistory).toHaveLength(2);
  });

  it('a NIK already registered in another family is rejected as nik_in_other_family; the person stays where they are', async () => {
    const existing = await somePerson('asc');
    const { text, families } = familiesCsv([
      {
        villageCode: '33.75.03.1009',
        members: [
          { name: 'Darmaji' },
          { nik: existing.nik, name: existing.name, sex: existing.sex, birthDate: existing.birthDate, relationship: 'other' },
        ],
      },
    ]);
    const summary = await load(ctx, writeTmp('pindah.csv', text), { period: NEXT, sourceKind: 'local_survey', fullSnapshot: false });
    expect(summary).toMatchObject({ status: 'completed', rejectedRows: 1, families: { inserted: 1 }, persons: { inserted: 1 } });
    const issues = await issuesOf(ctx, summary.importId);
    expect(issues).toEqual([
      expect.objectContaining({ row: 3, column: 'nik', value: existing.nik, code: 'nik_in_other_family', severity: 'error' }),
    ]);
    const [still] = await rows<{ family_id: number }>(ctx.database.db, sql`select family_id from persons where nik = ${existing.nik}`);
    expect(still?.family_id).toBe(existing.familyId);
    const newFamily = await familyIdOf(ctx, families[0]?.noKk as string);
    const [members] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from persons where family_id = ${newFamily}`,
    );
    expect(members?.n).toBe(1);
  });

  it('a dry run keeps its report: row errors and merge-time rejections survive the rollback', async () => {
    const existing = await somePerson('desc');
    const village = '33.75.01.1003';
    const shortNik = makeNik(village, '1990-01-01', 'male').slice(0, 15);
    const { text } = familiesCsv([
      {
        villageCode: village,
        members: [
          { name: 'Rusdi' },
          { name: 'Tarmi' },
          { name: 'Anak Salah', nik: shortNik },
          { nik: existing.nik, name: 'Orang Lain', sex: existing.sex, birthDate: existing.birthDate, relationship: 'other' },
        ],
      },
    ]);
    const file = writeTmp('uji-kering.csv', text);
    const before = await registryState(ctx.database);
    const dryRun = await load(ctx, file, { period: NEXT, sourceKind: 'local_survey', fullSnapshot: false, dryRun: true });
    expect(await registryState(ctx.database)).toEqual(before);
    expect(await importRecord(ctx, dryRun.importId)).toMatchObject({ status: 'dry_run', rejected_rows: 2, rows_read: 4 });
    const kept = (await issuesOf(ctx, dryRun.importId)).map((i) => `${i.row} ${i.column} ${i.code}`);
    expect(kept).toEqual(['4 nik id_15_digits', '5 nik nik_in_other_family']);

    const real = await load(ctx, file, { period: NEXT, sourceKind: 'local_survey', fullSnapshot: false });
    expect(real.families).toEqual(dryRun.families);
    expect(real.persons).toEqual(dryRun.persons);
    expect(real.rejectedRows).toBe(2);
    expect((await issuesOf(ctx, real.importId)).map((i) => `${i.row} ${i.column} ${i.code}`)).toEqual(kept);
  });

  it('a file without the required columns is refused whole and leaves no family', async () => {
    const before = await registryState(ctx.database);
    const noIds = writeTmp('tanpa-nik.csv', 'nama,alamat,desil\nBudi Santoso,Jl. Sriwijaya 4,2\n');
    const err = await load(ctx, noIds, { period: NEXT, sourceKind: 'dtsen' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    expect((err as Error).message).toMatch(/Required columns not found: .*noKk.*nik/);

    // a complete-looking file that lacks only the NIK column is refused too, not loaded in part
    const { text, families } = familiesCsv([{ villageCode: '33.75.01.1002', members: [{ name: 'Karsono' }] }]);
    const [header = '', ...lines] = text.trim().split('\n');
    const drop = header.split(',').indexOf('nik');
    const cut = (l: string) =>
      l
        .split(',')
        .filter((_, i) => i !== drop)
        .join(',');
    const withoutNik = writeTmp('tanpa-kolom-nik.csv', `${[header, ...lines].map(cut).join('\n')}\n`);
    const err2 = await load(ctx, withoutNik, { period: NEXT, sourceKind: 'dtsen' }).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(ImportRejected);
    const [last] = await rows<{ status: string; error: string }>(
      ctx.database.db,
      sql`select status, error from registry_imports order by id desc limit 1`,
    );
    expect(last).toMatchObject({ status: 'failed', error: expect.stringContaining('nik') });
    expect(await familyIdOf(ctx, families[0]?.noKk as string)).toBeUndefined();
    expect(await registryState(ctx.database)).toEqual(before);
  });

  it('a DTKS pipe file with region names resolves Kalibaros; unknown or ambiguous names are row errors, never a guess', async () => {
    // Kelurahan Kuripan was split into Kuripan Kertoharjo and Kuripan Yosorejo: the old name fits both.
    await ctx.database.db.execute(sql`insert into region_aliases (region_code, alias, alias_key, source) values
      ('33.75.04.1006', 'Kuripan', 'kuripan', 'test'), ('33.75.04.1008', 'Kuripan', 'kuripan', 'test')`);
    const header =
      'iddtks|provinsi|kabupaten_kota|kecamatan|desa_kelurahan|alamat|dusun|rt|rw|nomor_kk|nomor_nik|nama|tanggal_lahir|tempat_lahir|jenis_kelamin|nama_ibu_kandung|hubungan_keluarga';
    const kk = makeNoKk('33.75.02.1012');
    // NIK and No KK of the kecamatan the row claims, so only the village name can be wrong
    const row = (
      id: string,
      region: string,
      village: string,
      noKk: string,
      name: string,
      birth: string,
      sex: 'male' | 'female',
      rel: string,
    ) => {
      const [y, m, d] = birth.split('-');
      const nik = makeNik(village, birth, sex);
      const sexLabel = sex === 'male' ? 'LAKI-LAKI' : 'PEREMPUAN';
      return `${id}|${region}|JL. SULAWESI GG. 3||003|005|${noKk}|${nik}|${name}|${d}-${m}-${y}|PEKALONGAN|${sexLabel}|SITI MUNAWAROH|${rel}`;
    };
    const timur = 'JAWA TENGAH|KOTA PEKALONGAN|PEKALONGAN TIMUR';
    const lines = [
      header,
      row('3375021012000101', `${timur}|KALIBAROS`, '33.75.02.1012', kk, 'WARSONO', '1971-04-09', 'male', 'KEPALA KELUARGA'),
      row('3375021012000101', `${timur}|KALIBAROS`, '33.75.02.1012', kk, 'KHOTIMAH', '1974-12-30', 'female', 'ISTRI'),
      row(
        '3375021012000102',
        `${timur}|KALIBARU`,
        '33.75.02.1012',
        makeNoKk('33.75.02.1012'),
        'SUMARNO',
        '1966-01-15',
        'male',
        'KEPALA KELUARGA',
      ),
      row(
        '3375041006000103',
        'JAWA TENGAH|KOTA PEKALONGAN|PEKALONGAN SELATAN|KURIPAN',
        '33.75.04.1006',
        makeNoKk('33.75.04.1006'),
        'TASRIPAN',
        '1958-07-07',
        'male',
        'KEPALA KELUARGA',
      ),
      row(
        '3375011002000104',
        'JAWA TENGAH|KOTA PEKALONGAN|PEKALONGAN BARAT|KALIBAROS',
        '33.75.01.1002',
        makeNoKk('33.75.01.1002'),
        'CASMURI',
        '1980-03-21',
        'male',
        'KEPALA KELUARGA',
      ),
    ];
    const file = writeTmp('dtks-pekalongan.txt', `${lines.join('\r\n')}\r\n`);
    const summary = await load(ctx, file, { period: NEXT, sourceKind: 'dtks', fullSnapshot: false });
    expect(summary).toMatchObject({ rowsRead: 5, rejectedRows: 3, families: { inserted: 1 }, persons: { inserted: 2 } });

    const [fam] = await rows<{ village_code: string; rt: string; rw: string; source_id: string; members: number }>(
      ctx.database.db,
      sql`select village_code, rt, rw, source_id, (select count(*)::int from persons p where p.family_id = f.id) as members
          from families f where no_kk = ${kk}`,
    );
    expect(fam).toEqual({ village_code: '33.75.02.1012', rt: '003', rw: '005', source_id: '3375021012000101', members: 2 });

    const errors = (await issuesOf(ctx, summary.importId)).filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.row, i.column, i.code])).toEqual([
      [4, 'desa_kelurahan', 'village_name_unknown'],
      [5, 'desa_kelurahan', 'village_name_ambiguous'],
      [6, 'desa_kelurahan', 'village_name_unknown'],
    ]);
    expect(errors[1]?.message).toContain('33.75.04.1006');
    expect(errors[1]?.message).toContain('33.75.04.1008');
    const loaded = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from persons where name in ('SUMARNO', 'TASRIPAN', 'CASMURI')`,
    );
    expect(loaded[0]?.n).toBe(0);
  });

  it('family and person status changes carry a date and reason, clear the review flag, and are audited', async () => {
    const [flagged] = await rows<{ id: number; family_id: number }>(
      ctx.database.db,
      sql`select id, family_id from persons where review_reason = 'missing_from_snapshot' order by id limit 1`,
    );
    if (!flagged) throw new Error('no flagged person');
    const reason = 'Meninggal dunia, akta kematian 3375-KM-2026-0412';
    const afterPerson = await ctx.services.registry.setPersonStatus(admin, flagged.id, { status: 'died', date: '2026-05-14', reason });
    expect(afterPerson.members.find((m) => m.id === flagged.id)).toMatchObject({
      status: 'died',
      statusDate: '2026-05-14',
      statusReason: reason,
      reviewReason: null,
    });

    const familyReason = 'Pindah ke Kabupaten Batang (surat pindah Disdukcapil)';
    const afterFamily = await ctx.services.registry.setFamilyStatus(admin, flagged.family_id, {
      status: 'moved',
      date: '2026-10-01',
      reason: familyReason,
    });
    expect(afterFamily).toMatchObject({ status: 'moved', statusDate: '2026-10-01', statusReason: familyReason });

    const audit = await rows<{ action: string; entity_id: string; actor_id: number; reason: string; before: unknown; after: unknown }>(
      ctx.database.db,
      sql`select action, entity_id, actor_id, reason, before, after from audit_log
          where action in ('person.status', 'family.status') and entity_id in (${String(flagged.id)}, ${String(flagged.family_id)}) order by id`,
    );
    expect(audit).toEqual([
      {
        action: 'person.status',
        entity_id: String(flagged.id),
        actor_id: admin.id,
        reason,
        before: { status: 'present' },
        after: { status: 'died', statusDate: '2026-05-14' },
      },
      {
        action: 'family.status',
        entity_id: String(flagged.family_id),
        actor_id: admin.id,
        reason: familyReason,
        before: { status: 'active', statusDate: null, reviewReason: null },
        after: { status: 'moved', statusDate: '2026-10-01' },
      },
    ]);
  });

  it('sweepAbandonedImports marks a stale running import aborted and removes its staged rows; a live one stays', async () => {
    const before = await registryState(ctx.database);
    const start = async (heartbeatAgo: string) => {
      const [r] = await rows<{ id: number }>(
        ctx.database.db,
        sql`insert into registry_imports (source_kind, period, file_name, file_sha256, status, phase, heartbeat_at)
            values ('dtsen', ${NEXT}, 'terputus.csv', 'x', 'running', 'reading', now() - ${heartbeatAgo}::interval) returning id`,
      );
      const id = r?.id as number;
      for (const n of [2, 3]) {
        await ctx.database.db.execute(sql`insert into registry_stage (import_id, row, no_kk, village_code, nik, name, name_key)
          values (${id}, ${n}, ${makeNoKk('33.75.01.1002')}, '33.75.01.1002', ${makeNik('33.75.01.1002', '1990-01-01', 'male')}, 'Tono', 'tono')`);
      }
      return id;
    };
    const staged = async (id: number) =>
      (await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from registry_stage where import_id = ${id}`))[0]?.n;
    const stale = await start('5 minutes');
    const live = await start('10 seconds');

    expect(await sweepAbandonedImports(ctx.database)).toBe(1);
    expect(await importRecord(ctx, stale)).toMatchObject({
      status: 'aborted',
      error: 'process ended before the import finished',
      finished_at: expect.any(String),
    });
    expect(await staged(stale)).toBe(0);
    expect(await importRecord(ctx, live)).toMatchObject({ status: 'running', finished_at: null });
    expect(await staged(live)).toBe(2);

    // at a PGlite start nobody else can be running: every running import is swept
    expect(await sweepAbandonedImports(ctx.database, { all: true })).toBe(1);
    expect(await importRecord(ctx, live)).toMatchObject({ status: 'aborted' });
    expect(await staged(live)).toBe(0);
    expect(await registryState(ctx.database)).toEqual(before);
  });

  // PostgreSQL only: PGlite has one connection, so nothing can sweep while a merge runs.
  it.runIf(inject('engine') === 'pg')('a sweep during a long merge (no heartbeat while merging) leaves the live import alone', async () => {
    const pool = ctx.database.raw.pool;
    if (!pool) throw new Error('no pool');
    const { text, families } = familiesCsv([{ villageCode: '33.75.04.1002', members: [{ name: 'Sarwono' }, { name: 'Jumiati' }] }]);
    // Hold the merge inside its transaction, between reading the staged families and their members:
    // another session locks `families` against writes, so the merge waits at its first write.
    const blocker = await pool.connect();
    await blocker.query('begin');
    await blocker.query('lock table families in share row exclusive mode');
    let importId = 0;
    const running = load(ctx, writeTmp('lama.csv', text), {
      period: NEXT,
      sourceKind: 'local_survey',
      fullSnapshot: false,
      onStarted: (id) => {
        importId = id;
      },
    });
    try {
      for (let i = 0; ; i++) {
        const { rows: waiting } = await pool.query(
          "select 1 from pg_locks where not granted and relation = 'families'::regclass and mode = 'RowExclusiveLock'",
        );
        if (waiting.length > 0) break;
        if (i > 400) throw new Error('the merge never reached the families table');
        await new Promise((r) => setTimeout(r, 25));
      }
      // `all: true` ignores the heartbeat: it stands for a merge that has run past 2 minutes
      expect(await sweepAbandonedImports(ctx.database, { all: true })).toBe(0);
    } finally {
      await blocker.query('commit');
      blocker.release();
    }
    const summary = await running;
    expect(summary).toMatchObject({ status: 'completed', families: { inserted: 1 }, persons: { inserted: 2 } });
    expect(await importRecord(ctx, importId)).toMatchObject({ status: 'completed' });
    const id = await familyIdOf(ctx, families[0]?.noKk as string);
    const [members] = await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from persons where family_id = ${id}`);
    expect(members?.n).toBe(2);
  });
});

describe('a messy file (5 % of rows spoiled, as registry exports are)', () => {
  let ctx: TestContext;
  let file: string;
  let gen: WriteSummary;
  let defects: RowDefect[];
  let dryIssues: string[];
  let dry: ImportSummary;

  beforeAll(async () => {
    ctx = await createTestContext();
    file = tmpFile('dtsen-messy.csv');
    gen = await writeRegistryFile(file, { scope: TEST_SCOPE, families: 300, seed: 21, basePeriod: BASE, messy: 0.05 });
    defects = JSON.parse(fs.readFileSync(`${file}.defects.json`, 'utf8')) as RowDefect[];
    expect(defects.length).toBe(gen.defects);
    expect(defects.length).toBeGreaterThan(20);
  });
  afterAll(async () => {
    await ctx.close();
    removeTmpFiles();
  });

  const describeIssues = (list: IssueRow[]) => list.map((i) => `${i.row} ${i.column} ${i.code} ${i.severity}`).sort();

  it('a dry run reports every defect and loads nothing', async () => {
    const before = await registryState(ctx.database);
    dry = await load(ctx, file, { period: BASE, dryRun: true });
    expect(dry.rejectedRows).toBe(defects.length);
    expect(await registryState(ctx.database)).toEqual(before);
    dryIssues = describeIssues(await issuesOf(ctx, dry.importId));
    expect(dryIssues.length).toBeGreaterThanOrEqual(defects.length);
  });

  it('the real run rejects exactly the spoiled rows, each with an error on its column, and loads every other row', async () => {
    const summary = await load(ctx, file, { period: BASE });
    const issues = await issuesOf(ctx, summary.importId);
    const errors = issues.filter((i) => i.severity === 'error');
    const lines = defects.map((d) => d.line);
    expect([...new Set(errors.map((i) => i.row))].sort((x, y) => x - y)).toEqual([...new Set(lines)].sort((x, y) => x - y));
    for (const d of defects) {
      const onColumn = errors.filter((i) => i.row === d.line && i.column === d.column);
      expect(onColumn.length, `${d.defect} on line ${d.line} (${d.column})`).toBeGreaterThanOrEqual(1);
    }
    expect(summary.rejectedRows).toBe(defects.length);

    // every other row is in the registry, as its person and in its family
    const all = readGeneratedCsv(file);
    const spoiled = new Set(defects.map((d) => d.row));
    const clean = all.filter((_, i) => !spoiled.has(i + 1));
    const stored = await rows<{ nik: string; no_kk: string }>(
      ctx.database.db,
      sql`select p.nik, f.no_kk from persons p join families f on f.id = p.family_id`,
    );
    expect(stored.map((p) => `${p.nik} ${p.no_kk}`).sort()).toEqual(clean.map((r) => `${r.nik} ${r.noKk}`).sort());
    expect(summary.persons.inserted).toBe(gen.rows - defects.length);
    expect(summary.families.inserted).toBe(new Set(clean.map((r) => r.noKk)).size);

    // the dry run reported the same
    expect(describeIssues(issues)).toEqual(dryIssues);
    expect({ families: dry.families, persons: dry.persons, flagged: dry.flaggedForReview }).toEqual({
      families: summary.families,
      persons: summary.persons,
      flagged: summary.flaggedForReview,
    });
  });
});
