/**
 * Demo mode: one lived-in workspace so a newcomer sees the mentoring cycle at work — Dinkes
 * mentoring Bandengan in 2026: a village profile, registry proposals accepted and dismissed, an
 * approved plan, interventions to named (synthetic) families, monthly reports in every state, a
 * supervision visit with follow-ups and a spot-check. Kali Baros (Dinperkim) is left empty to try.
 * Everything goes through the services as the demo users would do it, so it is audited like real
 * work. Runs once (app_meta `demo_cycle`), after the synthetic registry exists.
 */
import { FundingSourceSchema } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Database } from '../db/client.ts';
import { rows } from '../db/client.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { INDICATORS } from '../modules/workspace/family-criteria.ts';
import { getMeta, setMeta } from './reference-data.ts';

const VILLAGE = '33.75.03.1009';
const TITLES: Record<string, string> = {
  stunting: 'Kelas gizi dan PMT balita',
  slum_wastewater: 'Bantuan jamban sehat keluarga',
  housing_rtlh: 'Rehab rumah tidak layak huni',
  slum_drinking_water: 'Sambungan air minum layak',
  education: 'Pendampingan kembali bersekolah',
  health: 'Pendaftaran JKN PBI',
};
const YEAR = 2026;

async function actor(database: Database, username: string): Promise<Actor | null> {
  const [u] = await rows<{
    id: number;
    username: string;
    full_name: string;
    role: Actor['role'];
    opd_id: number | null;
    village_code: string | null;
  }>(database.db, sql`select id, username, full_name, role, opd_id, village_code from users where username = ${username}`);
  if (!u) return null;
  return {
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    role: u.role,
    opdId: u.opd_id,
    villageCode: u.village_code,
    sessionId: '',
    ip: null,
  };
}

/** Months of the year up to (not including) the month of `today`, as `YYYY-MM-01`. */
function pastMonths(today: Date): string[] {
  const out: string[] = [];
  const last = today.getUTCFullYear() > YEAR ? 12 : today.getUTCMonth(); // months before the current one
  for (let m = 1; m <= last; m++) out.push(`${YEAR}-${String(m).padStart(2, '0')}-01`);
  return out;
}

