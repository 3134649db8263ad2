/**
 * Workspace bench: latency of the mentoring-cycle ("workspace") queries on a registry imported by
 * registry-import.ts, against a primary-key lookup `select * from families where id = $1` measured
 * in the same run.
 *
 *   npx tsx bench/workspace.ts [--engine pg|pglite|both] [--scope CODE] [--families N] [--pairings 200]
 *                              [--queries 200] [--warmup 20] [--interventions N] [--seed 1] [--build] [--drop] [--plans]
 *
 * Defaults: PG on the province registry (scope 33, 1,000,000 families), PGlite on the city registry
 * (scope 33.75, 90,000 families); --scope / --families apply to every engine given. The database is
 * the one `registry-import.ts --keep` leaves behind; when it is missing, --build makes it by running
 * `registry-import.ts --keep --skip-breakdown`, else the bench stops and says so. --drop removes the
 * kept database at the end.
 *
 * Setup (not timed): through the services, as SYSTEM (admin), a program and an active program year
 * covering the scope, --pairings villages drawn with a seeded PRNG from the villages that have
 * families (all of them when there are fewer), one OPD and one mentor (coordinator) per pairing, and
 * --interventions interventions per pairing (default: one per month the drafts use, at least 3)
 * recorded by the mentor through the delivery service (1–3 named families each, spread over the
 * months the report drafts use, so most drafts have one).
 *
 * Timed (wall clock of one call in this process), steps take turns over the pairings; every step
 * runs each kind once for the step's pairing, then the baseline:
 *   indicators        indicatorValues(db, village): the 9 registry indicators of the village, one query
 *   propose           assessment.propose as the mentor; it writes, so once per pairing (round 1 only)
 *   eligible          plans.eligible as the mentor, desil ≤ 4 + no own toilet (count + family ids)
 *   report-draft      reports.create as the mentor: drafts the next month's figures from the interventions
 *   evaluation        evaluation.get as the mentor (3 accepted proposals per pairing, accepted untimed)
 *   attention-admin   attention.list as admin: every live pairing of the run
 *   attention-mentor  attention.list as the step pairing's mentor: the pairings of its OPD
 *   pk lookup         select * from families where id = $1 for a random id (baseline)
 * The first --warmup steps are not counted (propose: the first max(1, pairings/10) pairings).
 * After the loop, the SQL of one call per kind is captured at the driver and every select in it is
 * run under EXPLAIN (ANALYZE, BUFFERS): the slowest statement per kind, its indexes and seq scans,
 * and the statements sent by verb with their summed time (--plans prints the whole plans).
 * Everything the setup made (pairings and all their workspace rows, OPDs, users, the program, their
 * audit rows) is deleted at the end, on error and on Ctrl-C.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type FamilyCriteria,
  InterventionInputSchema,
  OpdInputSchema,
  PairingInputSchema,
  ProgramInputSchema,
  UserInputSchema,
} from '@dampingan/contracts';
import { createServices, type Database, openDatabase, SYSTEM } from '@dampingan/server';
import { sql } from 'drizzle-orm';
import type { Actor } from '../apps/server/src/modules/auth/actor.ts';
import { localToday, reportMonths } from '../apps/server/src/modules/reports/report-months.ts';
import { indicatorValues } from '../apps/server/src/modules/workspace/family-criteria.ts';
import {
  dbUrl,
  dropBenchDb,
  type Engine,
  loadLine,
  machineLine,
  main,
  onCleanup,
  parseEngines,
  pgServerVersion,
  ratio,
  round,
  table,
  tempDir,
} from './common.ts';
import { ensureDatabase, gitLine, keptPgName, parseFamilies, parseScope, prng, quantile, query } from './registry-common.ts';

const now = () => performance.now();

const msf = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '-');

// ---------------------------------------------------------------------------------------------
// The kept database (as registry-search.ts).

// ---------------------------------------------------------------------------------------------
// Capturing the SQL a call sends (transactions included), to EXPLAIN it.

interface Captured {
  text: string;
  params: unknown[];
  /** wall time of the statement during the capture call */
  ms: number;
}

