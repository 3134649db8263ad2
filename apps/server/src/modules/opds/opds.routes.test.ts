import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import {
  actorOf,
  createTestContext,
  errorOf,
  makeOpd,
  makePairing,
  makeProgramYear,
  makeUser,
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

async function expectAdminOnly(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  expect((await send(ctx, method, url, { body })).statusCode).toBe(401);
  for (const cookie of Object.values(refused)) {
    const res = await send(ctx, method, url, { cookie, body });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
  }
}

const REASON = { reason: 'Digabung dengan dinas lain (Perda SOTK baru)' };

/** The 24 OPDs of the sourced Kota Pekalongan list (apps/server/data/opd_kota_pekalongan_terverifikasi_sebagian.csv). */
const SEEDED_ABBREVIATIONS = [
  'Setda',
  'Setwan/Sekretariat DPRD',
  'Inspektorat',
  'Bapperida',
  'BPKAD',
  'BKPSDM',
  'BPBD',
  'Dinsos-P2KB',
  'Dinperkim',
  'DPUPR',
  'Dinkes',
  'Dindukcapil',
  'Dinkominfo',
  'Dishub',
  'Dindagkop-UKM',
  'Dinperinaker',
  'DLH',
  'DKP',
  'Dinarpus',
  'Satpol PP',
  'Kec. Pekalongan Barat',
  'Kec. Pekalongan Timur',
  'Kec. Pekalongan Utara',
  'Kec. Pekalongan Selatan',
];

describe('GET /api/opds', () => {
  it('has the 24 real OPDs of Kota Pekalongan, each with its source', async () => {
    const res = await send(ctx, 'GET', '/api/opds?includeInactive=true', { cookie: refused.operator });
    expect(res.statusCode).toBe(200);
    type O = { name: string; abbreviation: string; type: string; source: string | null };
    const seeded = (res.json().items as O[]).filter((o) => o.source !== 'entered by admin');
    expect(seeded.map((o) => o.abbreviation).sort()).toEqual([...SEEDED_ABBREVIATIONS].sort());
    for (const o of seeded) expect(o.source, o.name).toMatch(/^(https:\/\/|github:)/);
    expect(seeded.find((o) => o.abbreviation === 'Dinperkim')).toMatchObject({
      name: 'Dinas Perumahan Rakyat dan Kawasan Permukiman',
      type: 'dinas',
    });
    expect(seeded.filter((o) => o.type === 'kecamatan')).toHaveLength(4);
  });

  it('finds by name or abbreviation and hides deactivated OPDs unless asked', async () => {
    const byAbbr = await send(ctx, 'GET', '/api/opds?q=dinkes', { cookie: refused.viewer });
    expect(byAbbr.json().items.map((o: { name: string }) => o.name)).toEqual(['Dinas Kesehatan']);

    const opd = await makeOpd(ctx);
    await send(ctx, 'POST', `/api/opds/${opd.id}/deactivate`, { cookie: admin.cookie, body: REASON });
    const hidden = await send(ctx, 'GET', `/api/opds?q=${encodeURIComponent(opd.name)}`, { cookie: refused.mentor });
    expect(hidden.json().items).toEqual([]);
    const shown = await send(ctx, 'GET', `/api/opds?q=${encodeURIComponent(opd.name)}&includeInactive=true`, { cookie: refused.mentor });
    expect(shown.json().items).toEqual([expect.objectContaining({ id: opd.id, active: false })]);
  });

  it('400 for a malformed filter, 401 without a session', async () => {
    const bad = await send(ctx, 'GET', '/api/opds?includeInactive=yes', { cookie: admin.cookie });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.issues).toContainEqual(expect.objectContaining({ path: 'query.includeInactive' }));
    expect((await send(ctx, 'GET', '/api/opds')).statusCode).toBe(401);
  });
});