export async function seedDemoCycle(database: Database, services: Services, log: (m: string) => void, now = new Date()): Promise<void> {
  if (await getMeta(database.db, 'demo_cycle')) return;
  const mentor = await actor(database, 'mentor.dinkes');
  const admin = await actor(database, 'admin');
  const supervisor = await actor(database, 'pengawas');
  const [pairing] = await rows<{ id: number }>(
    database.db,
    sql`select p.id from pairings p join program_years y on y.id = p.program_year_id
        where p.village_code = ${VILLAGE} and y.year = ${YEAR} and p.status = 'active' limit 1`,
  );
  if (!mentor || !admin || !supervisor || !pairing) {
    await setMeta(database.db, 'demo_cycle', { skipped: 'demo accounts or the Bandengan 2026 pairing are missing' });
    return;
  }
  const pid = pairing.id;
  const t0 = performance.now();

  // 1. Assessment: Form 1 profile, registry proposals (two accepted, one dismissed), one own problem.
  await services.assessment.putProfile(mentor, pid, {
    economy: [
      { kind: 'batik', name: 'Sentra batik cap rumahan', size: '14 usaha', note: 'Sebagian besar buruh batik harian' },
      { kind: 'fishery', name: 'Pengasapan ikan', size: '6 usaha', note: '' },
    ],
    institutions: { lpm: true, bkm: true, pkk: true, karangTaruna: true, posyanduCount: 5, others: 'Kelompok Wanita Tani' },
    infrastructure: {
      description: 'Drainase tersumbat di beberapa gang; jalan lingkungan sebagian rusak.',
      flags: { drainagePoor: true, roadsPoor: true, noSewerage: false, noWasteCollection: false, limitedCleanWater: false },
    },
    hazards: { flood: true, rob: true, affectedRws: ['001', '002'], note: 'Rob saat pasang tinggi, terutama Desember–Februari' },
    funding: [{ source: 'dana_kelurahan', amount: 350_000_000, year: YEAR, note: 'Pagu Dana Kelurahan' }],
    notes: 'Data demo (sintetis).',
  });
  const proposed = await services.assessment.propose(mentor, pid);
  const proposals = (await services.assessment.listProblems(mentor, pid, 'proposed'))
    .filter((p) => p.baselineValue !== null)
    .sort((a, b) => (b.baselineValue ?? 0) - (a.baselineValue ?? 0));
  const accepted = [];
  for (const p of proposals.slice(0, 2)) accepted.push(await services.assessment.acceptProblem(mentor, pid, p.id));
  const third = proposals[2];
  if (third) await services.assessment.dismissProblem(mentor, pid, third.id, 'Sudah ditangani program PAMSIMAS tahun lalu (demo)');
  const stunting = await services.assessment.createProblem(mentor, pid, {
    kind: 'problem',
    category: 'stunting',
    title: 'Balita stunting di RW 02',
    description: 'Posyandu mencatat balita stunting; sebagian keluarga belum ikut kelas gizi.',
    evidence: 'Rekap posyandu (demo)',
    severity: 'high',
    rw: '002',
    familyIds: [],
  });

  // 2. Plan: one item per accepted problem, targets by eligibility, submitted and approved.
  const items = [];
  for (const p of [...accepted, stunting]) {
    const item = await services.plans.createItem(mentor, pid, {
      problemId: p.id,
      title: TITLES[p.category] ?? `Penanganan: ${p.title}`,
      description: null,
      term: 'short',
      startYear: YEAR,
      endYear: YEAR,
      partners:
        p.category === 'stunting' ? [{ kind: 'community', name: 'Kader posyandu' }] : [{ kind: 'csr', name: 'CSR Bank daerah (demo)' }],
      helpType: p.category === 'stunting' ? 'pmt-balita' : p.category.startsWith('slum_wastewater') ? 'jamban' : 'bantuan-rumah',
      outputVolume: 10,
      outputUnit: p.category === 'stunting' ? 'balita' : 'keluarga',
      estimatedCost: 50_000_000,
      fundingSource: p.category === 'stunting' ? 'apbd_kota' : 'dana_kelurahan',
      planningChannel: 'dpa_current',
      dueOn: `${YEAR}-12-15`,
      indicatorTargets: p.indicatorKey
        ? [
            {
              name: p.title,
              unit: 'keluarga',
              indicatorKey: p.indicatorKey,
              target: Math.floor((p.baselineValue ?? 0) / 2),
              targetDate: `${YEAR}-12-31`,
            },
          ]
        : [],
    });
    if (p.rw && p.indicatorKey) {
      const criteria = { ...INDICATORS[p.indicatorKey].criteria, rw: p.rw };
      await services.plans.setTargetFamilies(mentor, pid, item.id, { criteria });
    }
    items.push(item);
  }
  await services.plans.submit(mentor, pid);
  await services.plans.review(admin, pid, 'approve', undefined);

  // 3. Delivery: interventions to the first target families, spread over the year.
  const months = pastMonths(now);
  let delivered = 0;
  for (const [i, item] of items.entries()) {
    const targets = (await services.plans.targetFamilies(mentor, pid, item.id)) as { items: { id: number }[] };
    const fams = targets.items.slice(0, 3);
    const month = months[Math.min(months.length - 1, 3 + i * 2)];
    if (!month || (fams.length === 0 && item.helpType !== 'pmt-balita')) continue;
    await services.delivery.create(mentor, pid, {
      planItemId: item.id,
      title: item.title,
      helpType: item.helpType,
      reach: fams.length ? 'families' : 'village',
      deliveredOn: month.replace(/01$/, '15'),
      outputVolume: Math.max(1, fams.length),
      outputUnit: item.outputUnit,
      status: 'done',
      notes: 'Data demo (sintetis).',
      beneficiaries: fams.map((f) => ({ familyId: f.id })),
      costs: [
        {
          fundingSource: FundingSourceSchema.catch('dana_kelurahan').parse(item.fundingSource),
          amount: 4_500_000 * Math.max(1, fams.length),
        },
      ],
    });
    delivered += 1;
  }

  // 4. Monthly reports: accepted up to three months ago, one returned, the last one submitted.
  for (const [i, month] of months.entries()) {
    const r = await services.reports.create(mentor, pid, month);
    await services.reports.update(mentor, pid, r.id, {
      narrative: `Kegiatan pendampingan bulan ini berjalan sesuai rencana (demo).`,
      obstacles: i % 3 === 0 ? 'Jadwal kader posyandu bentrok dengan kegiatan kelurahan.' : null,
      nextSteps: 'Melanjutkan verifikasi keluarga sasaran.',
    });
    await services.reports.submit(mentor, pid, r.id);
    const fromEnd = months.length - i;
    if (fromEnd === 2) await services.reports.returnReport(admin, pid, r.id, 'Lengkapi jumlah keluarga yang diverifikasi (demo)');
    else if (fromEnd > 2) await services.reports.accept(admin, pid, r.id);
  }

  // 5. Supervision: a visit with two follow-ups (one closed) and a spot-check of one intervention.
  const visitMonth = months.at(-2) ?? `${YEAR}-01-01`;
  const visit = await services.supervision.createVisit(supervisor, pid, {
    visitedOn: visitMonth.replace(/01$/, '20'),
    visitors: 'Inspektur Pembantu II; Kabid Sosbud Bappeda (demo)',
    findings: 'Bantuan diterima keluarga sasaran; dokumentasi foto belum lengkap.',
    followUps: [
      { action: 'Lengkapi foto bukti setiap intervensi', ownerName: 'Koordinator Dinkes', dueOn: visitMonth.replace(/01$/, '28') },
      { action: 'Jadwalkan kelas gizi kedua di RW 02', ownerName: 'Kader posyandu RW 02', dueOn: `${YEAR}-12-31` },
    ],
  });
  const first = visit.followUps[0];
  if (first) {
    await services.supervision.closeFollowUp(mentor, pid, first.id, {
      closedOn: visitMonth.replace(/01$/, '27'),
      closingNote: 'Foto bukti diunggah untuk semua intervensi (demo).',
    });
  }
  if (delivered > 0) await services.supervision.drawSpotCheck(supervisor, pid, { sampleSize: 1, seed: 'demo2026' });

  await setMeta(database.db, 'demo_cycle', { pairingId: pid, proposals: proposed, items: items.length, delivered, reports: months.length });
  log(`demo mentoring cycle for Bandengan (Dinkes) seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
