/**
 * Registry search bench: latency of `searchFamilies` (the repository function behind
 * GET /api/families, as an admin: every village) on a registry imported by registry-import.ts,
 * against a primary-key lookup `select * from families where id = $1` measured in the same run.
 *
 *   npx tsx bench/registry-search.ts [--engine pg|pglite|both] [--scope CODE] [--families N] [--queries 200]
 *                                    [--warmup 20] [--seed 1] [--stats as-is|analyze|both] [--as-is-queries 20]
 *                                    [--build] [--drop] [--plans]
 *
 * Defaults: PG on the province registry (scope 33, 1,000,000 families), PGlite on the city registry
 * (scope 33.75, 90,000 families); --scope / --families apply to every engine given. The database is
 * the one `registry-import.ts --keep` leaves behind; when it is missing, --build makes it by running
 * `registry-import.ts --keep --skip-breakdown`, else the bench stops and says so. --drop removes the
 * kept database at the end.
 *
 * Query kinds (arguments drawn with a seeded PRNG from the registry itself): exact NIK, exact
 * No KK, a 4–6 letter piece of a real name key, a real full name in old spelling and upper case
 * (SOEPARDJO for Suparjo), village + desil ≤ 4 + no own toilet, RT + RW within a village, and a
 * listing (desil ≤ random 1–10 over the whole scope) at offset 0 and at offset 1000. Each kind gets
 * --warmup queries, then --queries timed ones; the kinds and the baseline take turns query by
 * query, so load from other processes falls on all alike. Then one EXPLAIN (ANALYZE, BUFFERS) per
 * kind of the exact SQL searchFamilies sent (list query and count query): the indexes it used.
 * Prints p50/p95/p99 per kind, the ratio of p50 to the PK lookup's p50, and a last line of JSON.
 *
 * Planner statistics: runImport does not ANALYZE, PGlite has no autovacuum, and the reference
 * PostgreSQL runs with autovacuum off, so a registry fresh from an import has none. --stats both
 * (default) measures the database as it is first, then ANALYZEs families, persons and
 * family_snapshots (timed) and measures again; as-is / analyze do one pass. The as-is pass times
 * --as-is-queries per kind (default 20: without statistics PostgreSQL picks plans that take up to
 * a minute per query on the province registry). --plans prints the full EXPLAIN output.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '@dampingan/server';
import { sql } from 'drizzle-orm';
import { nameKey } from '../apps/server/src/modules/regions/region-name.ts';
import { searchFamilies } from '../apps/server/src/modules/registry/registry.repository.ts';
import {
  dbUrl,
  dropBenchDb,
  type Engine,
  loadLine,
  machineLine,
  main,
  median,
  onCleanup,
  parseEngines,
  pgServerVersion,
  ratio,
  round,
  table,
} from './common.ts';
import { ensureDatabase, gitLine, keptPgName, parseFamilies, parseScope, prng, quantile, query } from './registry-common.ts';

type SearchQuery = Parameters<typeof searchFamilies>[1];

const now = () => performance.now();

const msf = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '-');

/** Pre-1972 spelling of a name (u → oe, j → dj, c → tj, ny → nj, sy → sj, kh → ch), in capitals. */
function oldSpelling(name: string): string {
  const s = name.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const two = s.slice(i, i + 2);
    const map2: Record<string, string> = { ny: 'nj', sy: 'sj', kh: 'ch' };
    if (map2[two]) {
      out += map2[two];
      i++;
      continue;
    }
    const c = s[i] ?? '';
    out += c === 'u' ? 'oe' : c === 'j' ? 'dj' : c === 'c' ? 'tj' : c;
  }
  return out.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// The kept database.

// ---------------------------------------------------------------------------------------------
// Query kinds.

interface Kind {
  name: string;
  describe: string;
  /** the i-th query of this kind (warm-up ones first) */
  queries: SearchQuery[];
  /** at least one hit expected */
  mustHit: boolean;
}

