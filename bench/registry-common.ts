/**
 * Shared helpers of the registry benches (`registry-import.ts`, `registry-search.ts`): the cached
 * synthetic registry files, the names of the databases kept for reuse, child processes, raw queries
 * on either engine and a CPU profile summary. Not a bench itself.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { type Database, writeRegistryFile } from '@dampingan/server';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { benchDbExists, type Engine, onCleanup, repoRoot } from './common.ts';

/** Snapshot date of the generated files and the `period` of every bench import. */
export const BENCH_PERIOD = '2026-09-30';

/** Generated files are kept here between runs (1 M families = 1.3 GB, ~20 s to write). */
export const CACHE_DIR = path.join(os.tmpdir(), 'dampingan-bench-cache');

export interface RegistryFileSummary {
  scope: string;
  seed: number;
  families: number;
  /** distinct persons */
  persons: number;
  /** data rows (one per person row), header excluded */
  rows: number;
  villages: number;
  bytes: number;
  /** time to write the file when it was generated (not in this run when cached) */
  generateMs: number;
}

export function parseFamilies(value: string | undefined, fallback: number): number {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--families must be a positive integer (got "${value}")`);
  return n;
}

export function parseScope(value: string | undefined, fallback: string): string {
  const scope = value ?? fallback;
  if (!/^\d{2}(\.\d{2}(\.\d{2})?)?$/.test(scope)) throw new Error(`--scope must be a region code such as 33 or 33.75 (got "${scope}")`);
  return scope;
}

/**
 * The synthetic registry file for scope/families/seed: reused from CACHE_DIR when there, else
 * generated (to a temp name, renamed when complete, so an interrupted write is never reused).
 */
export async function registryFile(
  scope: string,
  families: number,
  seed: number,
): Promise<{ file: string; summary: RegistryFileSummary; cached: boolean }> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const base = path.join(CACHE_DIR, `registry-${scope}-${families}-seed${seed}`);
  const file = `${base}.csv`;
  const meta = `${base}.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    const summary = JSON.parse(fs.readFileSync(meta, 'utf8')) as RegistryFileSummary;
    if (summary.bytes === fs.statSync(file).size) return { file, summary, cached: true };
  }
  const partial = `${base}.partial-${process.pid}.csv`;
  const forget = onCleanup(`rm ${partial}`, () => fs.rmSync(partial, { force: true }));
  const res = await writeRegistryFile(partial, { scope, families, seed });
  fs.renameSync(partial, file);
  await forget();
  const summary: RegistryFileSummary = {
    scope,
    seed,
    families: res.families,
    persons: res.persons,
    rows: res.rows,
    villages: res.villages,
    bytes: res.bytes,
    generateMs: res.ms,
  };
  fs.writeFileSync(meta, `${JSON.stringify(summary)}\n`);
  return { file, summary, cached: false };
}

/** Removes the cached files of one scope/families/seed. */
export function removeCachedFile(scope: string, families: number, seed: number): void {
  const base = path.join(CACHE_DIR, `registry-${scope}-${families}-seed${seed}`);
  fs.rmSync(`${base}.csv`, { force: true });
  fs.rmSync(`${base}.json`, { force: true });
  if (fs.existsSync(CACHE_DIR) && fs.readdirSync(CACHE_DIR).length === 0) fs.rmdirSync(CACHE_DIR);
}

/** The database `registry-import --keep` leaves behind and `registry-search` reuses. */
export const keptPgName = (scope: string, families: number) => `dampingan_bench_keep_registry_${scope.replaceAll('.', '_')}_${families}`;
export const keptPgliteDir = (scope: string, families: number) =>
  path.join(os.tmpdir(), `dampingan-bench-keep-registry-${scope}-${families}`);

// ---------------------------------------------------------------------------------------------
// Raw queries, identical on both drivers.

export async function query<T>(database: Database, text: string, params: unknown[] = []): Promise<T[]> {
  if (database.raw.pglite) return (await database.raw.pglite.query<T>(text, params)).rows;
  if (database.raw.pool) return (await database.raw.pool.query(text, params)).rows as T[];
  throw new Error('no driver');
}

export async function countRows(database: Database, tableName: string): Promise<number> {
  const [r] = await query<{ n: number }>(database, `select count(*)::int as n from ${tableName}`);
  return r?.n ?? -1;
}

// ---------------------------------------------------------------------------------------------
// COPY between files and tables, on either engine.

/** PGlite reads COPY input from a Blob in its WASM file system: a file goes in pieces of this size. */
const PGLITE_COPY_CHUNK_BYTES = 64 * 2 ** 20;

/**
 * COPY a file into `table`: `csv` (with a header line, skipped) or PostgreSQL's `text` format.
 * PG streams it through COPY FROM STDIN; PGlite takes it in ~64 MB pieces cut at line ends, each
 * from /dev/blob. Returns the rows COPY reported.
 */
