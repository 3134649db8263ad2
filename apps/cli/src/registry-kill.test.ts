/**
 * Crash safety of the registry import, with real CLI processes killed by SIGKILL (kill -9):
 * at the crash hooks of the importer (DAMPINGAN_TEST_SIGKILL_AT=chunk:2, =merge) and from outside
 * after a random 300–2500 ms (three times) and at a random moment of a full run (twice), on the
 * embedded database (a fresh DATA_DIR each time) and on the PostgreSQL server (a fresh database
 * each time).
 *
 * Each run starts from a database that already holds snapshot 1 of a synthetic registry (20,000
 * families, ~70,000 rows: four COPY chunks) and is killed while importing snapshot 2. Then:
 * 1. the registry (families, persons, family snapshots, content checksums) is exactly as before;
 * 2. the next CLI command marks the dead import `aborted` and removes its staged rows.
 *    PGlite: any `running` import at start (one process owns the data directory). PostgreSQL:
 *    only imports without a heartbeat for 2 minutes (another process may be importing), so the
 *    test first shows a fresh one is left alone, then ages its heartbeat_at by 3 minutes to
 *    stand for the time passing, and runs the command again;
 * 3. running the same import again reaches the end state of an uninterrupted import of snapshot 2
 *    into a clean copy of the same starting database (same counts, same checksums).
 * The first load into an empty registry takes the bulk path of the merge (indexes and foreign keys
 * dropped and rebuilt inside the transaction): one more run kills it right after the drop
 * (DAMPINGAN_TEST_SIGKILL_AT=merge:bulk) and checks the registry is still empty with every index
 * and constraint in place. The state compared includes the tables' index and constraint definitions.
 *
 * Every database starts as a copy of one prepared base (the data directory copied while closed;
 * CREATE DATABASE … TEMPLATE on PostgreSQL). Checksums use natural keys only (No KK, NIK, period):
 * serial ids differ after an aborted run, because sequences are not transactional.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase, writeRegistryFile } from '@dampingan/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/dampingan.mjs', import.meta.url));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dampingan-kill-'));
const PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BASE_PERIOD = '2026-03-31';
const NEXT_PERIOD = '2026-06-30';
const FAMILIES = 20_000;

let s2Rows = 0;
const files = { s1: path.join(root, 'dtsen-2026-03.csv'), s2: path.join(root, 'dtsen-2026-06.csv') };

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  ms: number;
}

/** Runs the CLI as a user does; `killAfterMs` sends SIGKILL from outside after that delay. */
function cli(args: string[], env: NodeJS.ProcessEnv, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child: ChildProcess = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, out, err, ms: Date.now() - t0 });
    });
  });
}

const importArgs = (file: string, period: string) => ['import', 'registry', file, '--source', 'synthetic', '--period', period, '--json'];

interface ImportRow {
  id: number;
  status: string;
  phase: string | null;
  staged: number;
}

interface State {
  families: number;
  persons: number;
  snapshots: number;
  /** the issue's checksum: every No KK with its desil */
  familiesMd5: string;
  /** every person with their family, review flag and relationship (an order-free sum of hashes) */
  personsHash: string;
  /** every snapshot by family, period, desil and content */
  snapshotsHash: string;
  /** the indexes and constraints of families, persons and family_snapshots (a bulk load drops and rebuilds some) */
  catalog: string;
  imports: ImportRow[];
  staged: number;
}

const STATE_SQL = `select
  (select count(*)::int from families) as families,
  (select count(*)::int from persons) as persons,
  (select count(*)::int from family_snapshots) as snapshots,
  (select md5(coalesce(string_agg(no_kk || coalesce(desil::text, ''), ',' order by no_kk), '')) from families) as "familiesMd5",
  (select coalesce(sum(hashtextextended(p.nik || ':' || f.no_kk || ':' || coalesce(p.review_reason, '') || ':' || coalesce(p.relationship, ''), 0)::numeric), 0)::text
     from persons p join families f on f.id = p.family_id) as "personsHash",
  (select coalesce(sum(hashtextextended(f.no_kk || ':' || s.period::text || ':' || coalesce(s.desil::text, '') || ':' || s.data::text, 0)::numeric), 0)::text
     from family_snapshots s join families f on f.id = s.family_id) as "snapshotsHash",
  (select string_agg(d, E'\n' order by d) from (
     select indexdef as d from pg_indexes where tablename in ('families', 'persons', 'family_snapshots')
     union all
     select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
     where conrelid in ('families'::regclass, 'persons'::regclass, 'family_snapshots'::regclass)) x) as catalog,
  (select count(*)::int from registry_stage) as staged`;

