/**
 * Pairing routes. Status codes, as observed and asserted here:
 * - 401: no (live) session at all.
 * - 403: the role can never do this, whatever the record (the route's role gate: a viewer
 *   mutating, a mentor or operator on the board; an admin editing an ended pairing's profile).
 * - 404: the record exists but lies outside the actor's reach (another OPD's pairing, a pairing
 *   that ended or whose year closed): its existence is not theirs to know, so it looks missing.
 */
import type { User } from '@dampingan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered, openApiOperations } from '../../test/endpoint-coverage.ts';
import {
  actorOf,
  createTestContext,
  errorOf,
  makeOpd,
  makePairing,
  makeProgramYear,
  makeUser,
  PEKALONGAN_VILLAGES,
  send,
  type TestContext,
  uniq,
} from '../../test/harness.ts';
import type { Actor } from '../auth/actor.ts';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof actorOf>>;
let viewer: Awaited<ReturnType<typeof actorOf>>;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await actorOf(ctx, 'admin');
  viewer = await actorOf(ctx, 'viewer');
});
afterAll(() => ctx.close());

const KALI_BAROS = '33.75.02.1012';
const MEDONO = '33.75.01.1002';
const KRAPYAK = '33.75.03.1002';

const body = (opdId: number, villageCode: string, over: Record<string, unknown> = {}) => ({
  opdId,
  villageCode,
  decreeNumber: uniq('SK 400.9/'),
  decreeDate: '2026-01-10',
  ...over,
});
const create = (programYearId: number, b: unknown, cookie = admin.cookie) =>
  send(ctx, 'POST', `/api/program-years/${programYearId}/pairings`, { cookie, body: b });
const end = (id: number, over: Record<string, unknown> = {}, cookie = admin.cookie) =>
  send(ctx, 'POST', `/api/pairings/${id}/end`, { cookie, body: { reason: 'Kelurahan sudah mandiri', endedOn: '2026-09-30', ...over } });
const ids = (res: { json(): unknown }) => (res.json() as { items: { id: number }[] }).items.map((p) => p.id);
const villageCodesOf = async (cookie: string) => (await send(ctx, 'GET', '/api/auth/me', { cookie })).json().villageCodes as string[];

const actorFor = (u: User): Actor => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  role: u.role,
  opdId: u.opdId,
  villageCode: u.villageCode,
  sessionId: '',
  ip: null,
});

