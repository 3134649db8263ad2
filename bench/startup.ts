/**
 * Startup bench: wall time from spawning `node apps/cli/bin/dampingan.mjs serve` until
 * GET /api/health answers 200 with all 91,599 regions.
 *
 *   npx tsx bench/startup.ts [--runs 3] [--engine pglite|pg|both]
 *
 * Per run and engine:
 *   cold = fresh empty DATA_DIR (PGlite) or fresh empty `dampingan_bench_*` database (PG, created
 *          before the spawn and not timed): initdb (PGlite) + migrations + reference data + listen;
 *   warm = SIGTERM, wait for exit, spawn again on the same DATA_DIR / database.
 * Baselines measured in the same run, so the reader sees which part is Node, tsx + imports and the engine:
 *   `node -e 0`, `node apps/cli/bin/dampingan.mjs help` (node + tsx + the whole server module graph),
 *   and a bare `PGlite.create()` in a fresh node process on a fresh dir (initdb) and again on that dir (reopen).
 * Prints per-run tables, the medians, cold/warm ratios and a last line of JSON with the medians.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
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
  ratio,
  repoRoot,
  round,
  sec,
  serverDir,
  table,
  tempDir,
} from './common.ts';

const EXPECTED_REGIONS = 91_599;
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
const cliBin = path.join(repoRoot, 'apps', 'cli', 'bin', 'dampingan.mjs');

const now = () => performance.now();
const sleep = (delayMs: number) => new Promise<void>((resolve) => setTimeout(resolve, delayMs));

// ---------------------------------------------------------------------------------------------
// Child processes: every child is killed (SIGKILL) at cleanup if it is still running.

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Spawned {
  child: ChildProcess;
  exited: Promise<Exit>;
  /** stdout and stderr lines, for error messages and log parsing. */
  output: string[];
  onLine: (listener: (line: string) => void) => void;
}

function spawnTracked(args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Spawned {
  const child = spawn(process.execPath, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const listeners: Array<(line: string) => void> = [];
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
      for (const listener of listeners) listener(line);
    });
  }
  return { child, exited, output, onLine: (l) => listeners.push(l) };
}

const tail = (output: readonly string[]) => output.slice(-15).join('\n');

/** Spawns and waits for exit; returns the wall time. */
async function timeProcess(args: readonly string[], cwd = repoRoot): Promise<{ wallMs: number; output: string[] }> {
  const t0 = now();
  const p = spawnTracked(args, { cwd, env: process.env });
  const exit = await p.exited;
  const wallMs = now() - t0;
  if (exit.code !== 0) throw new Error(`node ${args.join(' ')} exited with ${exit.code ?? exit.signal}:\n${tail(p.output)}`);
  return { wallMs, output: p.output };
}

// ---------------------------------------------------------------------------------------------
// The server.

interface Health {
  status: string;
  database: { engine: string; regions: number };
}

function isHealth(v: unknown): v is Health {
  if (typeof v !== 'object' || v === null || !('status' in v) || !('database' in v)) return false;
  const db = v.database;
  return typeof db === 'object' && db !== null && 'regions' in db && typeof db.regions === 'number' && 'engine' in db;
}

