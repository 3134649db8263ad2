/**
 * Test support for the registry's service and route tests (imported only by *.test.ts):
 * hand-made registry files whose names and numbers the test controls, a reader for the synthetic
 * generator's CSV (to compute what an import must do), and a fingerprint of the registry tables.
 *
 * Hand-made NIK and No KK use serials from 8001 up: the synthetic generator counts serials from
 * 0001 per twelve-digit prefix (and births down from 9999), so a few hundred synthetic families
 * never reach them and the two can share one test database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rows } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';

let serial = 8000;
const nextSerial = () => String(++serial).padStart(4, '0');

const kecOf = (villageCode: string) => villageCode.slice(0, 8).replaceAll('.', '');

/** A NIK whose date part matches the birth date (day + 40 for women), in the village's kecamatan. */
export function makeNik(villageCode: string, birthDate: string, sex: 'male' | 'female'): string {
  const [y = '', m = '', d = ''] = birthDate.split('-');
  const day = String(Number(d) + (sex === 'female' ? 40 : 0)).padStart(2, '0');
  return `${kecOf(villageCode)}${day}${m}${y.slice(2)}${nextSerial()}`;
}

/** A No KK issued on `issued` in the village's kecamatan. */
export function makeNoKk(villageCode: string, issued = '2015-06-01'): string {
  const [y = '', m = '', d = ''] = issued.split('-');
  return `${kecOf(villageCode)}${d}${m}${y.slice(2)}${nextSerial()}`;
}

export interface PersonInput {
  nik?: string;
  name: string;
  sex?: 'male' | 'female';
  birthDate?: string;
  relationship?: string;
  motherName?: string;
}

export interface FamilyInput {
  noKk?: string;
  villageCode: string;
  address?: string;
  rt?: string;
  rw?: string;
  desil?: number | null;
  toilet?: string | null;
  members: PersonInput[];
}

export interface MadeFamily {
  noKk: string;
  villageCode: string;
  members: (Required<Omit<PersonInput, 'motherName'>> & { motherName: string })[];
}

const HAND_COLUMNS = [
  'noKk',
  'villageCode',
  'address',
  'rt',
  'rw',
  'desil',
  'toilet',
  'nik',
  'name',
  'sex',
  'birthDate',
  'relationship',
  'motherName',
] as const;

/** Families as a registry CSV (contract field names as headers), with every identifier filled in. */
export function familiesCsv(families: FamilyInput[]): { text: string; families: MadeFamily[] } {
  const made: MadeFamily[] = [];
  const lines: string[] = [HAND_COLUMNS.join(',')];
  for (const f of families) {
    const noKk = f.noKk ?? makeNoKk(f.villageCode);
    const members = f.members.map((p, i) => {
      const sex = p.sex ?? (i === 1 ? 'female' : 'male');
      const birthDate = p.birthDate ?? (i === 0 ? '1975-08-17' : i === 1 ? '1979-02-03' : '2008-11-20');
      return {
        nik: p.nik ?? makeNik(f.villageCode, birthDate, sex),
        name: p.name,
        sex,
        birthDate,
        relationship: p.relationship ?? (i === 0 ? 'head' : i === 1 ? 'spouse' : 'child'),
        motherName: p.motherName ?? 'Sri Wahyuningsih',
      };
    });
    for (const m of members) {
      const cells: Record<(typeof HAND_COLUMNS)[number], string> = {
        noKk,
        villageCode: f.villageCode,
        address: f.address ?? 'Jl. Uji Coba No. 1',
        rt: f.rt ?? '001',
        rw: f.rw ?? '001',
        desil: f.desil === null ? '' : String(f.desil ?? 1),
        toilet: f.toilet === null ? '' : (f.toilet ?? 'own'),
        nik: m.nik,
        name: m.name,
        sex: m.sex,
        birthDate: m.birthDate,
        relationship: m.relationship,
        motherName: m.motherName,
      };
      lines.push(HAND_COLUMNS.map((c) => cells[c]).join(','));
    }
    made.push({ noKk, villageCode: f.villageCode, members });
  }
  return { text: `${lines.join('\n')}\n`, families: made };
}

let tmpRoot = '';
let fileNo = 0;
/** A path in this test run's temporary folder. */
export function tmpFile(name: string): string {
  if (!tmpRoot || !fs.existsSync(tmpRoot)) tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'dampingan-registry-test-'));
  fileNo += 1;
  return path.join(tmpRoot, `${fileNo}-${name}`);
}
/** Removes this run's temporary files (call once, in the file's last afterAll). */
export function removeTmpFiles(): void {
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
  tmpRoot = '';
}
export function writeTmp(name: string, content: string | Buffer): string {
  const file = tmpFile(name);
  fs.writeFileSync(file, content);
  return file;
}

/**
 * The synthetic generator's CSV as rows of cells by column name. Generated values never hold the
 * delimiter, a quote or a line break (synthetic/README.md), so a split is an exact reader.
 */
export function readGeneratedCsv(file: string, delimiter = ','): Record<string, string>[] {
  const [header = '', ...lines] = fs
    .readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .split('\n');
  const cols = header.split(delimiter);
  return lines.filter((l) => l.length > 0).map((l) => Object.fromEntries(l.split(delimiter).map((v, i) => [cols[i], v])));
}

/** Counts and content fingerprints of the registry tables (whole rows, timestamps included). */
export async function registryState(database: Database) {
  const [r] = await rows<{
    families: number;
    persons: number;
    snapshots: number;
    staged: number;
    families_md5: string;
    persons_md5: string;
    snapshots_md5: string;
  }>(
    database.db,
    sql`select (select count(*)::int from families) as families, (select count(*)::int from persons) as persons,
          (select count(*)::int from family_snapshots) as snapshots, (select count(*)::int from registry_stage) as staged,
          (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from families t) as families_md5,
          (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from persons t) as persons_md5,
          (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from family_snapshots t) as snapshots_md5`,
  );
  if (!r) throw new Error('no state');
  return r;
}

/** The Actor a service sees for a user made by the harness factories. */
export function actorFor(user: {
  id: number;
  username: string;
  fullName: string;
  role: Actor['role'];
  opdId: number | null;
  villageCode: string | null;
}): Actor {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    opdId: user.opdId,
    villageCode: user.villageCode,
    sessionId: '',
    ip: '127.0.0.1',
  };
}
