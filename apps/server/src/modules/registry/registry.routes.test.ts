/**
 * Registry routes: search, the family page, reveal, status changes, snapshots, stats, export,
 * uploads and their reports, column mappings; and who may see which family.
 *
 * Status codes, as asserted here:
 * - 401: no session. 403: the role can never do this (a viewer on any name-bearing endpoint; a
 *   mentor or operator on imports, mappings and export).
 * - 404: the family exists but lies outside the actor's villages (a mentor's OPD is not paired
 *   with it in an active year; an operator's kelurahan is another): it looks missing.
 *
 * The registry holds a small synthetic import (seed 31) plus hand-made families whose names and
 * numbers the tests control (registry.test-support.ts keeps the two apart).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { TEST_SCOPE } from '../../test/global-setup.ts';
import {
  actorOf,
  createTestContext,
  errorOf,
  loginCookie,
  makeOpd,
  makePairing,
  makeUser,
  send,
  type TestContext,
  uniq,
} from '../../test/harness.ts';
import { runImport } from './registry.import.ts';
import { familiesCsv, type MadeFamily, removeTmpFiles, tmpFile, writeTmp } from './registry.test-support.ts';
import { writeRegistryFile } from './synthetic/generate.ts';

const KALI_BAROS = '33.75.02.1012';
const MEDONO = '33.75.01.1002';
const PERIOD = '2026-06-30';
const REASON = { reason: 'Verifikasi data untuk kunjungan rumah' };

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof actorOf>>;
let viewer: Awaited<ReturnType<typeof actorOf>>;
/** mentor whose OPD is paired with Kali Baros in the active year */
let mentor: string;
/** operator of Medono */
let operator: string;
/** Kali Baros: Soekarno's family (desil 1, no toilet, RT 12 RW 9), Budi's (desil 7, own toilet, same RT), Karto's (RT 3) */
let soekarno: MadeFamily;
let budi: MadeFamily;
let karto: MadeFamily;
/** Medono */
let medono: MadeFamily;
const ids: Record<'soekarno' | 'budi' | 'karto' | 'medono', number> = { soekarno: 0, budi: 0, karto: 0, medono: 0 };

const familyId = async (noKk: string) =>
  (await rows<{ id: number }>(ctx.database.db, sql`select id from families where no_kk = ${noKk}`))[0]?.id as number;
const personId = async (nik: string) =>
  (await rows<{ id: number }>(ctx.database.db, sql`select id from persons where nik = ${nik}`))[0]?.id as number;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await actorOf(ctx, 'admin');
  viewer = await actorOf(ctx, 'viewer');
  operator = (await actorOf(ctx, 'operator', { villageCode: MEDONO })).cookie;
  const opd = await makeOpd(ctx);
  await makePairing(ctx, { opdId: opd.id, villageCode: KALI_BAROS });
  mentor = (await actorOf(ctx, 'mentor', { opdId: opd.id })).cookie;

  const synthetic = tmpFile('synthetic-60.csv');
  await writeRegistryFile(synthetic, { scope: TEST_SCOPE, families: 60, seed: 31, basePeriod: '2026-03-31' });
  await runImport(ctx.database, {
    filePath: synthetic,
    fileName: 'synthetic-60.csv',
    sourceKind: 'synthetic',
    period: '2026-03-31',
    scope: TEST_SCOPE,
  });

  const made = familiesCsv([
    {
      villageCode: KALI_BAROS,
      rt: '012',
      rw: '009',
      desil: 1,
      toilet: 'none',
      members: [
        { name: 'Soekarno Hadi', motherName: 'Sumirah Wulandari' },
        { name: 'Siti Aminah', motherName: 'Painah Rahayu' },
        { name: 'Bagus Hadi', motherName: 'Siti Aminah' },
      ],
    },
    { villageCode: KALI_BAROS, rt: '012', rw: '009', desil: 7, toilet: 'own', members: [{ name: 'Budi Djatmiko' }, { name: 'Warsini' }] },
    { villageCode: KALI_BAROS, rt: '003', rw: '009', desil: 1, toilet: 'none', members: [{ name: 'Karto Wiyono' }] },
    { villageCode: MEDONO, rt: '012', rw: '009', desil: 1, toilet: 'none', members: [{ name: 'Soekarni' }, { name: 'Rukmini' }] },
  ]);
  [soekarno, budi, karto, medono] = made.families as [MadeFamily, MadeFamily, MadeFamily, MadeFamily];
  await runImport(ctx.database, {
    filePath: writeTmp('survei-rt.csv', made.text),
    fileName: 'survei-rt.csv',
    sourceKind: 'local_survey',
    period: PERIOD,
    fullSnapshot: false,
    scope: TEST_SCOPE,
  });
  ids.soekarno = await familyId(soekarno.noKk);
  ids.budi = await familyId(budi.noKk);
  ids.karto = await familyId(karto.noKk);
  ids.medono = await familyId(medono.noKk);
});
afterAll(async () => {
  await ctx.close();
  removeTmpFiles();
});

