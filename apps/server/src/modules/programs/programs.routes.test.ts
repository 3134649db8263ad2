import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import {
  actorOf,
  createTestContext,
  errorOf,
  makeOpd,
  makePairing,
  makeProgramYear,
  send,
  type TestContext,
  uniq,
} from '../../test/harness.ts';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof actorOf>>;
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

async function expectAdminOnly(method: 'POST' | 'PATCH', url: string, body?: unknown) {
  expect((await send(ctx, method, url, { body })).statusCode).toBe(401);
  for (const cookie of Object.values(refused)) {
    const res = await send(ctx, method, url, { cookie, body });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
  }
}

const programBody = (over: Record<string, unknown> = {}) => ({
  name: uniq('Satu Perangkat Daerah Satu Kelurahan Dampingan '),
  decreeType: 'sk_wali_kota',
  decreeNumber: uniq('SK/'),
  decreeDate: '2021-12-22',
  decreeIssuer: 'Wali Kota Pekalongan',
  startYear: 2022,
  endYear: 2026,
  ...over,
});

async function createProgram(over: Record<string, unknown> = {}) {
  const res = await send(ctx, 'POST', '/api/programs', { cookie: admin.cookie, body: programBody(over) });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; years: { id: number; year: number; status: string; activePairings: number }[] };
}

describe('POST /api/programs', () => {
  it('creates a program on the deployment scope with its legal basis', async () => {
    const body = programBody();
    const res = await send(ctx, 'POST', '/api/programs', { cookie: admin.cookie, body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ...body, scopeCode: '33.75', oneVillagePerOpd: true, years: [] });
  });

  it('a program may cover one kecamatan of the scope', async () => {
    const res = await send(ctx, 'POST', '/api/programs', {
      cookie: admin.cookie,
      body: programBody({ scopeCode: '33.75.02', oneVillagePerOpd: false }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ scopeCode: '33.75.02', oneVillagePerOpd: false });
  });

  it('400 for a region outside the scope, reversed years, an unknown decree type', async () => {
    const outside = await send(ctx, 'POST', '/api/programs', { cookie: admin.cookie, body: programBody({ scopeCode: '33.74' }) });
    expect(outside.statusCode).toBe(400);
    expect(errorOf(outside).details.issues).toContainEqual(expect.objectContaining({ path: 'body.scopeCode' }));
    const reversed = await send(ctx, 'POST', '/api/programs', {
      cookie: admin.cookie,
      body: programBody({ startYear: 2026, endYear: 2024 }),
    });
    expect(reversed.statusCode).toBe(400);
    expect(errorOf(reversed).details.issues).toContainEqual(expect.objectContaining({ path: 'body.endYear' }));
    const decree = await send(ctx, 'POST', '/api/programs', { cookie: admin.cookie, body: programBody({ decreeType: 'instruksi' }) });
    expect(decree.statusCode).toBe(400);
  });

  it('401 and 403', async () => {
    await expectAdminOnly('POST', '/api/programs', programBody());
  });
});

describe('GET /api/programs and /api/programs/:programId', () => {
  it('every logged-in role reads programs with their years and live pairing counts', async () => {
    const { program, programYearId } = await makeProgramYear(ctx);
    await makePairing(ctx, { programYearId });
    await makePairing(ctx, { programYearId, villageCode: '33.75.01.1002' });
    for (const cookie of [admin.cookie, ...Object.values(refused)]) {
      const list = await send(ctx, 'GET', '/api/programs', { cookie });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((p: { id: number }) => p.id)).toContain(program.id);
    }
    const one = await send(ctx, 'GET', `/api/programs/${program.id}`, { cookie: refused.mentor });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      id: program.id,
      name: program.name,
      years: [{ id: programYearId, year: 2026, status: 'active', activePairings: 2 }],
    });
  });

  it('404 unknown, 400 malformed, 401 anonymous', async () => {
    expect((await send(ctx, 'GET', '/api/programs/999999', { cookie: admin.cookie })).statusCode).toBe(404);
    const bad = await send(ctx, 'GET', '/api/programs/satu', { cookie: admin.cookie });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.issues).toContainEqual(expect.objectContaining({ path: 'params.programId' }));
    expect((await send(ctx, 'GET', '/api/programs')).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/programs/1')).statusCode).toBe(401);
  });
});