const base = { limit: 25, offset: 0 } as const;

async function buildKinds(
  database: Database,
  count: number,
  seed: number,
): Promise<{ kinds: Kind[]; pkIds: number[]; variantShare: number }> {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const [ids] = await query<{ fmin: number; fmax: number; pmin: number; pmax: number }>(
    database,
    `select (select min(id) from families) as fmin, (select max(id) from families) as fmax,
            (select min(id) from persons) as pmin, (select max(id) from persons) as pmax`,
  );
  if (!ids || ids.fmax === null) throw new Error('the registry is empty');
  const familyIds = (n: number) => Array.from({ length: n }, () => int(ids.fmin, ids.fmax));
  const personIds = (n: number) => Array.from({ length: n }, () => int(ids.pmin, ids.pmax));
  /** values in the order of the ids drawn (ids are dense serials; a missing one is drawn again) */
  const pick = async <T>(sqlText: string, drawn: number[]): Promise<T[]> => {
    const got = await query<T & { id: number }>(database, sqlText, [drawn]);
    const byId = new Map(got.map((r) => [r.id, r]));
    return drawn.map((id) => byId.get(id)).filter((r): r is T & { id: number } => r !== undefined);
  };

  const niks = await pick<{ nik: string }>('select id, nik from persons where id = any($1::int[])', personIds(count));
  const kks = await pick<{ no_kk: string }>('select id, no_kk from families where id = any($1::int[])', familyIds(count));
  const names = await pick<{ name_key: string }>('select id, name_key from persons where id = any($1::int[])', personIds(count));
  const fullNames = await pick<{ name: string }>('select id, name from persons where id = any($1::int[])', personIds(count));
  const places = await pick<{ village_code: string; rt: string | null; rw: string | null }>(
    'select id, village_code, rt, rw from families where id = any($1::int[])',
    familyIds(count),
  );
  const withRtRw = places.filter((p) => p.rt !== null && p.rw !== null);
  let variants = 0;
  const variantOf = (name: string) => {
    const v = oldSpelling(name);
    if (nameKey(v) === nameKey(name)) {
      if (v !== name.toUpperCase()) variants++;
      return v;
    }
    return name.toUpperCase();
  };
  const piece = (key: string) => {
    const len = Math.min(key.length, int(4, 6));
    const start = int(0, key.length - len);
    return key.slice(start, start + len);
  };
  const kinds: Kind[] = [
    { name: 'nik', describe: 'exact NIK of a random person', queries: niks.map((r) => ({ ...base, q: r.nik })), mustHit: true },
    { name: 'no-kk', describe: 'exact No KK of a random family', queries: kks.map((r) => ({ ...base, q: r.no_kk })), mustHit: true },
    {
      name: 'name-part',
      describe: '4–6 letters of a random person’s name key',
      queries: names.map((r) => ({ ...base, q: piece(r.name_key) })),
      mustHit: true,
    },
    {
      name: 'name-variant',
      describe: 'a random person’s full name, old spelling, capitals',
      queries: fullNames.map((r) => ({ ...base, q: variantOf(r.name) })),
      mustHit: true,
    },
    {
      name: 'village-desil-toilet',
      describe: 'village + desil ≤ 4 + no own toilet',
      queries: places.map((p) => ({ ...base, villageCode: p.village_code, desilMax: 4, noOwnToilet: true })),
      mustHit: false,
    },
    {
      name: 'village-rt-rw',
      describe: 'village + RW + RT',
      queries: withRtRw.map((p) => ({ ...base, villageCode: p.village_code, rw: String(Number(p.rw)), rt: String(Number(p.rt)) })),
      mustHit: true,
    },
    {
      name: 'list-first',
      describe: 'desil ≤ random 1–10, whole scope, offset 0',
      queries: Array.from({ length: count }, () => ({ ...base, desilMax: int(1, 10) })),
      mustHit: false,
    },
    {
      name: 'list-deep',
      describe: 'desil ≤ random 1–10, whole scope, offset 1000',
      queries: Array.from({ length: count }, () => ({ ...base, desilMax: int(1, 10), offset: 1000 })),
      mustHit: false,
    },
  ];
  return { kinds, pkIds: familyIds(count), variantShare: fullNames.length ? variants / fullNames.length : 0 };
}

