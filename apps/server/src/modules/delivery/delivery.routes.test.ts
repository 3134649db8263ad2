/**
 * Delivery: interventions to named families/persons or the whole village, costs per source,
 * duplicate flags across OPDs, evidence files (type by content, size, stored once, access) and
 * the convergence view of one family.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FamilyInterventions, Intervention, InterventionCreated, PlanItem } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { createTestContext, errorOf, loginCookie, send, type TestContext } from '../../test/harness.ts';
import { type LoadedFamily, loadFamilies, type MadeWorkspace, makeWorkspace, simpleFamilies } from '../workspace/workspace.test-support.ts';
import { MAX_EVIDENCE_BYTES } from './evidence-store.ts';

let ctx: TestContext;
let ws: MadeWorkspace;
let fams: LoadedFamily[];
let others: LoadedFamily[];
let item: PlanItem;
let otherItemId: number;
const VILLAGE = '33.75.03.1002';
const OTHER = '33.75.03.1003';

const base = () => `/api/pairings/${ws.pairing.id}/interventions`;
const body = (o: Record<string, unknown> = {}) => ({
  title: 'Pembangunan jamban sehat',
  helpType: 'jamban',
  deliveredOn: '2026-11-10',
  status: 'done',
  outputVolume: 1,
  outputUnit: 'unit',
  beneficiaries: [{ familyId: fams[0]?.id }],
  costs: [
    { fundingSource: 'apbd_kota', amount: 3_000_000 },
    { fundingSource: 'baznas', amount: 500_000 },
  ],
  ...o,
});

async function auditCount(action: string, entityId: string | number): Promise<number> {
  const [r] = await rows<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${String(entityId)}`,
  );
  return r?.n ?? 0;
}

function upload(url: string, payload: Buffer, cookie?: string, ct = 'application/octet-stream') {
  return ctx.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': ct, ...(cookie ? { cookie } : {}) },
  });
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF foto bukti jamban')]);
const PDF = Buffer.from('%PDF-1.4\n% berita acara serah terima\n');

beforeAll(async () => {
  ctx = await createTestContext();
  ws = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: OTHER });
  fams = await loadFamilies(ctx, simpleFamilies(VILLAGE, 3, { desil: 2 }));
  others = await loadFamilies(ctx, simpleFamilies(OTHER, 1, { namePrefix: 'Warga Lain' }));
  const [p] = await rows<{ id: number }>(
    ctx.database.db,
    sql`insert into problems (pairing_id, category, title) values (${ws.pairing.id}, 'slum_wastewater', 'Tanpa jamban') returning id`,
  );
  const res = await send(ctx, 'POST', `/api/pairings/${ws.pairing.id}/plan/items`, {
    cookie: ws.mentor.cookie,
    body: { problemId: p?.id, title: 'Jamban sehat', term: 'short', startYear: 2026, endYear: 2026, helpType: 'jamban' },
  });
  expect(res.statusCode).toBe(201);
  item = res.json() as PlanItem;
  const [op] = await rows<{ id: number }>(
    ctx.database.db,
    sql`insert into problems (pairing_id, category, title) values (${ws.otherPairing.id}, 'slum_wastewater', 'Lain') returning id`,
  );
  const [oi] = await rows<{ id: number }>(
    ctx.database.db,
    sql`insert into plan_items (pairing_id, problem_id, title, term, start_year, end_year, responsible_opd_id, help_type)
        values (${ws.otherPairing.id}, ${op?.id}, 'Butir lain', 'short', 2026, 2026, ${ws.otherPairing.opdId}, 'jamban') returning id`,
  );
  otherItemId = oi?.id ?? 0;
});
afterAll(async () => ctx?.close());

describe('interventions', () => {
  let first: InterventionCreated;

  it('401 without a session; 403 for admin, viewer and supervisor authoring', async () => {
    expect((await send(ctx, 'POST', base(), { body: body() })).statusCode).toBe(401);
    for (const who of ['admin', 'viewer', 'supervisor'] as const) {
      expect((await send(ctx, 'POST', base(), { cookie: ws[who].cookie, body: body() })).statusCode, who).toBe(403);
    }
    expect((await send(ctx, 'POST', base(), { cookie: ws.otherMentor.cookie, body: body() })).statusCode).toBe(404);
  });

  it('the mentor records an intervention for a plan item with costs per source; audited; no warning yet', async () => {
    const res = await send(ctx, 'POST', base(), { cookie: ws.mentor.cookie, body: body({ planItemId: item.id }) });
    expect(res.statusCode).toBe(201);
    first = res.json() as InterventionCreated;
    expect(first.warnings).toEqual([]);
    expect(first.intervention).toMatchObject({
      planItemId: item.id,
      planItemTitle: 'Jamban sehat',
      opdId: ws.opdId,
      helpType: 'jamban',
      reach: 'families',
      status: 'done',
      totalCost: 3_500_000,
    });
    expect(first.intervention.beneficiaries).toEqual([
      expect.objectContaining({ familyId: fams[0]?.id, personId: null, headName: fams[0]?.headName }),
    ]);
    expect(await auditCount('intervention.create', first.intervention.id)).toBe(1);
  });

  it('to a named person of the family; a person not in the family → 400', async () => {
    const f = fams[1];
    const ok = await send(ctx, 'POST', base(), {
      cookie: ws.operator.cookie,
      body: body({ helpType: 'beasiswa', title: 'Beasiswa sekolah', beneficiaries: [{ familyId: f?.id, personId: f?.personIds[1] }] }),
    });
    expect(ok.statusCode).toBe(201);
    const [who] = await rows<{ name: string }>(ctx.database.db, sql`select name from persons where id = ${f?.personIds[1] ?? 0}`);
    expect((ok.json() as InterventionCreated).intervention.beneficiaries[0]).toMatchObject({
      personId: f?.personIds[1],
      personName: who?.name,
    });
    const bad = await send(ctx, 'POST', base(), {
      cookie: ws.mentor.cookie,
      body: body({ beneficiaries: [{ familyId: f?.id, personId: fams[2]?.personIds[0] }] }),
    });
    expect(bad.statusCode).toBe(400);
    expect((errorOf(bad).details.issues as { path: string }[])[0]?.path).toBe('body.beneficiaries.0.personId');
  });

  it("another pairing's plan item → 400; a family of another village → 400", async () => {
    const a = await send(ctx, 'POST', base(), { cookie: ws.mentor.cookie, body: body({ planItemId: otherItemId }) });
    expect(a.statusCode).toBe(400);
    expect((errorOf(a).details.issues as { path: string }[])[0]?.path).toBe('body.planItemId');
    const b = await send(ctx, 'POST', base(), { cookie: ws.mentor.cookie, body: body({ beneficiaries: [{ familyId: others[0]?.id }] }) });
    expect(b.statusCode).toBe(400);
    expect((errorOf(b).details.issues as { path: string }[])[0]?.path).toBe('body.beneficiaries.0.familyId');
  });

  it('bad input never crashes: negative cost, same source twice, unknown status, future "done", village-wide with names', async () => {
    for (const b of [
      body({ costs: [{ fundingSource: 'apbn', amount: -5 }] }),
      body({
        costs: [
          { fundingSource: 'apbn', amount: 5 },
          { fundingSource: 'apbn', amount: 6 },
        ],
      }),
      body({ status: 'finished' }),
      body({ deliveredOn: '2026-12-20' }),
      body({ reach: 'village' }),
      body({ beneficiaries: [] }),
      body({ opdId: 999_999 }),
    ]) {
      const res = await send(ctx, 'POST', base(), { cookie: ws.mentor.cookie, body: b });
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect((errorOf(res).details.issues as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('village-wide works have no beneficiaries; a planned one may be in the future', async () => {
    const res = await send(ctx, 'POST', base(), {
      cookie: ws.mentor.cookie,
      body: body({
        reach: 'village',
        beneficiaries: [],
        title: 'Normalisasi saluran',
        helpType: 'drainase',
        status: 'planned',
        deliveredOn: '2026-12-20',
      }),
    });
    expect(res.statusCode).toBe(201);
    expect((res.json() as InterventionCreated).intervention).toMatchObject({ reach: 'village', beneficiaries: [] });
  });

  it('lists by month; the viewer reads without names; outsiders 404', async () => {
    expect((await send(ctx, 'GET', base())).statusCode).toBe(401);
    expect((await send(ctx, 'GET', `${base()}?month=2026-13`, { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    const nov = (await send(ctx, 'GET', `${base()}?month=2026-11`, { cookie: ws.mentor.cookie })).json() as { items: Intervention[] };
    expect(nov.items.every((i) => i.deliveredOn.startsWith('2026-11'))).toBe(true);
    expect(nov.items.length).toBe(2);
    const dec = (await send(ctx, 'GET', `${base()}?month=2026-12`, { cookie: ws.mentor.cookie })).json() as { items: Intervention[] };
    expect(dec.items.map((i) => i.title)).toEqual(['Normalisasi saluran']);
    const asViewer = (await send(ctx, 'GET', base(), { cookie: ws.viewer.cookie })).json() as { items: Intervention[] };
    expect(asViewer.items.length).toBe(3);
    expect(asViewer.items.flatMap((i) => i.beneficiaries).every((b) => b.headName === null)).toBe(true);
    expect((await send(ctx, 'GET', base(), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
  });

  it('one intervention: read, 404 for another pairing, 400 malformed', async () => {
    const id = first.intervention.id;
    expect((await send(ctx, 'GET', `${base()}/${id}`, { cookie: ws.supervisor.cookie })).statusCode).toBe(200);
    expect(
      (await send(ctx, 'GET', `/api/pairings/${ws.otherPairing.id}/interventions/${id}`, { cookie: ws.admin.cookie })).statusCode,
    ).toBe(404);
    expect((await send(ctx, 'GET', `${base()}/x`, { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', `${base()}/${id}`)).statusCode).toBe(401);
  });

  it('updates progress and costs; cancelling needs a reason; a cancelled one is closed (409)', async () => {
    const made = (
      await send(ctx, 'POST', base(), {
        cookie: ws.mentor.cookie,
        body: body({ status: 'in_progress', helpType: 'sembako', title: 'Paket sembako' }),
      })
    ).json() as InterventionCreated;
    const url = `${base()}/${made.intervention.id}`;
    expect((await send(ctx, 'PATCH', url, { body: { status: 'done' } })).statusCode).toBe(401);
    expect((await send(ctx, 'PATCH', url, { cookie: ws.admin.cookie, body: { status: 'done' } })).statusCode).toBe(403);
    const done = await send(ctx, 'PATCH', url, {
      cookie: ws.mentor.cookie,
      body: { status: 'done', costs: [{ fundingSource: 'csr', amount: 750_000 }] },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', totalCost: 750_000 });
    expect(await auditCount('intervention.update', made.intervention.id)).toBe(1);
    const noReason = await send(ctx, 'PATCH', url, { cookie: ws.mentor.cookie, body: { status: 'cancelled' } });
    expect(noReason.statusCode).toBe(400);
    const cancel = await send(ctx, 'PATCH', url, { cookie: ws.mentor.cookie, body: { status: 'cancelled', reason: 'Keluarga pindah' } });
    expect(cancel.statusCode).toBe(200);
    expect(await auditCount('intervention.cancel', made.intervention.id)).toBe(1);
    expect((await send(ctx, 'PATCH', url, { cookie: ws.mentor.cookie, body: { notes: 'x' } })).statusCode).toBe(409);
  });
});

describe('duplicate flag across OPDs', () => {
  it('the same help to the same family in the same year from another OPD is flagged, not refused', async () => {
    // another OPD's live pairing of the same village in another program year, delivering to the same family
    const second = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: '33.75.03.1004', year: 2025 });
    await ctx.database.db.execute(sql`update program_years set status = 'active' where id = ${second.programYearId}`);
    const res = await send(ctx, 'POST', `/api/pairings/${second.pairing.id}/interventions`, {
      cookie: second.mentor.cookie,
      body: body({ deliveredOn: '2026-11-20', costs: [] }),
    });
    expect(res.statusCode).toBe(201);
    const created = res.json() as InterventionCreated;
    expect(created.warnings).toHaveLength(1);
    expect(created.warnings[0]).toMatchObject({ familyId: fams[0]?.id, helpType: 'jamban', otherPairingId: ws.pairing.id });
    // shown in the first pairing's list too
    const list = (await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie })).json() as { items: Intervention[] };
    const flagged = list.items.find((i) => i.helpType === 'jamban' && i.beneficiaries[0]?.familyId === fams[0]?.id);
    expect(flagged?.duplicates[0]).toMatchObject({ otherInterventionId: created.intervention.id, otherPairingId: second.pairing.id });
    // another year is not a duplicate
    const nextYear = await send(ctx, 'POST', `/api/pairings/${second.pairing.id}/interventions`, {
      cookie: second.mentor.cookie,
      body: body({ deliveredOn: '2025-06-01', costs: [] }),
    });
    expect((nextYear.json() as InterventionCreated).warnings).toEqual([]);
  });
});

describe('evidence', () => {
  let interventionId: number;
  let evidenceId: number;
  const url = () => `${base()}/${interventionId}/evidence?fileName=foto.jpg&lat=-6.89&lng=109.67&takenAt=2026-11-10T02:00:00Z`;
  const filesOnDisk = () =>
    fs
      .readdirSync(ctx.evidenceDir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && !d.parentPath.endsWith('tmp'))
      .map((d) => path.join(d.parentPath, d.name));

  beforeAll(async () => {
    const list = (await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie })).json() as { items: Intervention[] };
    interventionId = list.items.find((i) => i.status === 'done')?.id ?? 0;
  });

  it('uploads a JPEG with GPS and time; stored under <sha[0..2]>/<sha>; audited', async () => {
    expect((await upload(url(), JPEG)).statusCode).toBe(401);
    expect((await upload(url(), JPEG, ws.admin.cookie)).statusCode).toBe(403);
    const res = await upload(url(), JPEG, ws.mentor.cookie);
    expect(res.statusCode).toBe(201);
    const ev = res.json() as { id: number; sha256: string; mimeType: string; lat: number; newContent: boolean; sizeBytes: number };
    expect(ev).toMatchObject({
      mimeType: 'image/jpeg',
      lat: -6.89,
      newContent: true,
      sizeBytes: JPEG.length,
      takenAt: '2026-11-10T02:00:00.000Z',
    });
    expect(Number.isNaN(Date.parse((res.json() as { uploadedAt: string }).uploadedAt))).toBe(false);
    expect(fs.readFileSync(path.join(ctx.evidenceDir, ev.sha256.slice(0, 2), ev.sha256))).toEqual(JPEG);
    evidenceId = ev.id;
    expect(await auditCount('evidence.upload', ev.id)).toBe(1);
  });

  it('the same file twice is stored once (one file on disk)', async () => {
    const before = filesOnDisk().length;
    const again = await upload(url(), JPEG, ws.operator.cookie);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: evidenceId, newContent: false });
    // the same content attached to another intervention: a new record, still one file
    const list = (await send(ctx, 'GET', base(), { cookie: ws.mentor.cookie })).json() as { items: Intervention[] };
    const otherId = list.items.find((i) => i.id !== interventionId)?.id;
    const other = await upload(`${base()}/${otherId}/evidence?fileName=sama.jpg`, JPEG, ws.mentor.cookie);
    expect(other.statusCode).toBe(201);
    expect(other.json()).toMatchObject({ newContent: false });
    expect(filesOnDisk().length).toBe(before);
    expect(filesOnDisk().filter((f) => f.endsWith((again.json() as { sha256: string }).sha256))).toHaveLength(1);
  });

  it('a PDF is accepted; wrong type by magic bytes → 400 even when named .jpg', async () => {
    const pdf = await upload(`${base()}/${interventionId}/evidence?fileName=ba.pdf`, PDF, ws.mentor.cookie);
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json()).toMatchObject({ mimeType: 'application/pdf' });
    const exe = await upload(url(), Buffer.from('MZ\x90\x00 not a photo at all'), ws.mentor.cookie);
    expect(exe.statusCode).toBe(400);
    expect(errorOf(exe).details.issues).toBeDefined();
    expect(fs.readdirSync(path.join(ctx.evidenceDir, 'tmp'))).toEqual([]);
  });

  it('too large → 400 (and nothing left behind)', async () => {
    const big = Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 0);
    JPEG.copy(big);
    const before = filesOnDisk().length;
    const res = await upload(url(), big, ws.mentor.cookie);
    expect(res.statusCode).toBe(400);
    expect(filesOnDisk().length).toBe(before);
    expect(fs.readdirSync(path.join(ctx.evidenceDir, 'tmp'))).toEqual([]);
  });

  it('bad coordinates, missing name, or JSON instead of a file → 400', async () => {
    expect((await upload(`${base()}/${interventionId}/evidence?fileName=a.jpg&lat=91&lng=0`, JPEG, ws.mentor.cookie)).statusCode).toBe(400);
    expect((await upload(`${base()}/${interventionId}/evidence?fileName=a.jpg&lat=1&lng=181`, JPEG, ws.mentor.cookie)).statusCode).toBe(
      400,
    );
    expect((await upload(`${base()}/${interventionId}/evidence?fileName=a.jpg&lat=1`, JPEG, ws.mentor.cookie)).statusCode).toBe(400);
    expect((await upload(`${base()}/${interventionId}/evidence`, JPEG, ws.mentor.cookie)).statusCode).toBe(400);
    const json = await send(ctx, 'POST', url(), { cookie: ws.mentor.cookie, body: { a: 1 } });
    expect(json.statusCode).toBe(400);
  });

  it('listed with the intervention; downloaded with its type by readers; another OPD gets 404', async () => {
    const one = (await send(ctx, 'GET', `${base()}/${interventionId}`, { cookie: ws.mentor.cookie })).json() as Intervention;
    expect(one.evidence.map((e) => e.id)).toContain(evidenceId);
    const dl = await send(ctx, 'GET', `/api/evidence/${evidenceId}`, { cookie: ws.viewer.cookie });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/jpeg');
    expect(dl.rawPayload).toEqual(JPEG);
    // an uploaded file is never sniffed into, or run as, a page of this origin
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(String(dl.headers['content-security-policy'])).toContain('sandbox');
    expect((await send(ctx, 'GET', `/api/evidence/${evidenceId}`, { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', `/api/evidence/${evidenceId}`)).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/evidence/abc', { cookie: ws.admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/evidence/999999', { cookie: ws.admin.cookie })).statusCode).toBe(404);
  });
});

describe('convergence view of a family', () => {
  const url = () => `/api/families/${fams[0]?.id}/interventions`;

  it("lists every OPD's interventions that reached the family, with the duplicate flag", async () => {
    const res = await send(ctx, 'GET', url(), { cookie: ws.mentor.cookie });
    expect(res.statusCode).toBe(200);
    const body = res.json() as FamilyInterventions;
    const opds = new Set(body.items.map((i) => i.opdName));
    expect(opds.size).toBe(2);
    const jamban2026 = body.items.filter((i) => i.helpType === 'jamban' && i.deliveredOn.startsWith('2026'));
    expect(jamban2026).toHaveLength(2);
    expect(jamban2026.every((i) => i.duplicate)).toBe(true);
    expect(body.items.find((i) => i.deliveredOn === '2025-06-01')?.duplicate).toBe(false);
    expect(body.items.find((i) => i.totalCost === 3_500_000)?.costs).toHaveLength(2);
  });

  it.each([
    ['admin', 200],
    ['operator', 200],
    ['mentor', 200],
    ['otherMentor', 404],
    ['viewer', 403],
    ['supervisor', 403],
  ] as const)('%s → %i', async (who, status) => {
    expect((await send(ctx, 'GET', url(), { cookie: ws[who].cookie })).statusCode).toBe(status);
  });

  it('401 without a session; 400 malformed; 404 no such family', async () => {
    expect((await send(ctx, 'GET', url())).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/families/x/interventions', { cookie: ws.admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/families/9999999/interventions', { cookie: ws.admin.cookie })).statusCode).toBe(404);
  });

  it('covers its endpoints', async () => {
    await expectEndpointsCovered(ctx, 'delivery');
  });
});

describe('calendar', () => {
  it('"today" is the program\'s local day: after 17:00 UTC a done intervention may carry tomorrow\'s UTC date', async () => {
    const before = ctx.clock.now;
    ctx.clock.now = new Date('2026-11-29T18:00:00Z'); // 01:00 WIB on 30 November
    try {
      const cookie = await loginCookie(ctx, ws.mentor.user.username); // the morning session has idled out
      const today = await send(ctx, 'POST', base(), { cookie, body: body({ deliveredOn: '2026-11-30' }) });
      expect(today.statusCode, today.body).toBe(201);
      const tomorrow = await send(ctx, 'POST', base(), { cookie, body: body({ deliveredOn: '2026-12-01' }) });
      expect(tomorrow.statusCode).toBe(400);
      expect((errorOf(tomorrow).details.issues as { path: string }[])[0]?.path).toBe('body.deliveredOn');
    } finally {
      ctx.clock.now = before;
    }
  });
});