export async function copyFileIn(database: Database, table: string, file: string, format: 'csv' | 'text'): Promise<number> {
  const options = (header: boolean) => (format === 'csv' ? `(FORMAT csv${header ? ', HEADER true' : ''})` : '(FORMAT text)');
  const pool = database.raw.pool;
  if (pool) {
    const conn = await pool.connect();
    try {
      const stream = conn.query(copyFrom(`COPY ${table} FROM STDIN ${options(true)}`));
      await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), stream);
      return stream.rowCount ?? 0;
    } finally {
      conn.release();
    }
  }
  const pglite = database.raw.pglite;
  if (!pglite) throw new Error('no driver');
  const fd = fs.openSync(file, 'r');
  let copied = 0;
  try {
    const buf = Buffer.alloc(PGLITE_COPY_CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let first = true;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      const data = n > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : carry;
      if (data.length === 0) break;
      const cut = n > 0 ? data.lastIndexOf(0x0a) + 1 : data.length;
      if (cut === 0) {
        carry = data;
        continue;
      }
      const piece = data.subarray(0, cut);
      carry = Buffer.from(data.subarray(cut));
      const res = await pglite.query(`COPY ${table} FROM '/dev/blob' WITH ${options(first)}`, [], {
        blob: new Blob([new Uint8Array(piece)]),
      });
      copied += res.affectedRows ?? 0;
      first = false;
      if (n === 0) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return copied;
}

/** COPY the rows of `select` out to a file in PostgreSQL's text format. Returns the bytes written. */
export async function copyQueryOut(database: Database, select: string, file: string): Promise<number> {
  const pool = database.raw.pool;
  if (pool) {
    const conn = await pool.connect();
    try {
      await pipeline(conn.query(copyTo(`COPY (${select}) TO STDOUT`)), fs.createWriteStream(file));
    } finally {
      conn.release();
    }
    return fs.statSync(file).size;
  }
  const pglite = database.raw.pglite;
  if (!pglite) throw new Error('no driver');
  const res = await pglite.query(`COPY (${select}) TO '/dev/blob'`);
  if (!res.blob) throw new Error('COPY TO /dev/blob returned no blob');
  fs.writeFileSync(file, Buffer.from(await res.blob.arrayBuffer()));
  return fs.statSync(file).size;
}

// ---------------------------------------------------------------------------------------------
// Child processes: killed (SIGKILL) at cleanup if still running.

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Spawned {
  child: ChildProcess;
  exited: Promise<Exit>;
  /** stdout and stderr lines */
  output: string[];
}

export function spawnNode(args: readonly string[], opts: { env?: NodeJS.ProcessEnv; echo?: boolean } = {}): Spawned {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  let running = true;
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  const forget = onCleanup(`kill pid ${child.pid}`, async () => {
    if (!running) return;
    child.kill('SIGKILL');
    await exited.catch(() => undefined);
  });
  void exited.then(forget, forget);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (opts.echo) console.log(`  | ${line}`);
    });
  }
  return { child, exited, output };
}

export const tail = (output: readonly string[], n = 20) => output.slice(-n).join('\n');

// ---------------------------------------------------------------------------------------------
// Memory of a process, from /proc (Linux).

/** VmHWM (peak resident set) and VmRSS in bytes from /proc/<pid>/status; null when unavailable. */
export function procMemory(pid: number | 'self'): { hwm: number; rss: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return null;
  }
}

export const mib = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(0) : '-');

// ---------------------------------------------------------------------------------------------
// CPU profile (.cpuprofile from `node --cpu-prof`): self time by function and by file.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time per function and per file; shares are of the busy (non-idle) time. */
export interface ProfileSummary {
  totalMs: number;
  /** (idle) samples: the thread waited (for the database, for I/O) */
  idleMs: number;
  byFunction: { name: string; ms: number; share: number }[];
  byFile: { file: string; ms: number; share: number }[];
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const rel = clean.startsWith(repoRoot) ? clean.slice(repoRoot.length) : clean;
  return rel.replace(/^.*node_modules\//, 'node_modules/');
}

export function summarizeCpuProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    total += us;
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const f = node.callFrame;
    const where = shortUrl(f.url);
    const name = `${f.functionName || '(anonymous)'} ${where}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    const fileKey = f.url ? where : `${f.functionName || '(anonymous)'}`;
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
  }
  const busy = total - idle;
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ k, ms: us / 1000, share: busy > 0 ? us / busy : 0 }));
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    byFunction: list(fn).map(({ k, ms, share }) => ({ name: k, ms, share })),
    byFile: list(files).map(({ k, ms, share }) => ({ file: k, ms, share })),
  };
}

/** The commit measured, and whether the registry/db code differed from it (others may be editing). */
export function gitLine(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--', 'apps/server/src/modules/registry', 'apps/server/src/db', 'apps/server/migrations'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter((l) => l.trim() && !l.includes('.test.'))
      .map((l) => l.slice(3));
    return `commit ${head}${dirty.length ? `, with uncommitted changes to ${dirty.join(', ')}` : ', measured code as committed'}`;
  } catch {
    return 'commit unknown (no git)';
  }
}

// ---- shared by registry-search.ts and workspace.ts ----------------------------------------------

/** mulberry32: the same seed draws the same queries, villages and ids. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-quantile (0–1) of the values, interpolated. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}

/** The registry database registry-import.ts --keep leaves behind; --build makes it when missing. */
export async function ensureDatabase(engine: Engine, scope: string, families: number, build: boolean): Promise<string> {
  const exists =
    engine === 'pg' ? await benchDbExists(keptPgName(scope, families)) : fs.existsSync(path.join(keptPgliteDir(scope, families), 'pgdata'));
  const where = engine === 'pg' ? keptPgName(scope, families) : keptPgliteDir(scope, families);
  if (!exists) {
    const cmd = `npx tsx bench/registry-import.ts --engine ${engine} --scope ${scope} --families ${families} --keep`;
    if (!build) throw new Error(`no kept registry ${where}: run \`${cmd}\` first, or pass --build`);
    console.log(`${engine}: building ${where} with ${cmd} --skip-breakdown`);
    const child = spawnNode(
      [
        '--import',
        'tsx',
        path.join(repoRoot, 'bench', 'registry-import.ts'),
        '--engine',
        engine,
        '--scope',
        scope,
        '--families',
        String(families),
        '--keep',
        '--skip-breakdown',
      ],
      { echo: true },
    );
    const exit = await child.exited;
    if (exit.code !== 0) throw new Error(`registry-import exited with ${exit.code ?? exit.signal}:\n${tail(child.output)}`);
  }
  return where;
}
