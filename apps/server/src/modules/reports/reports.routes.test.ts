/**
 * Monthly reports through the API: the month list (missing, late), drafting from the month's data,
 * editing, submit, return, accept (locked), unlock with a reason, and every refusal on the way.
 */
import type { Report, ReportList } from '@dampingan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { createTestContext, errorOf, send, type TestContext } from '../../test/harness.ts';
import { type LoadedFamily, loadFamilies, type MadeWorkspace, makeWorkspace, simpleFamilies } from '../workspace/workspace.test-support.ts';
import { auditRows, insertIntervention } from './reports.test-support.ts';

let ctx: TestContext;
let ws: MadeWorkspace;
let fams: LoadedFamily[];
const VILLAGE = '33.75.04.1002';

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: '33.75.04.1003' });
  fams = await loadFamilies(ctx, simpleFamilies(VILLAGE, 3));
  const [a, b, c] = fams.map((f) => f.id) as [number, number, number];
  const base = { pairingId: ws.pairing.id, opdId: ws.opdId };
  await insertIntervention(ctx, {
    ...base,
    deliveredOn: '2026-10-05',
    title: 'Jamban sehat',
    outputVolume: 2,
    outputUnit: 'unit',
    familyIds: [a, b],
    costs: [
      { fundingSource: 'apbd_kota', amount: 5_000_000 },
      { fundingSource: 'csr', amount: 1_000_000 },
    ],
  });
  await insertIntervention(ctx, {
    ...base,
    deliveredOn: '2026-10-20',
    title: 'Pelatihan UMKM',
    status: 'in_progress',
    familyIds: [b, c],
    costs: [{ fundingSource: 'apbd_kota', amount: 500_000 }],
  });
  await insertIntervention(ctx, { ...base, deliveredOn: '2026-10-21', title: 'Batal', status: 'cancelled', familyIds: [a] });
  await insertIntervention(ctx, { ...base, deliveredOn: '2026-09-30', title: 'Bulan lain', familyIds: [c] });
});
afterAll(async () => ctx?.close());

const base = () => `/api/pairings/${ws.pairing.id}/reports`;
const one = (id: number, suffix = '') => `${base()}/${id}${suffix}`;