async function getHealth(url: string): Promise<{ ok: true; body: Health } | { ok: false; error: string }> {
  try {
    const res = await fetch(`${url}/api/health`);
    const body: unknown = await res.json();
    if (res.status === 200 && isHealth(body)) return { ok: true, body };
    return { ok: false, error: `${res.status} ${JSON.stringify(body)}` };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

interface StartFigures {
  /** Spawn → /api/health 200 with all regions. */
  wallMs: number;
  /** Spawn → the "ready in N ms on …" line. */
  readyLineMs: number;
  /** N of "ready in N ms", measured by the server itself from the start of serve(). */
  serverReadyMs: number;
  /** M of "loaded 91599 Kemendagri regions in M ms" (cold starts only). */
  regionsLogMs: number;
  /** SIGTERM → exit. */
  stopMs: number;
}

async function startAndStop(env: NodeJS.ProcessEnv, engine: Engine): Promise<StartFigures> {
  const t0 = now();
  const server = spawnTracked([cliBin, 'serve'], { cwd: repoRoot, env });
  let regionsLogMs = Number.NaN;
  const ready = new Promise<{ url: string; serverReadyMs: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "ready" line after ${START_TIMEOUT_MS} ms:\n${tail(server.output)}`)),
      START_TIMEOUT_MS,
    );
    server.onLine((line) => {
      const loaded = /loaded (\d+) Kemendagri regions in (\d+) ms/.exec(line);
      if (loaded) regionsLogMs = Number(loaded[2]);
      const m = /ready in (\d+) ms on (http:\/\/\S+)/.exec(line);
      if (m?.[1] && m[2]) {
        clearTimeout(timer);
        resolve({ url: m[2], serverReadyMs: Number(m[1]) });
      }
    });
    void server.exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${exit.code ?? exit.signal}):\n${tail(server.output)}`));
    });
  });
  try {
    const { url, serverReadyMs } = await ready;
    const readyLineMs = now() - t0;
    let last = '';
    for (;;) {
      if (now() - t0 > START_TIMEOUT_MS) throw new Error(`/api/health never answered 200 with ${EXPECTED_REGIONS} regions; last: ${last}`);
      const health = await getHealth(url);
      if (health.ok && health.body.database.regions === EXPECTED_REGIONS) {
        if (health.body.database.engine !== engine)
          throw new Error(`expected engine ${engine}, health says ${health.body.database.engine}`);
        break;
      }
      last = health.ok ? JSON.stringify(health.body) : health.error;
      await sleep(10);
    }
    const wallMs = now() - t0;

    const t1 = now();
    server.child.kill('SIGTERM');
    const exit = await withTimeout(server.exited, STOP_TIMEOUT_MS, 'server exit after SIGTERM');
    const stopMs = now() - t1;
    if (exit.code !== 0) throw new Error(`server exited with ${exit.code ?? exit.signal} after SIGTERM:\n${tail(server.output)}`);
    return { wallMs, readyLineMs, serverReadyMs, regionsLogMs, stopMs };
  } catch (err) {
    server.child.kill('SIGKILL');
    await server.exited.catch(() => undefined);
    throw err;
  }
}

function serverEnv(dataDir: string, databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl, // '' = embedded PGlite (config treats empty as unset)
    PORT: '0',
    HOST: '127.0.0.1',
    SCOPE: '33.75',
    LOG_REQUESTS: 'false',
  };
}

interface EngineRun {
  engine: Engine;
  run: number;
  cold: StartFigures;
  warm: StartFigures;
}

async function runPglite(run: number): Promise<EngineRun> {
  const { dir, remove } = tempDir('startup');
  try {
    const env = serverEnv(dir, '');
    const cold = await startAndStop(env, 'pglite');
    const warm = await startAndStop(env, 'pglite');
    return { engine: 'pglite', run, cold, warm };
  } finally {
    await remove();
  }
}

async function runPg(run: number): Promise<EngineRun> {
  const { dir, remove } = tempDir('startup-pg'); // DATA_DIR is ignored with DATABASE_URL; keep it out of the repo anyway
  try {
    const { url, drop } = await createBenchDb(benchDbName('startup'));
    try {
      const env = serverEnv(dir, url);
      const cold = await startAndStop(env, 'pg');
      const warm = await startAndStop(env, 'pg');
      return { engine: 'pg', run, cold, warm };
    } finally {
      await drop();
    }
  } finally {
    await remove();
  }
}

// ---------------------------------------------------------------------------------------------
// Baselines.

/** Runs in a fresh node process with cwd apps/server, where @electric-sql/pglite is a dependency. */
const PGLITE_SCRIPT = `
const t0 = performance.now();
const { PGlite } = await import('@electric-sql/pglite');
const t1 = performance.now();
const db = await PGlite.create({ dataDir: process.argv[1] });
const t2 = performance.now();
await db.query('select 1');
await db.close();
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, createMs: t2 - t1, closeMs: t3 - t2 }));
`;

