/**
 * Demo mode: accounts and a few pairings so a newcomer can click through at once.
 * Everything here is synthetic and labelled so (usernames, "DEMO" decree numbers); the regions and
 * OPD names are real. The real pairing list of Kota Pekalongan is not public (research/domain.md §2.4).
 */
import { sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Database } from '../db/client.ts';
import { rows } from '../db/client.ts';
import { SYSTEM } from '../modules/auth/actor.ts';
import { getMeta, setMeta } from './reference-data.ts';

export const DEMO_PASSWORD = 'Demo-Dampingan-2026';

export const DEMO_ACCOUNTS = [
  { username: 'admin', fullName: 'Admin Bappeda (demo)', role: 'admin' as const },
  { username: 'mentor.dinperkim', fullName: 'Pendamping Dinperkim (demo)', role: 'mentor' as const, opd: 'Dinperkim' },
  { username: 'mentor.dinkes', fullName: 'Pendamping Dinkes (demo)', role: 'mentor' as const, opd: 'Dinkes' },
  { username: 'operator.kalibaros', fullName: 'Operator Kelurahan Kali Baros (demo)', role: 'operator' as const, village: '33.75.02.1012' },
  { username: 'walikota', fullName: 'Wali Kota (demo, hanya baca)', role: 'viewer' as const },
  { username: 'pengawas', fullName: 'Pengawas Inspektorat (demo)', role: 'supervisor' as const },
];

/** [OPD abbreviation, village code, continuation] for 2026 (demo). */
const DEMO_PAIRINGS_2026: ReadonlyArray<[string, string, boolean]> = [
  ['Dinperkim', '33.75.02.1012', true],
  ['Dinkes', '33.75.03.1009', false],
  ['Dinsos-P2KB', '33.75.03.1004', true],
  ['DPUPR', '33.75.03.1007', false],
  ['Kec. Pekalongan Selatan', '33.75.04.1010', false],
];
const DEMO_PAIRINGS_2025: ReadonlyArray<[string, string]> = [
  ['Dinperkim', '33.75.02.1012'],
  ['Dinsos-P2KB', '33.75.03.1004'],
  ['DLH', '33.75.01.1008'],
];

export async function seedDemo(database: Database, services: Services, scope: string): Promise<boolean> {
  if (await getMeta(database.db, 'demo')) return false;
  if (scope !== '33.75') {
    await setMeta(database.db, 'demo', { skipped: `demo pairings exist only for 33.75, scope is ${scope}` });
  }
  const opdId = async (abbr: string) => {
    const [r] = await rows<{ id: number }>(database.db, sql`select id from opds where abbreviation = ${abbr}`);
    if (!r) throw new Error(`demo seed: OPD ${abbr} missing`);
    return r.id;
  };
  const ids: Record<string, number> = {};
  for (const a of DEMO_ACCOUNTS) {
    if (scope !== '33.75' && a.role !== 'admin') continue;
    const u = await services.users.create(
      SYSTEM,
      {
        username: a.username,
        fullName: a.fullName,
        role: a.role,
        opdId: 'opd' in a && a.opd ? await opdId(a.opd) : null,
        villageCode: 'village' in a ? a.village : null,
        password: DEMO_PASSWORD,
      },
      { mustChangePassword: false },
    );
    ids[a.username] = u.id;
  }
  if (scope === '33.75') {
    const program = await services.programs.create(SYSTEM, {
      name: 'Satu Perangkat Daerah, Satu Kelurahan Dampingan',
      scopeCode: '33.75',
      decreeType: 'sk_wali_kota',
      decreeNumber: 'DEMO/2021 (nomor SK asli belum diketahui)',
      decreeDate: '2021-12-22',
      decreeIssuer: 'Wali Kota Pekalongan',
      startYear: 2022,
      endYear: null,
      oneVillagePerOpd: true,
    });
    let p = await services.programs.addYear(SYSTEM, program.id, { year: 2025, status: 'active' });
    const y2025 = p.years.find((y) => y.year === 2025)?.id as number;
    for (const [abbr, village] of DEMO_PAIRINGS_2025) {
      await services.pairings.create(SYSTEM, y2025, {
        opdId: await opdId(abbr),
        villageCode: village,
        decreeNumber: 'DEMO/2025',
        decreeDate: '2025-01-15',
        continuation: false,
        mentors: [],
      });
    }
    await services.programs.setYearStatus(SYSTEM, y2025, 'closed');
    p = await services.programs.addYear(SYSTEM, program.id, { year: 2026, status: 'active' });
    const y2026 = p.years.find((y) => y.year === 2026)?.id as number;
    for (const [abbr, village, cont] of DEMO_PAIRINGS_2026) {
      const mentors =
        abbr === 'Dinperkim'
          ? [
              { userId: ids['mentor.dinperkim'] as number, role: 'coordinator' as const },
              { userId: ids['operator.kalibaros'] as number, role: 'kelurahan_liaison' as const },
            ]
          : abbr === 'Dinkes'
            ? [{ userId: ids['mentor.dinkes'] as number, role: 'coordinator' as const }]
            : [];
      await services.pairings.create(SYSTEM, y2026, {
        opdId: await opdId(abbr),
        villageCode: village,
        decreeNumber: 'DEMO/2026',
        decreeDate: '2026-01-12',
        continuation: cont,
        mentors,
      });
    }
  }
  await setMeta(database.db, 'demo', { seededAt: new Date().toISOString(), accounts: DEMO_ACCOUNTS.map((a) => a.username) });
  return true;
}

/**
 * Demo mode starts with a synthetic Kota Pekalongan registry (marked synthetic everywhere),
 * generated and imported through the same pipeline as real files. DEMO_FAMILIES sets its size.
 */
export async function seedDemoRegistry(database: Database, scope: string, families: number, log: (m: string) => void): Promise<void> {
  if (await getMeta(database.db, 'demo_registry')) return;
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from families`);
  if (n > 0) return;
  const os = await import('node:os');
  const path = await import('node:path');
  const fs = await import('node:fs');
  const { writeRegistryFile } = await import('../modules/registry/synthetic/generate.ts');
  const { runImport } = await import('../modules/registry/registry.import.ts');
  const file = path.join(os.tmpdir(), `dampingan-demo-${process.pid}.csv`);
  try {
    const t0 = performance.now();
    const gen = await writeRegistryFile(file, { scope, families, seed: 2026, snapshot: 1 });
    const summary = await runImport(database, {
      filePath: file,
      fileName: `SINTETIS-${scope}-${families}.csv`,
      sourceKind: 'synthetic',
      period: '2026-09-30',
      datasetLabel: 'Data sintetis untuk demo (bukan data warga sungguhan)',
      scope,
    });
    await setMeta(database.db, 'demo_registry', { importId: summary.importId, families: gen.families, persons: gen.persons });
    log(
      `synthetic registry: ${gen.families} families, ${gen.persons} persons imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } finally {
    fs.rmSync(file, { force: true });
  }
}