describe('POST /api/program-years/:programYearId/pairings', () => {
  it('pairs an OPD with a kelurahan, with its named mentors', async () => {
    const { program, programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    const coordinator = await makeUser(ctx, 'mentor', { opdId: opd.id });
    const liaison = await makeUser(ctx, 'operator', { villageCode: KALI_BAROS });
    const b = body(opd.id, KALI_BAROS, {
      continuation: true,
      mentors: [
        { userId: coordinator.id, role: 'coordinator' },
        { userId: liaison.id, role: 'kelurahan_liaison' },
      ],
    });
    const res = await create(programYearId, b);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      programId: program.id,
      programYearId,
      year: 2026,
      opdId: opd.id,
      opdName: opd.name,
      villageCode: KALI_BAROS,
      villageName: 'Kali Baros',
      districtName: 'Pekalongan Timur',
      decreeNumber: b.decreeNumber,
      decreeDate: '2026-01-10',
      continuation: true,
      status: 'active',
      endedOn: null,
      endReason: null,
    });
    expect(res.json().mentors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: coordinator.id, role: 'coordinator' }),
        expect.objectContaining({ userId: liaison.id, role: 'kelurahan_liaison' }),
      ]),
    );
    expect(res.json().mentors).toHaveLength(2);
  });

  it('409 for a second active pairing of the kelurahan in the year, naming the OPD that holds it', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const holder = await makeOpd(ctx);
    const first = await create(programYearId, body(holder.id, KALI_BAROS));
    expect(first.statusCode).toBe(201);
    const other = await makeOpd(ctx);
    const res = await create(programYearId, body(other.id, KALI_BAROS));
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('conflict');
    expect(errorOf(res).message).toContain(holder.name);
    expect(errorOf(res).message).toContain('Kali Baros');
    expect(errorOf(res).details.existingPairingId).toBe(first.json().id);
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.villageCode' }));
  });

  it('after the pairing ends the kelurahan can be paired again; the ended one keeps its end date and reason', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const firstOpd = await makeOpd(ctx);
    const first = (await create(programYearId, body(firstOpd.id, MEDONO))).json();
    expect((await end(first.id, { reason: 'OPD dilebur (Perda SOTK 2026)', endedOn: '2026-06-30' })).statusCode).toBe(200);

    const secondOpd = await makeOpd(ctx);
    const second = await create(programYearId, body(secondOpd.id, MEDONO, { decreeDate: '2026-07-01' }));
    expect(second.statusCode).toBe(201);

    const all = await send(ctx, 'GET', `/api/pairings?programYearId=${programYearId}&status=all`, { cookie: admin.cookie });
    expect(all.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: first.id,
          opdId: firstOpd.id,
          status: 'ended',
          endedOn: '2026-06-30',
          endReason: 'OPD dilebur (Perda SOTK 2026)',
        }),
        expect.objectContaining({ id: second.json().id, opdId: secondOpd.id, status: 'active', endedOn: null }),
      ]),
    );
    expect(all.json().items).toHaveLength(2);
  });

  it('one village per OPD: a second kelurahan is refused (409 naming the OPD)', async () => {
    const { programYearId } = await makeProgramYear(ctx, { oneVillagePerOpd: true });
    const opd = await makeOpd(ctx);
    const first = await create(programYearId, body(opd.id, KALI_BAROS));
    const res = await create(programYearId, body(opd.id, MEDONO));
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain(opd.name);
    expect(errorOf(res).message).toContain('Kali Baros');
    expect(errorOf(res).details.existingPairingId).toBe(first.json().id);
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.opdId' }));
  });

  it('a program without that rule lets an OPD take several kelurahan', async () => {
    const { programYearId } = await makeProgramYear(ctx, { oneVillagePerOpd: false });
    const opd = await makeOpd(ctx);
    for (const village of [KALI_BAROS, MEDONO, KRAPYAK]) {
      expect((await create(programYearId, body(opd.id, village))).statusCode).toBe(201);
    }
    const list = await send(ctx, 'GET', `/api/pairings?programYearId=${programYearId}&opdId=${opd.id}`, { cookie: admin.cookie });
    expect(
      list
        .json()
        .items.map((p: { villageCode: string }) => p.villageCode)
        .sort(),
    ).toEqual([MEDONO, KALI_BAROS, KRAPYAK].sort());
  });

  it('the same kelurahan in another program year is a different pairing', async () => {
    const a = await makeProgramYear(ctx);
    const b = await makeProgramYear(ctx);
    expect((await create(a.programYearId, body((await makeOpd(ctx)).id, KRAPYAK))).statusCode).toBe(201);
    expect((await create(b.programYearId, body((await makeOpd(ctx)).id, KRAPYAK))).statusCode).toBe(201);
  });

  it('400 for a kecamatan code, a village outside the program region, a code that does not exist or is malformed', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    for (const code of ['33.75.02', '33.74.01.1001', '11.01.01.2001', '33.75.02.1999']) {
      const res = await create(programYearId, body(opd.id, code));
      expect(res.statusCode, code).toBe(400);
      expect(errorOf(res).details.issues, code).toContainEqual(expect.objectContaining({ path: 'body.villageCode' }));
    }
    const malformed = await create(programYearId, body(opd.id, 'Kali Baros'));
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).details.issues).toContainEqual(expect.objectContaining({ path: 'body.villageCode' }));
  });

  it('400 for a village outside a kecamatan-wide program', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const program = await send(ctx, 'POST', '/api/programs', {
      cookie: admin.cookie,
      body: {
        name: uniq('Program Kecamatan Pekalongan Timur '),
        scopeCode: '33.75.02',
        decreeType: 'sk_kepala_opd',
        decreeNumber: uniq('SK/'),
        decreeDate: '2026-01-02',
        decreeIssuer: 'Camat Pekalongan Timur',
        startYear: 2026,
      },
    });
    const year = await send(ctx, 'POST', `/api/programs/${program.json().id}/years`, { cookie: admin.cookie, body: { year: 2026 } });
    const kecamatanYear = year.json().years[0].id as number;
    const opd = await makeOpd(ctx);
    expect((await create(kecamatanYear, body(opd.id, MEDONO))).statusCode).toBe(400);
    expect((await create(kecamatanYear, body(opd.id, KALI_BAROS))).statusCode).toBe(201);
    expect(programYearId).not.toBe(kecamatanYear);
  });

  it('400 for an inactive or unknown OPD', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    await send(ctx, 'POST', `/api/opds/${opd.id}/deactivate`, { cookie: admin.cookie, body: { reason: 'Dibubarkan oleh Perda' } });
    const inactive = await create(programYearId, body(opd.id, KALI_BAROS));
    expect(inactive.statusCode).toBe(400);
    expect(errorOf(inactive).message).toContain(opd.name);
    expect(errorOf(inactive).details.issues).toContainEqual({ path: 'body.opdId', message: 'OPD nonaktif' });
    const unknown = await create(programYearId, body(999999, KALI_BAROS));
    expect(unknown.statusCode).toBe(400);
  });

  it('400: mentors must be staff of the OPD; a kelurahan liaison must be the operator of that village', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    const outsider = await makeUser(ctx, 'mentor');
    const otherOperator = await makeUser(ctx, 'operator', { villageCode: MEDONO });
    const staff = await makeUser(ctx, 'mentor', { opdId: opd.id });

    const cases: { mentors: unknown[]; path: string }[] = [
      { mentors: [{ userId: outsider.id, role: 'coordinator' }], path: 'body.mentors.0.userId' },
      {
        mentors: [
          { userId: staff.id, role: 'member' },
          { userId: otherOperator.id, role: 'kelurahan_liaison' },
        ],
        path: 'body.mentors.1.userId',
      },
      { mentors: [{ userId: staff.id, role: 'kelurahan_liaison' }], path: 'body.mentors.0.userId' },
      { mentors: [{ userId: viewer.user.id, role: 'member' }], path: 'body.mentors.0.userId' },
      { mentors: [{ userId: 999999, role: 'member' }], path: 'body.mentors.0.userId' },
      {
        mentors: [
          { userId: staff.id, role: 'member' },
          { userId: staff.id, role: 'coordinator' },
        ],
        path: 'body.mentors',
      },
    ];
    for (const c of cases) {
      const res = await create(programYearId, body(opd.id, KALI_BAROS, { mentors: c.mentors }));
      expect(res.statusCode, JSON.stringify(c.mentors)).toBe(400);
      expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: c.path }));
    }
    // nothing was created by the refused attempts
    const list = await send(ctx, 'GET', `/api/pairings?programYearId=${programYearId}&status=all`, { cookie: admin.cookie });
    expect(list.json().items).toEqual([]);
  });

  it('400 for a malformed body or year id; 404 for an unknown year; 409 for a closed year', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    const noDecree = await create(programYearId, { opdId: opd.id, villageCode: KALI_BAROS, decreeDate: '2026-01-10' });
    expect(noDecree.statusCode).toBe(400);
    expect(errorOf(noDecree).details.issues).toContainEqual(expect.objectContaining({ path: 'body.decreeNumber' }));
    expect((await create(programYearId, body(opd.id, KALI_BAROS, { decreeDate: '10/01/2026' }))).statusCode).toBe(400);
    expect(
      (await send(ctx, 'POST', '/api/program-years/tahun/pairings', { cookie: admin.cookie, body: body(opd.id, KALI_BAROS) })).statusCode,
    ).toBe(400);
    expect((await create(999999, body(opd.id, KALI_BAROS))).statusCode).toBe(404);

    await send(ctx, 'PATCH', `/api/program-years/${programYearId}`, { cookie: admin.cookie, body: { status: 'closed' } });
    const closed = await create(programYearId, body(opd.id, KALI_BAROS));
    expect(closed.statusCode).toBe(409);
    expect(errorOf(closed).message).toContain('2026');
  });

  it('401 without a session; 403 for mentor, operator and viewer', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    const b = body(opd.id, KALI_BAROS);
    expect((await create(programYearId, b, '')).statusCode).toBe(401);
    for (const role of ['mentor', 'operator', 'viewer'] as const) {
      const { cookie } = await actorOf(ctx, role, role === 'mentor' ? { opdId: opd.id } : {});
      const res = await create(programYearId, b, cookie);
      expect(res.statusCode, role).toBe(403);
    }
    const list = await send(ctx, 'GET', `/api/pairings?programYearId=${programYearId}`, { cookie: admin.cookie });
    expect(list.json().items).toEqual([]);
  });
});

