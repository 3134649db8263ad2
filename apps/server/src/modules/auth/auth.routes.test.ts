import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import {
  actorOf,
  createTestContext,
  errorOf,
  loginCookie,
  makeUser,
  send,
  TEST_PASSWORD,
  type TestContext,
  uniq,
} from '../../test/harness.ts';
import { IP_MAX_ATTEMPTS, LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from './auth.service.ts';

let ctx: TestContext;
let adminUsername: string;
beforeAll(async () => {
  ctx = await createTestContext();
  adminUsername = (await makeUser(ctx, 'admin')).username;
});
/** A fresh admin session: tests here move the clock by hours, which ends older sessions. */
const adminCookie = () => loginCookie(ctx, adminUsername);
afterAll(() => ctx.close());

let ipCounter = 0;
/** Each test that fails logins on purpose uses its own client address, so the per-IP limit of one test does not leak into another. */
const freshIp = () => `198.51.100.${++ipCounter}`;

const login = (username: string, password: string, ip?: string) =>
  send(ctx, 'POST', '/api/auth/login', { body: { username, password }, ...(ip ? { ip } : {}) });

const cookieFrom = (res: { headers: Record<string, unknown> }) => {
  const set = res.headers['set-cookie'];
  return String(Array.isArray(set) ? set[0] : set).split(';')[0] as string;
};

const minutes = (n: number) => n * 60_000;
const advance = (ms: number) => {
  ctx.clock.now = new Date(ctx.clock.now.getTime() + ms);
};

describe('POST /api/auth/login', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and returns me', async () => {
    const user = await makeUser(ctx, 'viewer');
    const res = await login(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, username: user.username, role: 'viewer' });
    expect(JSON.stringify(res.json())).not.toMatch(/passwordHash|password_hash|argon2/i);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/^dampingan_session=[A-Za-z0-9_-]{40,};/);
    expect(set).toMatch(/;\s*HttpOnly/i);
    expect(set).toMatch(/;\s*SameSite=Lax/i);
    expect(set).toMatch(/;\s*Path=\//);
    expect(set).toMatch(/;\s*Max-Age=43200/);
    const me = await send(ctx, 'GET', '/api/auth/me', { cookie: cookieFrom(res) });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
  });

  it('accepts the username in any case (usernames are stored lower case)', async () => {
    const user = await makeUser(ctx, 'viewer');
    const res = await login(user.username.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(user.id);
  });

  it('400 for a body without a password', async () => {
    const res = await send(ctx, 'POST', '/api/auth/login', { body: { username: 'someone' } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('validation_failed');
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.password' }));
  });

  it('401 with one generic message for a wrong password and for an unknown user', async () => {
    const ip = freshIp();
    const user = await makeUser(ctx, 'viewer');
    const wrong = await login(user.username, 'Not-the-password-1', ip);
    const unknown = await login(uniq('nobody.'), TEST_PASSWORD, ip);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('unauthenticated');
    // The same words either way: the answer must not reveal which usernames exist.
    expect(errorOf(wrong).message).toBe(errorOf(unknown).message);
    expect(errorOf(wrong).message).toBe('Nama pengguna atau kata sandi salah');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it(`locks the account after ${MAX_FAILED_ATTEMPTS} wrong passwords (423 even with the right one) and lifts the lock after ${LOCK_MINUTES} minutes`, async () => {
    const ip = freshIp();
    const user = await makeUser(ctx, 'mentor');
    const lockedAt = ctx.clock.now.getTime();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      const res = await login(user.username, `Wrong-password-${i}`, ip);
      expect(res.statusCode).toBe(401);
    }
    const locked = await login(user.username, TEST_PASSWORD, ip);
    expect(locked.statusCode).toBe(423);
    expect(errorOf(locked).code).toBe('locked');
    expect(new Date(String(errorOf(locked).details.lockedUntil)).getTime()).toBe(lockedAt + minutes(LOCK_MINUTES));

    const audit = await send(ctx, 'GET', `/api/audit?entityType=user&entityId=${user.id}`, { cookie: await adminCookie() });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('user.locked');

    advance(minutes(LOCK_MINUTES) - 1000);
    expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(423);
    advance(2000);
    const after = await login(user.username, TEST_PASSWORD, ip);
    expect(after.statusCode).toBe(200);
    expect(after.json().user.lockedUntil).toBeNull();
  });

  it('four wrong passwords then the right one reset the count (no lock on the next mistake)', async () => {
    const ip = freshIp();
    const user = await makeUser(ctx, 'viewer');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) expect((await login(user.username, 'Wrong-password-9', ip)).statusCode).toBe(401);
    expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
    expect((await login(user.username, 'Wrong-password-9', ip)).statusCode).toBe(401);
    expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it(`429 after ${IP_MAX_ATTEMPTS} failed attempts from one address in 10 minutes, other addresses unaffected`, async () => {
    const ip = freshIp();
    const user = await makeUser(ctx, 'viewer');
    // Spread over many usernames, as a password sprayer would, so no account lock gets in the way.
    for (let i = 0; i < IP_MAX_ATTEMPTS; i++) {
      const res = await login(uniq('spray.'), 'Spray-password-1', ip);
      expect(res.statusCode).toBe(401);
    }
    const limited = await login(user.username, TEST_PASSWORD, ip);
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    expect((await login(user.username, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
    advance(minutes(10) + 1000);
    expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('counts parallel guesses before verifying any of them', async () => {
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: IP_MAX_ATTEMPTS + 5 }, () => login(uniq('spray.'), 'Spray-password-1', ip).then((r) => r.statusCode)),
    );
    expect(results.filter((s) => s === 401)).toHaveLength(IP_MAX_ATTEMPTS);
    expect(results.filter((s) => s === 429)).toHaveLength(5);
  });

  it('does not count successful logins: a training room behind one address can all log in', async () => {
    const ip = freshIp();
    const user = await makeUser(ctx, 'mentor');
    for (let i = 0; i < IP_MAX_ATTEMPTS + 3; i++) {
      expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
    }
  });

  it('a deactivated user cannot log in and their sessions die', async () => {
    const ip = freshIp();
    const user = await makeUser(ctx, 'mentor');
    const cookie = await loginCookie(ctx, user.username);
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    const off = await send(ctx, 'POST', `/api/users/${user.id}/deactivate`, {
      cookie: await adminCookie(),
      body: { reason: 'Pindah tugas ke provinsi' },
    });
    expect(off.statusCode).toBe(200);
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    const res = await login(user.username, TEST_PASSWORD, ip);
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).message).toBe('Nama pengguna atau kata sandi salah');
  });

  it('a session dies after 12 idle hours and lives on while used', async () => {
    const user = await makeUser(ctx, 'operator');
    const cookie = await loginCookie(ctx, user.username);
    advance(minutes(11 * 60));
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    advance(minutes(11 * 60)); // 22 h after login, 11 h after the last use
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    advance(minutes(12 * 60 + 1));
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
  });
});

describe('GET /api/auth/me', () => {
  it('returns the user without any password field', async () => {
    const { user, cookie } = await actorOf(ctx, 'viewer');
    const res = await send(ctx, 'GET', '/api/auth/me', { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: user.id, role: 'viewer', active: true }, villageCodes: [] });
    expect(JSON.stringify(res.json())).not.toMatch(/passwordHash|password_hash|argon2|"password"/i);
  });

  it('an operator works on their own kelurahan', async () => {
    const { cookie } = await actorOf(ctx, 'operator', { villageCode: '33.75.03.1002' });
    const res = await send(ctx, 'GET', '/api/auth/me', { cookie });
    expect(res.json().villageCodes).toEqual(['33.75.03.1002']);
    expect(res.json().user.villageName).toBe('Krapyak');
  });

  it('401 without a cookie and with a forged one', async () => {
    expect((await send(ctx, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const forged = await send(ctx, 'GET', '/api/auth/me', { cookie: 'dampingan_session=forged-token-value' });
    expect(forged.statusCode).toBe(401);
    expect(errorOf(forged).code).toBe('unauthenticated');
  });
});

describe('POST /api/auth/logout', () => {
  it('ends the session: the same cookie then gets 401', async () => {
    const { cookie } = await actorOf(ctx, 'viewer');
    const other = await actorOf(ctx, 'viewer');
    const res = await send(ctx, 'POST', '/api/auth/logout', { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(String(res.headers['set-cookie'])).toMatch(/dampingan_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    // only that session: another user's stays alive
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie: other.cookie })).statusCode).toBe(200);
  });

  it('is harmless without a session', async () => {
    const res = await send(ctx, 'POST', '/api/auth/logout');
    expect(res.statusCode).toBe(200);
  });
});

describe('POST /api/auth/password', () => {
  const NEW_PASSWORD = 'Brand-new-password-42';

  it('needs the current password, ends my other sessions, and the new password works', async () => {
    const user = await makeUser(ctx, 'mentor');
    const here = await loginCookie(ctx, user.username);
    const elsewhere = await loginCookie(ctx, user.username);

    const wrong = await send(ctx, 'POST', '/api/auth/password', {
      cookie: here,
      body: { currentPassword: 'Not-my-password-1', newPassword: NEW_PASSWORD },
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details.issues).toContainEqual(expect.objectContaining({ path: 'body.currentPassword' }));
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie: elsewhere })).statusCode).toBe(200);

    const ok = await send(ctx, 'POST', '/api/auth/password', {
      cookie: here,
      body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie: here })).statusCode).toBe(200);
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie: elsewhere })).statusCode).toBe(401);

    const ip = freshIp();
    expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(401);
    const again = await login(user.username, NEW_PASSWORD, ip);
    expect(again.statusCode).toBe(200);
    expect(again.json().user.mustChangePassword).toBe(false);
  });

  it('400 for a weak new password or the same password again', async () => {
    const { cookie } = await actorOf(ctx, 'viewer');
    const weak = await send(ctx, 'POST', '/api/auth/password', { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: 'short1' } });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).details.issues).toContainEqual(expect.objectContaining({ path: 'body.newPassword' }));
    const noDigit = await send(ctx, 'POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'only-letters-here' },
    });
    expect(noDigit.statusCode).toBe(400);
    const same = await send(ctx, 'POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
    });
    expect(same.statusCode).toBe(400);
    // nothing changed
    expect((await send(ctx, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
  });

  it('401 without a session', async () => {
    const res = await send(ctx, 'POST', '/api/auth/password', { body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(res.statusCode).toBe(401);
  });

  it('is audited without any password in the record', async () => {
    const { user, cookie } = await actorOf(ctx, 'viewer');
    await send(ctx, 'POST', '/api/auth/password', { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
    const audit = await send(ctx, 'GET', `/api/audit?entityType=user&entityId=${user.id}`, { cookie: await adminCookie() });
    const change = audit.json().items.find((e: { action: string }) => e.action === 'user.change_password');
    expect(change).toMatchObject({ actorId: user.id });
    expect(JSON.stringify(audit.json())).not.toMatch(/password_?hash|argon2|Brand-new/i);
  });
});

describe('CSRF: mutations must be JSON', () => {
  it('400 for a text/plain body (what a cross-site form can send without a preflight)', async () => {
    const { cookie } = await actorOf(ctx, 'viewer');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: 'Csrf-password-123' }),
      headers: { cookie, 'content-type': 'text/plain' },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('validation_failed');
    expect(errorOf(res).details.messageEn).toBe('Request body must be JSON');
    // The password did not change: the old one still works.
    const me = await send(ctx, 'GET', '/api/auth/me', { cookie });
    expect((await login(me.json().user.username, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('refuses a form-encoded admin mutation and creates nothing', async () => {
    const name = uniq('Dinas Csrf ');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/opds',
      payload: `name=${encodeURIComponent(name)}&type=dinas`,
      headers: { cookie: await adminCookie(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    // Fastify has no parser for forms: 415 Unsupported Media Type, in the one error shape.
    expect(res.statusCode).toBe(415);
    expect(errorOf(res).code).toBe('validation_failed');
    const list = await send(ctx, 'GET', `/api/opds?q=${encodeURIComponent(name)}`, { cookie: await adminCookie() });
    expect(list.json().items).toEqual([]);
  });

  it('400 for a text/plain login', async () => {
    const user = await makeUser(ctx, 'viewer');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('OpenAPI coverage', () => {
  it('every auth endpoint is tested: happy path, 400, 401', async () => {
    await expectEndpointsCovered(ctx, 'auth');
  });
});
