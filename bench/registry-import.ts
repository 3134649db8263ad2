/**
 * Registry import bench: `runImport` of a synthetic registry file (one row per person) end to end,
 * against raw COPY of the very same file into a bare table, measured in the same run.
 *
 *   npx tsx bench/registry-import.ts [--engine pg|pglite|both] [--families 90000] [--scope 33.75] [--runs 1]
 *                                    [--seed 1] [--keep] [--cpu-prof] [--cpu-prof-dir DIR] [--skip-breakdown]
 *                                    [--clean-cache] [--pg-auto-explain MS] [--skip-floor]
 *                                    [--max-old-space MB] [--memory-trace]
 *
 * Per run and engine:
 *   1. the file: generated with `writeRegistryFile` once and cached in $TMPDIR/dampingan-bench-cache,
 *      keyed by scope, families and seed (1 M families for scope 33 = 3.5 M rows, 1.3 GB);
 *   2. a fresh database (PG: new `dampingan_bench_*` database; PGlite: new temp data dir on disk),
 *      migrated, regions loaded, CHECKPOINT (timed apart, not in any rate);
 *   3. baseline: raw COPY of the same file (header skipped, every column as text) into a bare
 *      table without constraints or indexes; then the table is dropped and a CHECKPOINT taken;
 *   4. the import: a child process (`registry-import-child.ts`) opens the database and runs
 *      runImport (sourceKind 'synthetic'); it reports its phases (onProgress), the time of each
 *      staging COPY and of each merge statement, and its peak RSS (VmHWM);
 *   5. the re-import of the same file in a new child (every family and person unchanged);
 *   6. breakdown, not a baseline (skip with --skip-breakdown): the JavaScript half of the import
 *      alone in this process, without a database: parse only, and parse + header map + validate +
 *      staging line (what runImport does per row before COPY);
 *   7. the floor (skip with --skip-floor; registry-floor.ts): the import's end state (families,
 *      persons, snapshots) COPYed from files into empty clones of those tables with their indexes,
 *      the least any importer of this schema must pay; floor/raw and import/floor put the import
 *      between the raw COPY and that floor.
 * Counts are checked after each step. --keep leaves the last run's database for registry-search.ts
 * (PG `dampingan_bench_keep_registry_<scope>_<families>`, PGlite `$TMPDIR/dampingan-bench-keep-registry-…`).
 * --cpu-prof runs the first import child under `node --cpu-prof` and prints where its CPU time went
 * (that run is slower: do not quote it). --clean-cache removes the cached file at the end.
 * --memory-trace echoes the import children's memory every 5 s. --max-old-space MB caps the V8 heap of the import children (node --max-old-space-size): an import
 * that finishes under a cap far smaller than its file shows that its memory does not grow with the
 * file (without a cap V8 lets the heap grow lazily, so peak RSS alone cannot tell).
 * --pg-auto-explain MS (PG, diagnostic, slower) makes the import children's sessions log the plan
 * of every statement slower than MS with EXPLAIN ANALYZE figures and trigger (foreign key) times,
 * through auto_explain, to the PostgreSQL server log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, loadRegions, migrate, openDatabase } from '@dampingan/server';
import { mapHeaders } from '../apps/server/src/modules/registry/import/header-map.ts';
import { readCsvRows } from '../apps/server/src/modules/registry/import/parse-csv.ts';
import { createFamilyMemo, normalizeRow } from '../apps/server/src/modules/registry/import/validate.ts';
import { loadRegionContext } from '../apps/server/src/modules/registry/region-resolver.ts';
import { stageLine } from '../apps/server/src/modules/registry/registry.import.ts';
import {
  benchDbName,
  createBenchDb,
  dropBenchDb,
  type Engine,
  loadLine,
  machineLine,
  main,
  median,
  onCleanup,
  parseEngines,
  parseRuns,
  pgAdminUrl,
  pgServerVersion,
  rate,
  ratio,
  repoRoot,
  round,
  sec,
  table,
  tempDir,
} from './common.ts';
import {
  BENCH_PERIOD,
  copyFileIn,
  countRows,
  gitLine,
  keptPgliteDir,
  keptPgName,
  mib,
  parseFamilies,
  parseScope,
  query,
  type RegistryFileSummary,
  registryFile,
  removeCachedFile,
  spawnNode,
  summarizeCpuProfile,
  tail,
} from './registry-common.ts';
import { type FloorFigures, measureFloor } from './registry-floor.ts';

const now = () => performance.now();

interface ChildResult {
  importMs: number;
  openMs: number;
  preludeMs: number;
  readingMs: number;
  mergeMs: number;
  chunks: number;
  copies: { stage: { n: number; ms: number; rows: number }; issues: { n: number; ms: number; rows: number } };
  copyBoundChunks: number;
  parserBoundGapMs: number;
  mergeStatements: { label: string; ms: number }[];
  rssBefore: number;
  peakSampledRss: number;
  peakParts: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; phase: string };
  vmHwm: number;
  summary: {
    importId: number;
    rowsRead: number;
    rejectedRows: number;
    families: { inserted: number; updated: number; unchanged: number };
    persons: { inserted: number; updated: number; unchanged: number };
    flaggedForReview: number;
    durationMs: number;
  };
  /** spawn → exit, measured by the bench (node + tsx + imports + open + import + close) */
  wallMs: number;
}