type Item = {
  id: number;
  villageCode: string;
  rt: string;
  rw: string;
  desil: number;
  toilet: string;
  noKkMasked: string;
  headName: string;
};
const search = async (cookie: string, query: string) => {
  const res = await send(ctx, 'GET', `/api/families?${query}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number; totalCapped: boolean; limit: number; offset: number };
};
const head = (f: MadeFamily) => f.members[0] as MadeFamily['members'][number];

describe('GET /api/families', () => {
  it('finds exactly by NIK and by No KK, and by name with old spellings and partial names', async () => {
    expect((await search(admin.cookie, `q=${head(soekarno).nik}`)).items.map((i) => i.id)).toEqual([ids.soekarno]);
    expect((await search(admin.cookie, `q=${soekarno.members[2]?.nik}`)).items.map((i) => i.id)).toEqual([ids.soekarno]);
    expect((await search(admin.cookie, `q=${budi.noKk}`)).items.map((i) => i.id)).toEqual([ids.budi]);

    for (const q of ['Sukarno', 'soekarno', 'SUKARNO HADI', 'karno']) {
      const found = await search(admin.cookie, `q=${encodeURIComponent(q)}`);
      expect(
        found.items.map((i) => i.id),
        q,
      ).toContain(ids.soekarno);
      expect(
        found.items.map((i) => i.id),
        q,
      ).not.toContain(ids.budi);
    }
    // "Djatmiko" is found as "Jatmiko"
    expect((await search(admin.cookie, 'q=Jatmiko')).items.map((i) => i.id)).toContain(ids.budi);
    const sukarni = (await search(admin.cookie, 'q=Sukarni')).items.map((i) => i.id);
    expect(sukarni).toContain(ids.medono);
    expect(sukarni).not.toContain(ids.soekarno);
  });

  it('filters by RT/RW, desil and toilet; identifiers are masked', async () => {
    const byRt = await search(admin.cookie, `villageCode=${KALI_BAROS}&rt=12&rw=9`);
    expect(byRt.items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.soekarno, ids.budi]));
    expect(byRt.items.map((i) => i.id)).not.toContain(ids.karto);
    for (const i of byRt.items) expect([i.villageCode, i.rt, i.rw]).toEqual([KALI_BAROS, '012', '009']);

    const poorest = await search(admin.cookie, `villageCode=${KALI_BAROS}&desilMin=1&desilMax=1`);
    expect(poorest.items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.soekarno, ids.karto]));
    expect(poorest.items.map((i) => i.id)).not.toContain(ids.budi);
    for (const i of poorest.items) expect(i.desil).toBe(1);

    const noToilet = await search(admin.cookie, `villageCode=${KALI_BAROS}&toilet=none&rt=12`);
    expect(noToilet.items.map((i) => i.id)).toContain(ids.soekarno);
    expect(noToilet.items.map((i) => i.id)).not.toContain(ids.budi);
    for (const i of noToilet.items) expect(i.toilet).toBe('none');
    const notOwn = await search(admin.cookie, `villageCode=${KALI_BAROS}&noOwnToilet=true&rt=12`);
    expect(notOwn.items.map((i) => i.id)).toContain(ids.soekarno);
    expect(notOwn.items.map((i) => i.id)).not.toContain(ids.budi);

    const one = await send(ctx, 'GET', `/api/families?q=${soekarno.noKk}`, { cookie: admin.cookie });
    expect(one.json().items[0]).toMatchObject({
      noKkMasked: `${soekarno.noKk.slice(0, 4)}**********${soekarno.noKk.slice(-2)}`,
      headName: 'Soekarno Hadi',
    });
    expect(one.body).not.toContain(soekarno.noKk);
  });

  it('pages through every family once', async () => {
    const [count] = await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from families`);
    const seen: number[] = [];
    for (let offset = 0; ; offset += 25) {
      const page = await search(admin.cookie, `limit=25&offset=${offset}`);
      expect(page).toMatchObject({ total: count?.n, totalCapped: false, limit: 25, offset });
      seen.push(...page.items.map((i) => i.id));
      if (page.items.length < 25) break;
    }
    expect(seen).toHaveLength(count?.n as number);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('400 for malformed filters, 401 anonymous, 403 viewer', async () => {
    for (const q of [
      `q=${'a'.repeat(101)}`,
      'rt=abc',
      'desilMin=0',
      'desilMax=11',
      'limit=101',
      'toilet=emas',
      'villageCode=3375',
      'noOwnToilet=ya',
    ]) {
      const res = await send(ctx, 'GET', `/api/families?${q}`, { cookie: admin.cookie });
      expect(res.statusCode, q).toBe(400);
      expect(errorOf(res).code).toBe('validation_failed');
    }
    expect((await send(ctx, 'GET', '/api/families')).statusCode).toBe(401);
    const refused = await send(ctx, 'GET', '/api/families', { cookie: viewer.cookie });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('forbidden');
  });
});

