/**
 * The December evaluation through the HTTP API: per accepted problem the indicator's baseline vs.
 * its value now (which follows a newer registry import), the plan's targets and what was
 * delivered, the outcome recorded by authors, Bappeda's decision, and the carry-over of problems
 * not addressed into the village's next pairing (same village, later year, never twice).
 */
import type { CarryOverResult, Evaluation, EvaluationProblem, Problem, ProposeResult } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import {
  createTestContext,
  errorOf,
  loginCookie,
  makeOpd,
  makePairing,
  makeProgramYear,
  send,
  type TestContext,
} from '../../test/harness.ts';
import { type FamilyInput, makeNik, makeNoKk, removeTmpFiles } from '../registry/registry.test-support.ts';
import { loadFamilies, type MadeWorkspace, makeWorkspace } from '../workspace/workspace.test-support.ts';

let ctx: TestContext;
let ws: MadeWorkspace;
const VILLAGE = '33.75.03.1002';

/** Families with fixed No KK and NIKs, so a later import can describe the same families again. */
function fixedFamilies(n: number, o: { desil: number; toilet: string; rw: string }): FamilyInput[] {
  return Array.from({ length: n }, (_, i) => ({
    noKk: makeNoKk(VILLAGE),
    villageCode: VILLAGE,
    desil: o.desil,
    toilet: o.toilet,
    rw: o.rw,
    rt: '001',
    members: [
      { name: `Kepala Evaluasi ${i + 1}`, nik: makeNik(VILLAGE, '1975-08-17', 'male') },
      { name: `Istri Evaluasi ${i + 1}`, nik: makeNik(VILLAGE, '1979-02-03', 'female') },
    ],
  }));
}

let toiletFamilies: FamilyInput[];
let toiletProblem: Problem;
let otherProblem: Problem;
let potential: Problem;

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: '33.75.03.1003' });
  toiletFamilies = fixedFamilies(3, { desil: 2, toilet: 'none', rw: '002' });
  await loadFamilies(ctx, toiletFamilies);
  const proposed = (
    await send(ctx, 'POST', `/api/pairings/${ws.pairing.id}/problems/propose`, { cookie: ws.mentor.cookie })
  ).json() as ProposeResult;
  toiletProblem = proposed.created.find((p) => p.proposalKey === 'no_own_toilet_desil_1_4:rw002') as Problem;
  expect(toiletProblem.baselineValue).toBe(3);
  await send(ctx, 'POST', `/api/pairings/${ws.pairing.id}/problems/${toiletProblem.id}/accept`, { cookie: ws.mentor.cookie });
  const mk = async (body: Record<string, unknown>) =>
    (await send(ctx, 'POST', `/api/pairings/${ws.pairing.id}/problems`, { cookie: ws.mentor.cookie, body })).json() as Problem;
  otherProblem = await mk({ category: 'slum_drainage', title: 'Drainase RW 02 tersumbat', rw: '2' });
  potential = await mk({ kind: 'potential', category: 'income_umkm', title: 'Sentra batik rumahan' });
});
afterAll(async () => {
  await ctx?.close();
  removeTmpFiles();
});

const url = () => `/api/pairings/${ws.pairing.id}/evaluation`;
const get = async (cookie: string) => (await send(ctx, 'GET', url(), { cookie })).json() as Evaluation;
const row = (e: Evaluation, id: number) => e.problems.find((p) => p.problemId === id) as EvaluationProblem;

async function auditOf(entityType: string, entityId: string | number) {
  return rows<{ action: string; before: unknown; after: unknown; reason: string | null }>(
    ctx.database.db,
    sql`select action, before, after, reason from audit_log where entity_type = ${entityType} and entity_id = ${String(entityId)} order by id`,
  );
}