interface PgliteProbe {
  wallMs: number;
  importMs: number;
  createMs: number;
}

async function pgliteProbe(dataDir: string): Promise<PgliteProbe> {
  const { wallMs, output } = await timeProcess(['--input-type=module', '-e', PGLITE_SCRIPT, dataDir], serverDir);
  const parsed: unknown = JSON.parse(output.at(-1) ?? '{}');
  if (typeof parsed !== 'object' || parsed === null || !('importMs' in parsed) || !('createMs' in parsed)) {
    throw new Error(`unexpected PGlite probe output: ${output.join('\n')}`);
  }
  return { wallMs, importMs: Number(parsed.importMs), createMs: Number(parsed.createMs) };
}

interface BaselineRun {
  run: number;
  nodeEmptyMs: number;
  cliHelpMs: number;
  initdb: PgliteProbe;
  reopen: PgliteProbe;
}

async function runBaselines(run: number): Promise<BaselineRun> {
  const nodeEmptyMs = (await timeProcess(['-e', '0'])).wallMs;
  const cliHelpMs = (await timeProcess([cliBin, 'help'])).wallMs;
  const { dir, remove } = tempDir('pglite-probe');
  try {
    const pgdata = path.join(dir, 'pgdata'); // same layout as the server's DATA_DIR
    const initdb = await pgliteProbe(pgdata);
    const reopen = await pgliteProbe(pgdata);
    return { run, nodeEmptyMs, cliHelpMs, initdb, reopen };
  } finally {
    await remove();
  }
}

// ---------------------------------------------------------------------------------------------