describe('GET /api/pairings and /api/pairings/:pairingId: access follows the pairing', () => {
  it('admin and viewer read every pairing, filtered by year, status and OPD', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const a = await makePairing(ctx, { programYearId, villageCode: KALI_BAROS });
    const b = await makePairing(ctx, { programYearId, villageCode: MEDONO });
    await end(b.id);
    for (const cookie of [admin.cookie, viewer.cookie]) {
      const active = await send(ctx, 'GET', `/api/pairings?programYearId=${programYearId}`, { cookie });
      expect(active.statusCode).toBe(200);
      expect(ids(active)).toEqual([a.id]);
      expect(ids(await send(ctx, 'GET', `/api/pairings?programYearId=${programYearId}&status=ended`, { cookie }))).toEqual([b.id]);
      expect(ids(await send(ctx, 'GET', `/api/pairings?programYearId=${programYearId}&status=all`, { cookie })).sort()).toEqual(
        [a.id, b.id].sort(),
      );
      expect(ids(await send(ctx, 'GET', `/api/pairings?status=all&opdId=${b.opdId}`, { cookie }))).toEqual([b.id]);
      const ended = await send(ctx, 'GET', `/api/pairings/${b.id}`, { cookie });
      expect(ended.statusCode).toBe(200);
      expect(ended.json()).toMatchObject({ status: 'ended', endedOn: '2026-09-30', endReason: 'Kelurahan sudah mandiri' });
    }
  });

  it("a mentor sees only their OPD's pairings that are active in an active year", async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const planned = await makeProgramYear(ctx, { status: 'planned' });
    const opd = await makeOpd(ctx);
    const mine = await makePairing(ctx, { programYearId, opdId: opd.id, villageCode: KALI_BAROS });
    const notYet = await makePairing(ctx, { programYearId: planned.programYearId, opdId: opd.id, villageCode: MEDONO });
    const theirs = await makePairing(ctx, { programYearId, villageCode: KRAPYAK });
    const mentor = await actorOf(ctx, 'mentor', { opdId: opd.id });

    // whatever filter the mentor sends, only their live pairings come back
    for (const query of ['', '?status=all', `?opdId=${theirs.opdId}`, `?programYearId=${programYearId}&status=ended`]) {
      const res = await send(ctx, 'GET', `/api/pairings${query}`, { cookie: mentor.cookie });
      expect(res.statusCode).toBe(200);
      expect(ids(res), query).toEqual(query.includes('ended') ? [] : [mine.id]);
    }
    expect((await send(ctx, 'GET', `/api/pairings/${mine.id}`, { cookie: mentor.cookie })).statusCode).toBe(200);
    for (const id of [theirs.id, notYet.id]) {
      const res = await send(ctx, 'GET', `/api/pairings/${id}`, { cookie: mentor.cookie });
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('not_found');
    }
    expect(await villageCodesOf(mentor.cookie)).toEqual([KALI_BAROS]);
  });

  it("an operator sees only their kelurahan's pairing", async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const mine = await makePairing(ctx, { programYearId, villageCode: KRAPYAK });
    const other = await makePairing(ctx, { programYearId, villageCode: KALI_BAROS });
    const operator = await actorOf(ctx, 'operator', { villageCode: KRAPYAK });
    const list = await send(ctx, 'GET', `/api/pairings?programYearId=${programYearId}`, { cookie: operator.cookie });
    expect(ids(list)).toEqual([mine.id]);
    expect((await send(ctx, 'GET', `/api/pairings/${mine.id}`, { cookie: operator.cookie })).json().villageName).toBe('Krapyak');
    expect((await send(ctx, 'GET', `/api/pairings/${other.id}`, { cookie: operator.cookie })).statusCode).toBe(404);
  });

  it('when the pairing ends, the mentor and operator lose it (404, villageCodes empty for the mentor)', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    const p = await makePairing(ctx, { programYearId, opdId: opd.id, villageCode: MEDONO });
    const mentor = await actorOf(ctx, 'mentor', { opdId: opd.id });
    const operator = await actorOf(ctx, 'operator', { villageCode: MEDONO });
    expect(await villageCodesOf(mentor.cookie)).toEqual([MEDONO]);

    expect((await end(p.id)).statusCode).toBe(200);
    for (const cookie of [mentor.cookie, operator.cookie]) {
      expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie })).statusCode).toBe(404);
      expect(ids(await send(ctx, 'GET', '/api/pairings?status=all', { cookie }))).not.toContain(p.id);
      expect((await send(ctx, 'PATCH', `/api/pairings/${p.id}/profile`, { cookie, body: { notes: 'masih jalan?' } })).statusCode).toBe(404);
    }
    expect(await villageCodesOf(mentor.cookie)).toEqual([]);
  });

  it("when the pairing's year is closed the mentor's access ends; reopening restores it", async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    const p = await makePairing(ctx, { programYearId, opdId: opd.id, villageCode: KRAPYAK });
    const mentor = await actorOf(ctx, 'mentor', { opdId: opd.id });
    const setYear = (status: string) =>
      send(ctx, 'PATCH', `/api/program-years/${programYearId}`, { cookie: admin.cookie, body: { status } });

    expect((await setYear('closed')).statusCode).toBe(200);
    expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: mentor.cookie })).statusCode).toBe(404);
    expect(ids(await send(ctx, 'GET', '/api/pairings', { cookie: mentor.cookie }))).toEqual([]);
    expect(await villageCodesOf(mentor.cookie)).toEqual([]);
    expect((await send(ctx, 'PATCH', `/api/pairings/${p.id}/profile`, { cookie: mentor.cookie, body: { notes: 'x' } })).statusCode).toBe(
      404,
    );
    // the viewer still reads it
    expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: viewer.cookie })).statusCode).toBe(200);

    await setYear('active');
    expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: mentor.cookie })).statusCode).toBe(200);
    expect(await villageCodesOf(mentor.cookie)).toEqual([KRAPYAK]);
  });

  it('the same rules hold at the service level', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const opd = await makeOpd(ctx);
    const mine = await makePairing(ctx, { programYearId, opdId: opd.id, villageCode: KALI_BAROS });
    const theirs = await makePairing(ctx, { programYearId, villageCode: MEDONO });
    const mentor = actorFor(await makeUser(ctx, 'mentor', { opdId: opd.id }));
    const operator = actorFor(await makeUser(ctx, 'operator', { villageCode: MEDONO }));
    const svc = ctx.services.pairings;

    expect((await svc.get(mentor, mine.id)).id).toBe(mine.id);
    await expect(svc.get(mentor, theirs.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await svc.list(mentor, { status: 'all' })).map((p) => p.id)).toEqual([mine.id]);
    expect((await svc.list(operator, { status: 'active', programYearId })).map((p) => p.id)).toEqual([theirs.id]);
    await expect(svc.get(operator, mine.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(svc.updateProfile(mentor, theirs.id, { notes: 'bukan punya saya' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await svc.updateProfile(operator, theirs.id, { lurahName: 'Slamet Riyadi' })).lurahName).toBe('Slamet Riyadi');
    expect(await svc.villageCodesFor(mentor)).toEqual([KALI_BAROS]);

    await svc.end(actorFor(admin.user), mine.id, { reason: 'Selesai lebih awal', endedOn: '2026-05-31' });
    await expect(svc.get(mentor, mine.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await svc.villageCodesFor(mentor)).toEqual([]);
  });

  it('400 for a malformed filter or id; 404 for an unknown id; 401 without a session', async () => {
    const bad = await send(ctx, 'GET', '/api/pairings?status=finished', { cookie: admin.cookie });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.issues).toContainEqual(expect.objectContaining({ path: 'query.status' }));
    expect((await send(ctx, 'GET', '/api/pairings/abc', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/pairings/999999', { cookie: admin.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', '/api/pairings')).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/pairings/1')).statusCode).toBe(401);
  });
});

describe('POST /api/pairings/:pairingId/end', () => {
  it('ends a pairing with a date and reason; it stays on record', async () => {
    const p = await makePairing(ctx);
    const res = await end(p.id, { reason: 'Pergantian SK pendampingan 2026', endedOn: '2026-08-17' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: p.id, status: 'ended', endedOn: '2026-08-17', endReason: 'Pergantian SK pendampingan 2026' });
    const again = await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: admin.cookie });
    expect(again.json()).toMatchObject({ status: 'ended', endedOn: '2026-08-17', endReason: 'Pergantian SK pendampingan 2026' });
  });

  it('409 when it already ended; the first end date and reason stay', async () => {
    const p = await makePairing(ctx);
    await end(p.id, { endedOn: '2026-04-01', reason: 'Alasan pertama' });
    const res = await end(p.id, { endedOn: '2026-05-01', reason: 'Alasan kedua' });
    expect(res.statusCode).toBe(409);
    expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: admin.cookie })).json()).toMatchObject({
      endedOn: '2026-04-01',
      endReason: 'Alasan pertama',
    });
  });

  it('400 without a reason, with a bad date or a date before the decree; 404 unknown', async () => {
    const p = await makePairing(ctx);
    const noReason = await send(ctx, 'POST', `/api/pairings/${p.id}/end`, { cookie: admin.cookie, body: { endedOn: '2026-09-30' } });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).details.issues).toContainEqual(expect.objectContaining({ path: 'body.reason' }));
    expect((await end(p.id, { endedOn: '2026-13-01' })).statusCode).toBe(400);
    const early = await end(p.id, { endedOn: '2025-12-31' });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).details.issues).toContainEqual(expect.objectContaining({ path: 'body.endedOn' }));
    expect((await end(999999)).statusCode).toBe(404);
    expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: admin.cookie })).json().status).toBe('active');
  });

  it('401 and 403 (mentor of the pairing, operator of the village, viewer)', async () => {
    const opd = await makeOpd(ctx);
    const p = await makePairing(ctx, { opdId: opd.id });
    expect((await end(p.id, {}, '')).statusCode).toBe(401);
    const mentor = await actorOf(ctx, 'mentor', { opdId: opd.id });
    const operator = await actorOf(ctx, 'operator', { villageCode: p.villageCode });
    for (const cookie of [mentor.cookie, operator.cookie, viewer.cookie]) {
      expect((await end(p.id, {}, cookie)).statusCode).toBe(403);
    }
    expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: admin.cookie })).json().status).toBe('active');
  });
});