// ---------------------------------------------------------------------------------------------
// Capturing the SQL searchFamilies sends, to EXPLAIN it.

interface Captured {
  text: string;
  params: unknown[];
}

async function captureSql(database: Database, fn: () => Promise<unknown>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const record = (args: unknown[]) => {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    captured.push({ text, params: Array.isArray(second) ? second : [] });
  };
  const target = (database.raw.pglite ?? database.raw.pool) as unknown as { query: (...args: unknown[]) => unknown };
  const original = target.query;
  target.query = function (this: unknown, ...args: unknown[]) {
    record(args);
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    target.query = original;
  }
  return captured;
}

interface PlanFacts {
  ms: number;
  jitMs: number;
  indexes: string[];
  seqScans: string[];
  topNode: string;
  text: string;
}

async function explain(database: Database, c: Captured): Promise<PlanFacts> {
  const lines = (await query<Record<string, string>>(database, `explain (analyze, buffers) ${c.text}`, c.params)).map(
    (r) => Object.values(r)[0] ?? '',
  );
  const text = lines.join('\n');
  const uniq = (re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1] ?? ''))];
  return {
    ms: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN),
    jitMs: Number(/JIT:[\s\S]*?Timing:.*Total ([\d.]+) ms/.exec(text)?.[1] ?? 0),
    indexes: uniq(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\S+)/g),
    seqScans: uniq(/Seq Scan on (\S+)/g),
    topNode: (lines[0] ?? '').replace(/\s+\(cost.*$/, '').trim(),
    text,
  };
}

// ---------------------------------------------------------------------------------------------

interface KindResult {
  name: string;
  describe: string;
  latencies: number[];
  hits: number[];
  plans: { list: PlanFacts; count: PlanFacts } | null;
}

/** One measuring pass: the statistics the planner had, and what was timed. */
interface Pass {
  /** 'as-is': the database as the import left it; 'analyzed': after ANALYZE of the registry tables */
  stats: 'as-is' | 'analyzed';
  /** planner statistics existed for families/persons when the pass started */
  hadStats: boolean;
  analyzeMs: number;
  kinds: KindResult[];
  pk: number[];
  loadBefore: string;
  loadAfter: string;
}

interface EngineResult {
  engine: Engine;
  scope: string;
  families: number;
  persons: number;
  passes: Pass[];
  variantShare: number;
}

type StatsMode = 'as-is' | 'analyze' | 'both';

async function hasStats(database: Database): Promise<boolean> {
  const [r] = await query<{ n: number }>(
    database,
    `select count(*)::int as n from pg_stats where schemaname = 'public' and tablename in ('families', 'persons')`,
  );
  return (r?.n ?? 0) > 0;
}