await main(async () => {
  const { values } = parseArgs({ options: { engine: { type: 'string' }, runs: { type: 'string' } }, strict: true });
  const engines = parseEngines(values.engine);
  const runs = parseRuns(values.runs);

  console.log(`startup bench, ${new Date().toISOString()}`);
  console.log(machineLine());
  console.log(`before: ${loadLine()}`);
  console.log(`engines: ${engines.join(', ')}; runs: ${runs}`);
  if (engines.includes('pg')) console.log(`PostgreSQL: ${pgAdminUrl} (server ${await pgServerVersion()})`);
  console.log('');

  const baselines: BaselineRun[] = [];
  const starts: EngineRun[] = [];
  for (let run = 1; run <= runs; run++) {
    const b = await runBaselines(run);
    baselines.push(b);
    console.log(
      `run ${run} baselines: node -e 0 ${ms(b.nodeEmptyMs)} ms, cli help ${ms(b.cliHelpMs)} ms, ` +
        `PGlite initdb ${ms(b.initdb.wallMs)} ms (create ${ms(b.initdb.createMs)}), reopen ${ms(b.reopen.wallMs)} ms (create ${ms(b.reopen.createMs)})`,
    );
    for (const engine of engines) {
      const r = engine === 'pglite' ? await runPglite(run) : await runPg(run);
      starts.push(r);
      console.log(
        `run ${run} ${engine}: cold ${sec(r.cold.wallMs)} s, warm ${sec(r.warm.wallMs)} s, cold/warm ${ratio(r.cold.wallMs / r.warm.wallMs)}`,
      );
    }
  }

  const m = <T>(items: readonly T[], f: (x: T) => number) => median(items.map(f));

  const startHeader = [
    'engine',
    'run',
    'cold s',
    'cold ready-line s',
    'cold server-ready ms',
    'regions-load ms',
    'warm s',
    'warm server-ready ms',
    'stop ms',
    'cold/warm',
  ];
  const startBody: string[][] = [];
  const startMedians: Partial<Record<Engine, Record<string, number>>> = {};
  for (const engine of engines) {
    const rs = starts.filter((r) => r.engine === engine);
    const line = (label: string, f: (pick: (r: EngineRun) => number) => number): string[] => [
      engine,
      label,
      sec(f((r) => r.cold.wallMs)),
      sec(f((r) => r.cold.readyLineMs)),
      ms(f((r) => r.cold.serverReadyMs)),
      ms(f((r) => r.cold.regionsLogMs)),
      sec(f((r) => r.warm.wallMs)),
      ms(f((r) => r.warm.serverReadyMs)),
      ms(f((r) => r.warm.stopMs)),
      ratio(f((r) => r.cold.wallMs / r.warm.wallMs)),
    ];
    for (const r of rs) startBody.push(line(String(r.run), (pick) => pick(r)));
    startBody.push(line('median', (pick) => m(rs, pick)));
    startMedians[engine] = {
      runs: rs.length,
      coldMs: round(m(rs, (r) => r.cold.wallMs)),
      warmMs: round(m(rs, (r) => r.warm.wallMs)),
      coldToWarmRatio: round(
        m(rs, (r) => r.cold.wallMs / r.warm.wallMs),
        3,
      ),
      coldServerReadyMs: round(m(rs, (r) => r.cold.serverReadyMs)),
      warmServerReadyMs: round(m(rs, (r) => r.warm.serverReadyMs)),
      coldRegionsLoadLogMs: round(m(rs, (r) => r.cold.regionsLogMs)),
      stopMs: round(m(rs, (r) => r.warm.stopMs)),
    };
  }

  const baseHeader = [
    'baseline',
    'run',
    'node -e 0 ms',
    'cli help ms',
    'PGlite initdb ms',
    '(create)',
    'PGlite reopen ms',
    '(create)',
    '(import)',
  ];
  const baseLine = (label: string, f: (pick: (b: BaselineRun) => number) => number): string[] => [
    'process',
    label,
    ms(f((b) => b.nodeEmptyMs)),
    ms(f((b) => b.cliHelpMs)),
    ms(f((b) => b.initdb.wallMs)),
    ms(f((b) => b.initdb.createMs)),
    ms(f((b) => b.reopen.wallMs)),
    ms(f((b) => b.reopen.createMs)),
    ms(f((b) => b.reopen.importMs)),
  ];
  const baseBody = baselines.map((b) => baseLine(String(b.run), (pick) => pick(b)));
  baseBody.push(baseLine('median', (pick) => m(baselines, pick)));

  console.log('');
  console.log(table([startHeader, ...startBody]));
  console.log('');
  console.log(table([baseHeader, ...baseBody]));
  console.log('');
  console.log(
    'cold/warm s = spawn of `dampingan serve` → GET /api/health 200 with 91,599 regions (PGlite: fresh DATA_DIR; PG: fresh\n' +
      'database created before the spawn). ready-line = spawn → "ready in N ms" line; server-ready = N (from the start of\n' +
      'serve(), excludes node + tsx + imports); regions-load = "loaded … regions in M ms" log line; stop = SIGTERM → exit.\n' +
      'Baselines, each a fresh node process, wall time: node -e 0; cli help (node + tsx + whole server module graph);\n' +
      'PGlite initdb = import + PGlite.create() on a fresh dir + close; reopen = same on that dir; (create) = PGlite.create() alone.',
  );
  console.log(`after: ${loadLine()}`);
  console.log(
    JSON.stringify({
      bench: 'startup',
      date: new Date().toISOString(),
      node: process.version,
      medians: {
        ...startMedians,
        baselines: {
          runs: baselines.length,
          nodeEmptyMs: round(m(baselines, (b) => b.nodeEmptyMs)),
          cliHelpMs: round(m(baselines, (b) => b.cliHelpMs)),
          pgliteInitdbWallMs: round(m(baselines, (b) => b.initdb.wallMs)),
          pgliteInitdbCreateMs: round(m(baselines, (b) => b.initdb.createMs)),
          pgliteReopenWallMs: round(m(baselines, (b) => b.reopen.wallMs)),
          pgliteReopenCreateMs: round(m(baselines, (b) => b.reopen.createMs)),
          pgliteImportMs: round(m(baselines, (b) => b.reopen.importMs)),
        },
      },
    }),
  );
});