describe('GET /api/pairings/:id/evaluation', () => {
  it('lists the accepted problems with the indicator baseline and its value now; notes it is before December', async () => {
    const e = await get(ws.viewer.cookie);
    expect(e.year).toBe(2026);
    expect(e.today).toBe('2026-11-29');
    expect(e.beforeDecember).toBe(true);
    expect(e.problems.map((p) => p.problemId).sort((a, b) => a - b)).toEqual(
      [toiletProblem.id, otherProblem.id, potential.id].sort((a, b) => a - b),
    );
    expect(row(e, toiletProblem.id)).toMatchObject({
      baselineValue: 3,
      nowValue: 3,
      indicatorKey: 'no_own_toilet_desil_1_4',
      outcome: null,
    });
    expect(row(e, otherProblem.id).nowValue).toBeNull();
    expect(e.decision).toBeNull();
  });

  it('in December it is no longer "before December"', async () => {
    const saved = ctx.clock.now;
    ctx.clock.now = new Date('2026-12-01T01:00:00Z');
    try {
      // sessions idle out after 12 hours of clock time: log in again on 1 December
      expect((await get(await loginCookie(ctx, ws.admin.user.username))).beforeDecember).toBe(false);
    } finally {
      ctx.clock.now = saved;
    }
  });

  it('"now" follows a newer registry import that changes the families', async () => {
    const [first, ...rest] = toiletFamilies;
    if (!first) throw new Error('families missing');
    // the September snapshot: the first family now has its own latrine
    await loadFamilies(ctx, [{ ...first, toilet: 'own' }, ...rest], '2026-09-30');
    const e = await get(ws.mentor.cookie);
    expect(row(e, toiletProblem.id)).toMatchObject({ baselineValue: 3, nowValue: 2 });
  });

  it('shows the plan targets and the interventions and distinct families reached for the problem', async () => {
    const db = ctx.database.db;
    const [item] = await rows<{ id: number }>(
      db,
      sql`insert into plan_items (pairing_id, problem_id, title, term, start_year, end_year, responsible_opd_id, help_type)
          values (${ws.pairing.id}, ${toiletProblem.id}, 'Jamban sehat untuk keluarga RW 02', 'short', 2026, 2026, ${ws.opdId}, 'latrine')
          returning id`,
    );
    if (!item) throw new Error('plan item');
    await db.execute(
      sql`insert into indicator_targets (plan_item_id, name, unit, indicator_key, baseline, target, target_date)
          values (${item.id}, 'Keluarga tanpa jamban sendiri', 'keluarga', 'no_own_toilet_desil_1_4', 3, 0, '2026-12-15')`,
    );
    const ids = toiletProblem.familyIds;
    for (const [status, fams] of [
      ['done', [ids[0], ids[1]]],
      ['done', [ids[1]]],
      ['cancelled', [ids[2]]],
    ] as const) {
      const [iv] = await rows<{ id: number }>(
        db,
        sql`insert into interventions (pairing_id, plan_item_id, opd_id, title, help_type, delivered_on, status)
            values (${ws.pairing.id}, ${item.id}, ${ws.opdId}, 'Pembangunan jamban', 'latrine', '2026-10-01', ${status}) returning id`,
      );
      for (const f of fams) {
        await db.execute(sql`insert into intervention_beneficiaries (intervention_id, family_id) values (${iv?.id}, ${f})`);
      }
    }
    const r = row(await get(ws.admin.cookie), toiletProblem.id);
    expect(r.targets).toEqual([
      expect.objectContaining({
        planItemId: item.id,
        name: 'Keluarga tanpa jamban sendiri',
        unit: 'keluarga',
        baseline: 3,
        target: 0,
        targetDate: '2026-12-15',
      }),
    ]);
    expect(r.interventions).toBe(2);
    expect(r.familiesReached).toBe(2);
  });

  it('401 without a session, 400 for a malformed id, 404 for a mentor of another OPD', async () => {
    expect((await send(ctx, 'GET', url())).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/pairings/-1/evaluation', { cookie: ws.admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', url(), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
  });
});

describe('PUT /api/pairings/:id/evaluation/problems/:problemId', () => {
  const purl = (id: number) => `${url()}/problems/${id}`;

  it('an author records the outcome with a reason; the value now is kept; audited', async () => {
    const res = await send(ctx, 'PUT', purl(toiletProblem.id), {
      cookie: ws.mentor.cookie,
      body: { outcome: 'partly', reason: 'Satu dari tiga keluarga sudah punya jamban' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'partly', evalValue: 2, nowValue: 2, evaluatedByName: ws.mentor.user.fullName });
    const log = await auditOf('problem', toiletProblem.id);
    expect(log.at(-1)).toMatchObject({ action: 'problem.evaluate', after: { evalOutcome: 'partly', evalValue: 2 } });

    const addressed = await send(ctx, 'PUT', purl(potential.id), {
      cookie: ws.operator.cookie,
      body: { outcome: 'addressed', reason: 'Sentra batik sudah dibina' },
    });
    expect(addressed.statusCode).toBe(200);
    expect(addressed.json()).toMatchObject({ outcome: 'addressed', evalValue: null });
  });

  it('refuses: a bad outcome or no reason (400), no session (401), viewer and admin (403), another OPD (404), a proposal (409)', async () => {
    const body = { outcome: 'not', reason: 'Belum ada anggaran' };
    const bad = await send(ctx, 'PUT', purl(otherProblem.id), { cookie: ws.mentor.cookie, body: { outcome: 'solved' } });
    expect(bad.statusCode).toBe(400);
    expect((errorOf(bad).details.issues as { path: string }[]).map((i) => i.path)).toEqual(
      expect.arrayContaining(['body.outcome', 'body.reason']),
    );
    expect((await send(ctx, 'PUT', purl(otherProblem.id), { body })).statusCode).toBe(401);
    expect((await send(ctx, 'PUT', purl(otherProblem.id), { cookie: ws.viewer.cookie, body })).statusCode).toBe(403);
    expect((await send(ctx, 'PUT', purl(otherProblem.id), { cookie: ws.admin.cookie, body })).statusCode).toBe(403);
    expect((await send(ctx, 'PUT', purl(otherProblem.id), { cookie: ws.otherMentor.cookie, body })).statusCode).toBe(404);
    const [proposal] = await rows<{ id: number }>(
      ctx.database.db,
      sql`select id from problems where pairing_id = ${ws.pairing.id} and status = 'proposed' limit 1`,
    );
    if (proposal) expect((await send(ctx, 'PUT', purl(proposal.id), { cookie: ws.mentor.cookie, body })).statusCode).toBe(409);
  });
});

describe('PUT /api/pairings/:id/evaluation/decision', () => {
  const durl = () => `${url()}/decision`;

  it('a mentor may not decide (403); nor a supervisor; 401; 400 for a bad decision', async () => {
    const body = { decision: 'graduate', reason: 'Semua masalah tertangani' };
    const res = await send(ctx, 'PUT', durl(), { cookie: ws.mentor.cookie, body });
    expect(res.statusCode).toBe(403);
    expect((await send(ctx, 'PUT', durl(), { cookie: ws.supervisor.cookie, body })).statusCode).toBe(403);
    expect((await send(ctx, 'PUT', durl(), { body })).statusCode).toBe(401);
    expect((await send(ctx, 'PUT', durl(), { cookie: ws.admin.cookie, body: { decision: 'stay', reason: 'x' } })).statusCode).toBe(400);
  });

  it('a Bappeda admin decides and may revise the decision; audited', async () => {
    const first = await send(ctx, 'PUT', durl(), { cookie: ws.admin.cookie, body: { decision: 'graduate', reason: 'Indikator membaik' } });
    expect(first.statusCode).toBe(200);
    expect((first.json() as Evaluation).decision).toMatchObject({
      decision: 'graduate',
      reason: 'Indikator membaik',
      decidedByName: ws.admin.user.fullName,
    });
    const second = await send(ctx, 'PUT', durl(), {
      cookie: ws.admin.cookie,
      body: { decision: 'continue', reason: 'Jamban belum tuntas' },
    });
    expect((second.json() as Evaluation).decision?.decision).toBe('continue');
    const log = await auditOf('evaluation', ws.pairing.id);
    expect(log.map((l) => l.action)).toEqual(['evaluation.decide', 'evaluation.decide']);
    expect(log[1]).toMatchObject({ before: { decision: 'graduate' }, after: { decision: 'continue' }, reason: 'Jamban belum tuntas' });
  });
});

describe('POST /api/pairings/:id/evaluation/carry-over', () => {
  const curl = () => `${url()}/carry-over`;

  it('copies the problems not addressed into the same village next year, with the value now as baseline; never twice', async () => {
    const { programYearId } = await makeProgramYear(ctx, { year: 2027 });
    const next = await makePairing(ctx, { programYearId, opdId: (await makeOpd(ctx)).id, villageCode: VILLAGE });
    const res = await send(ctx, 'POST', curl(), { cookie: ws.admin.cookie, body: { toPairingId: next.id } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as CarryOverResult;
    // the potential was addressed: not carried
    expect(body.created.map((p) => p.carriedFromId).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      [toiletProblem.id, otherProblem.id].sort((a, b) => a - b),
    );
    const toilet = body.created.find((p) => p.carriedFromId === toiletProblem.id) as Problem;
    expect(toilet).toMatchObject({
      pairingId: next.id,
      origin: 'carried_over',
      status: 'accepted',
      indicatorKey: 'no_own_toilet_desil_1_4',
      baselineValue: 2,
      baselineDate: '2026-11-29',
      proposalKey: null,
    });
    expect(toilet.familyIds).toEqual(toiletProblem.familyIds);
    expect((await auditOf('problem', toilet.id)).map((l) => l.action)).toEqual(['problem.carry_over']);

    const again = (await send(ctx, 'POST', curl(), { cookie: ws.admin.cookie, body: { toPairingId: next.id } })).json() as CarryOverResult;
    expect(again).toEqual({ created: [], skipped: 2 });
    const [n] = await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from problems where pairing_id = ${next.id}`);
    expect(n?.n).toBe(2);
  });

  it('400 for another village, the same year, or no such pairing; 403 for a mentor; 401', async () => {
    const other = await send(ctx, 'POST', curl(), { cookie: ws.admin.cookie, body: { toPairingId: ws.otherPairing.id } });
    expect(other.statusCode).toBe(400);
    expect((errorOf(other).details.issues as { path: string }[])[0]?.path).toBe('body.toPairingId');

    const { programYearId } = await makeProgramYear(ctx, { year: 2026 });
    const sameYear = await makePairing(ctx, { programYearId, opdId: (await makeOpd(ctx)).id, villageCode: VILLAGE });
    expect((await send(ctx, 'POST', curl(), { cookie: ws.admin.cookie, body: { toPairingId: sameYear.id } })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', curl(), { cookie: ws.admin.cookie, body: { toPairingId: 99_999_999 } })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', curl(), { cookie: ws.admin.cookie, body: {} })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', curl(), { cookie: ws.mentor.cookie, body: { toPairingId: sameYear.id } })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', curl(), { body: { toPairingId: sameYear.id } })).statusCode).toBe(401);
  });

  it('covers its endpoints', async () => {
    await expectEndpointsCovered(ctx, 'evaluation');
  });
});