async function measurePass(
  database: Database,
  engine: Engine,
  kinds: Kind[],
  pkIds: number[],
  stats: Pass['stats'],
  o: { queries: number; warmup: number; plans: boolean },
): Promise<Pass> {
  const hadStats = await hasStats(database);
  let analyzeMs = Number.NaN;
  if (stats === 'analyzed') {
    const t = now();
    await database.exec('analyze families; analyze persons; analyze family_snapshots');
    analyzeMs = now() - t;
    console.log(`${engine}: ANALYZE families, persons, family_snapshots: ${(analyzeMs / 1000).toFixed(1)} s`);
  }
  const total = o.warmup + o.queries;
  const results: KindResult[] = kinds.map((k) => ({ name: k.name, describe: k.describe, latencies: [], hits: [], plans: null }));
  const pk: number[] = [];
  const loadBefore = loadLine();
  console.log(
    `${engine} (${stats}${stats === 'as-is' ? `, planner statistics ${hadStats ? 'present' : 'absent'}` : ''}): ${o.warmup} warm-up + ${o.queries} timed queries per kind; ${loadBefore}`,
  );

  for (let i = 0; i < total; i++) {
    const timed = i >= o.warmup;
    for (const [k, kind] of kinds.entries()) {
      const q = kind.queries[i % kind.queries.length];
      if (!q) continue;
      const t = now();
      const res = await searchFamilies(database.db, q, null);
      const ms = now() - t;
      if (kind.mustHit && res.total === 0) throw new Error(`${kind.name}: no hit for ${JSON.stringify(q)}`);
      // A 16-digit query matches a No KK or a NIK: the same digits can be both (same PPKKCC DDMMYY NNNN shape).
      if ((kind.name === 'nik' || kind.name === 'no-kk') && (res.items.length < 1 || res.items.length > 2))
        throw new Error(`${kind.name}: ${res.items.length} families for ${JSON.stringify(q)}`);
      if (timed) {
        results[k]?.latencies.push(ms);
        // a capped count (API: 1,000 for names, 10,000 for filters) is kept as cap + 1
        results[k]?.hits.push(res.totalCapped ? res.total + 1 : res.total);
      }
    }
    const id = pkIds[i % pkIds.length] ?? 1;
    const t = now();
    await database.db.execute(sql`select * from families where id = ${id}`);
    const ms = now() - t;
    if (timed) pk.push(ms);
  }
  const loadAfter = loadLine();

  for (const [k, kind] of kinds.entries()) {
    const q = kind.queries[o.warmup];
    const r = results[k];
    if (!q || !r) continue;
    const captured = await captureSql(database, () => searchFamilies(database.db, q, null));
    const [list, count] = captured;
    if (!list || !count) throw new Error(`${kind.name}: captured ${captured.length} statements, expected 2`);
    r.plans = { list: await explain(database, list), count: await explain(database, count) };
    if (o.plans) {
      console.log(
        `\n--- ${engine} ${stats} ${kind.name}: ${JSON.stringify(q)}\n${list.text}\n${r.plans.list.text}\n-- count:\n${r.plans.count.text}`,
      );
    }
  }
  return { stats, hadStats, analyzeMs, kinds: results, pk, loadBefore, loadAfter };
}

async function benchEngine(
  engine: Engine,
  scope: string,
  families: number,
  o: {
    queries: number;
    asIsQueries: number;
    warmup: number;
    seed: number;
    build: boolean;
    drop: boolean;
    plans: boolean;
    stats: StatsMode;
  },
): Promise<EngineResult> {
  const where = await ensureDatabase(engine, scope, families, o.build);
  if (o.drop) {
    onCleanup(`drop kept ${where}`, () =>
      engine === 'pg' ? dropBenchDb(keptPgName(scope, families)) : fs.rmSync(where, { recursive: true, force: true }),
    );
  }
  const database =
    engine === 'pg'
      ? await openDatabase({ engine: 'pg', url: dbUrl(keptPgName(scope, families)), poolMax: 2 })
      : await openDatabase({ engine: 'pglite', dataDir: where, owner: 'bench/registry-search' });
  const close = onCleanup(`close ${engine}`, () => database.close());
  try {
    const [counts] = await query<{ families: number; persons: number }>(
      database,
      'select (select count(*)::int from families) as families, (select count(*)::int from persons) as persons',
    );
    console.log(
      `${engine}: ${where}: ${counts?.families.toLocaleString('en-US')} families, ${counts?.persons.toLocaleString('en-US')} persons`,
    );
    const { kinds, pkIds, variantShare } = await buildKinds(database, o.warmup + Math.max(o.queries, o.asIsQueries), o.seed);
    const passes: Pass[] = [];
    if (o.stats !== 'analyze') passes.push(await measurePass(database, engine, kinds, pkIds, 'as-is', { ...o, queries: o.asIsQueries }));
    if (o.stats !== 'as-is') passes.push(await measurePass(database, engine, kinds, pkIds, 'analyzed', o));
    return { engine, scope, families: counts?.families ?? 0, persons: counts?.persons ?? 0, passes, variantShare };
  } finally {
    await close();
  }
}

