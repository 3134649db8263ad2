import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { actorOf, createTestContext, errorOf, makeOpd, makeUser, send, type TestContext, uniq } from '../../test/harness.ts';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof actorOf>>;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await actorOf(ctx, 'admin');
});
afterAll(() => ctx.close());

interface Entry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

async function trail(entityType: string, entityId: number | string): Promise<Entry[]> {
  const res = await send(ctx, 'GET', `/api/audit?entityType=${entityType}&entityId=${entityId}&limit=200`, { cookie: admin.cookie });
  expect(res.statusCode).toBe(200);
  const items = res.json().items as Entry[];
  for (const e of items) expect(e).toMatchObject({ entityType, entityId: String(entityId) });
  return items;
}

/** The single entry of `action` for the record, done by the admin of this file. */
async function entry(entityType: string, entityId: number | string, action: string): Promise<Entry> {
  const found = (await trail(entityType, entityId)).filter((e) => e.action === action);
  expect(found, `${action} on ${entityType} ${entityId}`).toHaveLength(1);
  const e = found[0] as Entry;
  expect(e.actorId).toBe(admin.user.id);
  expect(e.actorName).toBe(admin.user.fullName);
  return e;
}

async function ok<T = Record<string, unknown>>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const res = await send(ctx, method, url, { cookie: admin.cookie, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as T;
}

describe('every mutation writes an audit row', () => {
  it('OPD: create, update, deactivate, reactivate, delete', async () => {
    const name = uniq('Dinas Audit ');
    const opd = await ok<{ id: number }>('POST', '/api/opds', { name, type: 'dinas', abbreviation: 'DA' });
    expect((await entry('opd', opd.id, 'opd.create')).after).toMatchObject({ id: opd.id, name, abbreviation: 'DA', active: true });

    await ok('PATCH', `/api/opds/${opd.id}`, { headName: 'Drs. Bambang' });
    const update = await entry('opd', opd.id, 'opd.update');
    expect(update.before).toMatchObject({ headName: null });
    expect(update.after).toMatchObject({ headName: 'Drs. Bambang' });

    await ok('POST', `/api/opds/${opd.id}/deactivate`, { reason: 'Dilebur ke Bapperida', date: '2026-12-31' });
    const off = await entry('opd', opd.id, 'opd.deactivate');
    expect(off).toMatchObject({
      reason: 'Dilebur ke Bapperida',
      before: { active: true },
      after: { active: false, deactivatedOn: '2026-12-31' },
    });

    await ok('POST', `/api/opds/${opd.id}/reactivate`, { reason: 'Perda dibatalkan' });
    expect(await entry('opd', opd.id, 'opd.reactivate')).toMatchObject({ reason: 'Perda dibatalkan', after: { active: true } });

    await ok('DELETE', `/api/opds/${opd.id}`);
    expect((await entry('opd', opd.id, 'opd.delete')).before).toMatchObject({ id: opd.id, name });
    // newest first
    expect((await trail('opd', opd.id)).map((e) => e.action)).toEqual([
      'opd.delete',
      'opd.reactivate',
      'opd.deactivate',
      'opd.update',
      'opd.create',
    ]);
  });

  it('user: create, update, deactivate, reactivate, reset password; never a password hash', async () => {
    const opd = await makeOpd(ctx);
    const username = uniq('audit.');
    const user = await ok<{ id: number }>('POST', '/api/users', {
      username,
      fullName: 'Rina Wulandari',
      role: 'mentor',
      opdId: opd.id,
      password: 'Awal-password-2026',
    });
    expect((await entry('user', user.id, 'user.create')).after).toMatchObject({ username, role: 'mentor', opdId: opd.id });

    await ok('PATCH', `/api/users/${user.id}`, { phone: '0812-0000-1111' });
    const update = await entry('user', user.id, 'user.update');
    expect(update.before).toMatchObject({ phone: null });
    expect(update.after).toMatchObject({ phone: '0812-0000-1111' });

    await ok('POST', `/api/users/${user.id}/deactivate`, { reason: 'Pensiun per 1 Desember' });
    expect(await entry('user', user.id, 'user.deactivate')).toMatchObject({
      reason: 'Pensiun per 1 Desember',
      before: { active: true },
      after: { active: false },
    });
    await ok('POST', `/api/users/${user.id}/reactivate`, { reason: 'Diangkat kembali' });
    expect(await entry('user', user.id, 'user.reactivate')).toMatchObject({ reason: 'Diangkat kembali', after: { active: true } });
    await ok('POST', `/api/users/${user.id}/reset-password`, { newPassword: 'Reset-password-2026' });
    await entry('user', user.id, 'user.reset_password');

    const json = JSON.stringify(await trail('user', user.id));
    expect(json).not.toMatch(/passwordHash|password_hash|\$argon2|Awal-password|Reset-password/);
  });

  it('no audit row anywhere holds a password hash (checked in the table itself)', async () => {
    await makeUser(ctx, 'operator');
    const pattern = 'password_?hash|\\$argon2';
    const [hit] = await rows<{ n: number; users: number; hashes: number }>(
      ctx.database.db,
      sql`select count(*) filter (where coalesce(before::text, '') || coalesce(after::text, '') ~* ${pattern})::int as n,
            count(*) filter (where entity_type = 'user')::int as users,
            (select count(*)::int from users where password_hash ~* ${pattern}) as hashes
          from audit_log`,
    );
    expect(hit?.hashes).toBeGreaterThan(0); // the pattern does recognise a stored hash
    expect(hit?.users).toBeGreaterThan(0);
    expect(hit?.n).toBe(0);
  });

  it('program: create, update; year: create, status', async () => {
    const program = await ok<{ id: number }>('POST', '/api/programs', {
      name: uniq('Program Audit '),
      decreeType: 'perwal',
      decreeNumber: 'Perwal 12/2022',
      decreeDate: '2022-02-01',
      decreeIssuer: 'Wali Kota Pekalongan',
      startYear: 2022,
    });
    expect((await entry('program', program.id, 'program.create')).after).toMatchObject({
      decreeNumber: 'Perwal 12/2022',
      scopeCode: '33.75',
    });

    await ok('PATCH', `/api/programs/${program.id}`, { endYear: 2026 });
    const update = await entry('program', program.id, 'program.update');
    expect(update.before).toMatchObject({ endYear: null });
    expect(update.after).toMatchObject({ endYear: 2026 });

    const withYear = await ok<{ years: { id: number }[] }>('POST', `/api/programs/${program.id}/years`, { year: 2026, status: 'planned' });
    const yearId = withYear.years[0]?.id as number;
    expect((await entry('program_year', yearId, 'program_year.create')).after).toMatchObject({ year: 2026, status: 'planned' });

    await ok('PATCH', `/api/program-years/${yearId}`, { status: 'active' });
    expect(await entry('program_year', yearId, 'program_year.status')).toMatchObject({
      before: { status: 'planned' },
      after: { status: 'active' },
    });
  });

  it('pairing: create, mentors, profile, end', async () => {
    const program = await ok<{ id: number }>('POST', '/api/programs', {
      name: uniq('Program Audit '),
      decreeType: 'sk_wali_kota',
      decreeNumber: uniq('SK/'),
      decreeDate: '2026-01-02',
      decreeIssuer: 'Wali Kota Pekalongan',
      startYear: 2026,
    });
    const yearId = (await ok<{ years: { id: number }[] }>('POST', `/api/programs/${program.id}/years`, { year: 2026 })).years[0]
      ?.id as number;
    const opd = await makeOpd(ctx);
    const mentor = await makeUser(ctx, 'mentor', { opdId: opd.id });
    const pairing = await ok<{ id: number }>('POST', `/api/program-years/${yearId}/pairings`, {
      opdId: opd.id,
      villageCode: '33.75.04.1004',
      decreeNumber: 'SK 400.9/077/2026',
      decreeDate: '2026-01-15',
      mentors: [{ userId: mentor.id, role: 'coordinator' }],
    });
    expect((await entry('pairing', pairing.id, 'pairing.create')).after).toMatchObject({
      opdId: opd.id,
      villageCode: '33.75.04.1004',
      status: 'active',
      mentors: [{ userId: mentor.id, role: 'coordinator' }],
    });

    await ok('PUT', `/api/pairings/${pairing.id}/mentors`, { mentors: [{ userId: mentor.id, role: 'member' }] });
    expect(await entry('pairing', pairing.id, 'pairing.mentors')).toMatchObject({
      before: [{ userId: mentor.id, role: 'coordinator' }],
      after: [{ userId: mentor.id, role: 'member' }],
    });

    await ok('PATCH', `/api/pairings/${pairing.id}/profile`, { lurahName: 'Hj. Siti Fatimah' });
    expect(await entry('pairing', pairing.id, 'pairing.profile')).toMatchObject({
      before: { lurahName: null },
      after: { lurahName: 'Hj. Siti Fatimah' },
    });

    await ok('POST', `/api/pairings/${pairing.id}/end`, { reason: 'Target graduasi tercapai', endedOn: '2026-11-30' });
    expect(await entry('pairing', pairing.id, 'pairing.end')).toMatchObject({
      reason: 'Target graduasi tercapai',
      before: { status: 'active', endedOn: null },
      after: { status: 'ended', endedOn: '2026-11-30', endReason: 'Target graduasi tercapai' },
    });
  });

  it('a refused mutation writes nothing', async () => {
    const opd = await makeOpd(ctx);
    const before = await trail('opd', opd.id);
    const res = await send(ctx, 'PATCH', `/api/opds/${opd.id}`, { cookie: admin.cookie, body: { name: 'Dinas Kesehatan' } });
    expect(res.statusCode).toBe(409);
    expect(await trail('opd', opd.id)).toEqual(before);
  });
});

describe('GET /api/audit filters', () => {
  it('by actor', async () => {
    const other = await actorOf(ctx, 'admin');
    const opd = await makeOpd(ctx);
    await send(ctx, 'PATCH', `/api/opds/${opd.id}`, { cookie: other.cookie, body: { headName: 'Oleh admin kedua' } });
    const res = await send(ctx, 'GET', `/api/audit?actorId=${other.user.id}`, { cookie: admin.cookie });
    expect(res.json()).toMatchObject({ total: 1, items: [{ actorId: other.user.id, action: 'opd.update', entityId: String(opd.id) }] });
  });

  it('by date: from and to are whole days, the to-date included', async () => {
    const opd = await makeOpd(ctx);
    const [created] = await trail('opd', opd.id);
    // The day of the row as the database sees it (its session time zone wrote `at`).
    const day = (created as Entry).at.slice(0, 10);
    const shift = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const query = (range: string) => send(ctx, 'GET', `/api/audit?entityType=opd&entityId=${opd.id}&${range}`, { cookie: admin.cookie });

    expect((await query(`from=${day}&to=${day}`)).json().total).toBe(1);
    expect((await query(`to=${day}`)).json().total).toBe(1);
    expect((await query(`from=${day}`)).json().total).toBe(1);
    expect((await query(`to=${shift(day, -1)}`)).json().total).toBe(0);
    expect((await query(`from=${shift(day, 1)}`)).json().total).toBe(0);
    expect((await query(`from=${shift(day, -3)}&to=${shift(day, 3)}`)).json().total).toBe(1);
  });

  it('pages with limit and offset, newest first', async () => {
    const opd = await makeOpd(ctx);
    for (const head of ['Satu', 'Dua', 'Tiga']) {
      await send(ctx, 'PATCH', `/api/opds/${opd.id}`, { cookie: admin.cookie, body: { headName: head } });
    }
    const page = await send(ctx, 'GET', `/api/audit?entityType=opd&entityId=${opd.id}&limit=2&offset=1`, { cookie: admin.cookie });
    expect(page.json()).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.json().items.map((e: Entry) => (e.after as { headName: string | null }).headName)).toEqual(['Dua', 'Satu']);
  });

  it('400 for a malformed date, actor or limit', async () => {
    for (const q of ['from=29-11-2026', 'to=2026-02-30', 'actorId=rina', 'limit=0', 'limit=1000', 'offset=-1']) {
      const res = await send(ctx, 'GET', `/api/audit?${q}`, { cookie: admin.cookie });
      expect(res.statusCode, q).toBe(400);
      expect(errorOf(res).code).toBe('validation_failed');
    }
  });

  it('admin only: 401 without a session, 403 for mentor, operator and viewer', async () => {
    expect((await send(ctx, 'GET', '/api/audit')).statusCode).toBe(401);
    for (const role of ['mentor', 'operator', 'viewer'] as const) {
      const { cookie } = await actorOf(ctx, role);
      const res = await send(ctx, 'GET', '/api/audit', { cookie });
      expect(res.statusCode, role).toBe(403);
    }
  });
});

describe('OpenAPI coverage', () => {
  it('every audit endpoint is tested: happy path, 400, 401, 403', async () => {
    await expectEndpointsCovered(ctx, 'audit');
  });
});
