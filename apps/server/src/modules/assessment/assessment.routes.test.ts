/**
 * The assessment step through the HTTP API: the village profile (Form 1), problems and potentials,
 * the registry's proposals (accept / dismiss, never twice), and the families' field verification
 * (Form 2). Each describe uses its own village so counts are exact; every change is audited.
 */

import { type LowWelfarePage, type Problem, type ProposeResult, programDate, type VillageProfile } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { createTestContext, errorOf, send, type TestContext } from '../../test/harness.ts';
import { removeTmpFiles } from '../registry/registry.test-support.ts';
import { type LoadedFamily, loadFamilies, type MadeWorkspace, makeWorkspace, simpleFamilies } from '../workspace/workspace.test-support.ts';
import { proposalTitle } from './assessment.service.ts';
import { isBeforeDecember, padRw, rwLabel } from './dates.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
  removeTmpFiles();
});

async function auditOf(entityType: string, entityId: string | number) {
  return rows<{ action: string; before: unknown; after: unknown; reason: string | null; actor_id: number | null }>(
    ctx.database.db,
    sql`select action, before, after, reason, actor_id from audit_log
        where entity_type = ${entityType} and entity_id = ${String(entityId)} order by id`,
  );
}

describe('dates and titles', () => {
  it('takes today in WIB from the clock and pads RWs', () => {
    expect(programDate(new Date('2026-11-30T18:00:00Z'))).toBe('2026-12-01');
    expect(isBeforeDecember('2026-11-30', 2026)).toBe(true);
    expect(isBeforeDecember('2026-12-01', 2026)).toBe(false);
    expect(padRw('3')).toBe('003');
    expect(rwLabel('003')).toBe('03');
    expect(proposalTitle('no_own_toilet_desil_1_4', 212, '003').id).toBe('212 keluarga desil 1–4 tanpa jamban sendiri di RW 03');
  });
});

