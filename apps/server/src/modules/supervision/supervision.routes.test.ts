/**
 * Supervision through the API: visits with follow-ups tracked to closure, and spot-checks drawn
 * reproducibly from a seed with per-item outcomes; who may do what, and the refusals.
 */
import type { FollowUp, SpotCheck, SpotCheckItem, Visit } from '@dampingan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { createTestContext, errorOf, send, type TestContext } from '../../test/harness.ts';
import { auditRows, insertIntervention } from '../reports/reports.test-support.ts';
import { type LoadedFamily, loadFamilies, type MadeWorkspace, makeWorkspace, simpleFamilies } from '../workspace/workspace.test-support.ts';

let ctx: TestContext;
let ws: MadeWorkspace;
let fams: LoadedFamily[];
const VILLAGE = '33.75.04.1004';

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: '33.75.04.1006' });
  fams = await loadFamilies(ctx, simpleFamilies(VILLAGE, 2, { rw: '005', rt: '001', namePrefix: 'Warga Periksa' }));
});
afterAll(async () => ctx?.close());

const visits = () => `/api/pairings/${ws.pairing.id}/visits`;
const visitInput = {
  visitedOn: '2026-11-20',
  visitors: 'Kepala Bappeda; Sekretaris Daerah',
  findings: 'Jamban di RW 05 belum tersambung septic tank',
  followUps: [{ action: 'Sambungkan septic tank komunal', ownerName: 'Lurah', dueOn: '2026-12-15' }],
};

