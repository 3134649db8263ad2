import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'apps/cli/bin/dampingan.mjs');

/** The valid family written by hand at the top of the file (all NIKs and No KK are synthetic). */
export const FAMILY = {
  noKk: '3375011506240917',
  noKkMasked: '3375**********17',
  head: { nik: '3375015708850917', nikMasked: '3375**********17', name: 'Sulastri Wulandari Ujicoba' },
  child: { nik: '3375011203120917', name: 'Bagus Ujicoba' },
} as const;

/** File line (= the report's "row") of each hand-made defect; line 1 is the header. */
export const DEFECT_ROWS = {
  scientificNik: 4,
  decimalNik: 5,
  impossibleDate: 6,
  desil11: 7,
  unknownVillage: 8,
} as const;

const FAMILY_FIELDS: Record<string, string> = {
  synthetic: '1',
  noKk: FAMILY.noKk,
  sourceId: 'E2E-0917',
  villageCode: '33.75.01.1002',
  address: 'Jl. Uji Impor No. 7',
  rt: '004',
  rw: '002',
  desil: '2',
  tenure: 'own',
  floorAreaM2: '24',
  floorType: 'earth',
  wallType: 'woven_bamboo',
  wallCondition: 'poor',
  roofType: 'zinc',
  roofCondition: 'poor',
  drinkingWater: 'refill',
  toilet: 'none',
  sewage: 'water_body',
  lighting: 'pln_unmetered',
  electricityVa: '450',
  cookingFuel: 'wood',
  assets: 'lpg_3kg|smartphone',
  familyPrograms: 'pkh|bpnt',
};
const PERSON_FIELDS: Record<string, string> = {
  birthPlace: 'Pekalongan',
  education: 'sd',
  schoolParticipation: 'not_attending',
  workStatus: 'working',
  chronicIllness: '0',
  jkn: 'pbi',
  personPrograms: 'pbi_jk',
  motherName: 'Painem Sukarti',
};

/** Rows 2–8: a valid two-person family, then one row per defect of the brief. */
function handRows(header: string[]): string[] {
  const row = (fields: Record<string, string>) => header.map((h) => fields[h] ?? '').join(';');
  const person = (extra: Record<string, string>) => row({ ...FAMILY_FIELDS, ...PERSON_FIELDS, ...extra });
  return [
    person({ nik: FAMILY.head.nik, name: FAMILY.head.name, sex: 'female', birthDate: '1985-08-17', relationship: 'head' }),
    person({
      nik: FAMILY.child.nik,
      name: FAMILY.child.name,
      sex: 'male',
      birthDate: '2012-03-12',
      relationship: 'child',
      motherName: FAMILY.head.name,
      schoolParticipation: 'attending',
      workStatus: 'school',
    }),
    // Excel turned the NIK into scientific notation.
    person({
      noKk: '3375011506240927',
      nik: '3.37501E+15',
      name: 'Rahmat Excel',
      sex: 'male',
      birthDate: '1980-01-01',
      relationship: 'head',
    }),
    // Excel exported the NIK as a decimal number.
    person({
      noKk: '3375011506240937',
      nik: '3375011002870001.0',
      name: 'Desimal Kurniawan',
      sex: 'male',
      birthDate: '1987-02-10',
      relationship: 'head',
    }),
    // 31 February does not exist.
    person({
      noKk: '3375011506240947',
      nik: '3375014101900917',
      name: 'Tanggal Salah',
      sex: 'female',
      birthDate: '31-02-1990',
      relationship: 'head',
    }),
    // Desil runs 1–10.
    person({
      noKk: '3375011506240957',
      desil: '11',
      nik: '3375010505750917',
      name: 'Desil Sebelas',
      sex: 'male',
      birthDate: '1975-05-05',
      relationship: 'head',
    }),
    // No such kelurahan code.
    person({
      noKk: '3375011506240967',
      villageCode: '33.75.01.1999',
      nik: '3375010606660917',
      name: 'Kode Asing',
      sex: 'male',
      birthDate: '1966-06-06',
      relationship: 'head',
    }),
  ];
}

/**
 * A messy registry CSV (`;`-separated): the hand-made rows above, then a synthetic Kota Pekalongan
 * file with about 5 % injected defects from `dampingan demo generate` (its own DATA_DIR, thrown away).
 */
export function writeMessyFile(outDir: string, families = 300): string {
  const work = mkdtempSync(path.join(tmpdir(), 'dampingan-e2e-gen-'));
  try {
    const generated = path.join(work, 'generated.csv');
    execFileSync(
      process.execPath,
      [
        cli,
        'demo',
        'generate',
        '--scope',
        '33.75',
        '--families',
        String(families),
        '--seed',
        '5',
        '--messy',
        '0.05',
        '--delimiter',
        ';',
        '--out',
        generated,
      ],
      { env: { ...process.env, DATA_DIR: path.join(work, 'data') }, stdio: 'pipe' },
    );
    const [header = '', ...rest] = readFileSync(generated, 'utf8').split('\n');
    const file = path.join(outDir, 'dtsen-berantakan.csv');
    writeFileSync(file, [header, ...handRows(header.split(';')), ...rest].join('\n'));
    return file;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