function report(r: EngineResult, pass: Pass): Record<string, unknown> {
  const pk50 = quantile(pass.pk, 0.5);
  const header = ['kind', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p50/pk', 'hits (median)', 'what'];
  const row = (name: string, lat: number[], hits: string, what: string) => [
    name,
    String(lat.length),
    msf(quantile(lat, 0.5)),
    msf(quantile(lat, 0.95)),
    msf(quantile(lat, 0.99)),
    msf(Math.max(...lat)),
    ratio(quantile(lat, 0.5) / pk50),
    hits,
    what,
  ];
  const width = Math.max(...pass.kinds.map((k) => k.describe.length), 36);
  const body = [
    ...pass.kinds.map((k) => {
      const h = median(k.hits);
      const cap = k.name.startsWith('name-') ? 1000 : 10_000; // where the API stops counting
      return row(k.name, k.latencies, h > cap ? `>${cap.toLocaleString('en-US')}` : h.toLocaleString('en-US'), k.describe.padEnd(width));
    }),
    row('pk lookup (baseline)', pass.pk, '1', 'select * from families where id = $1'.padEnd(width)),
  ];
  const statsNote =
    pass.stats === 'as-is'
      ? `as the import left it (planner statistics ${pass.hadStats ? 'present' : 'absent: never analyzed'})`
      : `after ANALYZE (${(pass.analyzeMs / 1000).toFixed(1)} s)`;
  console.log(
    `\n${r.engine}, scope ${r.scope}: ${r.families.toLocaleString('en-US')} families, ${r.persons.toLocaleString('en-US')} persons; ${statsNote}`,
  );
  console.log(table([header.map((h, i) => (i === header.length - 1 ? h.padEnd(width) : h)), ...body]));

  // Name searches: latency grows with the number of matching persons (every match is fetched and sorted).
  const buckets: [string, number, number][] = [
    ['≤ 100', 0, 100],
    ['101–1,000', 101, 1000],
    ['> 1,000 (count stops there)', 1001, Number.POSITIVE_INFINITY],
  ];
  const bucketRows: string[][] = [];
  for (const k of pass.kinds.filter((x) => x.name.startsWith('name-'))) {
    for (const [label, lo, hi] of buckets) {
      const lat = k.latencies.filter((_, i) => (k.hits[i] ?? 0) >= lo && (k.hits[i] ?? 0) <= hi);
      if (lat.length) bucketRows.push([k.name, label, String(lat.length), msf(quantile(lat, 0.5)), msf(quantile(lat, 0.95))]);
    }
  }
  console.log('\nname searches by number of families found:');
  console.log(table([['kind', 'hits', 'n', 'p50 ms', 'p95 ms'], ...bucketRows]));

  const planHeader = ['kind', 'list ms', 'list indexes', 'list seq scans', 'count ms', 'count indexes', 'count seq scans', 'JIT ms'];
  const planRows = pass.kinds.map((k) => {
    const p = k.plans;
    const l = (xs: string[] | undefined) => (xs?.length ? xs.join(' ') : '-');
    return [
      k.name,
      msf(p?.list.ms ?? Number.NaN),
      l(p?.list.indexes),
      l(p?.list.seqScans),
      msf(p?.count.ms ?? Number.NaN),
      l(p?.count.indexes),
      l(p?.count.seqScans),
      msf((p?.list.jitMs ?? 0) + (p?.count.jitMs ?? 0)),
    ];
  });
  const padCols = (rows: string[][]) => {
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((x) => x[i]?.length ?? 0))) ?? [];
    return rows.map((x) => x.map((c, i) => (i >= 2 && i !== 4 && i !== 7 ? c.padEnd(widths[i] ?? 0) : c)));
  };
  console.log('\nEXPLAIN (ANALYZE, BUFFERS), one query per kind (the first timed one), list query and count query:');
  console.log(table(padCols([planHeader, ...planRows])));
  console.log(`${r.engine} ${pass.stats} before: ${pass.loadBefore}; after: ${pass.loadAfter}`);

  const q = (lat: number[]) => ({
    p50: round(quantile(lat, 0.5), 2),
    p95: round(quantile(lat, 0.95), 2),
    p99: round(quantile(lat, 0.99), 2),
  });
  return {
    hadStats: pass.hadStats,
    analyzeMs: Number.isFinite(pass.analyzeMs) ? round(pass.analyzeMs) : null,
    queriesPerKind: pass.pk.length,
    pkLookupMs: q(pass.pk),
    kinds: Object.fromEntries(
      pass.kinds.map((k) => [
        k.name,
        {
          ...q(k.latencies),
          p50ToPk: round(quantile(k.latencies, 0.5) / pk50, 1),
          hitsMedian: median(k.hits),
          listIndexes: k.plans?.list.indexes ?? [],
          countIndexes: k.plans?.count.indexes ?? [],
        },
      ]),
    ),
  };
}