interface RunFigures {
  engine: Engine;
  run: number;
  rows: number;
  families: number;
  createMs: number;
  migrateMs: number;
  regionsMs: number;
  rawCopyMs: number;
  imp: ChildResult;
  reimp: ChildResult;
  js: JsFigures;
  /** WAL bytes written during the import / re-import (PG: the whole server, other databases included) */
  floor: FloorFigures | null;
  walImport: number;
  walReimport: number;
  loadAtImport: number;
  dbBytes: number;
}

/** what the sampled RSS peak was made of */
const peakOf = (c: ChildResult) =>
  `(sampled peak ${mib(c.peakSampledRss)} MiB in ${c.peakParts.phase}: V8 heap used ${mib(c.peakParts.heapUsed)} of ${mib(c.peakParts.heapTotal)}, ` +
  `external ${mib(c.peakParts.external)}, array buffers ${mib(c.peakParts.arrayBuffers)})`;
const importRate = (f: RunFigures) => f.rows / (f.imp.importMs / 1000);
const familyRate = (f: RunFigures) => f.families / (f.imp.importMs / 1000);
const rawRate = (f: RunFigures) => f.rows / (f.rawCopyMs / 1000);
const importToRaw = (f: RunFigures) => importRate(f) / rawRate(f);
const reimportRate = (f: RunFigures) => f.rows / (f.reimp.importMs / 1000);
/** raw COPY time ÷ floor time: the best import/raw any importer of this schema could reach */
const floorToRaw = (f: RunFigures) => (f.floor ? f.rawCopyMs / f.floor.floorMs : Number.NaN);
/** floor time ÷ import time: how close the import comes to that floor */
const importToFloor = (f: RunFigures) => (f.floor ? f.floor.floorMs / f.imp.importMs : Number.NaN);

// ---------------------------------------------------------------------------------------------
// Baseline: raw COPY of the file into a bare all-text table.

const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

function headerOf(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const end = text.indexOf('\n');
    if (end < 0) throw new Error(`no header line in ${file}`);
    return text.slice(0, end).replace(/\r$/, '').split(',');
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's columns, all text, no PK, constraint, NOT NULL or index. */
const bareTableDdl = (header: string[]) => `create table bare_registry (${header.map((h) => `${quoteIdent(h)} text`).join(', ')})`;

async function measureRawCopy(database: Database, file: string, rows: number): Promise<number> {
  await database.exec(bareTableDdl(headerOf(file)));
  const t = now();
  const copied = await copyFileIn(database, 'bare_registry', file, 'csv');
  const ms = now() - t;
  const inBare = await countRows(database, 'bare_registry');
  if (copied !== rows || inBare !== rows)
    throw new Error(`raw COPY reported ${copied} rows, bare_registry holds ${inBare}, file has ${rows}`);
  await database.exec('drop table bare_registry');
  await database.exec('checkpoint');
  return ms;
}

// ---------------------------------------------------------------------------------------------
// The import, in a child process.

async function importInChild(
  target: { engine: 'pg'; url: string } | { engine: 'pglite'; dataDir: string },
  file: string,
  scope: string,
  cpuProfDir: string | null,
  maxOldSpaceMiB: number | null,
  memoryTrace = false,
): Promise<ChildResult> {
  const args = [
    ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : []),
    ...(maxOldSpaceMiB ? [`--max-old-space-size=${maxOldSpaceMiB}`] : []),
    '--import',
    'tsx',
    path.join(repoRoot, 'bench', 'registry-import-child.ts'),
    '--engine',
    target.engine,
    ...(target.engine === 'pg' ? ['--url', target.url] : ['--data-dir', target.dataDir]),
    '--file',
    file,
    '--scope',
    scope,
    '--period',
    BENCH_PERIOD,
  ];
  const t = now();
  const child = spawnNode(args, memoryTrace ? { env: { ...process.env, BENCH_MEMORY_TRACE: '1' }, echo: true } : {});
  const exit = await child.exited;
  const wallMs = now() - t;
  if (exit.code !== 0) throw new Error(`import child exited with ${exit.code ?? exit.signal}:\n${tail(child.output)}`);
  const line = child.output.find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`import child printed no result:\n${tail(child.output)}`);
  return { ...(JSON.parse(line.slice('BENCH_RESULT '.length)) as Omit<ChildResult, 'wallMs'>), wallMs };
}