const IMPORTS_SQL = `select i.id, i.status, i.phase, (select count(*)::int from registry_stage s where s.import_id = i.id) as staged
  from registry_imports i order by i.id`;

const registryOf = (s: State) => ({
  families: s.families,
  persons: s.persons,
  snapshots: s.snapshots,
  familiesMd5: s.familiesMd5,
  personsHash: s.personsHash,
  snapshotsHash: s.snapshotsHash,
  catalog: s.catalog,
});

async function query<T>(database: Database, text: string): Promise<T[]> {
  if (database.raw.pglite) return (await database.raw.pglite.query<T>(text)).rows;
  if (database.raw.pool) return (await database.raw.pool.query(text)).rows as T[];
  throw new Error('no driver');
}

/** One database the CLI can be pointed at. */
interface Target {
  label: string;
  env: NodeJS.ProcessEnv;
  /** opens it without the CLI's start-up (no sweep), runs fn, closes it */
  use<T>(fn: (database: Database) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

interface Engine {
  name: 'pglite' | 'pg';
  fresh(label: string): Promise<Target>;
  copy(from: Target, label: string): Promise<Target>;
  /** what stands for "2 minutes pass without a heartbeat" (nothing on PGlite: any running import is dead) */
  letTimePass(target: Target): Promise<void>;
  cleanup(): Promise<void>;
}

const baseEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, SCOPE: '33.75', DATABASE_URL: '', ...extra };
  delete env.DAMPINGAN_TEST_SIGKILL_AT;
  return env;
};

const pglite: Engine = {
  name: 'pglite',
  async fresh(label) {
    const dir = path.join(root, `pglite-${label}`);
    return pgliteTarget(label, dir);
  },
  async copy(from, label) {
    const dir = path.join(root, `pglite-${label}`);
    // the source is closed (no process holds it): a file copy is a consistent database
    fs.cpSync(from.env.DATA_DIR as string, dir, { recursive: true });
    return pgliteTarget(label, dir);
  },
  async letTimePass() {},
  async cleanup() {},
};

