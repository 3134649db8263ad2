/**
 * Shared helpers for the bench scripts: argument parsing, cleanup that also runs on Ctrl-C,
 * throw-away PostgreSQL databases, medians and plain-text tables. Not a bench itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@dampingan/server';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const serverDir = path.join(repoRoot, 'apps', 'server');

/** Maintenance connection used to CREATE/DROP the `dampingan_bench_*` databases. */
export const pgAdminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type Engine = 'pglite' | 'pg';

export function parseEngines(value: string | undefined): Engine[] {
  switch (value ?? 'both') {
    case 'both':
      return ['pglite', 'pg'];
    case 'pglite':
      return ['pglite'];
    case 'pg':
      return ['pg'];
    default:
      throw new Error(`--engine must be pglite, pg or both (got "${value}")`);
  }
}

export function parseRuns(value: string | undefined): number {
  const runs = Number(value ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got "${value}")`);
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Cleanup: every resource registers an undo step; they run in reverse order on normal exit,
// on error and on SIGINT/SIGTERM, so no temp dir, bench database or child server is left over.

type CleanupFn = () => Promise<void> | void;
const cleanups = new Map<number, { label: string; fn: CleanupFn }>();
let nextCleanupId = 1;

/** Steps run early by their owner, still in progress: the final pass waits for them too. */
const inFlight = new Set<Promise<void>>();

/** Registers an undo step; call the returned function to run it early (it then runs once). */
export function onCleanup(label: string, fn: CleanupFn): () => Promise<void> {
  const id = nextCleanupId++;
  cleanups.set(id, { label, fn });
  return async () => {
    const entry = cleanups.get(id);
    if (!entry) return;
    cleanups.delete(id);
    const running = Promise.resolve().then(entry.fn);
    inFlight.add(running);
    try {
      await running;
    } finally {
      inFlight.delete(running);
    }
  };
}

let cleaning: Promise<void> | undefined;

/**
 * Runs every registered step, newest first, each once. Concurrent callers (a signal handler and
 * the failing bench body) share the same pass, so nobody exits before the last step has run.
 */
export function runAllCleanups(): Promise<void> {
  cleaning ??= (async () => {
    for (let last = [...cleanups.keys()].at(-1); last !== undefined; last = [...cleanups.keys()].at(-1)) {
      const entry = cleanups.get(last);
      cleanups.delete(last);
      if (!entry) continue;
      try {
        await entry.fn();
      } catch (err) {
        console.error(`cleanup "${entry.label}" failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await Promise.allSettled([...inFlight]);
  })().finally(() => {
    cleaning = undefined;
  });
  return cleaning;
}

/** Runs the bench body, then the cleanups, whatever happens; exits non-zero on failure or signal. */
export async function main(body: () => Promise<void>): Promise<void> {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    console.error(`\n${signal}: cleaning up…`);
    void runAllCleanups().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let code = 0;
  try {
    await body();
  } catch (err) {
    // After a signal the body fails because its resources were torn down: not worth printing.
    if (!signalled) console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    code = 1;
  } finally {
    await runAllCleanups();
  }
  process.exit(signalled ? 130 : code);
}

/** A fresh directory under the OS temp dir, removed at cleanup (or earlier with `remove`). */
export function tempDir(prefix: string): { dir: string; remove: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dampingan-bench-${prefix}-`));
  const remove = onCleanup(`rm ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, remove };
}

// ---------------------------------------------------------------------------------------------
// Throw-away PostgreSQL databases. Names always start with `dampingan_bench_`.

let dbCounter = 0;

export function benchDbName(tag: string): string {
  dbCounter++;
  return `dampingan_bench_${tag}_${process.pid}_${dbCounter}`;
}

export function dbUrl(name: string): string {
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminExec(sqlText: string): Promise<void> {
  const admin = await openDatabase({ engine: 'pg', url: pgAdminUrl, poolMax: 1 });
  try {
    await admin.exec(sqlText);
  } finally {
    await admin.close();
  }
}

function checkBenchDbName(name: string): void {
  if (!/^dampingan_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to manage database "${name}"`);
}

/**
 * CREATE DATABASE (timed by the caller); DROP ... WITH (FORCE) is registered as cleanup, unless
 * `keep` (a database another bench reuses; drop it later with `dropBenchDb`).
 */
export async function createBenchDb(name: string, opts: { keep?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  checkBenchDbName(name);
  await adminExec(`create database "${name}"`);
  const dropNow = () => adminExec(`drop database if exists "${name}" with (force)`);
  const drop = opts.keep ? dropNow : onCleanup(`drop database ${name}`, dropNow);
  return { url: dbUrl(name), drop };
}

/** DROP DATABASE IF EXISTS … WITH (FORCE), for `dampingan_bench_*` names only. */
export async function dropBenchDb(name: string): Promise<void> {
  checkBenchDbName(name);
  await adminExec(`drop database if exists "${name}" with (force)`);
}

export async function benchDbExists(name: string): Promise<boolean> {
  checkBenchDbName(name);
  const admin = await openDatabase({ engine: 'pg', url: pgAdminUrl, poolMax: 1 });
  try {
    const res = await admin.raw.pool?.query('select 1 from pg_database where datname = $1', [name]);
    return (res?.rowCount ?? 0) > 0;
  } finally {
    await admin.close();
  }
}

export async function pgServerVersion(): Promise<string> {
  const admin = await openDatabase({ engine: 'pg', url: pgAdminUrl, poolMax: 1 });
  try {
    const res = await admin.raw.pool?.query<{ server_version: string }>('show server_version');
    return res?.rows[0]?.server_version ?? '?';
  } finally {
    await admin.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Figures.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '-');
export const sec = (v: number) => (Number.isFinite(v) ? (v / 1000).toFixed(2) : '-');
export const ratio = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '-');
export const rate = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '-');
/** Rounds for the JSON line: whole numbers for ms and rows/s, 3 decimals for ratios. */
export const round = (v: number, digits = 0) => Number(v.toFixed(digits));

/** Plain-text table: first row is the header, numbers right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  const line = (row: readonly string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const [header, ...body] = rows;
  if (!header) return '';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Other processes share the 2 cores: the benches print the load average before and after. */
export function loadLine(): string {
  return `load average ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')} (1/5/15 min)`;
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `node ${process.version}, ${os.platform()} ${os.release()}, ${cpus.length} cpu (${cpus[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`;
}