describe('supervision visits and follow-ups', () => {
  let visit: Visit;

  it('a mentor logging a visit is 403; a viewer too; outside reach 404; 401 without a session', async () => {
    expect((await send(ctx, 'POST', visits(), { body: visitInput })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', visits(), { cookie: ws.mentor.cookie, body: visitInput })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', visits(), { cookie: ws.viewer.cookie, body: visitInput })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', visits(), { cookie: ws.otherMentor.cookie, body: visitInput })).statusCode).toBe(404);
  });

  it('refuses a visit in the future and a follow-up without an owner (400 naming the field)', async () => {
    const future = await send(ctx, 'POST', visits(), { cookie: ws.supervisor.cookie, body: { ...visitInput, visitedOn: '2026-12-01' } });
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).details.issues).toEqual([expect.objectContaining({ path: 'body.visitedOn' })]);
    const noOwner = await send(ctx, 'POST', visits(), {
      cookie: ws.supervisor.cookie,
      body: { ...visitInput, followUps: [{ action: 'Sesuatu', dueOn: '2026-12-01' }] },
    });
    expect(noOwner.statusCode).toBe(400);
    expect(errorOf(noOwner).details.issues).toEqual([expect.objectContaining({ path: 'body.followUps.0.ownerName' })]);
    const badOpd = await send(ctx, 'POST', visits(), {
      cookie: ws.supervisor.cookie,
      body: { ...visitInput, followUps: [{ action: 'Sesuatu', ownerOpdId: 999999, dueOn: '2026-12-01' }] },
    });
    expect(badOpd.statusCode).toBe(400);
    expect(errorOf(badOpd).details.issues).toEqual([expect.objectContaining({ path: 'body.followUps.0.ownerOpdId' })]);
    const early = await send(ctx, 'POST', visits(), {
      cookie: ws.supervisor.cookie,
      body: { ...visitInput, followUps: [{ action: 'Sesuatu', ownerName: 'X', dueOn: '2026-11-01' }] },
    });
    expect(early.statusCode).toBe(400);
  });

  it('a supervisor logs a visit with a follow-up; it is audited', async () => {
    const res = await send(ctx, 'POST', visits(), { cookie: ws.supervisor.cookie, body: visitInput });
    expect(res.statusCode, res.body).toBe(201);
    visit = res.json() as Visit;
    expect(visit).toMatchObject({ visitedOn: '2026-11-20', createdBy: ws.supervisor.user.id, findings: visitInput.findings });
    expect(visit.followUps).toEqual([
      expect.objectContaining({ action: 'Sambungkan septic tank komunal', ownerName: 'Lurah', status: 'open', overdue: false }),
    ]);
    const audit = await auditRows(ctx, 'supervision_visit', visit.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'visit.create', actor_id: ws.supervisor.user.id })]);
  });

  it('adds a follow-up owned by an OPD (admin); mentors may not (403)', async () => {
    const u = `${visits()}/${visit.id}/follow-ups`;
    const body = { action: 'Usulkan ke Musrenbang', ownerOpdId: ws.opdId, dueOn: '2026-11-25' };
    expect((await send(ctx, 'POST', u, { body })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', u, { cookie: ws.mentor.cookie, body })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', u, { cookie: ws.admin.cookie, body: { ...body, dueOn: 'besok' } })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', `${visits()}/999999/follow-ups`, { cookie: ws.admin.cookie, body })).statusCode).toBe(404);
    const res = await send(ctx, 'POST', u, { cookie: ws.admin.cookie, body });
    expect(res.statusCode).toBe(201);
    const fu = (res.json() as Visit).followUps.find((f) => f.action === 'Usulkan ke Musrenbang');
    expect(fu).toMatchObject({ ownerOpdId: ws.opdId, status: 'open', overdue: true }); // due 25 Nov, today 29 Nov
    expect(fu?.ownerOpdName).toBeTruthy();
    const audit = await auditRows(ctx, 'follow_up', fu?.id ?? 0);
    expect(audit).toEqual([expect.objectContaining({ action: 'follow_up.create', actor_id: ws.admin.user.id })]);
  });

  it('lists visits with follow-ups; a follow-up past due is overdue', async () => {
    expect((await send(ctx, 'GET', visits())).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/pairings/0/visits', { cookie: ws.viewer.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', visits(), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
    ctx.clock.now = new Date('2026-11-27T03:00:00Z');
    const before = (await send(ctx, 'GET', visits(), { cookie: ws.mentor.cookie })).json() as { items: Visit[] };
    expect(before.items[0]?.followUps.filter((f) => f.overdue)).toHaveLength(1);
    ctx.clock.now = new Date('2026-11-29T03:00:00Z');
  });

  it('closing: a viewer 403, bad input 400, the pairing mentor closes it, twice is 409', async () => {
    const fu = visit.followUps[0] as FollowUp;
    const u = `/api/pairings/${ws.pairing.id}/follow-ups/${fu.id}/close`;
    const body = { closedOn: '2026-11-28', closingNote: 'Sudah tersambung, difoto' };
    expect((await send(ctx, 'POST', u, { body })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', u, { cookie: ws.viewer.cookie, body })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', u, { cookie: ws.otherMentor.cookie, body })).statusCode).toBe(404);
    const noNote = await send(ctx, 'POST', u, { cookie: ws.mentor.cookie, body: { closedOn: '2026-11-28' } });
    expect(noNote.statusCode).toBe(400);
    expect(errorOf(noNote).details.issues).toEqual([expect.objectContaining({ path: 'body.closingNote' })]);
    const future = await send(ctx, 'POST', u, { cookie: ws.mentor.cookie, body: { ...body, closedOn: '2026-12-05' } });
    expect(future.statusCode).toBe(400);
    const res = await send(ctx, 'POST', u, { cookie: ws.mentor.cookie, body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', closedOn: '2026-11-28', closingNote: body.closingNote, overdue: false });
    expect((await send(ctx, 'POST', u, { cookie: ws.supervisor.cookie, body })).statusCode).toBe(409);
    const audit = await auditRows(ctx, 'follow_up', fu.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'follow_up.close', reason: body.closingNote, actor_id: ws.mentor.user.id })]);
  });

  it('a supervisor closes the other follow-up', async () => {
    const list = (await send(ctx, 'GET', visits(), { cookie: ws.supervisor.cookie })).json() as { items: Visit[] };
    const fu = list.items[0]?.followUps.find((f) => f.status === 'open') as FollowUp;
    const res = await send(ctx, 'POST', `/api/pairings/${ws.pairing.id}/follow-ups/${fu.id}/close`, {
      cookie: ws.supervisor.cookie,
      body: { closedOn: '2026-11-29', closingNote: 'Masuk usulan Musrenbang 2027' },
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as FollowUp).status).toBe('done');
  });
});