describe('village profile (Form 1)', () => {
  let ws: MadeWorkspace;
  const url = () => `/api/pairings/${ws.pairing.id}/village-profile`;
  const profile = {
    economy: [{ kind: 'batik', name: 'Sentra batik tulis Kauman', size: '14 usaha', note: 'Sebagian besar pengrajin rumahan' }],
    institutions: { lpm: true, bkm: true, pkk: true, karangTaruna: false, posyanduCount: 4, others: 'Kelompok nelayan' },
    infrastructure: { description: 'Jalan lingkungan rusak di RW 03', flags: { roadsPoor: true, drainagePoor: true } },
    hazards: { flood: true, rob: true, affectedRws: ['003', '4'], note: 'Rob tiap bulan purnama' },
    funding: [{ source: 'dana_kelurahan', amount: 350_000_000, year: 2026, note: '' }],
  };

  beforeAll(async () => {
    ws = await makeWorkspace(ctx, { villageCode: '33.75.01.1002', otherVillageCode: '33.75.01.1003' });
  });

  it('is empty until first saved, for everyone who can read the workspace', async () => {
    for (const who of ['mentor', 'admin', 'viewer', 'supervisor'] as const) {
      const res = await send(ctx, 'GET', url(), { cookie: ws[who].cookie });
      expect(res.statusCode).toBe(200);
      const body = res.json() as VillageProfile;
      expect(body.saved).toBe(false);
      expect(body.data.economy).toEqual([]);
    }
  });

  it('401 without a session, 400 for a malformed id, 404 for another OPD', async () => {
    expect((await send(ctx, 'GET', url())).statusCode).toBe(401);
    expect((await send(ctx, 'PUT', url(), { body: profile })).statusCode).toBe(401);
    expect((await send(ctx, 'GET', '/api/pairings/x/village-profile', { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', url(), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'PUT', url(), { cookie: ws.otherMentor.cookie, body: profile })).statusCode).toBe(404);
  });

  it('viewer, supervisor and admin may not write it (403)', async () => {
    for (const who of ['viewer', 'supervisor', 'admin'] as const) {
      expect((await send(ctx, 'PUT', url(), { cookie: ws[who].cookie, body: profile })).statusCode).toBe(403);
    }
  });

  it('400 names the bad field', async () => {
    const bad = { ...profile, funding: [{ source: 'lottery', amount: -5, year: 2026 }] };
    const res = await send(ctx, 'PUT', url(), { cookie: ws.mentor.cookie, body: bad });
    expect(res.statusCode).toBe(400);
    const paths = (errorOf(res).details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toContain('body.funding.0.source');
    expect(paths).toContain('body.funding.0.amount');
  });

  it('the mentor saves it, the operator edits it; both are audited with before and after', async () => {
    const res = await send(ctx, 'PUT', url(), { cookie: ws.mentor.cookie, body: profile });
    expect(res.statusCode).toBe(200);
    const saved = res.json() as VillageProfile;
    expect(saved.saved).toBe(true);
    expect(saved.data.economy[0]?.name).toBe('Sentra batik tulis Kauman');
    expect(saved.data.infrastructure.flags.noSewerage).toBe(false);
    expect(saved.data.hazards.affectedRws).toEqual(['003', '4']);
    expect(saved.updatedByName).toBe(ws.mentor.user.fullName);

    const edited = { ...profile, institutions: { ...profile.institutions, posyanduCount: 5 } };
    const res2 = await send(ctx, 'PUT', url(), { cookie: ws.operator.cookie, body: edited });
    expect(res2.statusCode).toBe(200);
    const asViewer = (await send(ctx, 'GET', url(), { cookie: ws.viewer.cookie })).json() as VillageProfile;
    expect(asViewer.data.institutions.posyanduCount).toBe(5);

    const log = await auditOf('village_profile', ws.pairing.id);
    expect(log.map((l) => l.action)).toEqual(['village_profile.create', 'village_profile.update']);
    expect(log[0]?.before).toBeNull();
    expect(log[1]).toMatchObject({ before: { institutions: { posyanduCount: 4 } }, after: { institutions: { posyanduCount: 5 } } });
    expect(log[1]?.actor_id).toBe(ws.operator.user.id);
  });
});

describe('problems and potentials', () => {
  let ws: MadeWorkspace;
  let mine: LoadedFamily[];
  let theirs: LoadedFamily[];
  const url = () => `/api/pairings/${ws.pairing.id}/problems`;
  const VILLAGE = '33.75.01.1012';

  beforeAll(async () => {
    ws = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: '33.75.02.1002' });
    mine = await loadFamilies(ctx, simpleFamilies(VILLAGE, 3, { desil: 2, toilet: 'none', rw: '005' }));
    theirs = await loadFamilies(ctx, simpleFamilies('33.75.02.1002', 1, { desil: 2 }));
  });

  const input = (o: Record<string, unknown> = {}) => ({
    kind: 'problem',
    category: 'slum_drainage',
    title: 'Saluran RW 05 tersumbat',
    description: 'Genangan setelah hujan',
    evidence: 'Survei lapangan 3 Maret',
    severity: 'high',
    rw: '5',
    rt: '2',
    familyIds: [mine[0]?.id, mine[1]?.id],
    ...o,
  });

  it('a mentor records a problem with its affected families; audited', async () => {
    const res = await send(ctx, 'POST', url(), { cookie: ws.mentor.cookie, body: input() });
    expect(res.statusCode).toBe(201);
    const p = res.json() as Problem;
    expect(p).toMatchObject({ status: 'accepted', origin: 'mentor', rw: '005', severity: 'high', indicatorKey: null });
    expect(p.familyIds).toEqual([mine[0]?.id, mine[1]?.id].sort((a, b) => (a ?? 0) - (b ?? 0)));
    const log = await auditOf('problem', p.id);
    expect(log.map((l) => l.action)).toEqual(['problem.create']);
  });

  it('a family of another village is refused with a 400 naming the id', async () => {
    const other = theirs[0]?.id;
    const res = await send(ctx, 'POST', url(), { cookie: ws.mentor.cookie, body: input({ familyIds: [mine[0]?.id, other] }) });
    expect(res.statusCode).toBe(400);
    const issues = errorOf(res).details.issues as { path: string; message: string }[];
    expect(issues).toEqual([{ path: 'body.familyIds.1', message: expect.stringContaining(String(other)) }]);
  });

  it('400 for a missing title or a bad category; 401; 403 for viewer and supervisor; 404 for another OPD', async () => {
    const bad = await send(ctx, 'POST', url(), { cookie: ws.mentor.cookie, body: input({ title: '', category: 'weather' }) });
    expect(bad.statusCode).toBe(400);
    const paths = (errorOf(bad).details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.category']));
    expect((await send(ctx, 'POST', url(), { body: input() })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', url(), { cookie: ws.viewer.cookie, body: input() })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', url(), { cookie: ws.supervisor.cookie, body: input() })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', url(), { cookie: ws.otherMentor.cookie, body: input() })).statusCode).toBe(404);
    expect((await send(ctx, 'GET', url(), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
  });

  it('with an indicator key the baseline is counted from the registry at creation (restricted to the RW)', async () => {
    const res = await send(ctx, 'POST', url(), {
      cookie: ws.operator.cookie,
      body: input({ title: 'Jamban RW 05', indicatorKey: 'no_own_toilet_desil_1_4', familyIds: [] }),
    });
    expect(res.statusCode).toBe(201);
    const p = res.json() as Problem;
    expect(p.baselineValue).toBe(3);
    expect(p.baselineDate).toBe('2026-11-29');
    const elsewhere = await send(ctx, 'POST', url(), {
      cookie: ws.operator.cookie,
      body: input({ title: 'Jamban RW 09', rw: '9', indicatorKey: 'no_own_toilet_desil_1_4', familyIds: [] }),
    });
    expect((elsewhere.json() as Problem).baselineValue).toBe(0);
  });

  it('lists for every reader; filters by status; 400 for a bad status; 401', async () => {
    const all = await send(ctx, 'GET', url(), { cookie: ws.viewer.cookie });
    expect(all.statusCode).toBe(200);
    expect((all.json() as { items: Problem[] }).items.length).toBe(3);
    const proposed = await send(ctx, 'GET', `${url()}?status=proposed`, { cookie: ws.admin.cookie });
    expect((proposed.json() as { items: Problem[] }).items).toEqual([]);
    expect((await send(ctx, 'GET', `${url()}?status=gone`, { cookie: ws.admin.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', url())).statusCode).toBe(401);
  });

  it('edits a problem (fields and families), audited with before and after', async () => {
    const list = (await send(ctx, 'GET', url(), { cookie: ws.mentor.cookie })).json() as { items: Problem[] };
    const p = list.items[0] as Problem;
    const u = `${url()}/${p.id}`;
    const res = await send(ctx, 'PATCH', u, {
      cookie: ws.mentor.cookie,
      body: { title: 'Saluran RW 05 tersumbat sampah', familyIds: [mine[2]?.id] },
    });
    expect(res.statusCode).toBe(200);
    const after = res.json() as Problem;
    expect(after.title).toBe('Saluran RW 05 tersumbat sampah');
    expect(after.familyIds).toEqual([mine[2]?.id]);
    expect(after.severity).toBe('high');
    const log = await auditOf('problem', p.id);
    expect(log.at(-1)).toMatchObject({
      action: 'problem.update',
      before: { title: 'Saluran RW 05 tersumbat' },
      after: { title: 'Saluran RW 05 tersumbat sampah' },
    });

    expect((await send(ctx, 'PATCH', u, { cookie: ws.mentor.cookie, body: { severity: 'extreme' } })).statusCode).toBe(400);
    expect((await send(ctx, 'PATCH', u, { cookie: ws.mentor.cookie, body: { familyIds: [theirs[0]?.id] } })).statusCode).toBe(400);
    expect((await send(ctx, 'PATCH', u, { body: { title: 'x y z' } })).statusCode).toBe(401);
    expect((await send(ctx, 'PATCH', u, { cookie: ws.viewer.cookie, body: { title: 'x y z' } })).statusCode).toBe(403);
    expect((await send(ctx, 'PATCH', u, { cookie: ws.otherMentor.cookie, body: { title: 'x y z' } })).statusCode).toBe(404);
    // a problem of another pairing is not found through this one
    const viaOther = `/api/pairings/${ws.otherPairing.id}/problems/${p.id}`;
    expect((await send(ctx, 'PATCH', viaOther, { cookie: ws.otherMentor.cookie, body: { title: 'Bukan milik saya' } })).statusCode).toBe(
      404,
    );
  });

  it('dismiss needs a reason (400); then the problem is closed, never deleted', async () => {
    const list = (await send(ctx, 'GET', url(), { cookie: ws.mentor.cookie })).json() as { items: Problem[] };
    const p = list.items[0] as Problem;
    const u = `${url()}/${p.id}/dismiss`;
    const noReason = await send(ctx, 'POST', u, { cookie: ws.mentor.cookie, body: {} });
    expect(noReason.statusCode).toBe(400);
    expect((errorOf(noReason).details.issues as { path: string }[])[0]?.path).toBe('body.reason');
    expect((await send(ctx, 'POST', u, { cookie: ws.mentor.cookie, body: { reason: 'ok' } })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', u, { body: { reason: 'Sudah ditangani kelurahan' } })).statusCode).toBe(401);
    expect((await send(ctx, 'POST', u, { cookie: ws.supervisor.cookie, body: { reason: 'Sudah ditangani kelurahan' } })).statusCode).toBe(
      403,
    );
    const res = await send(ctx, 'POST', u, { cookie: ws.mentor.cookie, body: { reason: 'Sudah ditangani kelurahan' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dismissed', dismissedReason: 'Sudah ditangani kelurahan' });
    expect((await send(ctx, 'POST', u, { cookie: ws.mentor.cookie, body: { reason: 'Sekali lagi ditolak' } })).statusCode).toBe(409);
    expect((await send(ctx, 'PATCH', `${url()}/${p.id}`, { cookie: ws.mentor.cookie, body: { title: 'Ubah lagi' } })).statusCode).toBe(409);
    const log = await auditOf('problem', p.id);
    expect(log.at(-1)).toMatchObject({ action: 'problem.dismiss', reason: 'Sudah ditangani kelurahan', after: { status: 'dismissed' } });
    const [still] = await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from problems where id = ${p.id}`);
    expect(still?.n).toBe(1);
  });

  it('a problem answered by an active plan item cannot be dismissed until the item is cancelled (409)', async () => {
    const created = (
      await send(ctx, 'POST', url(), { cookie: ws.mentor.cookie, body: input({ title: 'Rumah tidak layak huni RW 05' }) })
    ).json() as Problem;
    await ctx.database.db.execute(
      sql`insert into plan_items (pairing_id, problem_id, title, term, start_year, end_year, responsible_opd_id, help_type)
          values (${ws.pairing.id}, ${created.id}, 'Bedah rumah', 'short', 2026, 2026, ${ws.opdId}, 'rtlh')`,
    );
    const res = await send(ctx, 'POST', `${url()}/${created.id}/dismiss`, {
      cookie: ws.mentor.cookie,
      body: { reason: 'Salah catat masalah' },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('registry proposals', () => {
  let ws: MadeWorkspace;
  let rw3: LoadedFamily[];
  const VILLAGE = '33.75.02.1004';
  const url = () => `/api/pairings/${ws.pairing.id}/problems`;

  beforeAll(async () => {
    ws = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: '33.75.02.1007' });
    rw3 = await loadFamilies(ctx, simpleFamilies(VILLAGE, 3, { desil: 2, toilet: 'none', rw: '003' }));
    await loadFamilies(ctx, [
      ...simpleFamilies(VILLAGE, 2, { desil: 1, toilet: 'shared', rw: '4' }),
      ...simpleFamilies(VILLAGE, 2, { desil: 8, toilet: 'none', rw: '004' }),
      ...simpleFamilies(VILLAGE, 1, { desil: 3, toilet: 'own', rw: '004' }),
    ]);
  });

  it('refuses viewers (403), strangers (404), no session (401) and a malformed id (400)', async () => {
    expect((await send(ctx, 'POST', `${url()}/propose`, { cookie: ws.viewer.cookie })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', `${url()}/propose`, { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
    expect((await send(ctx, 'POST', `${url()}/propose`)).statusCode).toBe(401);
    expect((await send(ctx, 'POST', '/api/pairings/0/problems/propose', { cookie: ws.mentor.cookie })).statusCode).toBe(400);
  });

  it('proposes one problem per indicator and RW with the count as baseline and the families linked', async () => {
    const res = await send(ctx, 'POST', `${url()}/propose`, { cookie: ws.mentor.cookie });
    expect(res.statusCode).toBe(200);
    const body = res.json() as ProposeResult;
    const byKey = new Map(body.created.map((p) => [p.proposalKey, p]));
    // pure desil counts are context, not problems; desil 8 families do not count
    expect([...byKey.keys()].sort()).toEqual(['no_own_toilet_desil_1_4:rw003', 'no_own_toilet_desil_1_4:rw004']);
    const p3 = byKey.get('no_own_toilet_desil_1_4:rw003') as Problem;
    expect(p3).toMatchObject({
      status: 'proposed',
      origin: 'registry',
      category: 'slum_wastewater',
      indicatorKey: 'no_own_toilet_desil_1_4',
      baselineValue: 3,
      baselineDate: '2026-11-29',
      rw: '003',
      title: '3 keluarga desil 1–4 tanpa jamban sendiri di RW 03',
    });
    expect(p3.familyIds).toEqual(rw3.map((f) => f.id).sort((a, b) => a - b));
    expect(byKey.get('no_own_toilet_desil_1_4:rw004')?.baselineValue).toBe(2);
    const log = await auditOf('problem', p3.id);
    expect(log.map((l) => l.action)).toEqual(['problem.propose']);
  });

  it('proposing again proposes nothing twice; a dismissed proposal stays dismissed', async () => {
    const list = (await send(ctx, 'GET', `${url()}?status=proposed`, { cookie: ws.mentor.cookie })).json() as { items: Problem[] };
    expect(list.items.length).toBe(2);
    const [a, b] = list.items as [Problem, Problem];
    const dismissed = await send(ctx, 'POST', `${url()}/${a.id}/dismiss`, {
      cookie: ws.mentor.cookie,
      body: { reason: 'Sudah ada program sanitasi' },
    });
    expect(dismissed.statusCode).toBe(200);
    const accepted = await send(ctx, 'POST', `${url()}/${b.id}/accept`, { cookie: ws.operator.cookie });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', origin: 'registry' });

    // more families arrive; proposing again adds nothing for the same indicator and RW
    await loadFamilies(ctx, simpleFamilies(VILLAGE, 2, { desil: 2, toilet: 'none', rw: '003' }));
    const again = (await send(ctx, 'POST', `${url()}/propose`, { cookie: ws.mentor.cookie })).json() as ProposeResult;
    expect(again.created).toEqual([]);
    expect(again.skipped).toBe(2);
    const all = (await send(ctx, 'GET', url(), { cookie: ws.mentor.cookie })).json() as { items: Problem[] };
    expect(all.items.length).toBe(2);
    expect(all.items.find((p) => p.id === a.id)?.status).toBe('dismissed');
    expect((await auditOf('problem', b.id)).map((l) => l.action)).toEqual(['problem.propose', 'problem.accept']);
  });

  it('the RW of a problem with an indicator cannot change (its baseline was counted there)', async () => {
    const list = (await send(ctx, 'GET', `${url()}?status=accepted`, { cookie: ws.mentor.cookie })).json() as { items: Problem[] };
    const p = list.items[0] as Problem;
    const res = await send(ctx, 'PATCH', `${url()}/${p.id}`, { cookie: ws.mentor.cookie, body: { rw: '9' } });
    expect(res.statusCode).toBe(400);
    expect((errorOf(res).details.issues as { path: string }[])[0]?.path).toBe('body.rw');
    const same = await send(ctx, 'PATCH', `${url()}/${p.id}`, {
      cookie: ws.mentor.cookie,
      body: { rw: p.rw?.replace(/^0+/, ''), severity: 'high' },
    });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ rw: p.rw, severity: 'high' });
  });

  it('accept: only a proposal (409 otherwise); 401, 403, 400, 404', async () => {
    const list = (await send(ctx, 'GET', `${url()}?status=accepted`, { cookie: ws.mentor.cookie })).json() as { items: Problem[] };
    const p = list.items[0] as Problem;
    const u = `${url()}/${p.id}/accept`;
    expect((await send(ctx, 'POST', u, { cookie: ws.mentor.cookie })).statusCode).toBe(409);
    expect((await send(ctx, 'POST', u)).statusCode).toBe(401);
    expect((await send(ctx, 'POST', u, { cookie: ws.viewer.cookie })).statusCode).toBe(403);
    expect((await send(ctx, 'POST', `${url()}/abc/accept`, { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'POST', `${url()}/999999/accept`, { cookie: ws.mentor.cookie })).statusCode).toBe(404);
  });
});

describe('low-welfare families (Form 2)', () => {
  let ws: MadeWorkspace;
  let fams: LoadedFamily[];
  let stranger: LoadedFamily[];
  const VILLAGE = '33.75.02.1008';
  const url = () => `/api/pairings/${ws.pairing.id}/low-welfare-families`;
  const vurl = (id: number | undefined) => `/api/pairings/${ws.pairing.id}/verifications/${id}`;

  beforeAll(async () => {
    ws = await makeWorkspace(ctx, { villageCode: VILLAGE, otherVillageCode: '33.75.02.1009' });
    fams = await loadFamilies(ctx, [
      ...simpleFamilies(VILLAGE, 3, { desil: 1, rw: '001', namePrefix: 'Kepala Satu' }),
      ...simpleFamilies(VILLAGE, 2, { desil: 4, rw: '002', namePrefix: 'Kepala Empat' }),
      ...simpleFamilies(VILLAGE, 2, { desil: 6, rw: '002', namePrefix: 'Kepala Enam' }),
    ]);
    stranger = await loadFamilies(ctx, simpleFamilies('33.75.02.1009', 1, { desil: 1 }));
  });

  it('lists the active desil 1–4 families with names for authors and admins', async () => {
    for (const who of ['mentor', 'operator', 'admin'] as const) {
      const res = await send(ctx, 'GET', url(), { cookie: ws[who].cookie });
      expect(res.statusCode).toBe(200);
      const page = res.json() as LowWelfarePage;
      expect(page.total).toBe(5);
      expect(page.counts).toMatchObject({ total: 5, unverified: 5, confirmed: 0 });
      expect(page.namesHidden).toBe(false);
      expect(page.items.map((i) => i.headName)).toContain('Kepala Satu 1');
      expect(page.items.map((i) => i.familyId)).not.toContain(fams[5]?.id);
    }
  });

  it('viewer and supervisor see aggregates only: no names', async () => {
    for (const who of ['viewer', 'supervisor'] as const) {
      const page = (await send(ctx, 'GET', url(), { cookie: ws[who].cookie })).json() as LowWelfarePage;
      expect(page.namesHidden).toBe(true);
      expect(page.items.length).toBe(5);
      expect(page.items.every((i) => i.headName === null)).toBe(true);
    }
  });

  it('paginates and filters by RW; 400 for a bad limit; 401; 404 for another OPD', async () => {
    const page = (await send(ctx, 'GET', `${url()}?rw=2&limit=1&offset=1`, { cookie: ws.mentor.cookie })).json() as LowWelfarePage;
    expect(page.total).toBe(2);
    expect(page.items.length).toBe(1);
    expect(page.counts.total).toBe(2);
    expect((await send(ctx, 'GET', `${url()}?limit=0`, { cookie: ws.mentor.cookie })).statusCode).toBe(400);
    expect((await send(ctx, 'GET', url())).statusCode).toBe(401);
    expect((await send(ctx, 'GET', url(), { cookie: ws.otherMentor.cookie })).statusCode).toBe(404);
  });

  it('an author records a verification; counts and filter follow; audited with before and after', async () => {
    const id = fams[0]?.id;
    const res = await send(ctx, 'PUT', vurl(id), { cookie: ws.mentor.cookie, body: { status: 'needs_help', note: 'Atap bocor' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ familyId: id, status: 'needs_help', note: 'Atap bocor', verifiedOn: '2026-11-29' });
    const again = await send(ctx, 'PUT', vurl(id), { cookie: ws.operator.cookie, body: { status: 'improved', verifiedOn: '2026-11-20' } });
    expect(again.json()).toMatchObject({
      status: 'improved',
      note: null,
      verifiedOn: '2026-11-20',
      verifiedByName: ws.operator.user.fullName,
    });

    const page = (await send(ctx, 'GET', `${url()}?status=improved`, { cookie: ws.mentor.cookie })).json() as LowWelfarePage;
    expect(page.items.map((i) => i.familyId)).toEqual([id]);
    expect(page.counts).toMatchObject({ total: 5, unverified: 4, improved: 1 });
    const unverified = (await send(ctx, 'GET', `${url()}?status=unverified`, { cookie: ws.mentor.cookie })).json() as LowWelfarePage;
    expect(unverified.total).toBe(4);

    const log = await auditOf('family_verification', `${ws.pairing.id}:${id}`);
    expect(log.map((l) => l.action)).toEqual(['family_verification.create', 'family_verification.update']);
    expect(log[1]).toMatchObject({ before: { status: 'needs_help' }, after: { status: 'improved' } });
  });

  it('refuses a family of another village (400), a bad status (400), no session (401), viewers (403), strangers (404)', async () => {
    const res = await send(ctx, 'PUT', vurl(stranger[0]?.id), { cookie: ws.mentor.cookie, body: { status: 'confirmed' } });
    expect(res.statusCode).toBe(400);
    expect((errorOf(res).details.issues as { path: string }[])[0]?.path).toBe('params.familyId');
    expect((await send(ctx, 'PUT', vurl(fams[1]?.id), { cookie: ws.mentor.cookie, body: { status: 'rich' } })).statusCode).toBe(400);
    expect((await send(ctx, 'PUT', vurl(fams[1]?.id), { body: { status: 'confirmed' } })).statusCode).toBe(401);
    expect((await send(ctx, 'PUT', vurl(fams[1]?.id), { cookie: ws.viewer.cookie, body: { status: 'confirmed' } })).statusCode).toBe(403);
    expect((await send(ctx, 'PUT', vurl(fams[1]?.id), { cookie: ws.supervisor.cookie, body: { status: 'confirmed' } })).statusCode).toBe(
      403,
    );
    expect((await send(ctx, 'PUT', vurl(fams[1]?.id), { cookie: ws.otherMentor.cookie, body: { status: 'confirmed' } })).statusCode).toBe(
      404,
    );
  });

  it('covers its endpoints', async () => {
    await expectEndpointsCovered(ctx, 'assessment');
  });
});