describe('GET /api/opds/:opdId', () => {
  it('returns one OPD with its count of live pairings', async () => {
    const opd = await makeOpd(ctx);
    await makePairing(ctx, { opdId: opd.id });
    const res = await send(ctx, 'GET', `/api/opds/${opd.id}`, { cookie: refused.viewer });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: opd.id, name: opd.name, active: true, activePairingCount: 1 });
  });

  it('404 unknown, 400 malformed, 401 anonymous', async () => {
    expect((await send(ctx, 'GET', '/api/opds/999999', { cookie: admin.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', '/api/opds/0', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/opds/dinkes', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/opds/1')).statusCode).toBe(401);
  });
});

describe('POST /api/opds', () => {
  it('registers an OPD', async () => {
    const name = uniq('Dinas Pariwisata ');
    const res = await send(ctx, 'POST', '/api/opds', {
      cookie: admin.cookie,
      body: { name, abbreviation: 'Dinpar', type: 'dinas', contactEmail: 'dinpar@pekalongankota.go.id', contactPhone: '(0285) 421093' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name,
      abbreviation: 'Dinpar',
      type: 'dinas',
      contactEmail: 'dinpar@pekalongankota.go.id',
      contactPhone: '(0285) 421093',
      active: true,
      source: 'entered by admin',
      activePairingCount: 0,
    });
    expect((await send(ctx, 'GET', `/api/opds/${res.json().id}`, { cookie: admin.cookie })).json().name).toBe(name);
  });

  it('409 for a name already used, whatever its case', async () => {
    const res = await send(ctx, 'POST', '/api/opds', { cookie: admin.cookie, body: { name: 'DINAS KESEHATAN', type: 'dinas' } });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('Dinas Kesehatan');
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.name' }));
  });

  it('400 for a short name, an unknown type, a bad e-mail or reversed validity dates', async () => {
    const bodies = [
      { name: 'Di', type: 'dinas' },
      { name: uniq('Dinas Uji '), type: 'kementerian' },
      { name: uniq('Dinas Uji '), type: 'dinas', contactEmail: 'not-an-email' },
      { name: uniq('Dinas Uji '), type: 'dinas', validFrom: '2026-05-01', validTo: '2026-01-01' },
    ];
    for (const body of bodies) {
      const res = await send(ctx, 'POST', '/api/opds', { cookie: admin.cookie, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).code).toBe('validation_failed');
    }
  });

  it('401 and 403', async () => {
    await expectAdminOnly('POST', '/api/opds', { name: uniq('Dinas Tolak '), type: 'dinas' });
  });
});

describe('PATCH /api/opds/:opdId', () => {
  it('edits an OPD; its own name in another case is not a duplicate', async () => {
    const opd = await makeOpd(ctx);
    const res = await send(ctx, 'PATCH', `/api/opds/${opd.id}`, {
      cookie: admin.cookie,
      body: { name: opd.name.toUpperCase(), headName: 'Ir. Sri Wahyuni, M.T.', validFrom: '2024-01-01' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: opd.name.toUpperCase(), headName: 'Ir. Sri Wahyuni, M.T.', validFrom: '2024-01-01' });
  });

  it("409 for another OPD's name", async () => {
    const opd = await makeOpd(ctx);
    const res = await send(ctx, 'PATCH', `/api/opds/${opd.id}`, { cookie: admin.cookie, body: { name: 'dinas perhubungan' } });
    expect(res.statusCode).toBe(409);
  });

  it('400 for a valid-to before the stored valid-from, or a malformed date; 404 unknown', async () => {
    const opd = await makeOpd(ctx);
    await send(ctx, 'PATCH', `/api/opds/${opd.id}`, { cookie: admin.cookie, body: { validFrom: '2025-01-01' } });
    const reversed = await send(ctx, 'PATCH', `/api/opds/${opd.id}`, { cookie: admin.cookie, body: { validTo: '2024-12-31' } });
    expect(reversed.statusCode).toBe(400);
    expect(errorOf(reversed).details.issues).toContainEqual(expect.objectContaining({ path: 'body.validTo' }));
    const malformed = await send(ctx, 'PATCH', `/api/opds/${opd.id}`, { cookie: admin.cookie, body: { validFrom: '31-12-2024' } });
    expect(malformed.statusCode).toBe(400);
    expect((await send(ctx, 'PATCH', '/api/opds/999999', { cookie: admin.cookie, body: { headName: 'X' } })).statusCode).toBe(404);
  });

  it('401 and 403', async () => {
    const opd = await makeOpd(ctx);
    await expectAdminOnly('PATCH', `/api/opds/${opd.id}`, { headName: 'Bukan admin' });
  });
});

describe('POST /api/opds/:opdId/deactivate and /reactivate', () => {
  it('deactivates with a reason and date; reactivates', async () => {
    const opd = await makeOpd(ctx);
    const off = await send(ctx, 'POST', `/api/opds/${opd.id}/deactivate`, {
      cookie: admin.cookie,
      body: { ...REASON, date: '2026-12-31' },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, validTo: '2026-12-31' });
    const twice = await send(ctx, 'POST', `/api/opds/${opd.id}/deactivate`, { cookie: admin.cookie, body: REASON });
    expect(twice.statusCode).toBe(409);

    const on = await send(ctx, 'POST', `/api/opds/${opd.id}/reactivate`, {
      cookie: admin.cookie,
      body: { reason: 'Dibentuk kembali oleh Perda baru' },
    });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ active: true, validTo: null });
  });

  it('400 without a reason', async () => {
    const opd = await makeOpd(ctx);
    for (const url of [`/api/opds/${opd.id}/deactivate`, `/api/opds/${opd.id}/reactivate`]) {
      const res = await send(ctx, 'POST', url, { cookie: admin.cookie, body: {} });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.reason' }));
    }
    expect((await send(ctx, 'GET', `/api/opds/${opd.id}`, { cookie: admin.cookie })).json().active).toBe(true);
  });

  it('400 for an end date before the OPD began (not a 500 from the database check)', async () => {
    const opd = await makeOpd(ctx);
    await send(ctx, 'PATCH', `/api/opds/${opd.id}`, { cookie: admin.cookie, body: { validFrom: '2027-01-01' } });
    const res = await send(ctx, 'POST', `/api/opds/${opd.id}/deactivate`, {
      cookie: admin.cookie,
      body: { ...REASON, date: '2026-12-01' },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.date' }));
  });

  it('409 while the OPD has an active pairing, in an active or a planned year; allowed once it ended', async () => {
    for (const status of ['active', 'planned'] as const) {
      const opd = await makeOpd(ctx);
      const { programYearId } = await makeProgramYear(ctx, { status });
      const pairing = await makePairing(ctx, { opdId: opd.id, programYearId });
      const refusedRes = await send(ctx, 'POST', `/api/opds/${opd.id}/deactivate`, { cookie: admin.cookie, body: REASON });
      expect(refusedRes.statusCode, status).toBe(409);
      expect(errorOf(refusedRes).message).toMatch(/mendampingi 1 kelurahan/);

      await send(ctx, 'POST', `/api/pairings/${pairing.id}/end`, {
        cookie: admin.cookie,
        body: { reason: 'SK pendampingan dicabut', endedOn: '2026-06-30' },
      });
      expect((await send(ctx, 'POST', `/api/opds/${opd.id}/deactivate`, { cookie: admin.cookie, body: REASON })).statusCode).toBe(200);
    }
  });

  it('404 unknown', async () => {
    expect((await send(ctx, 'POST', '/api/opds/999999/deactivate', { cookie: admin.cookie, body: REASON })).statusCode).toBe(404);
    expect((await send(ctx, 'POST', '/api/opds/999999/reactivate', { cookie: admin.cookie, body: REASON })).statusCode).toBe(404);
  });

  it('401 and 403', async () => {
    const opd = await makeOpd(ctx);
    await expectAdminOnly('POST', `/api/opds/${opd.id}/deactivate`, REASON);
    await expectAdminOnly('POST', `/api/opds/${opd.id}/reactivate`, REASON);
    expect((await send(ctx, 'GET', `/api/opds/${opd.id}`, { cookie: admin.cookie })).json().active).toBe(true);
  });
});

describe('DELETE /api/opds/:opdId', () => {
  it('deletes an OPD entered by mistake and never used', async () => {
    const opd = await makeOpd(ctx);
    const res = await send(ctx, 'DELETE', `/api/opds/${opd.id}`, { cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await send(ctx, 'GET', `/api/opds/${opd.id}`, { cookie: admin.cookie })).statusCode).toBe(404);
  });

  it('409 once used by a pairing (even an ended one) or a user: it is never hard-deleted', async () => {
    const paired = await makeOpd(ctx);
    const pairing = await makePairing(ctx, { opdId: paired.id });
    await send(ctx, 'POST', `/api/pairings/${pairing.id}/end`, {
      cookie: admin.cookie,
      body: { reason: 'Pendampingan selesai', endedOn: '2026-12-31' },
    });
    const staffed = await makeOpd(ctx);
    await makeUser(ctx, 'mentor', { opdId: staffed.id });

    for (const opd of [paired, staffed]) {
      const res = await send(ctx, 'DELETE', `/api/opds/${opd.id}`, { cookie: admin.cookie });
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).message).toMatch(/nonaktifkan/);
      expect((await send(ctx, 'GET', `/api/opds/${opd.id}`, { cookie: admin.cookie })).statusCode).toBe(200);
    }
  });

  it('400 malformed id, 404 unknown', async () => {
    expect((await send(ctx, 'DELETE', '/api/opds/-3', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'DELETE', '/api/opds/999999', { cookie: admin.cookie })).statusCode).toBe(404);
  });

  it('401 and 403', async () => {
    const opd = await makeOpd(ctx);
    await expectAdminOnly('DELETE', `/api/opds/${opd.id}`);
    expect((await send(ctx, 'GET', `/api/opds/${opd.id}`, { cookie: admin.cookie })).statusCode).toBe(200);
  });
});

describe('OpenAPI coverage', () => {
  it('every opds endpoint is tested: happy path, 400, 401, 403', async () => {
    await expectEndpointsCovered(ctx, 'opds');
  });
});