describe('spot-checks', () => {
  const checks = () => `/api/pairings/${ws.pairing.id}/spot-checks`;
  let interventionIds: number[] = [];

  it('an empty population is 409 with a clear message', async () => {
    const res = await send(ctx, 'POST', checks(), { cookie: ws.supervisor.cookie, body: { sampleSize: 3 } });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toMatch(/intervensi/);
  });

  it('refuses a mentor (403), a sample outside 1–50 (400), no session (401)', async () => {
    const [a, b] = fams.map((f) => f.id) as [number, number];
    const base = { pairingId: ws.pairing.id, opdId: ws.opdId };
    interventionIds = [];
    for (let i = 0; i < 8; i++)
      interventionIds.push(
        await insertIntervention(ctx, {
          ...base,
          deliveredOn: `2026-0${(i % 9) + 1}-15`,
          title: `Intervensi ${i + 1}`,
          status: i % 2 ? 'in_progress' : 'done',
          familyIds: i === 0 ? [a, b] : [a],
        }),
      );
    await insertIntervention(ctx, { ...base, deliveredOn: '2026-10-01', status: 'cancelled', title: 'Batal' });
    await insertIntervention(ctx, { ...base, deliveredOn: '2026-10-01', status: 'planned', title: 'Rencana' });
    expect((await send(ctx, 'POST', checks(), { body: { sampleSize: 3 } })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', checks(), { cookie: ws.mentor.cookie, body: { sampleSize: 3 } })).statusCode).toBe(403);
    for (const sampleSize of [0, 51, 'tiga']) {
      const res = await send(ctx, 'POST', checks(), { cookie: ws.supervisor.cookie, body: { sampleSize } });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details.issues).toEqual([expect.objectContaining({ path: 'body.sampleSize' })]);
    }
  });

  it('draws a sample reproducible from its seed, with names and RT/RW', async () => {
    const first = await send(ctx, 'POST', checks(), { cookie: ws.supervisor.cookie, body: { sampleSize: 3, seed: 'uji-2026' } });
    expect(first.statusCode, first.body).toBe(201);
    const a = first.json() as SpotCheck;
    expect(a).toMatchObject({ seed: 'uji-2026', sampleSize: 3, population: 8 });
    expect(a.items).toHaveLength(3);
    for (const item of a.items) expect(interventionIds).toContain(item.interventionId);
    const again = (
      await send(ctx, 'POST', checks(), { cookie: ws.admin.cookie, body: { sampleSize: 3, seed: 'uji-2026' } })
    ).json() as SpotCheck;
    const ids = (s: SpotCheck) => s.items.map((i) => i.interventionId).sort((x, y) => x - y);
    expect(ids(again)).toEqual(ids(a));
    // another seed draws (almost surely) another order; the population is the same
    const other = (
      await send(ctx, 'POST', checks(), { cookie: ws.admin.cookie, body: { sampleSize: 8, seed: 'lain' } })
    ).json() as SpotCheck;
    expect(ids(other)).toEqual([...interventionIds].sort((x, y) => x - y));
    const audit = await auditRows(ctx, 'spot_check', a.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'spot_check.draw' })]);
    const withFamilies = (await send(ctx, 'GET', checks(), { cookie: ws.supervisor.cookie })).json() as { items: SpotCheck[] };
    const item = withFamilies.items.flatMap((s) => s.items).find((i) => i.interventionId === interventionIds[0]);
    expect(item?.beneficiaries).toHaveLength(2);
    expect(item?.beneficiaries[0]).toMatchObject({ headName: 'Warga Periksa 1', rw: '005', rt: '001' });
  });

  it('a sample larger than the population takes the whole population; no seed gets one', async () => {
    const res = await send(ctx, 'POST', checks(), { cookie: ws.supervisor.cookie, body: { sampleSize: 50 } });
    expect(res.statusCode).toBe(201);
    const s = res.json() as SpotCheck;
    expect(s).toMatchObject({ sampleSize: 8, population: 8 });
    expect(s.seed).toMatch(/^[0-9a-f]{12}$/);
  });

  it('lists spot-checks (anyone who reads the pairing); 404 outside reach', async () => {
    expect((await send(ctx, 'GET', checks())).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/pairings/abc/spot-checks', { cookie: ws.viewer.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', checks(), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
    const res = await send(ctx, 'GET', checks(), { cookie: ws.viewer.cookie });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { items: SpotCheck[] }).items).toHaveLength(4);
  });

  it('records an outcome per item (supervise); a discrepancy needs a note; audited', async () => {
    const list = (await send(ctx, 'GET', checks(), { cookie: ws.viewer.cookie })).json() as { items: SpotCheck[] };
    const item = list.items[0]?.items[0] as SpotCheckItem;
    const u = `/api/pairings/${ws.pairing.id}/spot-check-items/${item.id}`;
    const body = { outcome: 'verified', note: 'Sesuai', checkedOn: '2026-11-29' };
    expect((await send(ctx, 'PATCH', u, { body })).statusCode).toBe(401);
    expect((await send(ctx, 'PATCH', u, { cookie: ws.mentor.cookie, body })).statusCode).toBe(403);
    expect((await send(ctx, 'PATCH', u, { cookie: ws.supervisor.cookie, body: { ...body, outcome: 'pending' } })).statusCode).toBe(400);
    const noNote = await send(ctx, 'PATCH', u, { cookie: ws.supervisor.cookie, body: { outcome: 'discrepancy', checkedOn: '2026-11-29' } });
    expect(noNote.statusCode).toBe(400);
    expect(errorOf(noNote).details.issues).toEqual([expect.objectContaining({ path: 'body.note' })]);
    expect(
      (await send(ctx, 'PATCH', `/api/pairings/${ws.otherPairing.id}/spot-check-items/${item.id}`, { cookie: ws.admin.cookie, body }))
        .statusCode,
    ).toBe(404);
    const res = await send(ctx, 'PATCH', u, { cookie: ws.supervisor.cookie, body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'verified', note: 'Sesuai', checkedOn: '2026-11-29', checkedBy: ws.supervisor.user.id });
    const audit = await auditRows(ctx, 'spot_check_item', item.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'spot_check_item.record' })]);
  });

  it('covers its endpoints', async () => {
    await expectEndpointsCovered(ctx, 'supervision');
  });
});
