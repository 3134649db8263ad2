/**
 * The plan step: items per accepted problem, term/years rules, target families by id and by
 * eligibility, approval (draft → submitted → approved | returned) and versions.
 */
import type { Plan, PlanItem, PlanVersion } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { createTestContext, errorOf, send, type TestContext } from '../../test/harness.ts';
import { type LoadedFamily, loadFamilies, type MadeWorkspace, makeWorkspace, simpleFamilies } from '../workspace/workspace.test-support.ts';

let ctx: TestContext;
let ws: MadeWorkspace;
let fams: LoadedFamily[];
let others: LoadedFamily[];
let problemId: number;
let proposedProblemId: number;
let otherProblemId: number;
const VILLAGE = '33.75.02.1007';
const OTHER = '33.75.02.1008';

async function insertProblem(pairingId: number, title: string, status = 'accepted'): Promise<number> {
  const [r] = await rows<{ id: number }>(
    ctx.database.db,
    sql`insert into problems (pairing_id, category, title, status) values (${pairingId}, 'slum_wastewater', ${title}, ${status}) returning id`,
  );
  return r?.id ?? 0;
}

const base = () => `/api/pairings/${ws.pairing.id}/plan`;
const itemBody = (o: Record<string, unknown> = {}) => ({
  problemId,
  title: 'Jamban sehat untuk keluarga desil 1–4',
  term: 'short',
  startYear: 2026,
  endYear: 2026,
  helpType: 'jamban',
  outputVolume: 10,
  outputUnit: 'unit',
  estimatedCost: 50_000_000,
  fundingSource: 'apbd_kota',
  planningChannel: 'dpa_current',
  partners: [{ kind: 'baznas', name: 'Baznas Kota' }],
  dueOn: '2026-12-15',
  indicatorTargets: [
    { name: 'Keluarga tanpa jamban', unit: 'keluarga', indicatorKey: 'no_own_toilet_desil_1_4', target: 0, targetDate: '2026-12-31' },
  ],
  ...o,
});

