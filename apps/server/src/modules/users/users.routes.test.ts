import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import {
  actorOf,
  createTestContext,
  errorOf,
  loginCookie,
  makeOpd,
  makeUser,
  send,
  TEST_PASSWORD,
  type TestContext,
  uniq,
} from '../../test/harness.ts';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof actorOf>>;
/** One logged-in user of each role the gate refuses. */
let refused: Record<'mentor' | 'operator' | 'viewer', string>;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await actorOf(ctx, 'admin');
  refused = {
    mentor: (await actorOf(ctx, 'mentor')).cookie,
    operator: (await actorOf(ctx, 'operator')).cookie,
    viewer: (await actorOf(ctx, 'viewer')).cookie,
  };
});
afterAll(() => ctx.close());

const TEMP_PASSWORD = 'Sementara-2026-baru';

async function expectAdminOnly(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
  const anonymous = await send(ctx, method, url, { body });
  expect(anonymous.statusCode).toBe(401);
  expect(errorOf(anonymous).code).toBe('unauthenticated');
  for (const cookie of Object.values(refused)) {
    const res = await send(ctx, method, url, { cookie, body });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
  }
}

const newUser = (over: Record<string, unknown> = {}) => ({
  username: uniq('pengguna.'),
  fullName: 'Siti Aminah',
  role: 'viewer',
  password: TEMP_PASSWORD,
  ...over,
});

describe('GET /api/users', () => {
  it('lists users, filtered by role, OPD and text', async () => {
    const opd = await makeOpd(ctx);
    const mentor = await makeUser(ctx, 'mentor', { opdId: opd.id });
    const operator = await makeUser(ctx, 'operator', { villageCode: '33.75.04.1010' });

    const all = await send(ctx, 'GET', '/api/users', { cookie: admin.cookie });
    expect(all.statusCode).toBe(200);
    const ids = all.json().items.map((u: { id: number }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([mentor.id, operator.id, admin.user.id]));
    expect(JSON.stringify(all.json())).not.toMatch(/passwordHash|password_hash|argon2/);

    const operators = await send(ctx, 'GET', '/api/users?role=operator', { cookie: admin.cookie });
    expect(operators.json().items.length).toBeGreaterThan(0);
    expect(operators.json().items.every((u: { role: string }) => u.role === 'operator')).toBe(true);
    expect(operators.json().items.find((u: { id: number }) => u.id === operator.id)).toMatchObject({ villageName: 'Sokoduwet' });

    const byOpd = await send(ctx, 'GET', `/api/users?opdId=${opd.id}`, { cookie: admin.cookie });
    expect(byOpd.json().items).toEqual([expect.objectContaining({ id: mentor.id, opdName: opd.name })]);

    const byText = await send(ctx, 'GET', `/api/users?q=${mentor.username}`, { cookie: admin.cookie });
    expect(byText.json().items.map((u: { id: number }) => u.id)).toEqual([mentor.id]);
  });

  it('400 for an unknown role filter', async () => {
    const res = await send(ctx, 'GET', '/api/users?role=lurah', { cookie: admin.cookie });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'query.role' }));
  });

  it('401 without a session, 403 for mentor, operator and viewer', async () => {
    await expectAdminOnly('GET', '/api/users');
  });
});

describe('GET /api/users/:userId', () => {
  it('returns one user', async () => {
    const user = await makeUser(ctx, 'operator', { villageCode: '33.75.02.1012' });
    const res = await send(ctx, 'GET', `/api/users/${user.id}`, { cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, role: 'operator', villageCode: '33.75.02.1012', villageName: 'Kali Baros' });
  });

  it('404 for an unknown id, 400 for a malformed one', async () => {
    expect((await send(ctx, 'GET', '/api/users/999999', { cookie: admin.cookie })).statusCode).toBe(404);
    const bad = await send(ctx, 'GET', '/api/users/abc', { cookie: admin.cookie });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.issues).toContainEqual(expect.objectContaining({ path: 'params.userId' }));
  });

  it('401 and 403', async () => {
    await expectAdminOnly('GET', `/api/users/${admin.user.id}`);
  });
});