/** What one call sent: every statement with its time, and its selects for EXPLAIN. */
interface Capture {
  all: Captured[];
  selects: Captured[];
}

type QueryFn = (...args: unknown[]) => unknown;

async function captureSql(database: Database, fn: () => Promise<unknown>): Promise<Capture> {
  const captured: Captured[] = [];
  const record = (args: unknown[]): Captured => {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    const values = Array.isArray(second) ? second : ((first as { values?: unknown[] } | null)?.values ?? []);
    const c = { text, params: values, ms: Number.NaN };
    captured.push(c);
    return c;
  };
  const wrap = (original: QueryFn): QueryFn =>
    function (this: unknown, ...args: unknown[]) {
      const c = record(args);
      const t = now();
      const last = args.at(-1);
      if (typeof last === 'function') {
        // callback style (pg's pool.query calls client.query so)
        args[args.length - 1] = (...cbArgs: unknown[]) => {
          c.ms = now() - t;
          return (last as (...a: unknown[]) => unknown)(...cbArgs);
        };
        return original.apply(this, args);
      }
      const res = original.apply(this, args);
      if (res && typeof (res as Promise<unknown>).then === 'function') {
        (res as Promise<unknown>).then(
          () => {
            c.ms = now() - t;
          },
          () => {
            c.ms = now() - t;
          },
        );
      }
      return res;
    };
  const restore: (() => void)[] = [];
  if (database.raw.pglite) {
    const pg = database.raw.pglite as unknown as { query: QueryFn; transaction: QueryFn };
    const q = pg.query;
    const t = pg.transaction;
    pg.query = wrap(q);
    pg.transaction = function (this: unknown, ...args: unknown[]) {
      const cb = args[0] as (tx: { query: QueryFn }) => unknown;
      return t.call(this, (tx: { query: QueryFn }) => {
        tx.query = wrap(tx.query.bind(tx));
        return cb(tx);
      });
    };
    restore.push(() => {
      pg.query = q;
      pg.transaction = t;
    });
  } else if (database.raw.pool) {
    // Every pooled client shares the Client prototype: pool.query and transactions both pass there.
    const client = await database.raw.pool.connect();
    const proto = Object.getPrototypeOf(client) as { query: QueryFn };
    client.release();
    const q = proto.query;
    proto.query = wrap(q);
    restore.push(() => {
      proto.query = q;
    });
  }
  try {
    await fn();
  } catch {
    // a refused write (e.g. a report that exists) still shows the reads it made before
  } finally {
    for (const r of restore) r();
  }
  return { all: captured, selects: captured.filter((c) => /^\s*(select|with)\b/i.test(c.text)) };
}

interface PlanFacts {
  ms: number;
  params: unknown[];
  indexes: string[];
  seqScans: string[];
  sql: string;
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
    params: c.params,
    indexes: uniq(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\S+)/g),
    seqScans: uniq(/Seq Scan on (\S+)/g),
    sql: c.text.replace(/\s+/g, ' ').trim(),
    text,
  };
}

// ---------------------------------------------------------------------------------------------
// Setup and cleanup.

interface BenchPairing {
  id: number;
  villageCode: string;
  opdId: number;
  mentor: Actor;
  families: number;
}

interface Setup {
  programId: number;
  programYearId: number;
  pairings: BenchPairing[];
  months: string[];
  interventions: number;
  ms: number;
}

const PASSWORD = 'bench-workspace-2026';