describe('DELETE /api/pairings/:pairingId', () => {
  it('does not exist: pairings are never deleted, only ended', async () => {
    const p = await makePairing(ctx);
    const res = await send(ctx, 'DELETE', `/api/pairings/${p.id}`, { cookie: admin.cookie });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
    expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: admin.cookie })).json().status).toBe('active');
  });
});

describe('PUT /api/pairings/:pairingId/mentors', () => {
  it('sets, then replaces, the named mentors', async () => {
    const opd = await makeOpd(ctx);
    const p = await makePairing(ctx, { opdId: opd.id, villageCode: MEDONO });
    const head = await makeUser(ctx, 'mentor', { opdId: opd.id });
    const staff = await makeUser(ctx, 'mentor', { opdId: opd.id });
    const liaison = await makeUser(ctx, 'operator', { villageCode: MEDONO });
    const put = (mentors: unknown[]) => send(ctx, 'PUT', `/api/pairings/${p.id}/mentors`, { cookie: admin.cookie, body: { mentors } });

    const first = await put([
      { userId: head.id, role: 'coordinator' },
      { userId: staff.id, role: 'member' },
      { userId: liaison.id, role: 'kelurahan_liaison' },
    ]);
    expect(first.statusCode).toBe(200);
    expect(
      first
        .json()
        .mentors.map((m: { userId: number; role: string }) => `${m.role}:${m.userId}`)
        .sort(),
    ).toEqual([`coordinator:${head.id}`, `member:${staff.id}`, `kelurahan_liaison:${liaison.id}`].sort());
    const second = await put([{ userId: staff.id, role: 'coordinator' }]);
    expect(second.statusCode).toBe(200);
    expect(second.json().mentors).toEqual([expect.objectContaining({ userId: staff.id, role: 'coordinator' })]);
    expect((await put([])).json().mentors).toEqual([]);
  });

  it('400 for staff of another OPD, a liaison who is not the village operator, an unknown role; 409 once ended; 404 unknown', async () => {
    const opd = await makeOpd(ctx);
    const p = await makePairing(ctx, { opdId: opd.id, villageCode: KRAPYAK });
    const outsider = await makeUser(ctx, 'mentor');
    const wrongOperator = await makeUser(ctx, 'operator', { villageCode: KALI_BAROS });
    const staff = await makeUser(ctx, 'mentor', { opdId: opd.id });
    const put = (id: number, mentors: unknown[]) =>
      send(ctx, 'PUT', `/api/pairings/${id}/mentors`, { cookie: admin.cookie, body: { mentors } });

    const foreign = await put(p.id, [{ userId: outsider.id, role: 'member' }]);
    expect(foreign.statusCode).toBe(400);
    expect(errorOf(foreign).details.issues).toContainEqual(expect.objectContaining({ path: 'body.mentors.0.userId' }));
    expect((await put(p.id, [{ userId: wrongOperator.id, role: 'kelurahan_liaison' }])).statusCode).toBe(400);
    expect((await put(p.id, [{ userId: staff.id, role: 'ketua' }])).statusCode).toBe(400);
    expect((await send(ctx, 'PUT', `/api/pairings/${p.id}/mentors`, { cookie: admin.cookie, body: {} })).statusCode).toBe(400);
    expect((await put(999999, [])).statusCode).toBe(404);
    await end(p.id);
    expect((await put(p.id, [{ userId: staff.id, role: 'member' }])).statusCode).toBe(409);
  });

  it('401 and 403', async () => {
    const opd = await makeOpd(ctx);
    const p = await makePairing(ctx, { opdId: opd.id });
    const mentor = await actorOf(ctx, 'mentor', { opdId: opd.id });
    const operator = await actorOf(ctx, 'operator', { villageCode: p.villageCode });
    const b = { mentors: [{ userId: mentor.user.id, role: 'coordinator' }] };
    expect((await send(ctx, 'PUT', `/api/pairings/${p.id}/mentors`, { body: b })).statusCode).toBe(401);
    for (const cookie of [mentor.cookie, operator.cookie, viewer.cookie]) {
      expect((await send(ctx, 'PUT', `/api/pairings/${p.id}/mentors`, { cookie, body: b })).statusCode).toBe(403);
    }
    expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: admin.cookie })).json().mentors).toEqual([]);
  });
});