async function create(month: string, who: 'mentor' | 'operator' = 'mentor'): Promise<Report> {
  const res = await send(ctx, 'POST', base(), { cookie: ws[who].cookie, body: { month } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Report;
}

describe('the month list', () => {
  it('401 without a session, 400 for a malformed id, 404 for another OPD', async () => {
    expect((await send(ctx, 'GET', base())).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/pairings/x/reports', { cookie: ws.admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', base(), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
  });

  it('lists January (decree month) to the current month, missing ones included, late after the 10th', async () => {
    const res = await send(ctx, 'GET', base(), { cookie: ws.viewer.cookie });
    expect(res.statusCode).toBe(200);
    const list = res.json() as ReportList;
    expect(list.today).toBe('2026-11-29');
    expect(list.dueDay).toBe(10);
    expect(list.months.map((m) => m.month)).toHaveLength(11);
    expect(list.months[0]?.month).toBe('2026-01-01');
    const oct = list.months.find((m) => m.month === '2026-10-01');
    expect(oct).toMatchObject({ status: 'missing', late: true, dueOn: '2026-11-10', reportId: null });
    expect(list.months.find((m) => m.month === '2026-11-01')).toMatchObject({ status: 'missing', late: false });
  });
});

describe('a report from draft to accepted, returned and unlocked', () => {
  let oct: Report;

  it('refuses a viewer (403), another OPD (404), a bad month (400), a month outside the year or in the future (400)', async () => {
    expect((await send(ctx, 'POST', base(), { body: { month: '2026-10-01' } })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', base(), { cookie: ws.viewer.cookie, body: { month: '2026-10-01' } })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', base(), { cookie: ws.admin.cookie, body: { month: '2026-10-01' } })).statusCode).toBe(403);
    const other = await send(ctx, 'POST', base(), { cookie: ws.otherMentor.cookie, body: { month: '2026-10-01' } });
    expect(other.statusCode).toBe(404);
    const mid = await send(ctx, 'POST', base(), { cookie: ws.mentor.cookie, body: { month: '2026-10-15' } });
    expect(mid.statusCode).toBe(400);
    expect(errorOf(mid).details.issues).toEqual([expect.objectContaining({ path: 'body.month' })]);
    for (const month of ['2025-12-01', '2026-12-01', '2027-01-01']) {
      const res = await send(ctx, 'POST', base(), { cookie: ws.mentor.cookie, body: { month } });
      expect(res.statusCode, month).toBe(400);
      expect(errorOf(res).details.issues).toEqual([expect.objectContaining({ path: 'body.month' })]);
    }
  });

  it("drafts the month's figures from its interventions", async () => {
    oct = await create('2026-10-01');
    expect(oct.status).toBe('draft');
    expect(oct.locked).toBe(false);
    const s = oct.summary.interventions;
    expect(s.count).toBe(2);
    expect(s.byStatus).toEqual({ planned: 0, in_progress: 1, done: 1, cancelled: 1 });
    expect(s.familiesReached).toBe(3);
    expect(s.outputs).toEqual([{ unit: 'unit', volume: 2 }]);
    expect(s.costs).toEqual([
      { fundingSource: 'apbd_kota', amount: 5_500_000 },
      { fundingSource: 'csr', amount: 1_000_000 },
    ]);
    expect(s.totalCost).toBe(6_500_000);
    expect(s.items.map((i) => i.title)).toEqual(['Jamban sehat', 'Pelatihan UMKM', 'Batal']);
    const audit = await auditRows(ctx, 'monthly_report', oct.id);
    expect(audit.map((a) => a.action)).toEqual(['report.create']);
  });

  it('409 for a month that already has a report', async () => {
    const res = await send(ctx, 'POST', base(), { cookie: ws.operator.cookie, body: { month: '2026-10-01' } });
    expect(res.statusCode).toBe(409);
  });

  it('reads one report with its events; 404 elsewhere', async () => {
    expect((await send(ctx, 'GET', one(oct.id))).statusCode).toBe(401);
    expect((await send(ctx, 'GET', `${base()}/zz`, { cookie: ws.viewer.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', one(oct.id), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', one(999999), { cookie: ws.viewer.cookie })).statusCode).toBe(404);
    const res = await send(ctx, 'GET', one(oct.id), { cookie: ws.viewer.cookie });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Report).events).toEqual([]);
  });

  it('refuses to submit without a narrative (400 naming it)', async () => {
    expect((await send(ctx, 'POST', one(oct.id, '/submit'))).statusCode).toBe(401);
    expect((await send(ctx, 'POST', `${base()}/0/submit`, { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', one(oct.id, '/submit'), { cookie: ws.viewer.cookie })).statusCode).toBe(403);
    const res = await send(ctx, 'POST', one(oct.id, '/submit'), { cookie: ws.mentor.cookie });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.issues).toEqual([expect.objectContaining({ path: 'narrative' })]);
  });

  it('authors write the narrative; viewers and admins may not (403); bad input is 400', async () => {
    const body = { narrative: 'Dua jamban selesai, pelatihan berjalan.', obstacles: 'Hujan', nextSteps: 'Lanjut pelatihan' };
    expect((await send(ctx, 'PATCH', one(oct.id), { body })).statusCode).toBe(401);
    expect((await send(ctx, 'PATCH', one(oct.id), { cookie: ws.viewer.cookie, body })).statusCode).toBe(403);
    expect((await send(ctx, 'PATCH', one(oct.id), { cookie: ws.admin.cookie, body })).statusCode).toBe(403);
    const bad = await send(ctx, 'PATCH', one(oct.id), { cookie: ws.mentor.cookie, body: { narrative: 42 } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.issues).toEqual([expect.objectContaining({ path: 'body.narrative' })]);
    const res = await send(ctx, 'PATCH', one(oct.id), { cookie: ws.mentor.cookie, body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(body);
  });

  it('re-drafts the figures after a late-recorded intervention', async () => {
    await insertIntervention(ctx, { pairingId: ws.pairing.id, opdId: ws.opdId, deliveredOn: '2026-10-31', reach: 'village' });
    expect((await send(ctx, 'POST', one(oct.id, '/refresh'))).statusCode).toBe(401);
    expect((await send(ctx, 'POST', `${base()}/-1/refresh`, { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', one(oct.id, '/refresh'), { cookie: ws.viewer.cookie })).statusCode).toBe(403);
    const res = await send(ctx, 'POST', one(oct.id, '/refresh'), { cookie: ws.operator.cookie });
    expect(res.statusCode).toBe(200);
    const r = res.json() as Report;
    expect(r.summary.interventions.count).toBe(3);
    expect(r.summary.interventions.villageWide).toBe(1);
    expect(r.narrative).toBe('Dua jamban selesai, pelatihan berjalan.');
  });

  it('submits; then it is with the reviewer: editing is 409, no longer late', async () => {
    const res = await send(ctx, 'POST', one(oct.id, '/submit'), { cookie: ws.mentor.cookie });
    expect(res.statusCode).toBe(200);
    const r = res.json() as Report;
    expect(r.status).toBe('submitted');
    expect(r.late).toBe(false);
    expect(r.submittedBy).toBe(ws.mentor.user.id);
    expect(r.events.map((e) => e.action)).toEqual(['submit']);
    expect((await send(ctx, 'PATCH', one(oct.id), { cookie: ws.mentor.cookie, body: { narrative: 'x' } })).statusCode).toBe(409);
    expect((await send(ctx, 'POST', one(oct.id, '/refresh'), { cookie: ws.mentor.cookie })).statusCode).toBe(409);
    expect((await send(ctx, 'POST', one(oct.id, '/submit'), { cookie: ws.mentor.cookie })).statusCode).toBe(409);
    const list = (await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie })).json() as ReportList;
    expect(list.months.find((m) => m.month === '2026-10-01')).toMatchObject({ status: 'submitted', late: false, reportId: oct.id });
  });

  it('a mentor accepting is 403; an admin returns it with a comment', async () => {
    expect((await send(ctx, 'POST', one(oct.id, '/accept'), { cookie: ws.mentor.cookie })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', one(oct.id, '/accept'), { cookie: ws.supervisor.cookie })).statusCode).toBe(403);
    const comment = { comment: 'Lengkapi foto jamban' };
    expect((await send(ctx, 'POST', one(oct.id, '/return'), { body: comment })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', one(oct.id, '/return'), { cookie: ws.mentor.cookie, body: comment })).statusCode).toBe(403);
    const empty = await send(ctx, 'POST', one(oct.id, '/return'), { cookie: ws.admin.cookie, body: { comment: ' ' } });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).details.issues).toEqual([expect.objectContaining({ path: 'body.comment' })]);
    const res = await send(ctx, 'POST', one(oct.id, '/return'), { cookie: ws.admin.cookie, body: comment });
    expect(res.statusCode).toBe(200);
    const r = res.json() as Report;
    expect(r.status).toBe('returned');
    expect(r.reviewComment).toBe('Lengkapi foto jamban');
    expect(r.late).toBe(true); // returned past the due day: back in the authors' hands
    expect(r.events.map((e) => [e.action, e.comment])).toEqual([
      ['submit', null],
      ['return', 'Lengkapi foto jamban'],
    ]);
  });

  it('returned is editable again; resubmitted and accepted, it is locked (423 to every edit)', async () => {
    expect((await send(ctx, 'PATCH', one(oct.id), { cookie: ws.mentor.cookie, body: { obstacles: 'Foto dilampirkan' } })).statusCode).toBe(
      200,
    );
    expect((await send(ctx, 'POST', one(oct.id, '/accept'), { cookie: ws.admin.cookie })).statusCode).toBe(409);
    expect((await send(ctx, 'POST', one(oct.id, '/submit'), { cookie: ws.operator.cookie })).statusCode).toBe(200);
    expect((await send(ctx, 'POST', one(oct.id, '/accept'))).statusCode).toBe(401);
    expect((await send(ctx, 'POST', `${base()}/abc/accept`, { cookie: ws.admin.cookie })).statusCode).toBe(400);
    const res = await send(ctx, 'POST', one(oct.id, '/accept'), { cookie: ws.admin.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', locked: true, reviewedBy: ws.admin.user.id });
    const patch = await send(ctx, 'PATCH', one(oct.id), { cookie: ws.mentor.cookie, body: { narrative: 'ubah' } });
    expect(patch.statusCode).toBe(423);
    expect(errorOf(patch).code).toBe('locked');
    expect((await send(ctx, 'POST', one(oct.id, '/refresh'), { cookie: ws.mentor.cookie })).statusCode).toBe(423);
    expect((await send(ctx, 'POST', one(oct.id, '/submit'), { cookie: ws.mentor.cookie })).statusCode).toBe(423);
    expect((await send(ctx, 'POST', one(oct.id, '/return'), { cookie: ws.admin.cookie, body: { comment: 'lagi' } })).statusCode).toBe(409);
  });

  it('unlock needs a reason (400); with one it is audited and editable again', async () => {
    expect((await send(ctx, 'POST', one(oct.id, '/unlock'), { body: { reason: 'Salah angka' } })).statusCode).toBe(401);
    expect(
      (await send(ctx, 'POST', one(oct.id, '/unlock'), { cookie: ws.mentor.cookie, body: { reason: 'Salah angka' } })).statusCode,
    ).toBe(403);
    const none = await send(ctx, 'POST', one(oct.id, '/unlock'), { cookie: ws.admin.cookie, body: {} });
    expect(none.statusCode).toBe(400);
    expect(errorOf(none).details.issues).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    const res = await send(ctx, 'POST', one(oct.id, '/unlock'), { cookie: ws.admin.cookie, body: { reason: 'Angka biaya salah ketik' } });
    expect(res.statusCode).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ status: 'returned', locked: false });
    expect(r.events.map((e) => e.action)).toEqual(['submit', 'return', 'submit', 'accept', 'unlock']);
    expect(r.events.at(-1)).toMatchObject({ comment: 'Angka biaya salah ketik', actorId: ws.admin.user.id });
    const edit = await send(ctx, 'PATCH', one(oct.id), { cookie: ws.mentor.cookie, body: { narrative: 'Biaya dikoreksi' } });
    expect(edit.statusCode).toBe(200);
    expect((await send(ctx, 'POST', one(oct.id, '/unlock'), { cookie: ws.admin.cookie, body: { reason: 'Sekali lagi' } })).statusCode).toBe(
      409,
    );

    const audit = await auditRows(ctx, 'monthly_report', oct.id);
    expect(audit.map((a) => a.action)).toEqual([
      'report.create',
      'report.update',
      'report.refresh',
      'report.submit',
      'report.return',
      'report.update',
      'report.submit',
      'report.accept',
      'report.unlock',
      'report.update',
    ]);
    const unlock = audit.find((a) => a.action === 'report.unlock');
    expect(unlock).toMatchObject({ reason: 'Angka biaya salah ketik', actor_id: ws.admin.user.id });
    expect(unlock?.before).toMatchObject({ status: 'accepted', locked: true });
    expect(unlock?.after).toMatchObject({ status: 'returned', locked: false });
  });

  it('returning a draft is 409; an operator may draft', async () => {
    const sep = await create('2026-09-01', 'operator');
    expect(sep.summary.interventions.count).toBe(1);
    const res = await send(ctx, 'POST', one(sep.id, '/return'), { cookie: ws.admin.cookie, body: { comment: 'Belum dikirim' } });
    expect(res.statusCode).toBe(409);
    expect((await send(ctx, 'POST', one(sep.id, '/accept'), { cookie: ws.admin.cookie })).statusCode).toBe(409);
  });

  it('a report of another pairing is not found under this one', async () => {
    const otherRes = await send(ctx, 'POST', `/api/pairings/${ws.otherPairing.id}/reports`, {
      cookie: ws.otherMentor.cookie,
      body: { month: '2026-10-01' },
    });
    expect(otherRes.statusCode).toBe(201);
    const otherId = (otherRes.json() as Report).id;
    expect((await send(ctx, 'GET', one(otherId), { cookie: ws.admin.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'PATCH', one(otherId), { cookie: ws.mentor.cookie, body: { narrative: 'x' } })).statusCode).toBe(404);
    // and the other OPD's mentor cannot reach this pairing's report by any route
    expect(
      (await send(ctx, 'PATCH', `/api/pairings/${ws.otherPairing.id}/reports/${otherId}`, { cookie: ws.mentor.cookie, body: {} }))
        .statusCode,
    ).toBe(404);
  });

  it('covers its endpoints', async () => {
    await expectEndpointsCovered(ctx, 'reports');
  });
});