/** Deletes everything made under the run tag: the program's pairings and all their rows, OPDs, users, audit rows. */
async function cleanupRun(database: Database, tag: string, auditFrom: number): Promise<string> {
  const exec = (text: string, params: unknown[] = []) => query<Record<string, unknown>>(database, text, params);
  const users = (await exec('select id from users where username like $1', [`${tag}.%`])).map((r) => Number(r.id));
  const opds = (await exec('select id from opds where name like $1', [`Bench ${tag} %`])).map((r) => Number(r.id));
  const programs = (await exec('select id from programs where name like $1', [`Bench ${tag} %`])).map((r) => Number(r.id));
  const pairings = (
    await exec('select p.id from pairings p join program_years y on y.id = p.program_year_id where y.program_id = any($1::int[])', [
      programs,
    ])
  ).map((r) => Number(r.id));
  const byPairing = [
    `delete from report_events where report_id in (select id from monthly_reports where pairing_id = any($1::int[]))`,
    `delete from monthly_reports where pairing_id = any($1::int[])`,
    `delete from spot_check_items where spot_check_id in (select id from spot_checks where pairing_id = any($1::int[]))`,
    `delete from spot_checks where pairing_id = any($1::int[])`,
    `delete from follow_ups where visit_id in (select id from supervision_visits where pairing_id = any($1::int[]))`,
    `delete from supervision_visits where pairing_id = any($1::int[])`,
    `delete from evidence_files where pairing_id = any($1::int[])`,
    `delete from intervention_costs where intervention_id in (select id from interventions where pairing_id = any($1::int[]))`,
    `delete from intervention_beneficiaries where intervention_id in (select id from interventions where pairing_id = any($1::int[]))`,
    `delete from interventions where pairing_id = any($1::int[])`,
    `delete from indicator_targets where plan_item_id in (select id from plan_items where pairing_id = any($1::int[]))`,
    `delete from plan_item_families where plan_item_id in (select id from plan_items where pairing_id = any($1::int[]))`,
    `delete from plan_items where pairing_id = any($1::int[])`,
    `delete from plan_versions where pairing_id = any($1::int[])`,
    `delete from plans where pairing_id = any($1::int[])`,
    `delete from family_verifications where pairing_id = any($1::int[])`,
    `delete from problem_families where problem_id in (select id from problems where pairing_id = any($1::int[]))`,
    `delete from problems where pairing_id = any($1::int[])`,
    `delete from village_profiles where pairing_id = any($1::int[])`,
    `delete from evaluations where pairing_id = any($1::int[])`,
    `delete from pairing_mentors where pairing_id = any($1::int[])`,
    `delete from pairings where id = any($1::int[])`,
  ];
  for (const s of byPairing) await exec(s, [pairings]);
  await exec('delete from program_years where program_id = any($1::int[])', [programs]);
  await exec('delete from programs where id = any($1::int[])', [programs]);
  await exec('delete from sessions where user_id = any($1::int[])', [users]);
  // Audit rows of this run: by its users, or by SYSTEM about what this run made (ids above auditFrom only).
  const audit = await exec(
    `delete from audit_log where id > $1 and (actor_id = any($2::int[]) or (actor_id is null and (
       (entity_type = 'opd' and entity_id = any($3::text[])) or (entity_type = 'user' and entity_id = any($4::text[]))
       or (entity_type in ('program', 'program_year') and (entity_id = any($5::text[]) or action like 'program%'))
       or (entity_type = 'pairing' and entity_id = any($6::text[]))))) returning id`,
    [auditFrom, users, opds.map(String), users.map(String), programs.map(String), pairings.map(String)],
  );
  await exec('delete from users where id = any($1::int[])', [users]);
  await exec('delete from opds where id = any($1::int[])', [opds]);
  return `${pairings.length} pairings, ${opds.length} OPDs, ${users.length} users, ${programs.length} program, ${audit.length} audit rows`;
}