await main(async () => {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      scope: { type: 'string' },
      families: { type: 'string' },
      queries: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      build: { type: 'boolean', default: false },
      drop: { type: 'boolean', default: false },
      plans: { type: 'boolean', default: false },
      stats: { type: 'string' },
      'as-is-queries': { type: 'string' },
    },
    strict: true,
  });
  const engines = parseEngines(values.engine);
  const queries = parseFamilies(values.queries, 200);
  const asIsQueries = parseFamilies(values['as-is-queries'], 20);
  const warmup = values.warmup === '0' ? 0 : parseFamilies(values.warmup, 20);
  const seed = parseFamilies(values.seed, 1);
  const stats = (values.stats ?? 'both') as StatsMode;
  if (!['as-is', 'analyze', 'both'].includes(stats)) throw new Error(`--stats must be as-is, analyze or both (got "${values.stats}")`);

  console.log(`registry-search bench, ${new Date().toISOString()}`);
  console.log(machineLine());
  console.log(gitLine());
  console.log(`before: ${loadLine()}`);
  if (engines.includes('pg')) console.log(`PostgreSQL server ${await pgServerVersion()}`);
  console.log('');

  const result: Record<string, unknown> = {};
  for (const engine of engines) {
    const scope = parseScope(values.scope, engine === 'pg' ? '33' : '33.75');
    const families = parseFamilies(values.families, engine === 'pg' ? 1_000_000 : 90_000);
    const r = await benchEngine(engine, scope, families, {
      queries,
      asIsQueries,
      warmup,
      seed,
      build: values.build,
      drop: values.drop,
      plans: values.plans,
      stats,
    });
    console.log(
      `\nname-variant: ${(r.variantShare * 100).toFixed(0)} % of the names drawn differ in old spelling (the rest only in capitals)`,
    );
    result[engine] = {
      scope: r.scope,
      families: r.families,
      persons: r.persons,
      ...Object.fromEntries(r.passes.map((p) => [p.stats, report(r, p)])),
    };
    console.log('');
  }
  console.log(
    'latency = one searchFamilies call (list query + count query, as GET /api/families runs them for an admin), wall clock in\n' +
      'this process; p50/pk = its median ÷ the median of the PK lookup through the same driver; hits = the total reported\n' +
      '(capped by the API at 1,000 for a name search and 10,000 for filters).',
  );
  console.log(`after: ${loadLine()}`);
  console.log(JSON.stringify({ bench: 'registry-search', date: new Date().toISOString(), node: process.version, medians: result }));
});
