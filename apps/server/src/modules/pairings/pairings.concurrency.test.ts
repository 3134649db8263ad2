/**
 * Races on the program's defining rules. On PGlite requests serialize (one connection); on
 * PostgreSQL (DB_ENGINE=pg, pool of 10) they truly overlap, and only the partial unique
 * indexes can decide: the service's early check sees no holder in every transaction.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../db/errors.ts';
import {
  actorOf,
  createTestContext,
  errorOf,
  makeOpd,
  makePairing,
  makeProgramYear,
  PEKALONGAN_VILLAGES,
  send,
  type TestContext,
  uniq,
} from '../../test/harness.ts';

let ctx: TestContext;
let cookie: string;
beforeAll(async () => {
  ctx = await createTestContext();
  cookie = (await actorOf(ctx, 'admin')).cookie;
});
afterAll(() => ctx.close());

const KALI_BAROS = '33.75.02.1012';

const pairingRequest = (programYearId: number, opdId: number, villageCode: string) =>
  send(ctx, 'POST', `/api/program-years/${programYearId}/pairings`, {
    cookie,
    body: { opdId, villageCode, decreeNumber: uniq('SK 400.9/'), decreeDate: '2026-01-10' },
  });

async function activeCount(programYearId: number, by: { villageCode?: string; opdId?: number }): Promise<number> {
  const cond = by.villageCode ? sql`village_code = ${by.villageCode}` : sql`opd_id = ${by.opdId ?? -1}`;
  const [r] = await rows<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from pairings where program_year_id = ${programYearId} and status = 'active' and ${cond}`,
  );
  return r?.n ?? -1;
}

async function rowsInYear(programYearId: number): Promise<number> {
  const [r] = await rows<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from pairings where program_year_id = ${programYearId}`,
  );
  return r?.n ?? -1;
}

describe('one active pairing per kelurahan per program year, under simultaneous requests', () => {
  it.each([2, 10])('%i OPDs ask for the same kelurahan at once: one 201, the rest 409 naming the winner', async (n) => {
    const { programYearId } = await makeProgramYear(ctx);
    const opds = [];
    for (let i = 0; i < n; i++) opds.push(await makeOpd(ctx));

    const results = await Promise.all(opds.map((o) => pairingRequest(programYearId, o.id, KALI_BAROS)));

    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(n - 1);
    const winner = results.find((r) => r.statusCode === 201)?.json() as { id: number; opdId: number; opdName: string };
    expect(opds.map((o) => o.id)).toContain(winner.opdId);
    for (const loser of results.filter((r) => r.statusCode === 409)) {
      expect(errorOf(loser).message).toContain(winner.opdName);
      expect(errorOf(loser).details.existingPairingId).toBe(winner.id);
      expect(errorOf(loser).details.existingOpdName).toBe(winner.opdName);
    }
    expect(await activeCount(programYearId, { villageCode: KALI_BAROS })).toBe(1);
    expect(await rowsInYear(programYearId)).toBe(1);
  });
});

describe('one kelurahan per OPD (oneVillagePerOpd), under simultaneous requests', () => {
  it.each([2, 10])('one OPD asks for %i kelurahan at once: one 201, the rest 409 naming the OPD', async (n) => {
    const { programYearId } = await makeProgramYear(ctx, { oneVillagePerOpd: true });
    const opd = await makeOpd(ctx);
    const villages = PEKALONGAN_VILLAGES.slice(0, n);

    const results = await Promise.all(villages.map((v) => pairingRequest(programYearId, opd.id, v)));

    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(n - 1);
    const winner = results.find((r) => r.statusCode === 201)?.json() as { id: number; villageName: string };
    for (const loser of results.filter((r) => r.statusCode === 409)) {
      expect(errorOf(loser).message).toContain(opd.name);
      expect(errorOf(loser).message).toContain(winner.villageName);
      expect(errorOf(loser).details.existingPairingId).toBe(winner.id);
    }
    expect(await activeCount(programYearId, { opdId: opd.id })).toBe(1);
    expect(await rowsInYear(programYearId)).toBe(1);
  });

  it('without the rule, simultaneous requests of one OPD for different kelurahan all succeed', async () => {
    const { programYearId } = await makeProgramYear(ctx, { oneVillagePerOpd: false });
    const opd = await makeOpd(ctx);
    const villages = PEKALONGAN_VILLAGES.slice(0, 10);
    const results = await Promise.all(villages.map((v) => pairingRequest(programYearId, opd.id, v)));
    expect(results.map((r) => r.statusCode)).toEqual(villages.map(() => 201));
    expect(await activeCount(programYearId, { opdId: opd.id })).toBe(10);
  });
});

describe('the database itself enforces the rules (SQL that bypasses the service)', () => {
  const insert = (v: { programYearId: number; opdId: number; villageCode: string; status?: string; exclusive?: boolean }) =>
    ctx.database.db.execute(sql`
      insert into pairings (program_year_id, opd_id, village_code, decree_number, decree_date, status, ended_on, end_reason, exclusive_opd)
      values (${v.programYearId}, ${v.opdId}, ${v.villageCode}, ${uniq('SK-SQL/')}, '2026-01-10', ${v.status ?? 'active'},
        ${v.status === 'ended' ? '2026-02-01' : null}, ${v.status === 'ended' ? 'diuji langsung' : null}, ${v.exclusive ?? true})`);
  const failureOf = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (err: unknown) => pgErrorCode(err),
    );

  it('a second active pairing of the same kelurahan and year is a unique violation', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    await makePairing(ctx, { programYearId, villageCode: KALI_BAROS });
    const other = await makeOpd(ctx);
    const failure = await failureOf(insert({ programYearId, opdId: other.id, villageCode: KALI_BAROS }));
    expect(failure).toEqual({ code: UNIQUE_VIOLATION, constraint: 'pairings_one_active_per_village_uq' });
    expect(await activeCount(programYearId, { villageCode: KALI_BAROS })).toBe(1);
    // an ended pairing of the same kelurahan is history and may sit beside it
    expect(await failureOf(insert({ programYearId, opdId: other.id, villageCode: KALI_BAROS, status: 'ended' }))).toBeNull();
  });

  it('a second active kelurahan of an exclusive OPD in the year is a unique violation', async () => {
    const { programYearId } = await makeProgramYear(ctx, { oneVillagePerOpd: true });
    const p = await makePairing(ctx, { programYearId, villageCode: KALI_BAROS });
    const failure = await failureOf(insert({ programYearId, opdId: p.opdId, villageCode: '33.75.01.1002' }));
    expect(failure).toEqual({ code: UNIQUE_VIOLATION, constraint: 'pairings_one_village_per_opd_uq' });
    expect(await activeCount(programYearId, { opdId: p.opdId })).toBe(1);
  });

  it('a pairing without a kelurahan region, or ended without a date and reason, is refused too', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    expect((await failureOf(insert({ programYearId, opdId: opd.id, villageCode: '33.75.02.9999' })))?.code).toBe('23503');
    const noReason = await failureOf(
      ctx.database.db.execute(sql`insert into pairings (program_year_id, opd_id, village_code, decree_number, decree_date, status, exclusive_opd)
        values (${programYearId}, ${opd.id}, ${KALI_BAROS}, 'SK', '2026-01-10', 'ended', true)`),
    );
    expect(noReason?.code).toBe('23514');
  });
});