describe('GET /api/families/:familyId', () => {
  it('shows members and sources with NIK, No KK and mothers’ names masked: the full values never appear', async () => {
    const res = await send(ctx, 'GET', `/api/families/${ids.soekarno}`, { cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: ids.soekarno, villageCode: KALI_BAROS, villageName: 'Kali Baros', sourceKind: 'local_survey' });
    expect(body.members.map((m: { name: string }) => m.name)).toEqual(['Soekarno Hadi', 'Siti Aminah', 'Bagus Hadi']);
    expect(body.members[0]).toMatchObject({ nikMasked: expect.stringMatching(/^3375\*{10}\d\d$/), motherNameMasked: 'S****** W********' });
    expect(body.sources.desil).toMatchObject({ sourceKind: 'local_survey', period: PERIOD, fileName: 'survei-rt.csv' });
    for (const secret of [soekarno.noKk, ...soekarno.members.map((m) => m.nik), 'Sumirah Wulandari', 'Sumirah', 'Painah Rahayu']) {
      expect(res.body, secret).not.toContain(secret);
    }
  });

  it('404 unknown, 400 malformed, 401 anonymous, 403 viewer', async () => {
    expect((await send(ctx, 'GET', '/api/families/999999', { cookie: admin.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', '/api/families/0', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/families/kk', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', `/api/families/${ids.soekarno}`)).statusCode).toBe(401);
    expect((await send(ctx, 'GET', `/api/families/${ids.soekarno}`, { cookie: viewer.cookie })).statusCode).toBe(403);
  });
});

const auditOf = (action: string, entityType: 'family' | 'person', entityId: number) =>
  rows<{ actor_id: number | null; reason: string | null; after: Record<string, unknown> }>(
    ctx.database.db,
    sql`select actor_id, reason, after from audit_log
        where action = ${action} and entity_type = ${entityType} and entity_id = ${String(entityId)} order by id`,
  );

describe('POST /api/families/:familyId/reveal and /api/persons/:personId/reveal', () => {
  it('shows the full No KK, NIK or mother’s name for a stated reason, and audits who, what and why', async () => {
    const kk = await send(ctx, 'POST', `/api/families/${ids.soekarno}/reveal`, { cookie: mentor, body: REASON });
    expect(kk.statusCode).toBe(200);
    expect(kk.json()).toEqual({ field: 'noKk', value: soekarno.noKk });

    const pid = await personId(head(soekarno).nik);
    const nik = await send(ctx, 'POST', `/api/persons/${pid}/reveal`, { cookie: admin.cookie, body: { ...REASON, field: 'nik' } });
    expect(nik.json()).toEqual({ field: 'nik', value: head(soekarno).nik });
    const mother = await send(ctx, 'POST', `/api/persons/${pid}/reveal`, {
      cookie: admin.cookie,
      body: { reason: 'Pencocokan data dengan Disdukcapil', field: 'motherName' },
    });
    expect(mother.json()).toEqual({ field: 'motherName', value: 'Sumirah Wulandari' });

    expect(await auditOf('registry.reveal', 'family', ids.soekarno)).toEqual([
      expect.objectContaining({ reason: REASON.reason, after: { field: 'noKk' } }),
    ]);
    expect(await auditOf('registry.reveal', 'person', pid)).toEqual([
      expect.objectContaining({ actor_id: admin.user.id, reason: REASON.reason, after: { field: 'nik' } }),
      expect.objectContaining({ actor_id: admin.user.id, reason: 'Pencocokan data dengan Disdukcapil', after: { field: 'motherName' } }),
    ]);
  });

  it('400 without a reason (nothing revealed, nothing audited) or for another field; 404 unknown', async () => {
    const pid = await personId(head(budi).nik);
    for (const body of [{}, { reason: 'lihat' }]) {
      const res = await send(ctx, 'POST', `/api/families/${ids.budi}/reveal`, { cookie: admin.cookie, body });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.reason' }));
      expect(res.body).not.toContain(budi.noKk);
      expect(
        (await send(ctx, 'POST', `/api/persons/${pid}/reveal`, { cookie: admin.cookie, body: { ...body, field: 'nik' } })).statusCode,
      ).toBe(400);
    }
    expect(
      (await send(ctx, 'POST', `/api/persons/${pid}/reveal`, { cookie: admin.cookie, body: { ...REASON, field: 'name' } })).statusCode,
    ).toBe(400);
    expect(
      (await send(ctx, 'POST', '/api/persons/abc/reveal', { cookie: admin.cookie, body: { ...REASON, field: 'nik' } })).statusCode,
    ).toBe(400);
    expect(await auditOf('registry.reveal', 'family', ids.budi)).toEqual([]);
    expect(await auditOf('registry.reveal', 'person', pid)).toEqual([]);
    expect((await send(ctx, 'POST', '/api/families/999999/reveal', { cookie: admin.cookie, body: REASON })).statusCode).toBe(404);
    expect(
      (await send(ctx, 'POST', '/api/persons/999999/reveal', { cookie: admin.cookie, body: { ...REASON, field: 'nik' } })).statusCode,
    ).toBe(404);
  });

  it('401 anonymous, 403 viewer', async () => {
    const pid = await personId(head(budi).nik);
    expect((await send(ctx, 'POST', `/api/families/${ids.budi}/reveal`, { body: REASON })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', `/api/persons/${pid}/reveal`, { body: { ...REASON, field: 'nik' } })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', `/api/families/${ids.budi}/reveal`, { cookie: viewer.cookie, body: REASON })).statusCode).toBe(403);
    expect(
      (await send(ctx, 'POST', `/api/persons/${pid}/reveal`, { cookie: viewer.cookie, body: { ...REASON, field: 'nik' } })).statusCode,
    ).toBe(403);
  });
});

describe('POST /api/families/:familyId/status and /api/persons/:personId/status', () => {
  it('records a status with its date and reason, audited', async () => {
    const fam = await send(ctx, 'POST', `/api/families/${ids.karto}/status`, {
      cookie: mentor,
      body: { status: 'not_found', date: '2026-11-20', reason: 'Rumah kosong saat tiga kali kunjungan' },
    });
    expect(fam.statusCode).toBe(200);
    expect(fam.json()).toMatchObject({
      id: ids.karto,
      status: 'not_found',
      statusDate: '2026-11-20',
      statusReason: 'Rumah kosong saat tiga kali kunjungan',
    });
    expect(await auditOf('family.status', 'family', ids.karto)).toEqual([
      expect.objectContaining({
        reason: 'Rumah kosong saat tiga kali kunjungan',
        after: { status: 'not_found', statusDate: '2026-11-20' },
      }),
    ]);

    const pid = await personId(budi.members[1]?.nik as string);
    const person = await send(ctx, 'POST', `/api/persons/${pid}/status`, {
      cookie: admin.cookie,
      body: { status: 'moved', date: '2026-10-02', reason: 'Ikut suami ke Batang' },
    });
    expect(person.statusCode).toBe(200);
    expect(person.json().members.find((m: { id: number }) => m.id === pid)).toMatchObject({
      status: 'moved',
      statusDate: '2026-10-02',
      statusReason: 'Ikut suami ke Batang',
    });
    expect(await auditOf('person.status', 'person', pid)).toEqual([
      expect.objectContaining({
        actor_id: admin.user.id,
        reason: 'Ikut suami ke Batang',
        after: { status: 'moved', statusDate: '2026-10-02' },
      }),
    ]);
  });

  it('400 for an unknown status, a bad date or no reason; 404 unknown; 401; 403 viewer', async () => {
    const pid = await personId(head(budi).nik);
    const bad = [
      { status: 'deleted', date: '2026-11-20', reason: 'Salah input data' },
      { status: 'moved', date: '20-11-2026', reason: 'Salah input data' },
      { status: 'moved', date: '2026-11-20' },
    ];
    for (const body of bad) {
      expect(
        (await send(ctx, 'POST', `/api/families/${ids.budi}/status`, { cookie: admin.cookie, body })).statusCode,
        JSON.stringify(body),
      ).toBe(400);
      const p = body.status === 'deleted' ? { ...body, status: 'died_twice' } : body;
      expect((await send(ctx, 'POST', `/api/persons/${pid}/status`, { cookie: admin.cookie, body: p })).statusCode, JSON.stringify(p)).toBe(
        400,
      );
    }
    const ok = { status: 'moved', date: '2026-11-20', reason: 'Pindah domisili' };
    expect((await send(ctx, 'POST', '/api/families/999999/status', { cookie: admin.cookie, body: ok })).statusCode).toBe(404);
    expect((await send(ctx, 'POST', '/api/persons/999999/status', { cookie: admin.cookie, body: ok })).statusCode).toBe(404);
    expect((await send(ctx, 'POST', `/api/families/${ids.budi}/status`, { body: ok })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', `/api/persons/${pid}/status`, { body: ok })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', `/api/families/${ids.budi}/status`, { cookie: viewer.cookie, body: ok })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', `/api/persons/${pid}/status`, { cookie: viewer.cookie, body: ok })).statusCode).toBe(403);
    const after = await send(ctx, 'GET', `/api/families/${ids.budi}`, { cookie: admin.cookie });
    expect(after.json()).toMatchObject({ status: 'active', statusDate: null });
    expect(after.json().members[0]).toMatchObject({ status: 'present' });
  });
});

describe('GET /api/family-snapshots/:snapshotId', () => {
  it('shows the family as one import saw it, identifiers masked', async () => {
    const detail = (await send(ctx, 'GET', `/api/families/${ids.soekarno}`, { cookie: admin.cookie })).json();
    const snapshotId = detail.snapshots[0].id as number;
    const res = await send(ctx, 'GET', `/api/family-snapshots/${snapshotId}`, { cookie: mentor });
    expect(res.statusCode).toBe(200);
    const snap = res.json();
    expect(snap).toMatchObject({ id: snapshotId, familyId: ids.soekarno, period: PERIOD, desil: 1, sourceKind: 'local_survey' });
    expect(snap.data.members).toHaveLength(3);
    expect(snap.data.members[0]).toMatchObject({
      name: 'Soekarno Hadi',
      nik: expect.stringMatching(/^3375\*{10}\d\d$/),
      motherName: 'S****** W********',
    });
    for (const secret of [soekarno.noKk, ...soekarno.members.map((m) => m.nik), 'Sumirah Wulandari', 'Painah Rahayu']) {
      expect(res.body, secret).not.toContain(secret);
    }
  });

  it('404 unknown, 400 malformed, 401 anonymous, 403 viewer', async () => {
    expect((await send(ctx, 'GET', '/api/family-snapshots/99999999', { cookie: admin.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', '/api/family-snapshots/-1', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/family-snapshots/1')).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/family-snapshots/1', { cookie: viewer.cookie })).statusCode).toBe(403);
  });
});

describe('GET /api/registry/stats', () => {
  it('gives every role the counts per village, and no name or number of anyone', async () => {
    const res = await send(ctx, 'GET', '/api/registry/stats', { cookie: viewer.cookie });
    expect(res.statusCode).toBe(200);
    const stats = res.json() as { villages: { villageCode: string; families: number; persons: number; byDesil: Record<string, number> }[] };
    const [inKaliBaros] = await rows<{ families: number; persons: number }>(
      ctx.database.db,
      sql`select count(*)::int as families, (select count(*)::int from persons p join families f on f.id = p.family_id
            where f.village_code = ${KALI_BAROS} and f.status = 'active' and p.status = 'present') as persons
          from families where village_code = ${KALI_BAROS} and status = 'active'`,
    );
    expect(stats.villages.find((v) => v.villageCode === KALI_BAROS)).toMatchObject(inKaliBaros ?? {});
    for (const v of stats.villages) {
      expect(Object.keys(v).sort()).toEqual(['byDesil', 'families', 'noOwnToilet', 'persons', 'villageCode', 'villageName']);
      expect(Object.values(v.byDesil).reduce((a, b) => a + b, 0)).toBe(v.families);
    }
    expect(res.body).not.toMatch(/\d{16}/);
    for (const name of ['Soekarno', 'Siti Aminah', 'Budi', 'Sumirah', 'Soekarni']) expect(res.body).not.toContain(name);

    const mine = await send(ctx, 'GET', '/api/registry/stats', { cookie: mentor });
    expect(mine.json().villages.map((v: { villageCode: string }) => v.villageCode)).toEqual([KALI_BAROS]);
  });

  it('401 anonymous', async () => {
    expect((await send(ctx, 'GET', '/api/registry/stats')).statusCode).toBe(401);
  });
});

describe('POST /api/families/export', () => {
  it('exports the filtered families as CSV with masked No KK, audited with the reason', async () => {
    const reason = 'Daftar sasaran RTLH untuk Dinperkim';
    const res = await send(ctx, 'POST', '/api/families/export', {
      cookie: admin.cookie,
      body: { filter: { villageCode: KALI_BAROS }, reason },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.split('\n').filter((l) => l.length > 0);
    expect(lines[0]).toBe('\ufeffno_kk,nama_kepala,kode_kelurahan,kelurahan,rt,rw,alamat,desil,anggota,jamban,status');
    const total = (await search(admin.cookie, `villageCode=${KALI_BAROS}`)).total;
    expect(lines).toHaveLength(total + 1);
    const masked = `${soekarno.noKk.slice(0, 4)}**********${soekarno.noKk.slice(-2)}`;
    expect(lines.find((l) => l.includes('Soekarno Hadi'))).toMatch(
      new RegExp(`^${masked.replaceAll('*', '\\*')},Soekarno Hadi,${KALI_BAROS},Kali Baros,012,009,`),
    );
    for (const f of [soekarno, budi, karto]) expect(res.body).not.toContain(f.noKk);
    const [entry] = await rows<{ reason: string; after: { rows: number } }>(
      ctx.database.db,
      sql`select reason, after from audit_log where action = 'registry.export' order by id desc limit 1`,
    );
    expect(entry).toMatchObject({ reason, after: { rows: total } });
  });

  it('400 without a reason, 401 anonymous, 403 for everyone but the admin', async () => {
    const res = await send(ctx, 'POST', '/api/families/export', { cookie: admin.cookie, body: { filter: {} } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'body.reason' }));
    expect((await send(ctx, 'POST', '/api/families/export', { body: { filter: {}, ...REASON } })).statusCode).toBe(401);
    for (const cookie of [mentor, operator, viewer.cookie]) {
      expect((await send(ctx, 'POST', '/api/families/export', { cookie, body: { filter: {}, ...REASON } })).statusCode).toBe(403);
    }
  });
});

// ---- imports -------------------------------------------------------------------------------

function upload(
  cookie: string | undefined,
  body: string | Buffer,
  query: Record<string, string>,
  contentType = 'application/octet-stream',
) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/registry/imports?${new URLSearchParams(query)}`,
    payload: body,
    headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) },
  });
}

async function untilFinished(id: number) {
  for (let i = 0; i < 400; i++) {
    const res = await send(ctx, 'GET', `/api/registry/imports/${id}`, { cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    if (res.json().status !== 'running') return res.json();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Uploaded files still on disk whose content holds `marker`. */
function uploadsHolding(marker: string): string[] {
  const dir = path.join(os.tmpdir(), 'dampingan-uploads');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => {
    try {
      return fs.readFileSync(path.join(dir, f), 'utf8').includes(marker);
    } catch {
      return false; // removed meanwhile
    }
  });
}

const uploadQuery = (fileName: string) => ({ fileName, sourceKind: 'local_survey', period: PERIOD, fullSnapshot: 'false' });

describe('POST /api/registry/imports and GET /api/registry/imports[/:importId]', () => {
  it('takes the file as the raw body, answers 202 at once, and the import completes in the background', async () => {
    const { text, families } = familiesCsv([{ villageCode: MEDONO, desil: 2, members: [{ name: 'Tarjo' }, { name: 'Sumiyati' }] }]);
    const res = await upload(admin.cookie, text, uploadQuery('unggahan-medono.csv'));
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ fileName: 'unggahan-medono.csv', sourceKind: 'local_survey', period: PERIOD, dryRun: false });
    const done = await untilFinished(res.json().id);
    expect(done).toMatchObject({
      status: 'completed',
      rowsRead: 2,
      rejectedRows: 0,
      counts: { families: { inserted: 1 }, persons: { inserted: 2 } },
      finishedAt: expect.any(String),
    });
    expect(await familyId(families[0]?.noKk as string)).toBeGreaterThan(0);

    const list = await send(ctx, 'GET', '/api/registry/imports', { cookie: admin.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: res.json().id, status: 'completed' });
  });

  it('400 for a JSON body or a bad query', async () => {
    const json = await upload(admin.cookie, JSON.stringify({ rows: [] }), uploadQuery('a.csv'), 'application/json');
    expect(json.statusCode).toBe(400);
    expect(errorOf(json).details.messageEn).toBe('Send the file as application/octet-stream');
    for (const q of [
      { ...uploadQuery('a.csv'), period: '30-06-2026' },
      { ...uploadQuery('a.csv'), sourceKind: 'bps' },
      { sourceKind: 'dtsen', period: PERIOD },
    ]) {
      const res = await upload(admin.cookie, 'noKk,nik\n', q);
      expect(res.statusCode, JSON.stringify(q)).toBe(400);
    }
    const empty = await upload(admin.cookie, '', uploadQuery('kosong.csv'));
    expect(empty.statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/registry/imports', { cookie: admin.cookie })).json().items).not.toContainEqual(
      expect.objectContaining({ fileName: 'kosong.csv' }),
    );
    expect((await send(ctx, 'GET', '/api/registry/imports/0', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/registry/imports/999999', { cookie: admin.cookie })).statusCode).toBe(404);
  });

  it('401 anonymous, 403 for mentors, operators and viewers', async () => {
    expect((await upload(undefined, 'x', uploadQuery('a.csv'))).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/registry/imports')).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/registry/imports/1')).statusCode).toBe(401);
    for (const cookie of [mentor, operator, viewer.cookie]) {
      expect((await upload(cookie, 'x', uploadQuery('a.csv'))).statusCode).toBe(403);
      expect((await send(ctx, 'GET', '/api/registry/imports', { cookie })).statusCode).toBe(403);
      expect((await send(ctx, 'GET', '/api/registry/imports/1', { cookie })).statusCode).toBe(403);
    }
  });
});

describe('GET /api/registry/imports/:importId/issues and issues.csv', () => {
  let importId = 0;
  beforeAll(async () => {
    const { text } = familiesCsv([{ villageCode: MEDONO, members: [{ name: 'Carik' }, { name: 'Tumini' }, { name: 'Anak' }] }]);
    const [header, a, b, c] = text.trim().split('\n') as [string, string, string, string];
    const spoiled = [
      header,
      a,
      b.replace(/,\d{16},/, ',3.37501E+15,'),
      c.replace(/,\d{4}-\d\d-\d\d,/, ',31-02-2009,'),
      `${a.split(',')[0]},${MEDONO},x`,
    ];
    const res = await upload(admin.cookie, `${spoiled.join('\n')}\n`, uploadQuery('galat.csv'));
    importId = res.json().id;
    expect(await untilFinished(importId)).toMatchObject({ status: 'completed', rejectedRows: 3 });
  });

  it('pages the rejected values with row, column and message', async () => {
    const all = await send(ctx, 'GET', `/api/registry/imports/${importId}/issues`, { cookie: admin.cookie });
    expect(all.statusCode).toBe(200);
    const total = all.json().total as number;
    expect(total).toBeGreaterThanOrEqual(3);
    expect(all.json().items.slice(0, 2)).toEqual([
      expect.objectContaining({ row: 3, column: 'nik', code: 'id_scientific_notation', severity: 'error', value: '3.37501E+15' }),
      expect.objectContaining({ row: 4, column: 'birthDate', code: 'date_impossible', severity: 'error' }),
    ]);
    const first = await send(ctx, 'GET', `/api/registry/imports/${importId}/issues?limit=2`, { cookie: admin.cookie });
    const rest = await send(ctx, 'GET', `/api/registry/imports/${importId}/issues?limit=2&offset=2`, { cookie: admin.cookie });
    expect(first.json()).toMatchObject({ total, limit: 2, offset: 0 });
    expect([...first.json().items, ...rest.json().items]).toEqual(all.json().items);
  });

  it('downloads the report as CSV: BOM, header, one line per issue', async () => {
    const res = await send(ctx, 'GET', `/api/registry/imports/${importId}/issues.csv`, { cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`impor-${importId}-galat.csv`);
    const lines = res.body.split('\n').filter((l) => l.length > 0);
    expect(lines[0]).toBe('\ufeffbaris_row,kolom_column,nilai_value,kode_code,tingkat_severity,pesan,message');
    const total = (await send(ctx, 'GET', `/api/registry/imports/${importId}/issues`, { cookie: admin.cookie })).json().total;
    expect(lines).toHaveLength(total + 1);
    expect(lines[1]).toMatch(/^3,nik,3\.37501E\+15,id_scientific_notation,error,/);
  });

  it('400 malformed, 404 unknown, 401 anonymous, 403 non-admins', async () => {
    expect((await send(ctx, 'GET', `/api/registry/imports/${importId}/issues?limit=0`, { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', `/api/registry/imports/${importId}/issues?offset=-1`, { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/registry/imports/x/issues.csv', { cookie: admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/registry/imports/999999/issues', { cookie: admin.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', '/api/registry/imports/999999/issues.csv', { cookie: admin.cookie })).statusCode).toBe(404);
    for (const url of [`/api/registry/imports/${importId}/issues`, `/api/registry/imports/${importId}/issues.csv`]) {
      expect((await send(ctx, 'GET', url)).statusCode).toBe(401);
      for (const cookie of [mentor, operator, viewer.cookie]) expect((await send(ctx, 'GET', url, { cookie })).statusCode).toBe(403);
    }
  });
});

describe('GET and POST /api/registry/mappings', () => {
  it('a saved mapping makes a file with unknown headers importable', async () => {
    const { text, families } = familiesCsv([{ villageCode: MEDONO, members: [{ name: 'Wagiman' }] }]);
    const [, row] = text.trim().split('\n') as [string, string];
    const cells = row.split(',');
    // the columns of familiesCsv: noKk, villageCode, address, rt, rw, desil, toilet, nik, name, sex, birthDate, relationship, motherName
    const file = `KARTU;LOKASI;INDUK;WARGA\n${cells[0]};${cells[1]};${cells[7]};${cells[8]}\n`;
    const name = uniq('Format Survei Medono ');

    const without = await upload(admin.cookie, file, uploadQuery('survei-medono.csv'));
    const refused = await untilFinished(without.json().id);
    expect(refused).toMatchObject({ status: 'failed', error: expect.stringContaining('Required columns not found') });

    const created = await send(ctx, 'POST', '/api/registry/mappings', {
      cookie: admin.cookie,
      body: { name, sourceKind: 'local_survey', columns: { KARTU: 'noKk', LOKASI: 'villageCode', INDUK: 'nik', WARGA: 'name' } },
    });
    expect(created.statusCode).toBe(201);
    const mappingId = created.json().id as number;
    const listed = await send(ctx, 'GET', '/api/registry/mappings', { cookie: admin.cookie });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toContainEqual({
      id: mappingId,
      name,
      sourceKind: 'local_survey',
      columns: { KARTU: 'noKk', LOKASI: 'villageCode', INDUK: 'nik', WARGA: 'name' },
    });

    const withMapping = await upload(admin.cookie, file, { ...uploadQuery('survei-medono.csv'), mappingId: String(mappingId) });
    expect(await untilFinished(withMapping.json().id)).toMatchObject({
      status: 'completed',
      counts: { families: { inserted: 1 }, persons: { inserted: 1 } },
    });
    expect(await familyId(families[0]?.noKk as string)).toBeGreaterThan(0);
    const [audit] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from audit_log where action = 'import_mapping.create' and entity_id = ${String(mappingId)}`,
    );
    expect(audit?.n).toBe(1);
  });

  it('400 for a short name, 409 for a name in use, 404 for an unknown mapping id', async () => {
    const short = await send(ctx, 'POST', '/api/registry/mappings', {
      cookie: admin.cookie,
      body: { name: 'ab', sourceKind: 'dtsen', columns: {} },
    });
    expect(short.statusCode).toBe(400);
    const name = uniq('Format P3KE ');
    const body = { name, sourceKind: 'p3ke', columns: { 'ID Individu': null } };
    expect((await send(ctx, 'POST', '/api/registry/mappings', { cookie: admin.cookie, body })).statusCode).toBe(201);
    const again = await send(ctx, 'POST', '/api/registry/mappings', { cookie: admin.cookie, body: { ...body, name: name.toUpperCase() } });
    expect(again.statusCode).toBe(409);
    // the refused upload (it holds NIKs and names) is not left behind on disk
    const marker = uniq('Penanda');
    const unknown = await upload(admin.cookie, `noKk,nama\n${medono.noKk},${marker}\n`, { ...uploadQuery('x.csv'), mappingId: '999999' });
    expect(unknown.statusCode).toBe(404);
    expect(uploadsHolding(marker)).toEqual([]);
  });

  it('401 anonymous, 403 non-admins', async () => {
    const body = { name: uniq('Format Tolak '), sourceKind: 'dtsen', columns: {} };
    expect((await send(ctx, 'GET', '/api/registry/mappings')).statusCode).toBe(401);
    expect((await send(ctx, 'POST', '/api/registry/mappings', { body })).statusCode).toBe(401);
    for (const cookie of [mentor, operator, viewer.cookie]) {
      expect((await send(ctx, 'GET', '/api/registry/mappings', { cookie })).statusCode).toBe(403);
      expect((await send(ctx, 'POST', '/api/registry/mappings', { cookie, body })).statusCode).toBe(403);
    }
  });
});

// ---- who sees which family -------------------------------------------------------------------

describe('access to named registry data', () => {
  it('a mentor sees only the villages their OPD is paired with: elsewhere is not found, not even by exact NIK', async () => {
    const all = await search(mentor, 'limit=100');
    const [inVillage] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from families where village_code = ${KALI_BAROS}`,
    );
    expect(all.total).toBe(inVillage?.n);
    expect(new Set(all.items.map((i) => i.villageCode))).toEqual(new Set([KALI_BAROS]));
    expect(all.items.map((i) => i.id)).toContain(ids.soekarno);

    expect((await search(mentor, `q=${head(medono).nik}`)).items).toEqual([]);
    expect((await search(mentor, `q=${medono.noKk}`)).items).toEqual([]);
    const byName = await search(mentor, 'q=Soekarni');
    expect(byName.items.map((i) => i.id)).not.toContain(ids.medono);
    for (const i of byName.items) expect(i.villageCode).toBe(KALI_BAROS);
    expect((await search(mentor, `villageCode=${MEDONO}`)).items).toEqual([]);

    const pid = await personId(head(medono).nik);
    const [snap] = await rows<{ id: number }>(ctx.database.db, sql`select id from family_snapshots where family_id = ${ids.medono}`);
    const elsewhere = [
      send(ctx, 'GET', `/api/families/${ids.medono}`, { cookie: mentor }),
      send(ctx, 'POST', `/api/families/${ids.medono}/reveal`, { cookie: mentor, body: REASON }),
      send(ctx, 'POST', `/api/persons/${pid}/reveal`, { cookie: mentor, body: { ...REASON, field: 'nik' } }),
      send(ctx, 'POST', `/api/families/${ids.medono}/status`, {
        cookie: mentor,
        body: { status: 'moved', date: '2026-11-01', reason: 'Pindah' },
      }),
      send(ctx, 'POST', `/api/persons/${pid}/status`, { cookie: mentor, body: { status: 'moved', date: '2026-11-01', reason: 'Pindah' } }),
      send(ctx, 'GET', `/api/family-snapshots/${snap?.id}`, { cookie: mentor }),
    ];
    for (const res of await Promise.all(elsewhere)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain(medono.noKk);
      expect(res.body).not.toContain(head(medono).nik);
    }
    expect(await auditOf('registry.reveal', 'person', pid)).toEqual([]);
    expect(await auditOf('registry.reveal', 'family', ids.medono)).toEqual([]);
    expect((await send(ctx, 'GET', `/api/families/${ids.medono}`, { cookie: admin.cookie })).json().status).toBe('active');
  });

  it('an operator sees only their own kelurahan', async () => {
    const all = await search(operator, 'limit=100');
    expect(new Set(all.items.map((i) => i.villageCode))).toEqual(new Set([MEDONO]));
    expect(all.items.map((i) => i.id)).toContain(ids.medono);
    expect((await search(operator, `q=${head(soekarno).nik}`)).items).toEqual([]);
    expect((await send(ctx, 'GET', `/api/families/${ids.soekarno}`, { cookie: operator })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', `/api/families/${ids.medono}`, { cookie: operator })).statusCode).toBe(200);
  });

  it('a viewer gets 403 on every name-bearing endpoint and 200 on stats', async () => {
    const pid = await personId(head(soekarno).nik);
    const named = [
      send(ctx, 'GET', '/api/families', { cookie: viewer.cookie }),
      send(ctx, 'GET', `/api/families/${ids.soekarno}`, { cookie: viewer.cookie }),
      send(ctx, 'POST', `/api/families/${ids.soekarno}/reveal`, { cookie: viewer.cookie, body: REASON }),
      send(ctx, 'POST', `/api/persons/${pid}/reveal`, { cookie: viewer.cookie, body: { ...REASON, field: 'nik' } }),
      send(ctx, 'GET', '/api/family-snapshots/1', { cookie: viewer.cookie }),
      send(ctx, 'POST', '/api/families/export', { cookie: viewer.cookie, body: { filter: {}, ...REASON } }),
      send(ctx, 'GET', `/api/registry/imports/1/issues.csv`, { cookie: viewer.cookie }),
    ];
    for (const res of await Promise.all(named)) {
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('Soekarno');
    }
    expect((await send(ctx, 'GET', '/api/registry/stats', { cookie: viewer.cookie })).statusCode).toBe(200);
  });

  it('when the pairing ends, the mentor’s access to its families ends', async () => {
    const opd = await makeOpd(ctx);
    const pairing = await makePairing(ctx, { opdId: opd.id, villageCode: KALI_BAROS });
    const user = await makeUser(ctx, 'mentor', { opdId: opd.id });
    const cookie = await loginCookie(ctx, user.username);
    expect((await send(ctx, 'GET', `/api/families/${ids.soekarno}`, { cookie })).statusCode).toBe(200);
    expect((await search(cookie, `q=${head(soekarno).nik}`)).items).toHaveLength(1);

    const ended = await send(ctx, 'POST', `/api/pairings/${pairing.id}/end`, {
      cookie: admin.cookie,
      body: { reason: 'SK pendampingan dicabut', endedOn: '2026-11-28' },
    });
    expect(ended.statusCode).toBe(200);

    expect((await send(ctx, 'GET', `/api/families/${ids.soekarno}`, { cookie })).statusCode).toBe(404);
    expect(await search(cookie, `q=${head(soekarno).nik}`)).toMatchObject({ items: [], total: 0 });
    expect((await search(cookie, '')).total).toBe(0);
    expect((await send(ctx, 'POST', `/api/families/${ids.soekarno}/reveal`, { cookie, body: REASON })).statusCode).toBe(404);
    // the other OPD paired with Kali Baros keeps its access
    expect((await send(ctx, 'GET', `/api/families/${ids.soekarno}`, { cookie: mentor })).statusCode).toBe(200);
  });
});

describe('OpenAPI coverage', () => {
  it('every registry endpoint is tested: happy path, 400, 401, 403', async () => {
    await expectEndpointsCovered(ctx, 'registry');
  });
});
