/**
 * How a synthetic family and its members become CSV rows: the column list, the value encoding
 * (README §Columns) and the quoting for each delimiter.
 */
import { AssetSchema, DisabilitySchema, ProgramCodeSchema, type RegistryField, RegistryRecordSchema } from '@dampingan/contracts';
import { isoFromDays } from './calendar.ts';
import type { Family, Person } from './family.ts';

export type Delimiter = ',' | ';' | '|' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '|', '\t'];

/** `synthetic` (always 1) first, then every RegistryRecord field in the contract's order. */
export type Column = 'synthetic' | RegistryField;
export const REGISTRY_CSV_COLUMNS: readonly Column[] = ['synthetic', ...(Object.keys(RegistryRecordSchema.shape) as RegistryField[])];

export type Cells = Record<Column, string>;

/** Codes of a list field are joined by `|`, or by `+` when `|` is the delimiter. */
export function listSeparator(delimiter: Delimiter): '|' | '+' {
  return delimiter === '|' ? '+' : '|';
}

/** Canonical order (the contract's enum order), so an unchanged list is written identically. */
const ORDER = new Map<string, number>(
  [AssetSchema.options, ProgramCodeSchema.options, DisabilitySchema.options].flatMap((opts) => opts.map((c, i) => [c, i] as const)),
);

function list(codes: ReadonlyArray<string>, sep: string): string {
  if (codes.length === 0) return '';
  if (codes.length === 1) return codes[0] ?? '';
  return [...codes].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0)).join(sep);
}

/** The member's own columns; every other column repeats the family's value. */
export const PERSON_COLUMNS = [
  'nik',
  'name',
  'sex',
  'birthDate',
  'birthPlace',
  'relationship',
  'motherName',
  'education',
  'schoolParticipation',
  'workStatus',
  'disabilities',
  'chronicIllness',
  'jkn',
  'nutritionStatus',
  'personPrograms',
] as const satisfies readonly Column[];
type PersonColumn = (typeof PERSON_COLUMNS)[number];
export type PersonCells = Record<PersonColumn, string>;
type FamilyColumn = Exclude<Column, PersonColumn>;

export function familyCells(f: Family, sep: string): Record<FamilyColumn, string> {
  return {
    synthetic: '1',
    noKk: f.noKk,
    sourceId: f.sourceId,
    villageCode: f.village.code,
    address: f.address,
    hamlet: f.hamlet ?? '',
    rt: f.rt,
    rw: f.rw,
    desil: String(f.desil),
    tenure: f.tenure,
    floorAreaM2: String(f.floorAreaM2),
    floorType: f.floorType,
    wallType: f.wallType,
    wallCondition: f.wallCondition,
    roofType: f.roofType,
    roofCondition: f.roofCondition,
    drinkingWater: f.drinkingWater,
    toilet: f.toilet,
    sewage: f.sewage ?? '',
    lighting: f.lighting,
    electricityVa: f.electricityVa === null ? '' : String(f.electricityVa),
    cookingFuel: f.cookingFuel,
    assets: list(f.assets, sep),
    familyPrograms: list(f.programs, sep),
  };
}

export function personCells(p: Person, sep: string): PersonCells {
  return {
    nik: p.nik,
    name: p.name,
    sex: p.sex,
    birthDate: isoFromDays(p.birth),
    birthPlace: p.birthPlace,
    relationship: p.relationship,
    motherName: p.motherName,
    education: p.education ?? '',
    schoolParticipation: p.school ?? '',
    workStatus: p.work ?? '',
    disabilities: list(p.disabilities, sep),
    chronicIllness: p.chronic ? '1' : '0',
    jkn: p.jkn,
    nutritionStatus: p.nutrition ?? '',
    personPrograms: list(p.programs, sep),
  };
}

/** The family's own columns, in file order: they come before the member's columns. */
export const FAMILY_COLUMNS = REGISTRY_CSV_COLUMNS.filter((c): c is FamilyColumn => !(PERSON_COLUMNS as readonly Column[]).includes(c));

/**
 * RFC 4180 quoting: only fields holding the delimiter, a quote or a line break are quoted.
 * `values` joins a run of values; `line` writes a whole row from cells.
 */
export function encoder(delimiter: Delimiter): { values: (values: ReadonlyArray<string>) => string; line: (cells: Cells) => string } {
  const special = delimiter === '\t' ? /["\t\r\n]/ : delimiter === '|' ? /["|\r\n]/ : delimiter === ';' ? /[";\r\n]/ : /[",\r\n]/;
  const values = (vs: ReadonlyArray<string>) => {
    let out = '';
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i] ?? '';
      if (i > 0) out += delimiter;
      out += special.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
    }
    return out;
  };
  return { values, line: (cells) => `${values(REGISTRY_CSV_COLUMNS.map((c) => cells[c]))}\n` };
}

export function headerLine(delimiter: Delimiter): string {
  return `${REGISTRY_CSV_COLUMNS.join(delimiter)}\n`;
}