// ---------------------------------------------------------------------------------------------
// Breakdown: the JavaScript half of runImport without a database.

interface JsFigures {
  /** readCsvRows over the file, nothing else */
  parseOnlyMs: number;
  /** parse + header map + normalizeRow + stageLine, as runImport's loop does, without a database */
  jsPipelineMs: number;
  /** of jsPipelineMs: inside normalizeRow (timed per call) */
  validateMs: number;
  /** of jsPipelineMs: inside stageLine + string append (timed per call) */
  stageLineMs: number;
}

const noJs: JsFigures = { parseOnlyMs: Number.NaN, jsPipelineMs: Number.NaN, validateMs: Number.NaN, stageLineMs: Number.NaN };

async function measureJs(database: Database, file: string, scope: string, rows: number): Promise<JsFigures> {
  let t = now();
  let n = 0;
  for await (const _ of readCsvRows(fs.createReadStream(file, { highWaterMark: 1 << 20 }))) n++;
  const parseOnlyMs = now() - t;
  if (n !== rows + 1) throw new Error(`parse only: ${n} rows with the header, expected ${rows + 1}`);

  const ctx = await loadRegionContext(database.db, scope);
  const today = new Date().toISOString().slice(0, 10);
  t = now();
  let headers: string[] | null = null;
  let columns: ReturnType<typeof mapHeaders>['columns'] = [];
  let stage = '';
  let staged = 0;
  let bytes = 0;
  let validateMs = 0;
  let stageLineMs = 0;
  const familyMemo = createFamilyMemo();
  for await (const { row, cells, numeric, problem } of readCsvRows(fs.createReadStream(file, { highWaterMark: 1 << 20 }))) {
    if (!headers) {
      headers = cells.map((c) => c.trim());
      columns = mapHeaders(headers).columns;
      continue;
    }
    const tv = now();
    const res = normalizeRow(cells, columns, { row, headers, today, numeric, problem, ...ctx, familyMemo });
    const ts = now();
    validateMs += ts - tv;
    if (res.record && !res.issues.some((i) => !i.code.startsWith('warn_'))) {
      stage += stageLine(1, row, res.record);
      staged++;
    }
    stageLineMs += now() - ts;
    if (stage.length > 8_000_000) {
      bytes += stage.length;
      stage = '';
    }
  }
  bytes += stage.length;
  const jsPipelineMs = now() - t;
  if (staged !== rows || bytes === 0) throw new Error(`JS pipeline staged ${staged} rows, expected ${rows}`);
  return { parseOnlyMs, jsPipelineMs, validateMs, stageLineMs };
}

// ---------------------------------------------------------------------------------------------

interface Check {
  families: number;
  persons: number;
  snapshots: number;
}

async function registryCounts(database: Database): Promise<Check> {
  return {
    families: await countRows(database, 'families'),
    persons: await countRows(database, 'persons'),
    snapshots: await countRows(database, 'family_snapshots'),
  };
}

function checkImport(r: ChildResult, s: RegistryFileSummary, c: Check): void {
  const m = r.summary;
  if (m.rowsRead !== s.rows || m.rejectedRows !== 0 || m.families.inserted !== s.families || m.persons.inserted !== s.persons)
    throw new Error(
      `import: unexpected summary ${JSON.stringify(m)} for a file of ${s.rows} rows, ${s.families} families, ${s.persons} persons`,
    );
  if (c.families !== s.families || c.persons !== s.persons || c.snapshots !== s.families)
    throw new Error(`after import: ${JSON.stringify(c)}, expected ${s.families} families/snapshots and ${s.persons} persons`);
}