async function auditCount(action: string, entityId: string | number): Promise<number> {
  const [r] = await rows<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${String(entityId)}`,
  );
  return r?.n ?? 0;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: OTHER });
  fams = await loadFamilies(ctx, [
    ...simpleFamilies(VILLAGE, 3, { desil: 2, toilet: 'none', rw: '003' }),
    ...simpleFamilies(VILLAGE, 2, { desil: 8, toilet: 'none', rw: '003' }),
    ...simpleFamilies(VILLAGE, 2, { desil: 1, toilet: 'own', rw: '004' }),
  ]);
  others = await loadFamilies(ctx, simpleFamilies(OTHER, 1, { namePrefix: 'Warga Lain' }));
  problemId = await insertProblem(ws.pairing.id, 'Banyak keluarga tanpa jamban');
  proposedProblemId = await insertProblem(ws.pairing.id, 'Usulan registri', 'proposed');
  otherProblemId = await insertProblem(ws.otherPairing.id, 'Masalah pendampingan lain');
});
afterAll(async () => ctx?.close());

describe('plan: empty and gate', () => {
  it('401 without a session; 400 for a malformed id; 404 for another OPD', async () => {
    expect((await send(ctx, 'GET', base())).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/pairings/x/plan', { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', base(), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
  });

  it('a new plan is an empty draft version 1; the viewer reads it', async () => {
    const res = await send(ctx, 'GET', base(), { cookie: ws.viewer.cookie });
    expect(res.statusCode).toBe(200);
    const plan = res.json() as Plan;
    expect(plan).toMatchObject({ status: 'draft', version: 1, items: [], versions: [] });
  });

  it('submitting an empty plan is refused (400)', async () => {
    const res = await send(ctx, 'POST', `${base()}/submit`, { cookie: ws.mentor.cookie, body: {} });
    expect(res.statusCode).toBe(400);
    expect((await send(ctx, 'POST', `${base()}/submit`, { body: {} })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', '/api/pairings/0/plan/submit', { cookie: ws.mentor.cookie, body: {} })).statusCode).toBe(400);
  });
});

describe('plan items', () => {
  let item: PlanItem;

  it('an admin authoring an item is refused (403); a viewer too', async () => {
    for (const who of ['admin', 'viewer', 'supervisor'] as const) {
      const res = await send(ctx, 'POST', `${base()}/items`, { cookie: ws[who].cookie, body: itemBody() });
      expect(res.statusCode, who).toBe(403);
    }
  });

  it('the mentor adds an item; the baseline comes from the registry indicator; audited', async () => {
    expect((await send(ctx, 'POST', `${base()}/items`, { body: itemBody() })).statusCode).toBe(401);
    const res = await send(ctx, 'POST', `${base()}/items`, { cookie: ws.mentor.cookie, body: itemBody() });
    expect(res.statusCode).toBe(201);
    item = res.json() as PlanItem;
    expect(item).toMatchObject({
      problemId,
      problemTitle: 'Banyak keluarga tanpa jamban',
      term: 'short',
      responsibleOpdId: ws.opdId,
      helpType: 'jamban',
      estimatedCost: 50_000_000,
      status: 'active',
      targetFamilyCount: 0,
      partners: [{ kind: 'baznas', name: 'Baznas Kota' }],
    });
    // desil 1–4 without own toilet: exactly the three families made with desil 2 and toilet none
    expect(item.indicatorTargets[0]).toMatchObject({ indicatorKey: 'no_own_toilet_desil_1_4', baseline: 3, target: 0 });
    expect(await auditCount('plan_item.create', item.id)).toBe(1);
  });

  it("the default baseline counts over the problem's RW when it has one (as the problem's own baseline)", async () => {
    const [r] = await rows<{ id: number }>(
      ctx.database.db,
      sql`insert into problems (pairing_id, category, title, status, rw) values (${ws.pairing.id}, 'slum_wastewater', 'Tanpa jamban di RW 04', 'accepted', '004') returning id`,
    );
    const res = await send(ctx, 'POST', `${base()}/items`, {
      cookie: ws.mentor.cookie,
      body: itemBody({ problemId: r?.id, title: 'Jamban RW 04' }),
    });
    expect(res.statusCode).toBe(201);
    // RW 004's desil 1–4 families all have their own toilet; the village as a whole has 3 without
    expect((res.json() as PlanItem).indicatorTargets[0]).toMatchObject({ indicatorKey: 'no_own_toilet_desil_1_4', baseline: 0 });
    const cancel = await send(ctx, 'POST', `${base()}/items/${(res.json() as PlanItem).id}/cancel`, {
      cookie: ws.mentor.cookie,
      body: { reason: 'Hanya untuk uji baseline per RW' },
    });
    expect(cancel.statusCode).toBe(200);
  });

  it('the operator may author too', async () => {
    const res = await send(ctx, 'POST', `${base()}/items`, {
      cookie: ws.operator.cookie,
      body: itemBody({ title: 'Rehab RTLH', helpType: 'rtlh', term: 'medium', startYear: 2026, endYear: 2028, indicatorTargets: [] }),
    });
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['short spanning two years', { term: 'short', startYear: 2026, endYear: 2027 }, 'body.term'],
    ['short in another year', { term: 'short', startYear: 2027, endYear: 2027 }, 'body.term'],
    ['medium over 5 years', { term: 'medium', startYear: 2026, endYear: 2031 }, 'body.term'],
    ['long within 5 years', { term: 'long', startYear: 2026, endYear: 2028 }, 'body.term'],
    ['end before start', { term: 'medium', startYear: 2028, endYear: 2027 }, 'body.endYear'],
  ])('term/years mismatch: %s → 400', async (_name, o, path) => {
    const res = await send(ctx, 'POST', `${base()}/items`, { cookie: ws.mentor.cookie, body: itemBody(o) });
    expect(res.statusCode).toBe(400);
    expect((errorOf(res).details.issues as { path: string }[]).map((i) => i.path)).toContain(path);
  });

  it('a long-term item over more than 5 years is accepted', async () => {
    const res = await send(ctx, 'POST', `${base()}/items`, {
      cookie: ws.mentor.cookie,
      body: itemBody({ title: 'IPAL komunal', term: 'long', startYear: 2027, endYear: 2033, indicatorTargets: [] }),
    });
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['a proposed (not accepted) problem', () => proposedProblemId],
    ["another pairing's problem", () => otherProblemId],
    ['a problem that does not exist', () => 999_999],
  ])('%s → 400 naming problemId', async (_n, pid) => {
    const res = await send(ctx, 'POST', `${base()}/items`, { cookie: ws.mentor.cookie, body: itemBody({ problemId: pid() }) });
    expect(res.statusCode).toBe(400);
    expect((errorOf(res).details.issues as { path: string }[])[0]?.path).toBe('body.problemId');
  });

  it('bad input never crashes: missing title, bad help type, negative cost, no baseline without indicator', async () => {
    for (const body of [
      itemBody({ title: undefined }),
      itemBody({ helpType: 'Jamban Sehat!' }),
      itemBody({ estimatedCost: -1 }),
      itemBody({ indicatorTargets: [{ name: 'x', unit: 'y', target: 1, targetDate: '2026-12-31' }] }),
      itemBody({ responsibleOpdId: 999_999 }),
    ]) {
      const res = await send(ctx, 'POST', `${base()}/items`, { cookie: ws.mentor.cookie, body });
      expect(res.statusCode).toBe(400);
      expect((errorOf(res).details.issues as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('edits an item (PATCH), audited with before/after', async () => {
    expect((await send(ctx, 'PATCH', `${base()}/items/${item.id}`, { body: { title: 'x' } })).statusCode).toBe(401);
    expect((await send(ctx, 'PATCH', `${base()}/items/${item.id}`, { cookie: ws.mentor.cookie, body: { title: 'x' } })).statusCode).toBe(
      400,
    );
    expect(
      (await send(ctx, 'PATCH', `${base()}/items/${item.id}`, { cookie: ws.admin.cookie, body: { outputVolume: 12 } })).statusCode,
    ).toBe(403);
    const res = await send(ctx, 'PATCH', `${base()}/items/${item.id}`, { cookie: ws.mentor.cookie, body: { outputVolume: 12 } });
    expect(res.statusCode).toBe(200);
    expect((res.json() as PlanItem).outputVolume).toBe(12);
    expect(await auditCount('plan_item.update', item.id)).toBe(1);
  });

  it('eligibility preview counts matching families before saving', async () => {
    expect((await send(ctx, 'POST', `${base()}/eligible`, { body: { criteria: {} } })).statusCode).toBe(401);
    expect(
      (await send(ctx, 'POST', `${base()}/eligible`, { cookie: ws.mentor.cookie, body: { criteria: { desilMax: 99 } } })).statusCode,
    ).toBe(400);
    const res = await send(ctx, 'POST', `${base()}/eligible`, {
      cookie: ws.mentor.cookie,
      body: { criteria: { desilMax: 4, noOwnToilet: true, rw: '3' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ count: 3 });
  });

  it('criteria-based targets pick exactly the eligible families and keep the filter', async () => {
    const url = `${base()}/items/${item.id}/families`;
    expect((await send(ctx, 'PUT', url, { body: { familyIds: [] } })).statusCode).toBe(401);
    expect((await send(ctx, 'PUT', url, { cookie: ws.admin.cookie, body: { familyIds: [] } })).statusCode).toBe(403);
    const res = await send(ctx, 'PUT', url, { cookie: ws.mentor.cookie, body: { criteria: { desilMax: 4, noOwnToilet: true } } });
    expect(res.statusCode).toBe(200);
    const after = res.json() as PlanItem;
    expect(after.targetFamilyCount).toBe(3);
    expect(after.targetFilter).toEqual({ desilMax: 4, noOwnToilet: true });
    const list = await send(ctx, 'GET', url, { cookie: ws.mentor.cookie });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { id: number }[] }).items.map((f) => f.id).sort()).toEqual(
      fams
        .slice(0, 3)
        .map((f) => f.id)
        .sort(),
    );
    expect(await auditCount('plan_item.targets', item.id)).toBe(1);
  });

  it('target families by name list; names are not for viewers (403) nor outsiders (404)', async () => {
    const url = `${base()}/items/${item.id}/families`;
    expect((await send(ctx, 'GET', url)).statusCode).toBe(401);
    expect((await send(ctx, 'GET', `${base()}/items/abc/families`, { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', url, { cookie: ws.viewer.cookie })).statusCode).toBe(403);
    expect((await send(ctx, 'GET', url, { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
  });

  it('explicit target families: a family of another village → 400 naming it', async () => {
    const url = `${base()}/items/${item.id}/families`;
    const other = others[0]?.id ?? 0;
    const res = await send(ctx, 'PUT', url, { cookie: ws.mentor.cookie, body: { familyIds: [fams[5]?.id, other] } });
    expect(res.statusCode).toBe(400);
    const issues = errorOf(res).details.issues as { path: string; message: string }[];
    expect(issues[0]?.path).toBe('body.familyIds.1');
    expect(issues[0]?.message).toContain(String(other));
    expect((await send(ctx, 'PUT', url, { cookie: ws.mentor.cookie, body: { familyIds: [1], criteria: {} } })).statusCode).toBe(400);
    const ok = await send(ctx, 'PUT', url, { cookie: ws.mentor.cookie, body: { familyIds: [fams[0]?.id, fams[5]?.id] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ targetFamilyCount: 2, targetFilter: null });
  });

  it('cancels an item with a reason (never deleted); a cancelled item cannot be edited (409)', async () => {
    const made = (
      await send(ctx, 'POST', `${base()}/items`, {
        cookie: ws.mentor.cookie,
        body: itemBody({ title: 'Akan dibatalkan', indicatorTargets: [] }),
      })
    ).json() as PlanItem;
    const url = `${base()}/items/${made.id}/cancel`;
    expect((await send(ctx, 'POST', url, { body: { reason: 'dobel' } })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', url, { cookie: ws.mentor.cookie, body: {} })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', url, { cookie: ws.admin.cookie, body: { reason: 'dobel' } })).statusCode).toBe(403);
    const res = await send(ctx, 'POST', url, { cookie: ws.mentor.cookie, body: { reason: 'Tercatat dua kali' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Tercatat dua kali' });
    const again = await send(ctx, 'PATCH', `${base()}/items/${made.id}`, { cookie: ws.mentor.cookie, body: { title: 'Lagi' } });
    expect(again.statusCode).toBe(409);
    const [row] = await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from plan_items where id = ${made.id}`);
    expect(row?.n).toBe(1);
  });
});