describe('PATCH /api/programs/:programId', () => {
  it('edits the legal basis and period', async () => {
    const p = await createProgram();
    const res = await send(ctx, 'PATCH', `/api/programs/${p.id}`, {
      cookie: admin.cookie,
      body: { decreeNumber: 'SK 400.9/123/2024 (perubahan)', endYear: 2029 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ decreeNumber: 'SK 400.9/123/2024 (perubahan)', endYear: 2029, startYear: 2022 });
  });

  it('409 switching to one village per OPD while an OPD holds two; allowed once one ended', async () => {
    const { program, programYearId } = await makeProgramYear(ctx, { oneVillagePerOpd: false });
    const opd = await makeOpd(ctx);
    await makePairing(ctx, { programYearId, opdId: opd.id, villageCode: '33.75.03.1002' });
    const second = await makePairing(ctx, { programYearId, opdId: opd.id, villageCode: '33.75.03.1003' });

    const refusedRes = await send(ctx, 'PATCH', `/api/programs/${program.id}`, { cookie: admin.cookie, body: { oneVillagePerOpd: true } });
    expect(refusedRes.statusCode).toBe(409);
    expect(errorOf(refusedRes).message).toContain(opd.name);
    expect(errorOf(refusedRes).details.opds).toEqual([{ opd_name: opd.name, year: 2026, n: 2 }]);
    expect((await send(ctx, 'GET', `/api/programs/${program.id}`, { cookie: admin.cookie })).json().oneVillagePerOpd).toBe(false);

    await send(ctx, 'POST', `/api/pairings/${second.id}/end`, {
      cookie: admin.cookie,
      body: { reason: 'Dipindah ke kelurahan lain', endedOn: '2026-03-01' },
    });
    const ok = await send(ctx, 'PATCH', `/api/programs/${program.id}`, { cookie: admin.cookie, body: { oneVillagePerOpd: true } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().oneVillagePerOpd).toBe(true);
    // and the rule now holds for new pairings
    const third = await send(ctx, 'POST', `/api/program-years/${programYearId}/pairings`, {
      cookie: admin.cookie,
      body: { opdId: opd.id, villageCode: '33.75.03.1004', decreeNumber: uniq('SK-PAIR/'), decreeDate: '2026-03-02' },
    });
    expect(third.statusCode).toBe(409);
  });

  it('400 for an end year before the start year; 404 unknown', async () => {
    const p = await createProgram();
    const res = await send(ctx, 'PATCH', `/api/programs/${p.id}`, { cookie: admin.cookie, body: { endYear: 2020 } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.endYear' }));
    const short = await send(ctx, 'PATCH', `/api/programs/${p.id}`, { cookie: admin.cookie, body: { name: 'SP' } });
    expect(short.statusCode).toBe(400);
    expect((await send(ctx, 'PATCH', '/api/programs/999999', { cookie: admin.cookie, body: { endYear: 2030 } })).statusCode).toBe(404);
  });

  it('401 and 403', async () => {
    const p = await createProgram();
    await expectAdminOnly('PATCH', `/api/programs/${p.id}`, { endYear: 2030 });
  });
});

describe('POST /api/programs/:programId/years', () => {
  it('opens a year, active by default, or planned', async () => {
    const p = await createProgram();
    const res = await send(ctx, 'POST', `/api/programs/${p.id}/years`, { cookie: admin.cookie, body: { year: 2025 } });
    expect(res.statusCode).toBe(201);
    expect(res.json().years).toEqual([expect.objectContaining({ year: 2025, status: 'active', activePairings: 0 })]);
    const planned = await send(ctx, 'POST', `/api/programs/${p.id}/years`, {
      cookie: admin.cookie,
      body: { year: 2026, status: 'planned' },
    });
    expect(planned.json().years.map((y: { year: number; status: string }) => `${y.year}:${y.status}`)).toEqual([
      '2025:active',
      '2026:planned',
    ]);
  });

  it('409 for a year opened twice', async () => {
    const p = await createProgram();
    await send(ctx, 'POST', `/api/programs/${p.id}/years`, { cookie: admin.cookie, body: { year: 2024 } });
    const res = await send(ctx, 'POST', `/api/programs/${p.id}/years`, { cookie: admin.cookie, body: { year: 2024 } });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.year' }));
  });

  it('400 for a year outside the program period or a closed status; 404 unknown program', async () => {
    const p = await createProgram({ startYear: 2022, endYear: 2026 });
    for (const body of [{ year: 2021 }, { year: 2027 }, { year: 2024, status: 'closed' }, { year: 'dua ribu' }]) {
      const res = await send(ctx, 'POST', `/api/programs/${p.id}/years`, { cookie: admin.cookie, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await send(ctx, 'POST', '/api/programs/999999/years', { cookie: admin.cookie, body: { year: 2024 } })).statusCode).toBe(404);
  });

  it('401 and 403', async () => {
    const p = await createProgram();
    await expectAdminOnly('POST', `/api/programs/${p.id}/years`, { year: 2023 });
    expect((await send(ctx, 'GET', `/api/programs/${p.id}`, { cookie: admin.cookie })).json().years).toEqual([]);
  });
});

describe('PATCH /api/program-years/:programYearId', () => {
  it('moves a year through planned, active and closed', async () => {
    const { program, programYearId } = await makeProgramYear(ctx, { status: 'planned' });
    for (const status of ['active', 'closed', 'active'] as const) {
      const res = await send(ctx, 'PATCH', `/api/program-years/${programYearId}`, { cookie: admin.cookie, body: { status } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: program.id, years: [{ id: programYearId, status }] });
    }
  });

  it('400 for an unknown status; 404 unknown year', async () => {
    const { programYearId } = await makeProgramYear(ctx);
    const res = await send(ctx, 'PATCH', `/api/program-years/${programYearId}`, { cookie: admin.cookie, body: { status: 'finished' } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.status' }));
    expect((await send(ctx, 'PATCH', '/api/program-years/999999', { cookie: admin.cookie, body: { status: 'closed' } })).statusCode).toBe(
      404,
    );
  });

  it('401 and 403', async () => {
    const { program, programYearId } = await makeProgramYear(ctx);
    await expectAdminOnly('PATCH', `/api/program-years/${programYearId}`, { status: 'closed' });
    expect((await send(ctx, 'GET', `/api/programs/${program.id}`, { cookie: admin.cookie })).json().years[0].status).toBe('active');
  });
});

describe('OpenAPI coverage', () => {
  it('every programs endpoint is tested: happy path, 400, 401, 403', async () => {
    await expectEndpointsCovered(ctx, 'programs');
  });
});