function pgliteTarget(label: string, dir: string): Target {
  return {
    label,
    env: baseEnv({ DATA_DIR: dir }),
    async use(fn) {
      const database = await openDatabase({ engine: 'pglite', dataDir: dir, owner: 'registry kill test' });
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const pgDbPrefix = `dampingan_kill_${process.pid}_`;
const withDb = (name: string) => {
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  return u.toString();
};
async function onServer(sqlText: string): Promise<void> {
  const server = await openDatabase({ engine: 'pg', url: PG_SERVER, poolMax: 1 });
  try {
    await server.exec(sqlText);
  } finally {
    await server.close();
  }
}

function pgTarget(label: string, name: string): Target {
  const url = withDb(name);
  return {
    label,
    env: baseEnv({ DATABASE_URL: url, DATA_DIR: path.join(root, 'unused') }),
    async use(fn) {
      const database = await openDatabase({ engine: 'pg', url, poolMax: 1 });
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    },
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

const pg: Engine = {
  name: 'pg',
  async fresh(label) {
    const name = `${pgDbPrefix}${label.replace(/\W/g, '_')}`;
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await onServer(`CREATE DATABASE ${name}`);
    return pgTarget(label, name);
  },
  async copy(from, label) {
    const name = `${pgDbPrefix}${label.replace(/\W/g, '_')}`;
    const source = new URL(from.env.DATABASE_URL as string).pathname.slice(1);
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await onServer(`CREATE DATABASE ${name} TEMPLATE ${source}`);
    return pgTarget(label, name);
  },
  async letTimePass(target) {
    await target.use((db) => query(db, `update registry_imports set heartbeat_at = now() - interval '3 minutes' where status = 'running'`));
  },
  async cleanup() {
    const server = await openDatabase({ engine: 'pg', url: PG_SERVER, poolMax: 1 });
    try {
      const list = await query<{ datname: string }>(server, `select datname from pg_database where datname like '${pgDbPrefix}%'`);
      for (const r of list) await server.exec(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    } finally {
      await server.close();
    }
  },
};

const stateOf = (t: Target): Promise<State> =>
  t.use(async (db) => {
    const [s] = await query<Omit<State, 'imports'>>(db, STATE_SQL);
    return { ...(s as Omit<State, 'imports'>), imports: await query<ImportRow>(db, IMPORTS_SQL) };
  });

interface Kill {
  crashAt?: string;
  /** 'early': 300–2500 ms after the spawn; 'during': anywhere within an uninterrupted run's duration */
  killAfter?: 'early' | 'during';
}
interface Scenario {
  label: string;
  kills: Kill[];
}
/**
 * The random kills are iterations on one database (kill, check, next command; kill again …)
 * followed by one uninterrupted re-run: each check shows the registry and the stage exactly as
 * before, so one re-run after them all proves what a re-run after each would, at a fraction of the cost.
 * Three kills come 300–2500 ms after the spawn; the CLI's start-up (opening the database, checking
 * migrations and reference data) takes about that long, so those mostly land in it. Two more come
 * at a random moment of an uninterrupted run's duration, so that some land while reading or merging.
 */
const SCENARIOS: Scenario[] = [
  { label: 'hook chunk:2', kills: [{ crashAt: 'chunk:2' }] },
  { label: 'hook merge', kills: [{ crashAt: 'merge' }] },
  {
    label: 'kill -9 at random times',
    kills: [{ killAfter: 'early' }, { killAfter: 'early' }, { killAfter: 'early' }, { killAfter: 'during' }, { killAfter: 'during' }],
  },
];

beforeAll(async () => {
  const opts = { scope: '33.75', families: FAMILIES, seed: 7, basePeriod: BASE_PERIOD };
  await writeRegistryFile(files.s1, { ...opts, snapshot: 1 });
  const s2 = await writeRegistryFile(files.s2, { ...opts, snapshot: 2 });
  expect(s2.period).toBe(NEXT_PERIOD);
  expect(s2.rows).toBeGreaterThan(40_000); // chunk:2 is reached only past 2 × 20,000 staged rows
  s2Rows = s2.rows;
});
afterAll(async () => {
  await pg.cleanup();
  fs.rmSync(root, { recursive: true, force: true });
});

// The two engines run side by side (each its own databases); the runs of one engine one after another.
describe.concurrent.each([pglite, pg])('registry import killed with SIGKILL on $name', (engine) => {
  let base: Target;
  /** migrated, no registry yet: where the first load (a bulk merge) starts */
  let empty: Target;
  let emptyState: State;
  let before: State;
  let reference: State;
  /** how long an uninterrupted import of snapshot 2 took, start-up included */
  let referenceMs = 0;

  beforeAll(async () => {
    base = await engine.fresh('base');
    const migrated = await cli(['migrate'], base.env);
    expect(migrated.code, migrated.err).toBe(0);
    empty = await engine.copy(base, 'empty');
    emptyState = await stateOf(empty);
    expect(emptyState).toMatchObject({ families: 0, persons: 0, snapshots: 0, staged: 0 });
    const first = await cli(importArgs(files.s1, BASE_PERIOD), base.env);
    expect(first.code, first.err).toBe(0);
    before = await stateOf(base);
    expect(before).toMatchObject({ families: FAMILIES, staged: 0, imports: [{ status: 'completed' }] });

    // the end state an uninterrupted import of snapshot 2 reaches from the same start
    const clean = await engine.copy(base, 'reference');
    const second = await cli(importArgs(files.s2, NEXT_PERIOD), clean.env);
    expect(second.code, second.err).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ status: 'completed', rejectedRows: 0 });
    referenceMs = second.ms;
    reference = await stateOf(clean);
    await clean.drop();
    expect(reference.families).toBeGreaterThan(before.families);
    expect(reference.persons).toBeGreaterThan(before.persons);
    expect(reference.familiesMd5).not.toBe(before.familiesMd5);
  }, 240_000);

  it.sequential.for(SCENARIOS)(
    '$label: registry as before, import marked aborted by the next command, re-run ends as an uninterrupted run',
    { timeout: 240_000 },
    async ({ label, kills }, { expect }) => {
      const t = await engine.copy(base, label);
      for (const [n, { crashAt, killAfter }] of kills.entries()) {
        const killAfterMs =
          killAfter === 'early'
            ? randomInt(300, 2501)
            : killAfter === 'during'
              ? randomInt(Math.round(referenceMs * 0.15), Math.round(referenceMs * 0.85))
              : undefined;
        const what = `${label}${kills.length > 1 ? ` #${n + 1}` : ''}`;
        const crashEnv = crashAt ? { ...t.env, DAMPINGAN_TEST_SIGKILL_AT: crashAt } : t.env;
        const killed = await cli(importArgs(files.s2, NEXT_PERIOD), crashEnv, killAfterMs);
        if (killAfter === 'during' && killed.code === 0) {
          // this run was faster than the reference (machine load varies): nothing was interrupted
          console.info(`[${engine.name}] ${what}: finished in ${killed.ms} ms, before the kill at ${killAfterMs} ms`);
          break;
        }
        expect(killed.signal, `${what}: exit ${killed.code} after ${killed.ms} ms\n${killed.err}`).toBe('SIGKILL');

        // 1. nothing of snapshot 2 reached the registry
        const afterKill = await stateOf(t);
        expect(registryOf(afterKill), what).toEqual(registryOf(before));
        const dead = afterKill.imports.filter((i) => i.status === 'running');
        if (crashAt) {
          // the hooks fire once the record exists: chunk:2 while reading, merge inside the final transaction
          expect(dead).toEqual([
            { id: expect.any(Number), status: 'running', phase: crashAt === 'merge' ? 'merging' : 'reading', staged: expect.any(Number) },
          ]);
          const staged = dead[0]?.staged ?? 0;
          // PGlite: opening the killed data directory runs crash recovery, which empties UNLOGGED
          // tables such as registry_stage. PostgreSQL (only the client died): merge leaves every row
          // staged (the transaction that would have consumed them never committed); chunk:2 leaves
          // chunk 1, and chunk 2 if its COPY (in flight when the hook fires) had finished.
          if (engine.name === 'pglite') expect(staged).toBe(0);
          else if (crashAt === 'merge') expect(staged).toBe(s2Rows);
          else expect([20_000, 40_000]).toContain(staged);
        }
        console.info(
          `[${engine.name}] ${what}: killed after ${killed.ms} ms` +
            (dead[0] ? ` in phase ${dead[0].phase} with ${dead[0].staged} rows staged` : ' before the import record existed'),
        );

        // 2. the next command marks it aborted and removes its staged rows
        if (engine.name === 'pg') {
          const early = await cli(['status'], t.env);
          expect(early.code, early.err).toBe(0);
          const untouched = await t.use((db) => query<ImportRow>(db, IMPORTS_SQL));
          expect(untouched.filter((i) => i.status === 'running').map((i) => i.id)).toEqual(dead.map((i) => i.id));
          await engine.letTimePass(t);
        }
        const next = await cli(['status'], t.env);
        expect(next.code, next.err).toBe(0);
        if (dead.length) expect(next.err).toContain(`marked ${dead.length} interrupted import(s) as aborted`);
        const swept = await t.use((db) => query<ImportRow>(db, IMPORTS_SQL));
        for (const d of dead) expect(swept.find((i) => i.id === d.id)).toMatchObject({ status: 'aborted', staged: 0 });
        expect(swept.filter((i) => i.status === 'running')).toEqual([]);
        expect(swept.reduce((a, i) => a + i.staged, 0)).toBe(0);
      }

      // 3. the same import again ends exactly where an uninterrupted one does
      const rerun = await cli(importArgs(files.s2, NEXT_PERIOD), t.env);
      expect(rerun.code, rerun.err).toBe(0);
      expect(JSON.parse(rerun.out)).toMatchObject({ status: 'completed', rejectedRows: 0 });
      const end = await stateOf(t);
      expect(registryOf(end)).toEqual(registryOf(reference));
      expect(end.staged).toBe(0);
      await t.drop();
    },
  );

  it.sequential('hook merge:bulk: a first load killed after dropping the indexes it rebuilds leaves the empty registry and every index', {
    timeout: 240_000,
  }, async () => {
    const t = await engine.copy(empty, 'bulk');
    const killed = await cli(importArgs(files.s1, BASE_PERIOD), { ...t.env, DAMPINGAN_TEST_SIGKILL_AT: 'merge:bulk' });
    expect(killed.signal, `exit ${killed.code} after ${killed.ms} ms\n${killed.err}`).toBe('SIGKILL');
    const afterKill = await stateOf(t);
    expect(registryOf(afterKill)).toEqual(registryOf(emptyState));
    expect(afterKill.imports).toEqual([{ id: expect.any(Number), status: 'running', phase: 'merging', staged: expect.any(Number) }]);
    if (engine.name === 'pg') await engine.letTimePass(t);
    const next = await cli(['status'], t.env);
    expect(next.code, next.err).toBe(0);
    expect(next.err).toContain('marked 1 interrupted import(s) as aborted');
    const rerun = await cli(importArgs(files.s1, BASE_PERIOD), t.env);
    expect(rerun.code, rerun.err).toBe(0);
    expect(registryOf(await stateOf(t))).toEqual(registryOf(before));
    await t.drop();
  });

  afterAll(async () => {
    await base?.drop();
    await empty?.drop();
  });
});
