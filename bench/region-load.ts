/**
 * Region load bench: how fast `loadRegions` puts the 91,599 Kemendagri regions into a fresh,
 * migrated database, against raw COPY of the very same CSV payload into a bare table with the
 * same columns and no constraints or indexes, measured in the same run on the same database.
 *
 *   npx tsx bench/region-load.ts [--engine pglite|pg|both] [--runs 3]
 *
 * Per run and engine: a fresh database (PGlite: new temp data dir on disk; PG: new
 * `dampingan_bench_*` database), creation (PGlite initdb / CREATE DATABASE) and migration timed
 * apart and excluded from the load rate; then
 *   1. loadRegions end to end (read + gunzip + parse + transform + COPY into `regions` + aliases + meta)
 *   2. read + gunzip alone, and the payload build (parse + transform, `regionsCopyPayload`) alone
 *   3. the baseline: COPY of that payload into `bare_regions`;
 *   4. a breakdown: COPY of that payload into `constrained_regions` (regions' PK, checks, indexes and
 *      self-referencing parent_code FK, no data), to show where the time between 1 and 3 goes.
 * Prints a per-run table, the medians, and a last line of JSON with the medians.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Database,
  loadRegions,
  migrate,
  openDatabase,
  REGION_COPY_COLUMNS,
  readRegionsCsv,
  regionsCopyPayload,
} from '@dampingan/server';
import {
  benchDbName,
  createBenchDb,
  type Engine,
  loadLine,
  machineLine,
  main,
  median,
  ms,
  onCleanup,
  parseEngines,
  parseRuns,
  pgAdminUrl,
  pgServerVersion,
  rate,
  ratio,
  round,
  serverDir,
  table,
  tempDir,
} from './common.ts';

/** Same columns and types as `regions`, but no primary key, foreign key, check, NOT NULL or index. */
const BARE_TABLE_DDL = `create table bare_regions (
  code text, name text, level smallint, type text, parent_code text, name_key text,
  bps_code text, boundary jsonb, centroid_lat double precision, centroid_lng double precision, source text
)`;

/**
 * Not a baseline but a breakdown: the same payload into a copy of `regions` with its primary key,
 * checks and indexes (LIKE ... INCLUDING ALL) plus the self-referencing parent_code foreign key.
 */
const CONSTRAINED_TABLE_DDL = `create table constrained_regions (like regions including all);
alter table constrained_regions add foreign key (parent_code) references constrained_regions (code)`;

interface RunFigures {
  engine: Engine;
  run: number;
  /** PGlite: PGlite.create on an empty dir (initdb). PG: CREATE DATABASE + first connection. */
  createMs: number;
  migrateMs: number;
  rows: number;
  /** loadRegions end to end. */
  loadMs: number;
  /** readRegionsCsv: read the shipped .csv.gz and gunzip it. */
  gunzipMs: number;
  /** regionsCopyPayload: parse the CSV and build the COPY text. */
  buildMs: number;
  /** Baseline: COPY of the same payload into bare_regions. */
  rawCopyMs: number;
  /** Breakdown: COPY of the same payload into constrained_regions (PK, checks, indexes, self FK). */
  constrainedCopyMs: number;
}

const loadRate = (f: RunFigures) => f.rows / (f.loadMs / 1000);
const rawRate = (f: RunFigures) => f.rows / (f.rawCopyMs / 1000);
/** Load rate as a fraction of the raw COPY rate (1 = as fast as raw COPY). */
const loadToRaw = (f: RunFigures) => loadRate(f) / rawRate(f);

const now = () => performance.now();

async function countRows(database: Database, tableName: string): Promise<number> {
  const text = `select count(*)::int as n from ${tableName}`;
  if (database.raw.pglite) return (await database.raw.pglite.query<{ n: number }>(text)).rows[0]?.n ?? -1;
  if (database.raw.pool) return (await database.raw.pool.query<{ n: number }>(text)).rows[0]?.n ?? -1;
  throw new Error('no driver');
}

async function engineVersion(database: Database): Promise<string> {
  const text = 'show server_version';
  if (database.raw.pglite) return (await database.raw.pglite.query<{ server_version: string }>(text)).rows[0]?.server_version ?? '?';
  if (database.raw.pool) return (await database.raw.pool.query<{ server_version: string }>(text)).rows[0]?.server_version ?? '?';
  return '?';
}

