/**
 * The attention list: which live pairings need attention and why, who sees which rows, and how
 * reasons appear and disappear as the clock moves and the work is done.
 */
import type { AttentionList, AttentionRow, Report } from '@dampingan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { createTestContext, loginCookie, send, type TestContext } from '../../test/harness.ts';
import { ageActivity, insertIntervention, insertPlanItem } from '../reports/reports.test-support.ts';
import { type MadeWorkspace, makeWorkspace } from '../workspace/workspace.test-support.ts';

let ctx: TestContext;
let ws: MadeWorkspace;
const TODAY = new Date('2026-11-29T03:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await makeWorkspace(ctx, { villageCode: '33.75.04.1008', otherVillageCode: '33.75.04.1010' });
  // the pairings were made "now" by the wall clock; pin their age so the test does not depend on it
  await ageActivity(ctx, ws.pairing.id, '2026-11-20T00:00:00Z');
  await ageActivity(ctx, ws.otherPairing.id, '2026-11-20T00:00:00Z');
});
afterAll(async () => ctx?.close());

async function list(cookie: string, query = ''): Promise<AttentionList> {
  const res = await send(ctx, 'GET', `/api/attention${query}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AttentionList;
}
const rowOf = (l: AttentionList, pairingId: number): AttentionRow | undefined => l.items.find((r) => r.pairingId === pairingId);
const reason = (r: AttentionRow | undefined, kind: string) => r?.reasons.find((x) => x.kind === kind);

describe('GET /api/attention', () => {
  it('401 without a session, 400 for a bad program year', async () => {
    expect((await send(ctx, 'GET', '/api/attention')).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/attention?programYearId=abc', { cookie: ws.admin.cookie })).statusCode).toBe(400);
  });

  it('months with no report past their due day are missing; recent work is not idle', async () => {
    const l = await list(ws.admin.cookie);
    expect(l.today).toBe('2026-11-29');
    const row = rowOf(l, ws.pairing.id);
    // January to October are past due (the 10th of the next month); November is not yet
    expect(reason(row, 'missing_months')).toEqual({ kind: 'missing_months', count: 10, since: '2026-02-10' });
    expect(reason(row, 'no_activity')).toBeUndefined();
    expect(reason(row, 'late_reports')).toBeUndefined();
  });

  it('a pairing with no activity for 30+ days appears; new work takes it off', async () => {
    // sessions expire after 12 idle hours: log in again at the moved clock
    ctx.clock.now = new Date('2026-12-21T03:00:00Z');
    try {
      let cookie = await loginCookie(ctx, ws.viewer.user.username);
      const row = rowOf(await list(cookie), ws.pairing.id);
      expect(reason(row, 'no_activity')).toEqual({ kind: 'no_activity', count: 31, since: '2026-11-20' });
      ctx.clock.now = new Date('2026-12-19T03:00:00Z');
      cookie = await loginCookie(ctx, ws.viewer.user.username);
      expect(reason(rowOf(await list(cookie), ws.pairing.id), 'no_activity')).toBeUndefined(); // 29 days
      ctx.clock.now = new Date('2026-12-21T03:00:00Z');
      cookie = await loginCookie(ctx, ws.viewer.user.username);
      await insertIntervention(ctx, { pairingId: ws.otherPairing.id, opdId: ws.otherPairing.opdId, deliveredOn: '2026-12-15' });
      await ageActivity(ctx, ws.otherPairing.id, '2026-12-15T00:00:00Z');
      const after = await list(cookie);
      expect(reason(rowOf(after, ws.otherPairing.id), 'no_activity')).toBeUndefined();
      expect(rowOf(after, ws.otherPairing.id)?.lastActivityOn).toBe('2026-12-15');
      expect(reason(rowOf(after, ws.pairing.id), 'no_activity')).toBeDefined();
    } finally {
      ctx.clock.now = TODAY;
    }
  });

  it('a late report appears and disappears once submitted', async () => {
    const created = await send(ctx, 'POST', `/api/pairings/${ws.pairing.id}/reports`, {
      cookie: ws.mentor.cookie,
      body: { month: '2026-10-01' },
    });
    expect(created.statusCode).toBe(201);
    const report = created.json() as Report;
    let row = rowOf(await list(ws.supervisor.cookie), ws.pairing.id);
    expect(reason(row, 'late_reports')).toEqual({ kind: 'late_reports', count: 1, since: '2026-11-10' });
    expect(reason(row, 'missing_months')?.count).toBe(9);
    const u = `/api/pairings/${ws.pairing.id}/reports/${report.id}`;
    expect((await send(ctx, 'PATCH', u, { cookie: ws.mentor.cookie, body: { narrative: 'Kegiatan Oktober' } })).statusCode).toBe(200);
    expect((await send(ctx, 'POST', `${u}/submit`, { cookie: ws.mentor.cookie })).statusCode).toBe(200);
    row = rowOf(await list(ws.supervisor.cookie), ws.pairing.id);
    expect(reason(row, 'late_reports')).toBeUndefined();
    expect(reason(row, 'missing_months')?.count).toBe(9);
  });

  it('overdue follow-ups and overdue plan items appear with their earliest due date', async () => {
    const visit = await send(ctx, 'POST', `/api/pairings/${ws.pairing.id}/visits`, {
      cookie: ws.supervisor.cookie,
      body: {
        visitedOn: '2026-11-20',
        visitors: 'Tim Bappeda',
        findings: 'Data penerima belum lengkap',
        followUps: [
          { action: 'Lengkapi data penerima', ownerName: 'Pendamping', dueOn: '2026-11-25' },
          { action: 'Rapat koordinasi', ownerName: 'Lurah', dueOn: '2026-12-05' },
        ],
      },
    });
    expect(visit.statusCode).toBe(201);
    await insertPlanItem(ctx, { pairingId: ws.pairing.id, opdId: ws.opdId, dueOn: '2026-11-01' });
    await insertPlanItem(ctx, { pairingId: ws.pairing.id, opdId: ws.opdId, dueOn: '2026-10-01', status: 'cancelled' });
    await insertPlanItem(ctx, { pairingId: ws.pairing.id, opdId: ws.opdId, dueOn: '2026-12-31' });
    const row = rowOf(await list(ws.admin.cookie), ws.pairing.id);
    expect(reason(row, 'overdue_follow_ups')).toEqual({ kind: 'overdue_follow_ups', count: 1, since: '2026-11-25' });
    expect(reason(row, 'overdue_plan_items')).toEqual({ kind: 'overdue_plan_items', count: 1, since: '2026-11-01' });
  });

  it('sorts by the number of reasons, most first', async () => {
    const l = await list(ws.admin.cookie);
    const mine = l.items.findIndex((r) => r.pairingId === ws.pairing.id);
    const other = l.items.findIndex((r) => r.pairingId === ws.otherPairing.id);
    expect(mine).toBeGreaterThanOrEqual(0);
    expect(other).toBeGreaterThan(mine);
    for (let i = 1; i < l.items.length; i++)
      expect((l.items[i - 1] as AttentionRow).reasons.length).toBeGreaterThanOrEqual((l.items[i] as AttentionRow).reasons.length);
  });

  it("mentors see only their OPD's rows, operators their village's; admins, viewers, supervisors all", async () => {
    const mine = await list(ws.mentor.cookie);
    expect(mine.items.map((r) => r.pairingId)).toEqual([ws.pairing.id]);
    const theirs = await list(ws.otherMentor.cookie);
    expect(theirs.items.map((r) => r.pairingId)).toEqual([ws.otherPairing.id]);
    const op = await list(ws.operator.cookie);
    expect(op.items.every((r) => r.villageCode === ws.villageCode)).toBe(true);
    expect(op.items.map((r) => r.pairingId)).toContain(ws.pairing.id);
    for (const who of ['admin', 'viewer', 'supervisor'] as const) {
      const ids = (await list(ws[who].cookie)).items.map((r) => r.pairingId);
      expect(ids).toEqual(expect.arrayContaining([ws.pairing.id, ws.otherPairing.id]));
    }
  });

  it('filters by program year; ended pairings are not listed', async () => {
    const next = await makeWorkspace(ctx, { villageCode: '33.75.04.1003', otherVillageCode: '33.75.04.1006' });
    await ageActivity(ctx, next.pairing.id, '2026-11-20T00:00:00Z');
    const only = await list(ws.admin.cookie, `?programYearId=${next.programYearId}`);
    expect(new Set(only.items.map((r) => r.programYearId))).toEqual(new Set([next.programYearId]));
    expect(only.items.map((r) => r.pairingId)).toContain(next.pairing.id);
    const end = await send(ctx, 'POST', `/api/pairings/${next.pairing.id}/end`, {
      cookie: ws.admin.cookie,
      body: { reason: 'Uji berakhir', endedOn: '2026-11-01' },
    });
    expect(end.statusCode).toBe(200);
    const after = await list(ws.admin.cookie, `?programYearId=${next.programYearId}`);
    expect(after.items.map((r) => r.pairingId)).not.toContain(next.pairing.id);
  });

  it('covers its endpoints', async () => {
    await expectEndpointsCovered(ctx, 'attention');
  });
});
