/**
 * Messy mode: the defects real registry files carry (DOMAIN.md §2: Excel-mangled NIKs, bad dates,
 * duplicates), put into a chosen share of rows so import tests can check that each is reported.
 * Every defect is recorded with its row, so a test can assert the importer's report row by row.
 */
import { type Cells, type Column, PERSON_COLUMNS, type PersonCells } from './encode.ts';
import type { Rng } from './prng.ts';

export const DEFECT_KINDS = [
  /** NIK as Excel shows a long number: `3.37501E+15` */
  'nik_scientific',
  /** NIK with a trailing `.0` (a number column saved as text) */
  'nik_trailing_zero',
  /** NIK cut to 15 digits */
  'nik_truncated',
  /** NIK whose day part is impossible (00, 32, 39 for men; 40, 72, 79 for women) */
  'nik_invalid_day',
  /** desil 0 or 11 (head's row: the family's values come from it) */
  'desil_out_of_range',
  /** a village code that is well formed but not in the region list (head's row) */
  'unknown_village',
  /** birth date written `31-02-YYYY`: not ISO, and not a date */
  'invalid_date',
  /** a required field left blank: nik, name or noKk (villageCode on a head's row) */
  'blank_required',
  /** the NIK of another, earlier person in the file */
  'duplicate_nik',
  /** an extra row: an earlier member of another family listed again in this family */
  'person_in_two_families',
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

export interface RowDefect {
  /** 1-based data row (the header is not counted) */
  row: number;
  /** 1-based line of the file (header = line 1), i.e. row + 1 */
  line: number;
  defect: DefectKind;
  /** the column that carries it */
  column: Column;
  /** the value written instead of the correct one */
  value: string;
  /** for duplicate_nik and person_in_two_families: the row the NIK first appeared on */
  firstRow?: number;
}

/** An earlier row without defects, kept to copy from. */
export interface CleanRow {
  row: number;
  noKk: string;
  person: PersonCells;
}

/** Excel's General format for a 16-digit number: six significant digits, `E+15`. */
export function excelScientific(digits: string): string {
  const [mantissa = '', exp = ''] = Number(digits).toExponential(5).split('e');
  return `${mantissa.replace(/\.?0+$/, '')}E${exp}`;
}

/** Village code of the same kecamatan that the region list does not have. */
function unknownVillage(code: string, known: (c: string) => boolean): string {
  const kec = code.slice(0, 8);
  for (let n = 1999; n > 1000; n--) {
    const candidate = `${kec}.${n}`;
    if (!known(candidate)) return candidate;
  }
  return `${kec}.2999`;
}

export interface DefectPlan {
  kind: DefectKind;
  column: Column;
  value: string;
  firstRow?: number;
  /** for person_in_two_families: the cells of the extra row */
  extra?: Cells;
}

/**
 * Picks and applies one defect to `cells` (a row about to be written), or returns the extra row
 * to write after it. `recent` holds earlier clean rows of other families.
 */
export function planDefect(
  rng: Rng,
  cells: Cells,
  isHead: boolean,
  recent: ReadonlyArray<CleanRow>,
  known: (c: string) => boolean,
): DefectPlan {
  const others = recent.filter((r) => r.noKk !== cells.noKk);
  const members = others.filter((r) => r.person.relationship !== 'head');
  const kinds = DEFECT_KINDS.filter((k) => {
    if (k === 'desil_out_of_range' || k === 'unknown_village') return isHead;
    if (k === 'duplicate_nik') return others.length > 0;
    if (k === 'person_in_two_families') return members.length > 0;
    return true;
  });
  const kind = rng.pick(kinds);
  const nik = cells.nik;
  const set = (column: Column, value: string, firstRow?: number): DefectPlan => {
    cells[column] = value;
    return firstRow === undefined ? { kind, column, value } : { kind, column, value, firstRow };
  };
  switch (kind) {
    case 'nik_scientific':
      return set('nik', excelScientific(nik));
    case 'nik_trailing_zero':
      return set('nik', `${nik}.0`);
    case 'nik_truncated':
      return set('nik', nik.slice(0, 15));
    case 'nik_invalid_day': {
      const day = rng.pick(cells.sex === 'female' ? ['40', '72', '79'] : ['00', '32', '39']);
      return set('nik', `${nik.slice(0, 6)}${day}${nik.slice(8)}`);
    }
    case 'desil_out_of_range':
      return set('desil', rng.chance(0.5) ? '0' : '11');
    case 'unknown_village':
      return set('villageCode', unknownVillage(cells.villageCode, known));
    case 'invalid_date':
      return set('birthDate', `31-02-${cells.birthDate.slice(0, 4)}`);
    case 'blank_required':
      return set(rng.pick<Column>(isHead ? ['nik', 'name', 'noKk', 'villageCode'] : ['nik', 'name', 'noKk']), '');
    case 'duplicate_nik': {
      const src = rng.pick(others);
      return set('nik', src.person.nik, src.row);
    }
    case 'person_in_two_families': {
      // the row itself stays clean; an extra row lists an earlier member of another family here
      const src = rng.pick(members);
      const extra: Cells = { ...cells };
      for (const c of PERSON_COLUMNS) extra[c] = src.person[c];
      return { kind, column: 'nik', value: src.person.nik, firstRow: src.row, extra };
    }
  }
}