describe('PATCH /api/pairings/:pairingId/profile', () => {
  it('its mentor, its operator and the admin edit the working profile', async () => {
    const opd = await makeOpd(ctx);
    const p = await makePairing(ctx, { opdId: opd.id, villageCode: KALI_BAROS });
    const mentor = await actorOf(ctx, 'mentor', { opdId: opd.id });
    const operator = await actorOf(ctx, 'operator', { villageCode: KALI_BAROS });
    const patch = (cookie: string, b: unknown) => send(ctx, 'PATCH', `/api/pairings/${p.id}/profile`, { cookie, body: b });

    const byMentor = await patch(mentor.cookie, { lurahName: 'Agus Prasetyo', lurahPhone: '+62 812-2600-1234' });
    expect(byMentor.statusCode).toBe(200);
    expect(byMentor.json()).toMatchObject({ lurahName: 'Agus Prasetyo', lurahPhone: '+62 812-2600-1234', notes: null });
    const byOperator = await patch(operator.cookie, { notes: 'Rapat koordinasi tiap Senin pertama' });
    expect(byOperator.json()).toMatchObject({ lurahName: 'Agus Prasetyo', notes: 'Rapat koordinasi tiap Senin pertama' });
    const byAdmin = await patch(admin.cookie, { lurahPhone: null });
    expect(byAdmin.json()).toMatchObject({ lurahName: 'Agus Prasetyo', lurahPhone: null });
  });

  it("404 for another OPD's pairing or another village's; 403 for the admin once ended", async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const mine = await makePairing(ctx, { programYearId, villageCode: MEDONO });
    const other = await makePairing(ctx, { programYearId, villageCode: KRAPYAK });
    const mentor = await actorOf(ctx, 'mentor', { opdId: mine.opdId });
    const operator = await actorOf(ctx, 'operator', { villageCode: MEDONO });
    for (const cookie of [mentor.cookie, operator.cookie]) {
      const res = await send(ctx, 'PATCH', `/api/pairings/${other.id}/profile`, { cookie, body: { notes: 'bukan milik saya' } });
      expect(res.statusCode).toBe(404);
    }
    expect((await send(ctx, 'GET', `/api/pairings/${other.id}`, { cookie: admin.cookie })).json().notes).toBeNull();

    await end(mine.id);
    const late = await send(ctx, 'PATCH', `/api/pairings/${mine.id}/profile`, { cookie: admin.cookie, body: { notes: 'terlambat' } });
    expect(late.statusCode).toBe(403);
    expect(errorOf(late).code).toBe('forbidden');
  });

  it('400 for a malformed phone number; 404 unknown', async () => {
    const p = await makePairing(ctx);
    const res = await send(ctx, 'PATCH', `/api/pairings/${p.id}/profile`, { cookie: admin.cookie, body: { lurahPhone: 'call me' } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.lurahPhone' }));
    expect((await send(ctx, 'PATCH', '/api/pairings/999999/profile', { cookie: admin.cookie, body: { notes: 'x' } })).statusCode).toBe(404);
  });

  it('401 without a session; 403 for the viewer (who can read it)', async () => {
    const p = await makePairing(ctx);
    expect((await send(ctx, 'PATCH', `/api/pairings/${p.id}/profile`, { body: { notes: 'x' } })).statusCode).toBe(401);
    expect((await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: viewer.cookie })).statusCode).toBe(200);
    expect((await send(ctx, 'PATCH', `/api/pairings/${p.id}/profile`, { cookie: viewer.cookie, body: { notes: 'x' } })).statusCode).toBe(
      403,
    );
  });
});