describe('POST /api/users', () => {
  it('creates a mentor of an OPD who must change the password at first login', async () => {
    const opd = await makeOpd(ctx);
    const body = newUser({ role: 'mentor', opdId: opd.id, nip: '198001012005011001', fullName: 'Budi Santoso' });
    const res = await send(ctx, 'POST', '/api/users', { cookie: admin.cookie, body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: body.username,
      role: 'mentor',
      opdId: opd.id,
      opdName: opd.name,
      nip: '198001012005011001',
      mustChangePassword: true,
      active: true,
    });
    const login = await send(ctx, 'POST', '/api/auth/login', { body: { username: body.username, password: TEMP_PASSWORD } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it('keeps an OPD off a non-mentor and a village off a non-operator', async () => {
    const opd = await makeOpd(ctx);
    const res = await send(ctx, 'POST', '/api/users', {
      cookie: admin.cookie,
      body: newUser({ role: 'viewer', opdId: opd.id, villageCode: '33.75.01.1002' }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ opdId: null, villageCode: null });
  });

  it('400: a mentor needs an OPD, an operator a real kelurahan, passwords need letters and digits', async () => {
    const noOpd = await send(ctx, 'POST', '/api/users', { cookie: admin.cookie, body: newUser({ role: 'mentor' }) });
    expect(noOpd.statusCode).toBe(400);
    expect(errorOf(noOpd).details.issues).toContainEqual(expect.objectContaining({ path: 'body.opdId' }));

    const missingOpd = await send(ctx, 'POST', '/api/users', { cookie: admin.cookie, body: newUser({ role: 'mentor', opdId: 999999 }) });
    expect(missingOpd.statusCode).toBe(400);
    expect(errorOf(missingOpd).details.issues).toContainEqual(expect.objectContaining({ path: 'body.opdId' }));

    const district = await send(ctx, 'POST', '/api/users', {
      cookie: admin.cookie,
      body: newUser({ role: 'operator', villageCode: '33.75.02' }),
    });
    expect(district.statusCode).toBe(400);
    expect(errorOf(district).details.issues).toContainEqual(expect.objectContaining({ path: 'body.villageCode' }));

    const weak = await send(ctx, 'POST', '/api/users', { cookie: admin.cookie, body: newUser({ password: 'passwordonly' }) });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).details.issues).toContainEqual(expect.objectContaining({ path: 'body.password' }));

    const badName = await send(ctx, 'POST', '/api/users', { cookie: admin.cookie, body: newUser({ username: 'Bad Name!' }) });
    expect(badName.statusCode).toBe(400);
  });

  it('400 for a mentor of a deactivated OPD', async () => {
    const opd = await makeOpd(ctx);
    await send(ctx, 'POST', `/api/opds/${opd.id}/deactivate`, { cookie: admin.cookie, body: { reason: 'Digabung ke dinas lain' } });
    const res = await send(ctx, 'POST', '/api/users', { cookie: admin.cookie, body: newUser({ role: 'mentor', opdId: opd.id }) });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.issues).toContainEqual({ path: 'body.opdId', message: 'OPD nonaktif' });
  });

  it('409 for a username already taken (case-insensitive)', async () => {
    const existing = await makeUser(ctx, 'viewer');
    const res = await send(ctx, 'POST', '/api/users', {
      cookie: admin.cookie,
      body: newUser({ username: existing.username.toUpperCase() }),
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain(existing.username);
  });

  it('401 and 403', async () => {
    await expectAdminOnly('POST', '/api/users', newUser());
  });
});

describe('PATCH /api/users/:userId', () => {
  it('edits contact fields and moves a mentor to another OPD', async () => {
    const mentor = await makeUser(ctx, 'mentor');
    const opd = await makeOpd(ctx);
    const res = await send(ctx, 'PATCH', `/api/users/${mentor.id}`, {
      cookie: admin.cookie,
      body: { fullName: 'Dewi Lestari', phone: '0285 421 111', opdId: opd.id },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ fullName: 'Dewi Lestari', phone: '0285 421 111', opdId: opd.id, opdName: opd.name });
    const again = await send(ctx, 'GET', `/api/users/${mentor.id}`, { cookie: admin.cookie });
    expect(again.json().fullName).toBe('Dewi Lestari');
  });

  it('400 for a malformed village code or a mentor without an OPD; 404 for an unknown user', async () => {
    const operator = await makeUser(ctx, 'operator');
    const bad = await send(ctx, 'PATCH', `/api/users/${operator.id}`, { cookie: admin.cookie, body: { villageCode: 'Medono' } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.issues).toContainEqual(expect.objectContaining({ path: 'body.villageCode' }));

    const mentor = await makeUser(ctx, 'mentor');
    const noOpd = await send(ctx, 'PATCH', `/api/users/${mentor.id}`, { cookie: admin.cookie, body: { opdId: null } });
    expect(noOpd.statusCode).toBe(400);

    expect((await send(ctx, 'PATCH', '/api/users/999999', { cookie: admin.cookie, body: { fullName: 'Tidak Ada' } })).statusCode).toBe(404);
  });

  it('401 and 403', async () => {
    await expectAdminOnly('PATCH', `/api/users/${admin.user.id}`, { fullName: 'Bukan Admin' });
  });
});

describe('POST /api/users/:userId/deactivate and /reactivate', () => {
  it('deactivates with a reason, ends the sessions; reactivation lets the user back in', async () => {
    const user = await makeUser(ctx, 'operator');
    const cookie = await loginCookie(ctx, user.username);
    const off = await send(ctx, 'POST', `/api/users/${user.id}/deactivate`, {
      cookie: admin.cookie,
      body: { reason: 'Mutasi ke kecamatan lain' },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    const login = () => send(ctx, 'POST', '/api/auth/login', { body: { username: user.username, password: TEST_PASSWORD } });
    expect((await login()).statusCode).toBe(401);

    const on = await send(ctx, 'POST', `/api/users/${user.id}/reactivate`, {
      cookie: admin.cookie,
      body: { reason: 'Kembali bertugas di kelurahan' },
    });
    expect(on.statusCode).toBe(200);
    expect(on.json().active).toBe(true);
    expect((await login()).statusCode).toBe(200);
  });

  it('400 without a reason (or a too short one)', async () => {
    const user = await makeUser(ctx, 'viewer');
    const none = await send(ctx, 'POST', `/api/users/${user.id}/deactivate`, { cookie: admin.cookie, body: {} });
    expect(none.statusCode).toBe(400);
    expect(errorOf(none).details.issues).toContainEqual(expect.objectContaining({ path: 'body.reason' }));
    const short = await send(ctx, 'POST', `/api/users/${user.id}/reactivate`, { cookie: admin.cookie, body: { reason: 'ok' } });
    expect(short.statusCode).toBe(400);
    expect((await send(ctx, 'GET', `/api/users/${user.id}`, { cookie: admin.cookie })).json().active).toBe(true);
  });

  it('409: an admin cannot deactivate themself', async () => {
    const res = await send(ctx, 'POST', `/api/users/${admin.user.id}/deactivate`, {
      cookie: admin.cookie,
      body: { reason: 'Saya mau berhenti' },
    });
    expect(res.statusCode).toBe(409);
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie: admin.cookie })).statusCode).toBe(200);
  });

  it('404 for an unknown user', async () => {
    const res = await send(ctx, 'POST', '/api/users/999999/deactivate', { cookie: admin.cookie, body: { reason: 'Tidak ada orangnya' } });
    expect(res.statusCode).toBe(404);
  });

  it('401 and 403', async () => {
    const user = await makeUser(ctx, 'viewer');
    await expectAdminOnly('POST', `/api/users/${user.id}/deactivate`, { reason: 'Coba coba saja' });
    await expectAdminOnly('POST', `/api/users/${user.id}/reactivate`, { reason: 'Coba coba saja' });
    expect((await send(ctx, 'GET', `/api/users/${user.id}`, { cookie: admin.cookie })).json().active).toBe(true);
  });
});

describe('POST /api/users/:userId/reset-password', () => {
  it('sets a temporary password, ends sessions, lifts a lock; the user must change it', async () => {
    const user = await makeUser(ctx, 'mentor');
    const cookie = await loginCookie(ctx, user.username);
    const ip = '192.0.2.77';
    for (let i = 0; i < 5; i++) {
      await send(ctx, 'POST', '/api/auth/login', { body: { username: user.username, password: `Wrong-pass-${i}` }, ip });
    }
    const locked = await send(ctx, 'GET', `/api/users/${user.id}`, { cookie: admin.cookie });
    expect(locked.json().lockedUntil).not.toBeNull();

    const res = await send(ctx, 'POST', `/api/users/${user.id}/reset-password`, {
      cookie: admin.cookie,
      body: { newPassword: TEMP_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, mustChangePassword: true, lockedUntil: null });
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(401);

    const old = await send(ctx, 'POST', '/api/auth/login', { body: { username: user.username, password: TEST_PASSWORD }, ip });
    expect(old.statusCode).toBe(401);
    const fresh = await send(ctx, 'POST', '/api/auth/login', { body: { username: user.username, password: TEMP_PASSWORD }, ip });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user.mustChangePassword).toBe(true);
  });

  it('400 for a weak password, 404 for an unknown user', async () => {
    const user = await makeUser(ctx, 'viewer');
    const weak = await send(ctx, 'POST', `/api/users/${user.id}/reset-password`, { cookie: admin.cookie, body: { newPassword: '123' } });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).details.issues).toContainEqual(expect.objectContaining({ path: 'body.newPassword' }));
    const unknown = await send(ctx, 'POST', '/api/users/999999/reset-password', {
      cookie: admin.cookie,
      body: { newPassword: TEMP_PASSWORD },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('401 and 403', async () => {
    const user = await makeUser(ctx, 'viewer');
    await expectAdminOnly('POST', `/api/users/${user.id}/reset-password`, { newPassword: TEMP_PASSWORD });
    // nobody but the admin changed it: the old password still works
    expect((await send(ctx, 'POST', '/api/auth/login', { body: { username: user.username, password: TEST_PASSWORD } })).statusCode).toBe(
      200,
    );
  });
});

describe('OpenAPI coverage', () => {
  it('every users endpoint is tested: happy path, 400, 401, 403', async () => {
    await expectEndpointsCovered(ctx, 'users');
  });
});