async function setup(
  database: Database,
  services: ReturnType<typeof createServices>,
  scope: string,
  tag: string,
  o: { pairings: number; interventions: number | undefined; seed: number; steps: number },
): Promise<Setup> {
  const t0 = now();
  const rand = prng(o.seed);
  const year = new Date().getUTCFullYear();
  const decreeDate = `${year}-01-10`;
  const today = localToday(new Date());
  const months = reportMonths(year, decreeDate, today).filter((m) => `${m.slice(0, 8)}15` <= today);

  const villages = await query<{ village_code: string; n: number }>(
    database,
    `select village_code, count(*)::int as n from families where status = 'active' group by village_code order by village_code`,
  );
  const pool = [...villages];
  const drawn: { village_code: string; n: number }[] = [];
  while (drawn.length < o.pairings && pool.length) {
    const [v] = pool.splice(Math.floor(rand() * pool.length), 1);
    if (v) drawn.push(v);
  }
  console.log(
    `setup: ${drawn.length} of ${villages.length} villages with families (families per village: median ${quantile(
      drawn.map((v) => v.n),
      0.5,
    ).toFixed(0)}, max ${Math.max(...drawn.map((v) => v.n))})`,
  );
  // One report draft per step: a pairing drafts month 1 in its first round, month 2 in its second, …
  const rounds = Math.ceil(o.steps / Math.max(1, drawn.length));
  if (months.length < rounds)
    throw new Error(`report drafts need ${rounds} past months of ${year}, there are ${months.length}: lower --queries or --warmup`);

  const program = await services.programs.create(
    SYSTEM,
    ProgramInputSchema.parse({
      name: `Bench ${tag} program`,
      scopeCode: scope,
      decreeType: 'perwal',
      decreeNumber: `BENCH/${tag}`,
      decreeDate: `${year - 1}-12-22`,
      decreeIssuer: 'Bench',
      startYear: year,
      oneVillagePerOpd: true,
    }),
  );
  const withYear = await services.programs.addYear(SYSTEM, program.id, { year, status: 'active' });
  const programYearId = withYear.years.find((y) => y.year === year)?.id;
  if (!programYearId) throw new Error('program year missing');

  const pairings: BenchPairing[] = [];
  let interventions = 0;
  const perPairing = o.interventions ?? Math.max(3, rounds);
  for (const [i, v] of drawn.entries()) {
    const opd = await services.opds.create(SYSTEM, OpdInputSchema.parse({ name: `Bench ${tag} OPD ${i + 1}`, type: 'dinas' }));
    const user = await services.users.create(
      SYSTEM,
      UserInputSchema.parse({
        username: `${tag}.m${i + 1}`,
        fullName: `Bench mentor ${i + 1}`,
        role: 'mentor',
        opdId: opd.id,
        villageCode: null,
        password: PASSWORD,
      }),
      { mustChangePassword: false },
    );
    const pairing = await services.pairings.create(
      SYSTEM,
      programYearId,
      PairingInputSchema.parse({
        opdId: opd.id,
        villageCode: v.village_code,
        decreeNumber: `BENCH/${tag}/${i + 1}`,
        decreeDate,
        mentors: [{ userId: user.id, role: 'coordinator' }],
      }),
    );
    const mentor: Actor = {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      role: 'mentor',
      opdId: opd.id,
      villageCode: null,
      sessionId: '',
      ip: null,
    };
    const fams = (
      await query<{ id: number }>(database, `select id from families where village_code = $1 and status = 'active' order by id limit 200`, [
        v.village_code,
      ])
    ).map((r) => r.id);
    for (let k = 0; k < perPairing; k++) {
      const month = months[(i + k) % rounds] ?? months[0];
      const n = 1 + Math.floor(rand() * 3);
      const beneficiaries = [...new Set(Array.from({ length: n }, () => fams[Math.floor(rand() * fams.length)] ?? 0))]
        .filter((id) => id > 0)
        .map((familyId) => ({ familyId }));
      await services.delivery.create(
        mentor,
        pairing.id,
        InterventionInputSchema.parse({
          title: `Bantuan bench ${k + 1}`,
          helpType: k % 2 ? 'jamban' : 'pmt-balita',
          reach: 'families',
          deliveredOn: `${month?.slice(0, 8)}15`,
          outputVolume: beneficiaries.length,
          outputUnit: 'keluarga',
          status: 'done',
          beneficiaries,
          costs: [{ fundingSource: 'apbd_kota', amount: 1_500_000 * beneficiaries.length }],
        }),
      );
      interventions++;
    }
    pairings.push({ id: pairing.id, villageCode: v.village_code, opdId: opd.id, mentor, families: v.n });
    if ((i + 1) % 50 === 0) console.log(`setup: ${i + 1} pairings (${((now() - t0) / 1000).toFixed(1)} s)`);
  }
  return { programId: program.id, programYearId, pairings, months, interventions, ms: now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// Measuring.

const KINDS = [
  { name: 'indicators', describe: 'indicatorValues(db, village): 9 indicators, one query' },
  { name: 'propose', describe: 'assessment.propose (writes; once per pairing)' },
  { name: 'eligible', describe: 'plans.eligible desil ≤ 4 + no own toilet' },
  { name: 'report-draft', describe: 'reports.create for the next month (writes)' },
  { name: 'evaluation', describe: 'evaluation.get (3 accepted problems)' },
  { name: 'attention-admin', describe: 'attention.list as admin: all pairings' },
  { name: 'attention-mentor', describe: "attention.list as the pairing's mentor" },
] as const;
type KindName = (typeof KINDS)[number]['name'];

const ELIGIBLE: FamilyCriteria = { desilMax: 4, noOwnToilet: true };

interface EngineResult {
  engine: Engine;
  scope: string;
  families: number;
  persons: number;
  setup: Setup;
  lat: Record<KindName, number[]>;
  pk: number[];
  sizes: { proposals: number[]; eligible: number[]; reportInterventions: number[]; attentionAdmin: number[] };
  plans: Partial<Record<KindName, PlanFacts & { statements: number; byVerb: Record<string, { n: number; ms: number }> }>>;
  loadBefore: string;
  loadAfter: string;
  cleanup: string;
}

async function benchEngine(
  engine: Engine,
  scope: string,
  families: number,
  o: { pairings: number; queries: number; warmup: number; interventions: number | undefined; seed: number; build: boolean; drop: boolean },
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
      : await openDatabase({ engine: 'pglite', dataDir: where, owner: 'bench/workspace' });
  const close = onCleanup(`close ${engine}`, () => database.close());
  const evidence = tempDir('workspace-evidence');
  const services = createServices({ database, scope, evidenceDir: evidence.dir });
  const [schema] = await query<{ ok: boolean }>(database, `select to_regclass('public.monthly_reports') is not null as ok`);
  if (!schema?.ok) {
    await close();
    throw new Error(
      `${where} predates the mentoring-cycle tables (it was kept by an older registry-import): drop it and build it again with --build`,
    );
  }
  const tag = `bws${process.pid}`;
  const [a] = await query<{ n: string | null }>(database, 'select max(id)::text as n from audit_log');
  const auditFrom = Number(a?.n ?? 0);
  let cleanupNote = '';
  const cleanup = onCleanup(`delete the ${engine} workspace rows of ${tag}`, async () => {
    const t = now();
    try {
      cleanupNote = `${await cleanupRun(database, tag, auditFrom)} in ${((now() - t) / 1000).toFixed(1)} s`;
      console.log(`${engine}: cleanup deleted ${cleanupNote}`);
    } catch (err) {
      // Do not hide the bench's own error behind a cleanup error.
      console.error(`${engine}: cleanup of ${tag} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  try {
    const [counts] = await query<{ families: number; persons: number }>(
      database,
      'select (select count(*)::int from families) as families, (select count(*)::int from persons) as persons',
    );
    console.log(
      `${engine}: ${where}: ${counts?.families.toLocaleString('en-US')} families, ${counts?.persons.toLocaleString('en-US')} persons`,
    );
    const steps = o.warmup + o.queries;
    const s = await setup(database, services, scope, tag, { ...o, pairings: Math.min(o.pairings, steps), steps });
    const pairings = s.pairings;
    const proposeWarm = Math.max(1, Math.floor(pairings.length / 10));
    console.log(
      `${engine}: setup ${(s.ms / 1000).toFixed(1)} s: program year ${s.programYearId}, ${pairings.length} pairings, ${s.interventions} interventions; ` +
        `${o.warmup} warm-up + ${o.queries} timed steps (${Math.ceil(steps / pairings.length)} round(s) over the pairings; report months ${s.months
          .slice(0, Math.ceil(steps / pairings.length))
          .map((m) => m.slice(0, 7))
          .join(' ')})`,
    );

    const rand = prng(o.seed + 1);
    const [ids] = await query<{ fmin: number; fmax: number }>(database, 'select min(id) as fmin, max(id) as fmax from families');
    const pkId = () => (ids?.fmin ?? 1) + Math.floor(rand() * ((ids?.fmax ?? 1) - (ids?.fmin ?? 1) + 1));
    const lat = Object.fromEntries(KINDS.map((k) => [k.name, [] as number[]])) as Record<KindName, number[]>;
    const sizes: EngineResult['sizes'] = { proposals: [], eligible: [], reportInterventions: [], attentionAdmin: [] };
    const pk: number[] = [];
    const loadBefore = loadLine();
    console.log(`${engine}: measuring; ${loadBefore}`);
    let proposeCapture: Capture | null = null;
    const t0 = now();
    for (let step = 0; step < steps; step++) {
      const timed = step >= o.warmup;
      const idx = step % pairings.length;
      const round = Math.floor(step / pairings.length);
      const p = pairings[idx] as BenchPairing;
      const time = async <T>(kind: KindName, fn: () => Promise<T>, count = timed): Promise<T> => {
        const t = now();
        const res = await fn();
        const ms = now() - t;
        if (count) lat[kind].push(ms);
        return res;
      };
      await time('indicators', () => indicatorValues(database.db, p.villageCode));
      if (round === 0) {
        // The first pairing's propose (a warm-up one) is captured at the driver: its statements are reported below.
        const propose = () => services.assessment.propose(p.mentor, p.id);
        let proposed: Awaited<ReturnType<typeof propose>> | undefined;
        if (idx === 0)
          proposeCapture = await captureSql(database, async () => {
            proposed = await propose();
          });
        else proposed = await time('propose', propose, idx >= proposeWarm);
        if (!proposed) throw new Error(`propose failed on pairing ${p.id}`);
        if (idx >= proposeWarm) sizes.proposals.push(proposed.created.length);
        const top = [...proposed.created].sort((x, y) => (y.baselineValue ?? 0) - (x.baselineValue ?? 0)).slice(0, 3);
        for (const pr of top) await services.assessment.acceptProblem(p.mentor, p.id, pr.id);
      }
      const el = await time('eligible', () => services.plans.eligible(p.mentor, p.id, ELIGIBLE));
      if (timed) sizes.eligible.push(el.count);
      const month = s.months[round] as string;
      const rep = await time('report-draft', () => services.reports.create(p.mentor, p.id, month));
      if (timed) sizes.reportInterventions.push(rep.summary.interventions.count);
      await time('evaluation', () => services.evaluation.get(p.mentor, p.id));
      const att = await time('attention-admin', () => services.attention.list(SYSTEM, {}));
      if (timed) sizes.attentionAdmin.push(att.checked);
      await time('attention-mentor', () => services.attention.list(p.mentor, {}));
      const t = now();
      await database.db.execute(sql`select * from families where id = ${pkId()}`);
      if (timed) pk.push(now() - t);
    }
    const loadAfter = loadLine();
    console.log(`${engine}: measured in ${((now() - t0) / 1000).toFixed(1)} s; ${loadAfter}`);

    // EXPLAIN the selects of one call per kind (pairing 0; propose: its first call, captured above;
    // a report for a month that exists is refused after its reads).
    const p0 = pairings[0] as BenchPairing;
    const calls: Record<KindName, () => Promise<unknown>> = {
      indicators: () => indicatorValues(database.db, p0.villageCode),
      propose: () => services.assessment.propose(p0.mentor, p0.id),
      eligible: () => services.plans.eligible(p0.mentor, p0.id, ELIGIBLE),
      'report-draft': () => services.reports.create(p0.mentor, p0.id, s.months[0] as string),
      evaluation: () => services.evaluation.get(p0.mentor, p0.id),
      'attention-admin': () => services.attention.list(SYSTEM, {}),
      'attention-mentor': () => services.attention.list(p0.mentor, {}),
    };
    const plans: EngineResult['plans'] = {};
    for (const k of KINDS) {
      const captured = k.name === 'propose' && proposeCapture ? proposeCapture : await captureSql(database, calls[k.name]);
      let worst: PlanFacts | null = null;
      for (const c of captured.selects) {
        const f = await explain(database, c);
        if (!worst || f.ms > worst.ms) worst = f;
      }
      const byVerb: Record<string, { n: number; ms: number }> = {};
      for (const c of captured.all) {
        const verb = /^\s*(\w+)/.exec(c.text)?.[1]?.toLowerCase() ?? '?';
        const e = byVerb[verb] ?? { n: 0, ms: 0 };
        byVerb[verb] = e;
        e.n += 1;
        e.ms += Number.isFinite(c.ms) ? c.ms : 0;
      }
      if (worst) plans[k.name] = { ...worst, statements: captured.selects.length, byVerb };
    }
    return {
      engine,
      scope,
      families: counts?.families ?? 0,
      persons: counts?.persons ?? 0,
      setup: s,
      lat,
      pk,
      sizes,
      plans,
      loadBefore,
      loadAfter,
      cleanup: cleanupNote,
    };
  } finally {
    await cleanup();
    await close();
    await evidence.remove();
  }
}

function report(r: EngineResult, showPlans: boolean): Record<string, unknown> {
  const pk50 = quantile(r.pk, 0.5);
  const width = Math.max(...KINDS.map((k) => k.describe.length));
  const header = ['kind', 'n', 'p50 ms', 'p95 ms', 'max ms', 'p50/pk', 'what'.padEnd(width)];
  const row = (name: string, lat: number[], what: string) => [
    name,
    String(lat.length),
    msf(quantile(lat, 0.5)),
    msf(quantile(lat, 0.95)),
    msf(Math.max(...lat)),
    ratio(quantile(lat, 0.5) / pk50),
    what.padEnd(width),
  ];
  console.log(
    `\n${r.engine}, scope ${r.scope}: ${r.families.toLocaleString('en-US')} families, ${r.persons.toLocaleString('en-US')} persons; ` +
      `${r.setup.pairings.length} pairings, ${r.setup.interventions} interventions`,
  );
  console.log(
    table([
      header,
      ...KINDS.map((k) => row(k.name, r.lat[k.name], k.describe)),
      row('pk lookup (baseline)', r.pk, 'select * from families where id = $1'),
    ]),
  );
  const med = (xs: number[]) => quantile(xs, 0.5);
  console.log(
    `sizes (median): proposals made ${med(r.sizes.proposals)}, eligible families ${med(r.sizes.eligible)}, ` +
      `interventions in a report draft ${med(r.sizes.reportInterventions)} (max ${Math.max(...r.sizes.reportInterventions)}), ` +
      `pairings checked by the admin's attention list ${med(r.sizes.attentionAdmin)}`,
  );
  console.log('\nOne call per kind, captured at the driver: statements sent (count, ms) and the slowest select under EXPLAIN ANALYZE');
  for (const k of KINDS) {
    const p = r.plans[k.name];
    if (!p) continue;
    const verbs = Object.entries(p.byVerb)
      .map(([v, e]) => `${v} ${e.n} (${msf(e.ms)} ms)`)
      .join(', ');
    console.log(
      `${k.name.padEnd(16)} sent: ${verbs}\n${''.padEnd(16)} slowest select ${msf(p.ms)} ms; indexes: ${p.indexes.join(' ') || '-'}; seq scans: ${
        p.seqScans.join(' ') || '-'
      }\n${''.padEnd(16)} ${p.sql.slice(0, 160)}`,
    );
    if (showPlans) console.log(`${p.sql}\n-- params: ${JSON.stringify(p.params)}\n${p.text}`);
  }
  console.log(`${r.engine} before: ${r.loadBefore}; after: ${r.loadAfter}`);
  const q = (lat: number[]) => ({ n: lat.length, p50: round(quantile(lat, 0.5), 2), p95: round(quantile(lat, 0.95), 2) });
  return {
    scope: r.scope,
    families: r.families,
    persons: r.persons,
    pairings: r.setup.pairings.length,
    interventions: r.setup.interventions,
    setupMs: round(r.setup.ms),
    pkLookupMs: q(r.pk),
    kinds: Object.fromEntries(
      KINDS.map((k) => [
        k.name,
        {
          ...q(r.lat[k.name]),
          p50ToPk: round(quantile(r.lat[k.name], 0.5) / pk50, 1),
          slowestSelectMs: round(r.plans[k.name]?.ms ?? Number.NaN, 2),
          statements: Object.fromEntries(
            Object.entries(r.plans[k.name]?.byVerb ?? {}).map(([v, e]) => [v, { n: e.n, ms: round(e.ms, 1) }]),
          ),
          seqScans: r.plans[k.name]?.seqScans ?? [],
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
      pairings: { type: 'string' },
      queries: { type: 'string' },
      warmup: { type: 'string' },
      interventions: { type: 'string' },
      seed: { type: 'string' },
      build: { type: 'boolean', default: false },
      drop: { type: 'boolean', default: false },
      plans: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const engines = parseEngines(values.engine);
  const o = {
    pairings: parseFamilies(values.pairings, 200),
    queries: parseFamilies(values.queries, 200),
    warmup: values.warmup === '0' ? 0 : parseFamilies(values.warmup, 20),
    interventions:
      values.interventions === undefined ? undefined : values.interventions === '0' ? 0 : parseFamilies(values.interventions, 3),
    seed: parseFamilies(values.seed, 1),
    build: values.build,
    drop: values.drop,
  };

  console.log(`workspace bench, ${new Date().toISOString()}`);
  console.log(machineLine());
  console.log(gitLine());
  console.log(`before: ${loadLine()}`);
  if (engines.includes('pg')) console.log(`PostgreSQL server ${await pgServerVersion()}`);
  console.log('');

  const result: Record<string, unknown> = {};
  for (const engine of engines) {
    const scope = parseScope(values.scope, engine === 'pg' ? '33' : '33.75');
    const families = parseFamilies(values.families, engine === 'pg' ? 1_000_000 : 90_000);
    const r = await benchEngine(engine, scope, families, { ...o });
    result[engine] = report(r, values.plans);
    console.log('');
  }
  console.log(
    'latency = one call, wall clock in this process; p50/pk = its median ÷ the median of the PK lookup through the same\n' +
      'driver, in the same steps. propose and report-draft write (a transaction with audit rows).',
  );
  console.log(`after: ${loadLine()}`);
  console.log(JSON.stringify({ bench: 'workspace', date: new Date().toISOString(), node: process.version, medians: result }));
});