describe('GET /api/program-years/:programYearId/board', () => {
  it('lists every kelurahan of the program region with its OPD, unpaired ones with null', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const p = await makePairing(ctx, { programYearId, villageCode: KALI_BAROS });
    const ended = await makePairing(ctx, { programYearId, villageCode: MEDONO });
    await end(ended.id);
    for (const cookie of [admin.cookie, viewer.cookie]) {
      const res = await send(ctx, 'GET', `/api/program-years/${programYearId}/board`, { cookie });
      expect(res.statusCode).toBe(200);
      const board = res.json();
      expect(board).toMatchObject({ programYearId, year: 2026, scopeCode: '33.75', total: 27, paired: 1 });
      expect(board.rows.map((r: { villageCode: string }) => r.villageCode)).toEqual([...PEKALONGAN_VILLAGES]);
      expect(board.rows.find((r: { villageCode: string }) => r.villageCode === KALI_BAROS)).toMatchObject({
        villageName: 'Kali Baros',
        districtCode: '33.75.02',
        districtName: 'Pekalongan Timur',
        pairing: { id: p.id, opdId: p.opdId, opdName: p.opdName },
      });
      expect(board.rows.find((r: { villageCode: string }) => r.villageCode === MEDONO).pairing).toBeNull();
    }
  });

  it('400 malformed id, 404 unknown year, 401 anonymous, 403 for mentor and operator', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    expect((await send(ctx, 'GET', '/api/program-years/x/board', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/program-years/999999/board', { cookie: admin.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', `/api/program-years/${programYearId}/board`)).statusCode).toBe(401);
    const opd = await makeOpd(ctx);
    await makePairing(ctx, { programYearId, opdId: opd.id, villageCode: KRAPYAK });
    const mentor = await actorOf(ctx, 'mentor', { opdId: opd.id });
    const operator = await actorOf(ctx, 'operator', { villageCode: KRAPYAK });
    for (const cookie of [mentor.cookie, operator.cookie]) {
      const res = await send(ctx, 'GET', `/api/program-years/${programYearId}/board`, { cookie });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('forbidden');
    }
  });
});

describe('viewer', () => {
  it('gets 403 on every mutation in the OpenAPI document that a role gate guards', async () => {
    const p = await makePairing(ctx);
    const mutations = (await openApiOperations(ctx)).filter((o) => o.method !== 'GET' && o.roleGated);
    expect(mutations.length).toBeGreaterThanOrEqual(15);
    for (const op of mutations) {
      const url = op.url
        .replace(/:pairingId|:programYearId/, String(op.url.includes(':pairingId') ? p.id : p.programYearId))
        .replace(/:[A-Za-z]+/g, '1');
      const res = await send(ctx, op.method as 'POST', url, { cookie: viewer.cookie, body: op.method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${op.method} ${op.url}`).toBe(403);
    }
    const again = await send(ctx, 'GET', `/api/pairings/${p.id}`, { cookie: viewer.cookie });
    expect(again.json()).toMatchObject({ status: 'active', mentors: [], notes: null });
  });
});

describe('OpenAPI coverage', () => {
  it('every pairings endpoint is tested: happy path, 400, 401, 403', async () => {
    await expectEndpointsCovered(ctx, 'pairings');
  });
});
