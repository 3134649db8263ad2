/**
 * Test harness: a real app on a real database copied from the seeded template, plus
 * factories that create what a test needs (and their missing parents), so each test
 * isolates itself by its own data instead of truncating tables.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MentorRole, Role } from '@dampingan/contracts';
import { inject } from 'vitest';
import { type AppDeps, createApp, type Services } from '../app.ts';
import { type Database, openDatabase } from '../db/client.ts';
import type { RouteRegistry } from '../http/route.ts';
import { SYSTEM } from '../modules/auth/actor.ts';
import { TEST_SCOPE } from './global-setup.ts';

export const TEST_PASSWORD = 'Test-password-123';

let counter = 0;
/** Unique suffix: tests in one file share a database, so names must not collide. */
export function uniq(prefix = ''): string {
  counter += 1;
  return `${prefix}${counter}${randomBytes(3).toString('hex')}`;
}

export async function openTestDatabase(): Promise<Database> {
  if (inject('engine') === 'pglite') {
    const buf = fs.readFileSync(inject('pgliteTemplate'));
    return openDatabase({ engine: 'pglite', memory: true, loadDataDir: new Blob([new Uint8Array(buf)]) });
  }
  const admin = inject('pgAdminUrl');
  const name = `dampingan_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
  const server = await openDatabase({ engine: 'pg', url: admin, poolMax: 1 });
  try {
    await server.exec(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateDb')}`);
  } finally {
    await server.close();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return openDatabase({ engine: 'pg', url: u.toString(), poolMax: 10 });
}

/** One request the app answered: `url` is the route pattern (undefined when no route matched). */
export interface Hit {
  method: string;
  url: string | undefined;
  status: number;
}

export interface TestContext {
  database: Database;
  app: Awaited<ReturnType<typeof createApp>>['app'];
  services: Services;
  /** Every route declared through registerRoutes (what the OpenAPI document is built from). */
  registry: RouteRegistry;
  clock: { now: Date };
  /** this context's own evidence folder (removed at close) */
  evidenceDir: string;
  /** Every request the app answered, recorded by an onResponse hook (see endpoint-coverage.ts). */
  hits: Hit[];
  close(): Promise<void>;
}

export async function createTestContext(overrides: Partial<AppDeps> = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  const clock = { now: new Date('2026-11-29T03:00:00Z') };
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dampingan-test-evidence-'));
  const { app, services, registry } = await createApp({
    database,
    scope: TEST_SCOPE,
    clock: () => clock.now,
    cookieSecure: false,
    evidenceDir,
    ...overrides,
  });
  const hits: Hit[] = [];
  app.addHook('onResponse', async (req, reply) => {
    hits.push({ method: req.method, url: req.routeOptions.url, status: reply.statusCode });
  });
  await app.ready();
  return {
    database,
    app,
    services,
    registry,
    clock,
    hits,
    evidenceDir,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}

// ---- factories -------------------------------------------------------------------------

export async function makeOpd(ctx: TestContext, overrides: { name?: string; type?: 'dinas' | 'badan' | 'kecamatan' } = {}) {
  return ctx.services.opds.create(SYSTEM, {
    name: overrides.name ?? uniq('Dinas Uji '),
    type: overrides.type ?? 'dinas',
    abbreviation: null,
  });
}

export async function makeUser(ctx: TestContext, role: Role, overrides: { opdId?: number; villageCode?: string; username?: string } = {}) {
  const opdId = role === 'mentor' ? (overrides.opdId ?? (await makeOpd(ctx)).id) : null;
  const villageCode = role === 'operator' ? (overrides.villageCode ?? '33.75.01.1002') : null;
  return ctx.services.users.create(
    SYSTEM,
    { username: overrides.username ?? uniq(`${role}.`), fullName: `Uji ${role}`, role, opdId, villageCode, password: TEST_PASSWORD },
    { mustChangePassword: false },
  );
}

export async function makeProgramYear(
  ctx: TestContext,
  overrides: { oneVillagePerOpd?: boolean; year?: number; status?: 'planned' | 'active' } = {},
) {
  const program = await ctx.services.programs.create(SYSTEM, {
    name: uniq('Program Uji '),
    decreeType: 'sk_wali_kota',
    decreeNumber: uniq('SK/'),
    decreeDate: '2021-12-22',
    decreeIssuer: 'Wali Kota Pekalongan',
    startYear: 2022,
    endYear: null,
    oneVillagePerOpd: overrides.oneVillagePerOpd ?? true,
  });
  const year = overrides.year ?? 2026;
  const p = await ctx.services.programs.addYear(SYSTEM, program.id, { year, status: overrides.status ?? 'active' });
  const y = p.years.find((x) => x.year === year);
  if (!y) throw new Error('year missing');
  return { program: p, programYearId: y.id };
}

export const PEKALONGAN_VILLAGES = [
  '33.75.01.1002',
  '33.75.01.1003',
  '33.75.01.1004',
  '33.75.01.1006',
  '33.75.01.1008',
  '33.75.01.1009',
  '33.75.01.1012',
  '33.75.02.1002',
  '33.75.02.1004',
  '33.75.02.1007',
  '33.75.02.1008',
  '33.75.02.1009',
  '33.75.02.1010',
  '33.75.02.1012',
  '33.75.03.1002',
  '33.75.03.1003',
  '33.75.03.1004',
  '33.75.03.1006',
  '33.75.03.1007',
  '33.75.03.1009',
  '33.75.03.1010',
  '33.75.04.1002',
  '33.75.04.1003',
  '33.75.04.1004',
  '33.75.04.1006',
  '33.75.04.1008',
  '33.75.04.1010',
] as const;

export async function makePairing(
  ctx: TestContext,
  overrides: { programYearId?: number; opdId?: number; villageCode?: string; mentors?: { userId: number; role: MentorRole }[] } = {},
) {
  const programYearId = overrides.programYearId ?? (await makeProgramYear(ctx)).programYearId;
  const opdId = overrides.opdId ?? (await makeOpd(ctx)).id;
  return ctx.services.pairings.create(SYSTEM, programYearId, {
    opdId,
    villageCode: overrides.villageCode ?? '33.75.02.1012',
    decreeNumber: uniq('SK-PAIR/'),
    decreeDate: '2026-01-10',
    continuation: false,
    mentors: overrides.mentors ?? [],
  });
}

/** Logs a user in through the real endpoint and returns the Cookie header to send. */
export async function loginCookie(ctx: TestContext, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error('no cookie');
  return first.split(';')[0] as string;
}

/** A logged-in user of a role, with whatever parents it needs. */
export async function actorOf(ctx: TestContext, role: Role, overrides: { opdId?: number; villageCode?: string } = {}) {
  const user = await makeUser(ctx, role, overrides);
  return { user, cookie: await loginCookie(ctx, user.username) };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request as a browser client sends it: JSON body, the session cookie when given. */
export function send(
  ctx: TestContext,
  method: Method,
  url: string,
  opts: { cookie?: string; body?: unknown; headers?: Record<string, string>; ip?: string } = {},
) {
  return ctx.app.inject({
    method,
    url,
    ...(opts.body !== undefined ? { payload: opts.body as Record<string, unknown> } : {}),
    headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

/** The `{error:{code,message,details}}` body of a refusal. */
export function errorOf(res: { json(): unknown }): { code: string; message: string; details: Record<string, unknown> } {
  return (res.json() as { error: { code: string; message: string; details: Record<string, unknown> } }).error;
}