/** The measured part, identical for both engines, on a freshly migrated database. */
async function measureLoads(
  database: Database,
): Promise<Pick<RunFigures, 'rows' | 'loadMs' | 'gunzipMs' | 'buildMs' | 'rawCopyMs' | 'constrainedCopyMs'>> {
  let t = now();
  const loaded = await loadRegions(database);
  const loadMs = now() - t;
  const inRegions = await countRows(database, 'regions');
  if (loaded.loaded === 0 || inRegions !== loaded.loaded) {
    throw new Error(`loadRegions reported ${loaded.loaded} rows, regions holds ${inRegions}`);
  }

  t = now();
  const csvText = readRegionsCsv();
  const gunzipMs = now() - t;
  t = now();
  const payload = regionsCopyPayload(csvText);
  const buildMs = now() - t;
  if (payload.rows !== loaded.loaded) throw new Error(`payload has ${payload.rows} rows, loadRegions loaded ${loaded.loaded}`);

  await database.exec(BARE_TABLE_DDL);
  t = now();
  const copied = await database.copyCsv('bare_regions', REGION_COPY_COLUMNS, payload.csv);
  const rawCopyMs = now() - t;
  const inBare = await countRows(database, 'bare_regions');
  if (copied !== payload.rows || inBare !== payload.rows) {
    throw new Error(`raw COPY reported ${copied} rows, bare_regions holds ${inBare}, payload has ${payload.rows}`);
  }

  await database.exec(CONSTRAINED_TABLE_DDL);
  t = now();
  const constrained = await database.copyCsv('constrained_regions', REGION_COPY_COLUMNS, payload.csv);
  const constrainedCopyMs = now() - t;
  if (constrained !== payload.rows) throw new Error(`constrained COPY reported ${constrained} rows, payload has ${payload.rows}`);
  return { rows: payload.rows, loadMs, gunzipMs, buildMs, rawCopyMs, constrainedCopyMs };
}

async function runPglite(run: number, versions: Map<Engine, string>): Promise<RunFigures> {
  const { dir, remove } = tempDir('region-load');
  try {
    let t = now();
    const database = await openDatabase({ engine: 'pglite', dataDir: dir, owner: 'bench/region-load' });
    const createMs = now() - t;
    const close = onCleanup('close pglite', () => database.close());
    try {
      t = now();
      await migrate(database);
      const migrateMs = now() - t;
      if (!versions.has('pglite')) versions.set('pglite', await engineVersion(database));
      return { engine: 'pglite', run, createMs, migrateMs, ...(await measureLoads(database)) };
    } finally {
      await close();
    }
  } finally {
    await remove();
  }
}

async function runPg(run: number, versions: Map<Engine, string>): Promise<RunFigures> {
  let t = now();
  const { url, drop } = await createBenchDb(benchDbName('regions'));
  try {
    const database = await openDatabase({ engine: 'pg', url });
    const createMs = now() - t;
    const close = onCleanup('close pg pool', () => database.close());
    try {
      t = now();
      await migrate(database);
      const migrateMs = now() - t;
      if (!versions.has('pg')) versions.set('pg', await engineVersion(database));
      return { engine: 'pg', run, createMs, migrateMs, ...(await measureLoads(database)) };
    } finally {
      await close();
    }
  } finally {
    await drop();
  }
}

interface Medians {
  runs: number;
  rows: number;
  createMs: number;
  migrateMs: number;
  loadMs: number;
  loadRowsPerSec: number;
  gunzipMs: number;
  payloadBuildMs: number;
  rawCopyMs: number;
  rawCopyRowsPerSec: number;
  constrainedCopyMs: number;
  /** Median over runs of (load rows/s ÷ raw COPY rows/s). */
  loadToRawCopyRatio: number;
}

function medians(figures: readonly RunFigures[]): Medians {
  const m = (f: (x: RunFigures) => number) => median(figures.map(f));
  return {
    runs: figures.length,
    rows: figures[0]?.rows ?? 0,
    createMs: round(m((x) => x.createMs)),
    migrateMs: round(m((x) => x.migrateMs)),
    loadMs: round(m((x) => x.loadMs)),
    loadRowsPerSec: round(m(loadRate)),
    gunzipMs: round(m((x) => x.gunzipMs)),
    payloadBuildMs: round(m((x) => x.buildMs)),
    rawCopyMs: round(m((x) => x.rawCopyMs)),
    rawCopyRowsPerSec: round(m(rawRate)),
    constrainedCopyMs: round(m((x) => x.constrainedCopyMs)),
    loadToRawCopyRatio: round(m(loadToRaw), 3),
  };
}

