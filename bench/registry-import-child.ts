/**
 * The importing process of `registry-import.ts` (not a bench by itself): opens the prepared
 * database, runs `runImport` once, and prints one line `BENCH_RESULT {json}` with its timings and
 * memory, so the peak RSS is the importer's own and not the bench's.
 *
 *   node --import tsx bench/registry-import-child.ts --engine pg --url URL --file F --scope 33 --period 2026-09-30
 *   node --import tsx bench/registry-import-child.ts --engine pglite --data-dir DIR --file F --scope 33.75 --period …
 *
 * Timing marks come from runImport's own callbacks: `onStarted` (after the file's SHA-256 and the
 * import record), `onProgress` phase `merging` (every chunk COPYed) and `done`. Without touching the server code, the child also wraps the Database it hands to
 * runImport to time each COPY and each statement of the merge transaction (a few dozen calls:
 * the overhead is nil). RSS is sampled every 100 ms; the peak is also read from /proc (VmHWM).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, openDatabase, runImport } from '@dampingan/server';
import { procMemory } from './registry-common.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    url: { type: 'string' },
    'data-dir': { type: 'string' },
    file: { type: 'string' },
    scope: { type: 'string' },
    period: { type: 'string' },
  },
  strict: true,
});
const file = values.file ?? '';
const scope = values.scope ?? '';
const period = values.period ?? '';
if (!file || !scope || !period) throw new Error('--file, --scope and --period are required');

const now = () => performance.now();
let peakSampledRss = process.memoryUsage().rss;
/** what the RSS was made of at its sampled peak: V8 heap in use, and memory outside it (Buffers) */
let peakParts = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, phase: 'open' };
let phaseNow = 'open';
const tStart = performance.now();
let lastTrace = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peakSampledRss) {
    peakSampledRss = m.rss;
    peakParts = { heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, phase: phaseNow };
  }
  // BENCH_MEMORY_TRACE=1: a line every 5 s (the parent echoes it with --memory-trace)
  if (process.env.BENCH_MEMORY_TRACE && performance.now() - lastTrace > 5000) {
    lastTrace = performance.now();
    const mb = (b: number) => (b / 2 ** 20).toFixed(0);
    process.stdout.write(
      `memory t=${((lastTrace - tStart) / 1000).toFixed(0)}s ${phaseNow}: rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)} MiB\n`,
    );
  }
}, 100);

const tOpen = now();
const database: Database =
  values.engine === 'pg'
    ? await openDatabase({ engine: 'pg', url: values.url ?? '' })
    : await openDatabase({ engine: 'pglite', dataDir: values['data-dir'] ?? '', owner: 'bench/registry-import-child' });
const openMs = now() - tOpen;
const rssBefore = process.memoryUsage().rss;

// --- instrumentation (wrappers around the Database object handed to runImport) ---------------

interface Stmt {
  label: string;
  ms: number;
}
const copies = { stage: { n: 0, ms: 0, rows: 0 }, issues: { n: 0, ms: 0, rows: 0 } };
/**
 * Staging COPYs, start and end. runImport keeps one COPY in flight while it parses the next chunk;
 * when the next chunk was ready before the COPY ended, the next COPY starts right at its end
 * (the parser waited: COPY-bound); when it starts later, the parser was the slower side.
 */
const stageSpans: { start: number; end: number }[] = [];
const mergeStatements: Stmt[] = [];

const label = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/^ ?with x as \(/, '')
    .trim()
    .slice(0, 110);

const origCopy = database.copyCsv.bind(database);
const origExec = database.exec.bind(database);
const origTransaction = database.transaction.bind(database);
const instrumented: Database = {
  ...database,
  engine: database.engine,
  db: database.db,
  location: database.location,
  raw: database.raw,
  async copyCsv(table, columns, csv) {
    const t = now();
    const n = await origCopy(table, columns, csv);
    if (table === 'registry_stage') stageSpans.push({ start: t, end: now() });
    const c = table === 'registry_stage' ? copies.stage : copies.issues;
    c.n += 1;
    c.ms += now() - t;
    c.rows += n;
    return n;
  },
  // Raw SQL outside the merge transaction (ANALYZE after a large load): listed after the merge statements.
  async exec(text) {
    const t = now();
    try {
      await origExec(text);
    } finally {
      mergeStatements.push({ label: `(after commit) ${label(text)}`, ms: now() - t });
    }
  },
  transaction(fn) {
    return origTransaction((s) =>
      fn({
        async query(text, params) {
          const t = now();
          try {
            return await s.query(text, params);
          } finally {
            mergeStatements.push({ label: label(text), ms: now() - t });
          }
        },
        async exec(text) {
          const t = now();
          try {
            await s.exec(text);
          } finally {
            mergeStatements.push({ label: label(text), ms: now() - t });
          }
        },
        copyCsv: (table, columns, csv) => s.copyCsv(table, columns, csv),
      }),
    );
  },
};

// --- the import -------------------------------------------------------------------------------

const marks: { started?: number; merging?: number; done?: number } = {};
const t0 = now();
const summary = await runImport(instrumented, {
  filePath: path.resolve(file),
  fileName: path.basename(file),
  sourceKind: 'synthetic',
  period,
  scope,
  onStarted: () => {
    marks.started = now();
  },
  onProgress: (p) => {
    // 'reading' comes after each staged chunk and, between chunks, about twice a second.
    const t = now();
    phaseNow = p.phase;
    if (p.phase === 'merging') marks.merging = t;
    else if (p.phase === 'done') marks.done = t;
  },
});
const importMs = now() - t0;
clearInterval(sampler);
peakSampledRss = Math.max(peakSampledRss, process.memoryUsage().rss);
await database.close();
const mem = procMemory('self');

const since = (t: number | undefined) => (t === undefined ? Number.NaN : t - t0);
/** A staging COPY that started within 5 ms of the previous one's end: the parser was waiting for it. */
let copyBoundChunks = 0;
let parserBoundGapMs = 0;
for (let i = 1; i < stageSpans.length; i++) {
  const gap = (stageSpans[i]?.start ?? 0) - (stageSpans[i - 1]?.end ?? 0);
  if (gap < 5) copyBoundChunks++;
  else parserBoundGapMs += gap;
}
const result = {
  importMs,
  openMs,
  /** SHA-256 of the file + the import record (runImport start → onStarted) */
  preludeMs: since(marks.started),
  /** onStarted → merging: stream, parse, validate, COPY into registry_stage (one COPY overlaps parsing) */
  readingMs: since(marks.merging) - since(marks.started),
  /** merging → done: the one transaction (duplicates, merge, snapshots, record) */
  mergeMs: since(marks.done) - since(marks.merging),
  /** staging COPYs (chunks of 20,000 rows) */
  chunks: copies.stage.n,
  copies,
  copyBoundChunks,
  /** time with no staging COPY in flight between the first and the last: only the parser working */
  parserBoundGapMs,
  mergeStatements,
  rssBefore,
  peakSampledRss,
  peakParts,
  vmHwm: mem?.hwm ?? Number.NaN,
  summary,
};
process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