describe('approval and versions', () => {
  let item: PlanItem;
  let v1: Plan;

  beforeAll(async () => {
    const [first] = (await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie }).then((r) => r.json() as Plan)).items;
    if (!first) throw new Error('no item');
    item = first;
  });

  it('the mentor submits; while submitted, authors cannot edit (409)', async () => {
    const res = await send(ctx, 'POST', `${base()}/submit`, { cookie: ws.mentor.cookie, body: {} });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Plan).status).toBe('submitted');
    expect((await send(ctx, 'POST', `${base()}/submit`, { cookie: ws.admin.cookie, body: {} })).statusCode).toBe(403);
    const edit = await send(ctx, 'PATCH', `${base()}/items/${item.id}`, { cookie: ws.mentor.cookie, body: { outputVolume: 20 } });
    expect(edit.statusCode).toBe(409);
    const add = await send(ctx, 'POST', `${base()}/items`, { cookie: ws.mentor.cookie, body: itemBody({ indicatorTargets: [] }) });
    expect(add.statusCode).toBe(409);
    expect(await auditCount('plan.submit', ws.pairing.id)).toBe(1);
  });

  it('a mentor approving their own plan is refused (403); so are the operator and supervisor', async () => {
    for (const who of ['mentor', 'operator', 'supervisor', 'viewer'] as const) {
      expect((await send(ctx, 'POST', `${base()}/approve`, { cookie: ws[who].cookie, body: {} })).statusCode, who).toBe(403);
    }
    expect((await send(ctx, 'POST', `${base()}/approve`, { body: {} })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', `${base()}/approve`, { cookie: ws.admin.cookie, body: { comment: 5 } })).statusCode).toBe(400);
  });

  it('the admin returns it with a comment (comment required); the mentor fixes and resubmits', async () => {
    expect((await send(ctx, 'POST', `${base()}/return`, { body: { comment: 'x' } })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', `${base()}/return`, { cookie: ws.admin.cookie, body: {} })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', `${base()}/return`, { cookie: ws.mentor.cookie, body: { comment: 'Lengkapi' } })).statusCode).toBe(403);
    const res = await send(ctx, 'POST', `${base()}/return`, { cookie: ws.admin.cookie, body: { comment: 'Lengkapi biaya' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', reviewComment: 'Lengkapi biaya' });
    const [audit] = await rows<{ reason: string; after: { status: string } }>(
      ctx.database.db,
      sql`select reason, after from audit_log where action = 'plan.return' and entity_id = ${String(ws.pairing.id)}`,
    );
    expect(audit).toMatchObject({ reason: 'Lengkapi biaya', after: { status: 'returned' } });
    // a returned plan is not approved: it cannot be approved until resubmitted
    expect((await send(ctx, 'POST', `${base()}/approve`, { cookie: ws.admin.cookie, body: {} })).statusCode).toBe(409);
    const edit = await send(ctx, 'PATCH', `${base()}/items/${item.id}`, { cookie: ws.mentor.cookie, body: { estimatedCost: 55_000_000 } });
    expect(edit.statusCode).toBe(200);
    expect((await send(ctx, 'POST', `${base()}/submit`, { cookie: ws.operator.cookie, body: {} })).statusCode).toBe(200);
  });

  it('the admin approves: version 1 is frozen', async () => {
    const res = await send(ctx, 'POST', `${base()}/approve`, { cookie: ws.admin.cookie, body: { comment: 'Setuju' } });
    expect(res.statusCode).toBe(200);
    v1 = res.json() as Plan;
    expect(v1).toMatchObject({ status: 'approved', version: 1 });
    expect(v1.versions).toHaveLength(1);
    expect(v1.versions[0]).toMatchObject({ version: 1, itemCount: v1.items.length });
    expect(await auditCount('plan.approve', ws.pairing.id)).toBe(1);
    // nothing to submit on an approved plan until a change opens a new version
    expect((await send(ctx, 'POST', `${base()}/submit`, { cookie: ws.mentor.cookie, body: {} })).statusCode).toBe(409);
  });

  it('a change to the approved plan without a reason → 400 (edit, add, cancel-free targets)', async () => {
    const edit = await send(ctx, 'PATCH', `${base()}/items/${item.id}`, { cookie: ws.mentor.cookie, body: { outputVolume: 20 } });
    expect(edit.statusCode).toBe(400);
    expect((errorOf(edit).details.issues as { path: string }[])[0]?.path).toBe('body.changeReason');
    const add = await send(ctx, 'POST', `${base()}/items`, { cookie: ws.mentor.cookie, body: itemBody({ indicatorTargets: [] }) });
    expect(add.statusCode).toBe(400);
    const targets = await send(ctx, 'PUT', `${base()}/items/${item.id}/families`, { cookie: ws.mentor.cookie, body: { familyIds: [] } });
    expect(targets.statusCode).toBe(400);
    const plan = (await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie })).json() as Plan;
    expect(plan).toMatchObject({ status: 'approved', version: 1 });
  });

  it('with a reason it opens version 2 in draft; version 1 stays readable and unchanged', async () => {
    const edit = await send(ctx, 'PATCH', `${base()}/items/${item.id}`, {
      cookie: ws.mentor.cookie,
      body: { outputVolume: 20, changeReason: 'Tambahan dari Baznas' },
    });
    expect(edit.statusCode).toBe(200);
    const plan = (await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie })).json() as Plan;
    expect(plan).toMatchObject({ status: 'draft', version: 2, changeReason: 'Tambahan dari Baznas' });
    expect(await auditCount('plan.reopen', ws.pairing.id)).toBe(1);
    // further changes in the open version need no new reason and do not open version 3
    const more = await send(ctx, 'PATCH', `${base()}/items/${item.id}`, { cookie: ws.mentor.cookie, body: { outputUnit: 'jamban' } });
    expect(more.statusCode).toBe(200);
    expect(((await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie })).json() as Plan).version).toBe(2);

    const old = await send(ctx, 'GET', `${base()}/versions/1`, { cookie: ws.viewer.cookie });
    expect(old.statusCode).toBe(200);
    const frozen = old.json() as PlanVersion;
    const frozenItem = frozen.items.find((i) => i.id === item.id);
    expect(frozenItem?.outputVolume).toBe(12);
    expect(frozenItem?.estimatedCost).toBe(55_000_000);
    expect(frozen.items).toEqual(v1.items);
  });

  it('re-approval freezes version 2 with its reason', async () => {
    expect((await send(ctx, 'POST', `${base()}/submit`, { cookie: ws.mentor.cookie, body: {} })).statusCode).toBe(200);
    const res = await send(ctx, 'POST', `${base()}/approve`, { cookie: ws.admin.cookie, body: {} });
    expect(res.statusCode).toBe(200);
    const plan = res.json() as Plan;
    expect(plan.versions.map((v) => [v.version, v.changeReason])).toEqual([
      [1, null],
      [2, 'Tambahan dari Baznas'],
    ]);
    const v2 = (await send(ctx, 'GET', `${base()}/versions/2`, { cookie: ws.mentor.cookie })).json() as PlanVersion;
    expect(v2.items.find((i) => i.id === item.id)?.outputVolume).toBe(20);
    const v1again = (await send(ctx, 'GET', `${base()}/versions/1`, { cookie: ws.mentor.cookie })).json() as PlanVersion;
    expect(v1again.items.find((i) => i.id === item.id)?.outputVolume).toBe(12);
  });

  it('cancelling an item of an approved plan uses the cancel reason as the change reason', async () => {
    const target = (await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie }).then((r) => r.json() as Plan)).items.find(
      (i) => i.status === 'active' && i.id !== item.id,
    );
    const res = await send(ctx, 'POST', `${base()}/items/${target?.id}/cancel`, {
      cookie: ws.mentor.cookie,
      body: { reason: 'Dana dialihkan' },
    });
    expect(res.statusCode).toBe(200);
    const plan = (await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie })).json() as Plan;
    expect(plan).toMatchObject({ status: 'draft', version: 3, changeReason: 'Dana dialihkan' });
  });

  it('versions: 404 for one not yet approved, 400 malformed, 401 without session', async () => {
    expect((await send(ctx, 'GET', `${base()}/versions/3`, { cookie: ws.mentor.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', `${base()}/versions/zz`, { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', `${base()}/versions/1`)).statusCode).toBe(401);
  });

  it('covers its endpoints', async () => {
    await expectEndpointsCovered(ctx, 'plans');
  });
});
