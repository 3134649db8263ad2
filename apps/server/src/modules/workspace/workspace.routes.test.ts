/**
 * The workspace gate (every mentoring-cycle call goes through it) and the village indicators:
 * 401 without a session, 404 outside the actor's reach, and what each role may do.
 */
import type { WorkspaceSummary } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { createTestContext, send, type TestContext } from '../../test/harness.ts';
import { countFamilies, matchingFamilyIds } from './family-criteria.ts';
import { type LoadedFamily, loadFamilies, type MadeWorkspace, makeWorkspace, simpleFamilies } from './workspace.test-support.ts';

let ctx: TestContext;
let ws: MadeWorkspace;
let fams: LoadedFamily[];
const VILLAGE = '33.75.01.1004';

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: '33.75.01.1006' });
  fams = await loadFamilies(ctx, [
    ...simpleFamilies(VILLAGE, 3, { desil: 2, toilet: 'none', rw: '003' }),
    ...simpleFamilies(VILLAGE, 2, { desil: 7, toilet: 'none', rw: '003' }),
    ...simpleFamilies(VILLAGE, 2, { desil: 1, toilet: 'own', rw: '004' }),
  ]);
});
afterAll(async () => ctx?.close());

const url = () => `/api/pairings/${ws.pairing.id}/workspace`;

describe('GET /api/pairings/:id/workspace', () => {
  it('401 without a session', async () => {
    expect((await send(ctx, 'GET', url())).statusCode).toBe(401);
  });

  it('400 for a malformed id', async () => {
    expect((await send(ctx, 'GET', '/api/pairings/abc/workspace', { cookie: ws.admin.cookie })).statusCode).toBe(400);
  });

  it('404 for a mentor of another OPD, as if the pairing did not exist', async () => {
    const res = await send(ctx, 'GET', url(), { cookie: ws.otherMentor.cookie });
    expect(res.statusCode).toBe(404);
  });

  it.each([
    ['mentor', { author: true, review: false, supervise: false }],
    ['operator', { author: true, review: false, supervise: false }],
    ['admin', { author: false, review: true, supervise: true }],
    ['supervisor', { author: false, review: false, supervise: true }],
    ['viewer', { author: false, review: false, supervise: false }],
  ] as const)('%s gets the access it has', async (who, expected) => {
    const res = await send(ctx, 'GET', url(), { cookie: ws[who].cookie });
    expect(res.statusCode).toBe(200);
    const body = res.json() as WorkspaceSummary;
    expect(body.access).toEqual({ read: true, ...expected });
    expect(body.villageCode).toBe(VILLAGE);
  });

  it('counts the village indicators from the registry', async () => {
    const body = (await send(ctx, 'GET', url(), { cookie: ws.mentor.cookie })).json() as WorkspaceSummary;
    const value = (k: string) => body.indicators.find((i) => i.key === k)?.value;
    // exactly the families made here live in this village in this file's database
    expect(value('families_desil_1_4')).toBe(5);
    expect(value('families_desil_1')).toBe(2);
    expect(value('no_own_toilet_desil_1_4')).toBe(3);
  });

  it('an ended pairing is closed to its mentor but readable by admin', async () => {
    const other = await makeWorkspace(ctx, { villageCode: '33.75.01.1008', otherVillageCode: '33.75.01.1009' });
    const end = await send(ctx, 'POST', `/api/pairings/${other.pairing.id}/end`, {
      cookie: other.admin.cookie,
      body: { reason: 'Uji berakhir', endedOn: '2026-11-01' },
    });
    expect(end.statusCode).toBe(200);
    const u = `/api/pairings/${other.pairing.id}/workspace`;
    expect((await send(ctx, 'GET', u, { cookie: other.mentor.cookie })).statusCode).toBe(404);
    const asAdmin = (await send(ctx, 'GET', u, { cookie: other.admin.cookie })).json() as WorkspaceSummary;
    expect(asAdmin.access.review).toBe(true);
    expect(asAdmin.status).toBe('ended');
  });

  it('covers its endpoints', async () => {
    await expectEndpointsCovered(ctx, 'workspace');
  });
});

describe('family criteria', () => {
  it('chooses exactly the families that meet every criterion, poorest first', async () => {
    const ids = await matchingFamilyIds(ctx.database.db, VILLAGE, { desilMax: 4, noOwnToilet: true, rw: '3' });
    expect(ids.sort()).toEqual(
      fams
        .slice(0, 3)
        .map((f) => f.id)
        .sort(),
    );
    const all = await matchingFamilyIds(ctx.database.db, VILLAGE, { desilMax: 4 });
    expect(all.slice(0, 2).sort()).toEqual(
      fams
        .slice(5, 7)
        .map((f) => f.id)
        .sort(),
    ); // desil 1 first
  });

  it('unfit house: earth floor, poor wall or roof, or too little floor per person', async () => {
    const [a, b, c] = fams;
    if (!a || !b || !c) throw new Error('families missing');
    await ctx.database.db.execute(
      sql`update families set floor_type = 'ceramic', wall_condition = 'good', roof_condition = 'good', floor_area_m2 = 60 where village_code = ${VILLAGE}`,
    );
    expect(await countFamilies(ctx.database.db, VILLAGE, { unfitHouse: true })).toBe(0);
    await ctx.database.db.execute(sql`update families set floor_type = 'earth' where id = ${a.id}`);
    await ctx.database.db.execute(sql`update families set roof_condition = 'poor' where id = ${b.id}`);
    // two present members: 14.4 m² is the minimum, 10 m² is too little
    await ctx.database.db.execute(sql`update families set floor_area_m2 = 10 where id = ${c.id}`);
    const ids = await matchingFamilyIds(ctx.database.db, VILLAGE, { unfitHouse: true });
    expect(ids.sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it('person-level criteria look at present members only', async () => {
    const [, , , d] = fams;
    if (!d) throw new Error('family missing');
    const before = await countFamilies(ctx.database.db, VILLAGE, { stuntedChild: true });
    await ctx.database.db.execute(
      sql`update persons set nutrition_status = 'stunting', birth_date = current_date - interval '2 years' where id = ${d.personIds[1] ?? 0}`,
    );
    expect(await countFamilies(ctx.database.db, VILLAGE, { stuntedChild: true })).toBe(before + 1);
    await ctx.database.db.execute(sql`update persons set status = 'moved' where id = ${d.personIds[1] ?? 0}`);
    expect(await countFamilies(ctx.database.db, VILLAGE, { stuntedChild: true })).toBe(before);
  });
});