function row(label: string, run: string, f: Omit<RunFigures, 'engine' | 'run'>, ratioValue: number, load: number, raw: number): string[] {
  return [
    label,
    run,
    ms(f.createMs),
    ms(f.migrateMs),
    ms(f.loadMs),
    rate(load),
    ms(f.gunzipMs),
    ms(f.buildMs),
    ms(f.rawCopyMs),
    rate(raw),
    ratio(ratioValue),
    ms(f.constrainedCopyMs),
  ];
}

await main(async () => {
  const { values } = parseArgs({ options: { engine: { type: 'string' }, runs: { type: 'string' } }, strict: true });
  const engines = parseEngines(values.engine);
  const runs = parseRuns(values.runs);
  const pgliteVersion = (
    JSON.parse(fs.readFileSync(path.join(serverDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  ).dependencies['@electric-sql/pglite'];

  console.log(`region-load bench, ${new Date().toISOString()}`);
  console.log(machineLine());
  console.log(`before: ${loadLine()}`);
  console.log(`engines: ${engines.join(', ')}; runs: ${runs}; @electric-sql/pglite ${pgliteVersion ?? '?'}`);
  if (engines.includes('pg')) console.log(`PostgreSQL: ${pgAdminUrl} (server ${await pgServerVersion()})`);
  console.log('');

  const versions = new Map<Engine, string>();
  const all: RunFigures[] = [];
  // Engines alternate within each run so that load from other processes hits both alike.
  for (let run = 1; run <= runs; run++) {
    for (const engine of engines) {
      const f = engine === 'pglite' ? await runPglite(run, versions) : await runPg(run, versions);
      all.push(f);
      console.log(
        `${engine} run ${run}: loadRegions ${ms(f.loadMs)} ms (${rate(loadRate(f))} rows/s), raw COPY ${ms(f.rawCopyMs)} ms (${rate(rawRate(f))} rows/s), ratio ${ratio(loadToRaw(f))}`,
      );
    }
  }

  const header = [
    'engine',
    'run',
    'create ms',
    'migrate ms',
    'load ms',
    'load rows/s',
    'gunzip ms',
    'build ms',
    'raw COPY ms',
    'raw rows/s',
    'load/raw',
    'constrained COPY ms',
  ];
  const body: string[][] = [];
  const result: Partial<Record<Engine, Medians & { serverVersion: string }>> = {};
  for (const engine of engines) {
    const figures = all.filter((f) => f.engine === engine);
    for (const f of figures) body.push(row(engine, String(f.run), f, loadToRaw(f), loadRate(f), rawRate(f)));
    const md = medians(figures);
    body.push(
      row(
        engine,
        'median',
        {
          rows: md.rows,
          createMs: md.createMs,
          migrateMs: md.migrateMs,
          loadMs: md.loadMs,
          gunzipMs: md.gunzipMs,
          buildMs: md.payloadBuildMs,
          rawCopyMs: md.rawCopyMs,
          constrainedCopyMs: md.constrainedCopyMs,
        },
        md.loadToRawCopyRatio,
        md.loadRowsPerSec,
        md.rawCopyRowsPerSec,
      ),
    );
    result[engine] = { ...md, serverVersion: versions.get(engine) ?? '?' };
  }
  console.log('');
  console.log(table([header, ...body]));
  console.log('');
  console.log(
    'load = loadRegions end to end (read+gunzip+parse+transform+COPY into regions+aliases); gunzip and build (parse+transform)\n' +
      'are timed again alone; raw COPY = same payload into bare_regions (no PK/FK/check/index); load/raw = load rows/s ÷ raw rows/s.\n' +
      'constrained COPY (breakdown, not the baseline) = same payload into a copy of regions with PK, checks, indexes and the\n' +
      'self-referencing parent_code FK. create (initdb or CREATE DATABASE) and migrate are excluded from the rates.',
  );
  console.log(`after: ${loadLine()}`);
  console.log(JSON.stringify({ bench: 'region-load', date: new Date().toISOString(), node: process.version, medians: result }));
});