function checkReimport(r: ChildResult, s: RegistryFileSummary, before: Check, after: Check): void {
  const m = r.summary;
  const unchanged = (x: { inserted: number; updated: number; unchanged: number }, n: number) =>
    x.inserted === 0 && x.updated === 0 && x.unchanged === n;
  if (m.rowsRead !== s.rows || m.rejectedRows !== 0 || !unchanged(m.families, s.families) || !unchanged(m.persons, s.persons))
    throw new Error(`re-import: expected everything unchanged, got ${JSON.stringify(m)}`);
  if (JSON.stringify(before) !== JSON.stringify(after))
    throw new Error(`re-import changed the counts: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
}

/** Current WAL position in bytes. */
async function walBytes(database: Database): Promise<number> {
  const [r] = await query<{ b: string }>(database, `select (pg_current_wal_lsn() - '0/0'::pg_lsn)::text as b`);
  return Number(r?.b ?? Number.NaN);
}

async function dbSize(database: Database, dataDir: string | null): Promise<number> {
  if (database.engine === 'pg') {
    const [r] = await query<{ n: string }>(database, 'select pg_database_size(current_database())::text as n');
    return Number(r?.n ?? Number.NaN);
  }
  let total = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) total += fs.statSync(p).size;
    }
  };
  if (dataDir) walk(dataDir);
  return total;
}

interface Options {
  file: string;
  summary: RegistryFileSummary;
  scope: string;
  keep: boolean;
  cpuProfDir: string | null;
  breakdown: boolean;
  floor: boolean;
  maxOldSpaceMiB: number | null;
  memoryTrace: boolean;
  /** PG only: log the plans (EXPLAIN ANALYZE, triggers) of import statements slower than this, via auto_explain */
  autoExplainMs: number | null;
}

async function runOnce(engine: Engine, run: number, last: boolean, o: Options): Promise<RunFigures> {
  const keep = o.keep && last;
  const label = `${engine} run ${run}`;
  let createMs: number;
  let database: Database;
  let dataDir: string | null = null;
  let target: { engine: 'pg'; url: string } | { engine: 'pglite'; dataDir: string };
  let drop: () => Promise<void> = async () => {};
  let t = now();
  if (engine === 'pg') {
    const name = keep ? keptPgName(o.scope, o.summary.families) : benchDbName('registry');
    if (keep) await dropBenchDb(name);
    const created = await createBenchDb(name, { keep });
    drop = created.drop;
    database = await openDatabase({ engine: 'pg', url: created.url });
    target = { engine: 'pg', url: created.url };
    if (keep) console.log(`${label}: keeping database ${name} (--keep)`);
  } else {
    if (keep) {
      dataDir = keptPgliteDir(o.scope, o.summary.families);
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir, { recursive: true });
      console.log(`${label}: keeping data dir ${dataDir} (--keep)`);
    } else {
      const tmp = tempDir('registry');
      dataDir = tmp.dir;
      drop = tmp.remove;
    }
    database = await openDatabase({ engine: 'pglite', dataDir, owner: 'bench/registry-import' });
    target = { engine: 'pglite', dataDir };
  }
  createMs = now() - t;
  let close = onCleanup(`close ${engine}`, () => database.close());
  try {
    t = now();
    await migrate(database);
    const migrateMs = now() - t;
    t = now();
    await loadRegions(database);
    const regionsMs = now() - t;
    await database.exec('checkpoint');

    const rawCopyMs = await measureRawCopy(database, o.file, o.summary.rows);
    console.log(`${label}: raw COPY ${sec(rawCopyMs)} s (${rate(o.summary.rows / (rawCopyMs / 1000))} rows/s); ${loadLine()}`);

    if (engine === 'pg' && o.autoExplainMs !== null) {
      // New sessions of this database (the import child's) load auto_explain: a diagnostic run, slower.
      const name = new URL(target.engine === 'pg' ? target.url : '').pathname.slice(1);
      await database.exec(
        [
          `alter database "${name}" set session_preload_libraries = 'auto_explain'`,
          `alter database "${name}" set auto_explain.log_min_duration = ${o.autoExplainMs}`,
          `alter database "${name}" set auto_explain.log_analyze = on`,
          `alter database "${name}" set auto_explain.log_buffers = on`,
          `alter database "${name}" set auto_explain.log_triggers = on`,
        ].join('; '),
      );
      console.log(`${label}: auto_explain on for ${name}: plans of statements ≥ ${o.autoExplainMs} ms go to the server log`);
    }
    // PGlite: one process owns the data dir, so the bench lets go of it while the child imports.
    const walBefore = await walBytes(database);
    if (engine === 'pglite') {
      await close();
    }
    const imp = await importInChild(target, o.file, o.scope, run === 1 ? o.cpuProfDir : null, o.maxOldSpaceMiB, o.memoryTrace);
    const loadAtImport = os.loadavg()[0] ?? Number.NaN;
    console.log(
      `${label}: import ${sec(imp.importMs)} s (${rate(o.summary.rows / (imp.importMs / 1000))} rows/s; reading ${sec(imp.readingMs)} s, merge ${sec(imp.mergeMs)} s), peak RSS ${mib(imp.vmHwm)} MiB ${peakOf(imp)}; ${loadLine()}`,
    );
    if (engine === 'pglite') {
      database = await openDatabase({ engine: 'pglite', dataDir: dataDir ?? '', owner: 'bench/registry-import' });
      close = onCleanup(`close ${engine}`, () => database.close());
    }
    const walImport = (await walBytes(database)) - walBefore;
    const afterImport = await registryCounts(database);
    checkImport(imp, o.summary, afterImport);
    const walBeforeRe = await walBytes(database);
    if (engine === 'pglite') await close();

    const reimp = await importInChild(target, o.file, o.scope, null, o.maxOldSpaceMiB);
    console.log(
      `${label}: re-import ${sec(reimp.importMs)} s (reading ${sec(reimp.readingMs)} s, merge ${sec(reimp.mergeMs)} s), peak RSS ${mib(reimp.vmHwm)} MiB; ${loadLine()}`,
    );
    if (engine === 'pglite') {
      database = await openDatabase({ engine: 'pglite', dataDir: dataDir ?? '', owner: 'bench/registry-import' });
      close = onCleanup(`close ${engine}`, () => database.close());
    }
    const walReimport = (await walBytes(database)) - walBeforeRe;
    checkReimport(reimp, o.summary, afterImport, await registryCounts(database));
    const dbBytes = await dbSize(database, dataDir);

    let floor: FloorFigures | null = null;
    if (o.floor) {
      const tmp = tempDir('floor');
      try {
        floor = await measureFloor(database, tmp.dir);
      } finally {
        await tmp.remove();
      }
      console.log(
        `${label}: floor ${sec(floor.floorMs)} s (indexes kept up ${sec(floor.maintainedMs)} s, built after ${sec(floor.builtAfterMs)} s; ` +
          `${rate(floor.rows.families)} families, ${rate(floor.rows.persons)} persons, ${rate(floor.rows.family_snapshots)} snapshots); ` +
          `floor/raw ${ratio(rawCopyMs / floor.floorMs)}, import/floor ${ratio(floor.floorMs / imp.importMs)}; ${loadLine()}`,
      );
    }

    let js = noJs;
    if (o.breakdown) {
      js = await measureJs(database, o.file, o.scope, o.summary.rows);
      console.log(
        `${label}: JS alone: parse ${sec(js.parseOnlyMs)} s; parse+validate+stage line ${sec(js.jsPipelineMs)} s ` +
          `(normalizeRow ${sec(js.validateMs)} s, stageLine ${sec(js.stageLineMs)} s); ${loadLine()}`,
      );
    }
    return {
      engine,
      run,
      rows: o.summary.rows,
      families: o.summary.families,
      createMs,
      migrateMs,
      regionsMs,
      rawCopyMs,
      imp,
      reimp,
      js,
      floor,
      walImport,
      walReimport,
      loadAtImport,
      dbBytes,
    };
  } finally {
    await close();
    if (!keep) await drop();
  }
}

function printMergeStatements(f: RunFigures): void {
  const total = f.imp.mergeMs;
  const imp = f.imp.mergeStatements;
  const re = f.reimp.mergeStatements;
  // The two merges may run different statements (a first load rebuilds indexes, a re-import does
  // not): line them up by statement, in order (a greedy diff), '-' where one of them has none.
  const pairs: { imp?: (typeof imp)[number]; re?: (typeof re)[number] }[] = [];
  let i = 0;
  let j = 0;
  while (i < imp.length || j < re.length) {
    const a = imp[i];
    const b = re[j];
    if (a && b && a.label === b.label) {
      pairs.push({ imp: a, re: b });
      i++;
      j++;
    } else if (a && (!b || imp.slice(i).some((x) => x.label === b.label))) {
      pairs.push({ imp: a });
      i++;
    } else {
      pairs.push({ re: b });
      j++;
    }
  }
  const width = Math.max(...pairs.map((p) => (p.imp ?? p.re)?.label.length ?? 0));
  const body = pairs.map((p, k) => [
    String(k + 1),
    p.imp ? sec(p.imp.ms) : '-',
    p.imp ? ratio(p.imp.ms / total) : '-',
    p.re ? sec(p.re.ms) : '-',
    (p.imp ?? p.re)?.label.padEnd(width) ?? '',
  ]);
  console.log(
    `\nmerge phase of ${f.engine} run ${f.run}, statement by statement (import merge ${sec(total)} s; re-import alongside, '-' = not run):`,
  );
  console.log(table([['#', 'import s', 'share', 're-import s', 'statement (start)'.padEnd(width)], ...body]));
}

await main(async () => {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      families: { type: 'string' },
      scope: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      'cpu-prof-dir': { type: 'string' },
      'skip-breakdown': { type: 'boolean', default: false },
      'skip-floor': { type: 'boolean', default: false },
      'max-old-space': { type: 'string' },
      'memory-trace': { type: 'boolean', default: false },
      'clean-cache': { type: 'boolean', default: false },
      'pg-auto-explain': { type: 'string' },
    },
    strict: true,
  });
  const engines = parseEngines(values.engine);
  const runs = parseRuns(values.runs ?? '1');
  const families = parseFamilies(values.families, 90_000);
  const scope = parseScope(values.scope, '33.75');
  const seed = parseFamilies(values.seed, 1);

  console.log(`registry-import bench, ${new Date().toISOString()}`);
  console.log(machineLine());
  console.log(gitLine());
  console.log(`before: ${loadLine()}`);
  console.log(
    `engines: ${engines.join(', ')}; runs: ${runs}; scope ${scope}; ${families.toLocaleString('en-US')} families; seed ${seed}` +
      (values['max-old-space'] ? `; import children capped at --max-old-space-size=${values['max-old-space']}` : ''),
  );
  if (engines.includes('pg')) console.log(`PostgreSQL: ${pgAdminUrl} (server ${await pgServerVersion()})`);

  const t = now();
  const { file, summary, cached } = await registryFile(scope, families, seed);
  if (values['clean-cache']) onCleanup(`rm cached ${file}`, () => removeCachedFile(scope, families, seed));
  console.log(
    `file: ${file} (${cached ? 'cached' : `generated in ${sec(now() - t)} s`}): ${summary.rows.toLocaleString('en-US')} rows, ` +
      `${summary.families.toLocaleString('en-US')} families, ${summary.persons.toLocaleString('en-US')} persons, ` +
      `${summary.villages.toLocaleString('en-US')} villages, ${(summary.bytes / 1e6).toFixed(0)} MB`,
  );

  let cpuProfDir: string | null = null;
  if (values['cpu-prof'] || values['cpu-prof-dir']) {
    cpuProfDir = values['cpu-prof-dir'] ? path.resolve(values['cpu-prof-dir']) : tempDir('cpuprof').dir;
    fs.mkdirSync(cpuProfDir, { recursive: true });
    console.log(`CPU profile of the first import child into ${cpuProfDir} (that run is slowed by the profiler)`);
  }
  console.log('');

  const autoExplainMs = values['pg-auto-explain'] === undefined ? null : parseFamilies(values['pg-auto-explain'], 1000);
  const options: Options = {
    file,
    summary,
    scope,
    keep: values.keep,
    cpuProfDir,
    breakdown: !values['skip-breakdown'],
    floor: !values['skip-floor'],
    memoryTrace: values['memory-trace'],
    maxOldSpaceMiB: values['max-old-space'] === undefined ? null : parseFamilies(values['max-old-space'], 256),
    autoExplainMs,
  };
  const all: RunFigures[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const engine of engines) all.push(await runOnce(engine, run, run === runs, options));
  }

  const header = [
    'engine',
    'run',
    'raw COPY s',
    'raw rows/s',
    'import s',
    'rows/s',
    'families/s',
    'import/raw',
    'floor s',
    'floor/raw',
    'import/floor',
    'prelude s',
    'reading s',
    'merge s',
    'peak RSS MiB',
    're-import s',
    're-imp rows/s',
    'load 1m',
  ];
  const fmtRow = (
    label: string,
    run: string,
    v: {
      raw: number;
      rawRate: number;
      imp: number;
      rate: number;
      famRate: number;
      ratio: number;
      floor: number;
      floorRatio: number;
      impFloor: number;
      prelude: number;
      reading: number;
      merge: number;
      rss: number;
      reimp: number;
      reRate: number;
      load: number;
    },
  ) => [
    label,
    run,
    sec(v.raw),
    rate(v.rawRate),
    sec(v.imp),
    rate(v.rate),
    rate(v.famRate),
    ratio(v.ratio),
    sec(v.floor),
    ratio(v.floorRatio),
    ratio(v.impFloor),
    sec(v.prelude),
    sec(v.reading),
    sec(v.merge),
    mib(v.rss),
    sec(v.reimp),
    rate(v.reRate),
    Number.isFinite(v.load) ? v.load.toFixed(2) : '-',
  ];
  const figuresOf = (f: RunFigures) => ({
    raw: f.rawCopyMs,
    rawRate: rawRate(f),
    imp: f.imp.importMs,
    rate: importRate(f),
    famRate: familyRate(f),
    ratio: importToRaw(f),
    floor: f.floor?.floorMs ?? Number.NaN,
    floorRatio: floorToRaw(f),
    impFloor: importToFloor(f),
    prelude: f.imp.preludeMs,
    reading: f.imp.readingMs,
    merge: f.imp.mergeMs,
    rss: f.imp.vmHwm,
    reimp: f.reimp.importMs,
    reRate: reimportRate(f),
    load: f.loadAtImport,
  });
  const detailHeader = [
    'engine',
    'run',
    'create ms',
    'migrate ms',
    'regions ms',
    'child wall s',
    'RSS before MiB',
    'stage COPY s',
    'chunks',
    'COPY-bound',
    'parser-only s',
    'parse only s',
    'JS pipeline s',
    'JS rows/s',
    'normalizeRow s',
    'stageLine s',
    're-imp reading s',
    're-imp merge s',
    're-imp RSS MiB',
    'WAL import MiB',
    'WAL re-imp MiB',
    'db MiB',
  ];
  const detailRow = (f: RunFigures) => [
    f.engine,
    String(f.run),
    f.createMs.toFixed(0),
    f.migrateMs.toFixed(0),
    f.regionsMs.toFixed(0),
    sec(f.imp.wallMs),
    mib(f.imp.rssBefore),
    sec(f.imp.copies.stage.ms),
    String(f.imp.chunks),
    String(f.imp.copyBoundChunks),
    sec(f.imp.parserBoundGapMs),
    sec(f.js.parseOnlyMs),
    sec(f.js.jsPipelineMs),
    rate(f.rows / (f.js.jsPipelineMs / 1000)),
    sec(f.js.validateMs),
    sec(f.js.stageLineMs),
    sec(f.reimp.readingMs),
    sec(f.reimp.mergeMs),
    mib(f.reimp.vmHwm),
    mib(f.walImport),
    mib(f.walReimport),
    mib(f.dbBytes),
  ];

  const body: string[][] = [];
  const details: string[][] = [];
  const result: Record<string, unknown> = {};
  for (const engine of engines) {
    const figures = all.filter((f) => f.engine === engine);
    const m = (fn: (x: RunFigures) => number) => median(figures.map(fn));
    for (const f of figures) {
      body.push(fmtRow(engine, String(f.run), figuresOf(f)));
      details.push(detailRow(f));
    }
    const md = {
      raw: m((x) => x.rawCopyMs),
      rawRate: m(rawRate),
      imp: m((x) => x.imp.importMs),
      rate: m(importRate),
      famRate: m(familyRate),
      ratio: m(importToRaw),
      floor: m((x) => x.floor?.floorMs ?? Number.NaN),
      floorRatio: m(floorToRaw),
      impFloor: m(importToFloor),
      prelude: m((x) => x.imp.preludeMs),
      reading: m((x) => x.imp.readingMs),
      merge: m((x) => x.imp.mergeMs),
      rss: m((x) => x.imp.vmHwm),
      reimp: m((x) => x.reimp.importMs),
      reRate: m(reimportRate),
      load: m((x) => x.loadAtImport),
    };
    if (figures.length > 1) body.push(fmtRow(engine, 'median', md));
    const lastRun = figures.at(-1);
    result[engine] = {
      runs: figures.length,
      scope,
      families: summary.families,
      persons: summary.persons,
      rows: summary.rows,
      fileBytes: summary.bytes,
      rawCopyMs: round(md.raw),
      rawCopyRowsPerSec: round(md.rawRate),
      importMs: round(md.imp),
      importRowsPerSec: round(md.rate),
      importFamiliesPerSec: round(md.famRate),
      importToRawCopyRatio: round(md.ratio, 3),
      floorMs: Number.isFinite(md.floor) ? round(md.floor) : null,
      floorMaintainedMs: lastRun?.floor ? round(lastRun.floor.maintainedMs) : null,
      floorBuiltAfterMs: lastRun?.floor ? round(lastRun.floor.builtAfterMs) : null,
      floorToRawCopyRatio: Number.isFinite(md.floorRatio) ? round(md.floorRatio, 3) : null,
      importToFloorRatio: Number.isFinite(md.impFloor) ? round(md.impFloor, 3) : null,
      preludeMs: round(md.prelude),
      readingMs: round(md.reading),
      mergeMs: round(md.merge),
      peakRssMiB: round(md.rss / 2 ** 20),
      reimportMs: round(md.reimp),
      reimportRowsPerSec: round(md.reRate),
      stageCopyMs: round(m((x) => x.imp.copies.stage.ms)),
      stageChunks: lastRun?.imp.chunks ?? null,
      copyBoundChunks: lastRun?.imp.copyBoundChunks ?? null,
      parseOnlyMs: round(m((x) => x.js.parseOnlyMs)),
      jsPipelineMs: round(m((x) => x.js.jsPipelineMs)),
      normalizeRowMs: round(m((x) => x.js.validateMs)),
      stageLineMs: round(m((x) => x.js.stageLineMs)),
      dbMiB: round(m((x) => x.dbBytes) / 2 ** 20),
      walImportMiB: round(m((x) => x.walImport) / 2 ** 20),
      walReimportMiB: round(m((x) => x.walReimport) / 2 ** 20),
      load1m: round(md.load, 2),
      mergeTop: lastRun
        ? [...lastRun.imp.mergeStatements]
            .sort((a, b) => b.ms - a.ms)
            .slice(0, 6)
            .map((s) => ({ ms: round(s.ms), statement: s.label.slice(0, 60) }))
        : [],
    };
  }
  console.log('');
  console.log(table([header, ...body]));
  console.log('');
  console.log(table([detailHeader, ...details]));
  for (const engine of engines) {
    const f = all.filter((x) => x.engine === engine).at(-1);
    if (f) printMergeStatements(f);
  }
  console.log('');
  console.log(
    'import = runImport in a child process (sourceKind synthetic), from its call to its return; rows/s = person rows ÷ that time;\n' +
      'import/raw = import rows/s ÷ raw COPY rows/s, raw COPY = the same file into a bare all-text table (no constraint, no index).\n' +
      'floor = the end state (families, persons, snapshots) COPYed from files into empty clones of those tables with their indexes\n' +
      '(kept up or built after, the faster; no FKs): the least any importer of this schema pays. floor/raw = raw COPY s ÷ floor s,\n' +
      'the best import/raw reachable; import/floor = floor s ÷ import s.\n' +
      'prelude = SHA-256 of the file + import record; reading = stream + parse + validate + COPY into registry_stage (overlapped);\n' +
      'merge = the one transaction. peak RSS = VmHWM of the importing process (node + tsx + server modules included;\n' +
      '"RSS before" = after opening the database). stage COPY = sum of the staging COPYs (they overlap parsing); COPY-bound =\n' +
      'chunks whose COPY started right as the previous one ended (the parser had to wait), parser-only = time between staging\n' +
      'COPYs with none in flight. JS pipeline = parse + header map + validate + staging line in the bench process, no database\n' +
      '(breakdown, not a baseline), split into normalizeRow and stageLine (timed per call). WAL = WAL written during the\n' +
      'import (PG: by the whole server, other databases included). db = database size after the re-import.',
  );

  if (cpuProfDir) {
    const profiles = fs
      .readdirSync(cpuProfDir)
      .filter((n) => n.endsWith('.cpuprofile'))
      .map((n) => path.join(cpuProfDir as string, n));
    for (const p of profiles) {
      const s = summarizeCpuProfile(p);
      // tsx's module loader runs in a thread of its own: its profile is nearly all idle.
      if (s.totalMs - s.idleMs < 0.05 * s.totalMs) {
        console.log(`\nCPU profile ${p}: ${sec(s.totalMs)} s of samples, ${sec(s.totalMs - s.idleMs)} s busy (a helper thread)`);
        continue;
      }
      console.log(
        `\nCPU profile ${p}: ${sec(s.totalMs)} s of samples, ${sec(s.idleMs)} s idle (waiting for the database), ` +
          `${sec(s.totalMs - s.idleMs)} s busy; shares are of the busy time`,
      );
      console.log(table([['self s', 'share', 'file'], ...s.byFile.map((x) => [sec(x.ms), ratio(x.share), x.file])]));
      console.log('');
      console.log(table([['self s', 'share', 'function'], ...s.byFunction.map((x) => [sec(x.ms), ratio(x.share), x.name])]));
    }
  }
  console.log(`after: ${loadLine()}`);
  console.log(JSON.stringify({ bench: 'registry-import', date: new Date().toISOString(), node: process.version, medians: result }));
});
