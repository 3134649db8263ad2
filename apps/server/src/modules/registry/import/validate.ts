/**
 * Row validation and normalisation: one source row (cells + header mapping) -> one RegistryRecord,
 * or the issues that stop it. Pure and total: it never throws on any input; every problem is a
 * RowIssue located at the row and the column the user sees (or `(row)` for the row as a whole).
 * A row yields a record when none of its issues is an `error` (warnings travel with the record).
 *
 * Identity numbers are checked, never repaired: NIK and No KK are 16 digits `PPKKCC DDMMYY NNNN`
 * (region of registration, date, serial from 0001; day + 40 for women in a NIK). Only whitespace
 * and a leading apostrophe (Excel's "store as text" marker) are removed; a value Excel turned into a
 * number (`3.37501E+15`, `3375011002870001.0`, a numeric XLSX cell) is rejected with its own code,
 * because its lost digits cannot be known.
 */
import type { RegistryRecord, RowIssue } from '@dampingan/contracts';
import {
  type Asset,
  type DateResult,
  type Disability,
  type EnumVocabulary,
  excelSerialToIso,
  isUnknownAnswer,
  isValidDate,
  type ListField,
  type ProgramCode,
  parseChronicIllness,
  parseDateText,
  parseDisabilityFlag,
  parseYesNo,
  RELATIONSHIP_CODES_REGSOSEK,
  RELATIONSHIP_CODES_SIAK,
  type ScalarEnumField,
  stripCodePrefix,
  VOCABULARIES,
  valueKey,
} from './field-values.ts';
import { FAMILY_CHECK_FIELDS } from './file-checks.ts';
import { type FieldKey, splitFlagKey } from './header-map.ts';
import { type IssueCode, isError, makeIssue, ROW_COLUMN } from './messages.ts';
import type { RowProblem } from './parse-csv.ts';

export interface RegionNames {
  provinceName: string | null;
  regencyName: string | null;
  districtName: string | null;
  villageName: string | null;
}

export interface VillageQuery {
  villageName: string;
  districtName: string;
  regencyName: string;
  provinceName?: string;
}

/** `code` dotted (`33.75.01.1002`) or undotted; candidates are shown to the user as given. */
export type VillageResolution = { code: string } | { error: 'unknown' | 'ambiguous'; candidates: string[] };

export interface NormalizeContext {
  /** the row's number in the file, as yielded by the reader */
  row: number;
  /** the header row; `headers[i]` names the column of `cells[i]` in issues */
  headers: readonly string[];
  /** ISO date: no birth date or No KK issue date may be later */
  today: string;
  /** region names -> village code; unknown or ambiguous names are errors, never a guess */
  resolveVillage?: (names: VillageQuery) => VillageResolution;
  /** the village code (dotted) exists and lies in this deployment's scope */
  inScope: (villageCode: string) => boolean;
  /** optional: the village code exists anywhere (tells "no such code" from "outside the scope") */
  isVillage?: (villageCode: string) => boolean;
  /** the first 6 digits of a NIK / No KK are a kecamatan code (undotted, e.g. 337501) */
  isKnownDistrictPrefix: (first6digits: string) => boolean;
  /** XLSX only: raw numbers of numeric cells, aligned with `cells` (SourceRow.numeric) */
  numeric?: ReadonlyArray<number | undefined>;
  /** a structural problem the reader recovered from (SourceRow.problem) */
  problem?: RowProblem;
  /** numbering of numeric relationship codes: Regsosek 2022 (1–8, default) or Dukcapil SIAK (1–11) */
  relationshipCodes?: 'regsosek' | 'siak';
  /**
   * Optional, one per file (createFamilyMemo): the rows of a family repeat its family-level cells,
   * so when a row's family cells equal the previous row's and those gave no issue, their values
   * are taken over instead of validated again. Results are identical with or without it.
   */
  familyMemo?: FamilyMemo;
}

export type NormalizedRecord = RegistryRecord & { regionNames?: RegionNames };

export interface NormalizeResult {
  record?: NormalizedRecord;
  issues: RowIssue[];
}

const TEXT_LIMITS = { sourceId: 100, address: 500, hamlet: 100, birthPlace: 100, motherName: 200 } as const;
const NAME_MAX = 200;
const MAX_FIELD_SHOWN = 1 << 20;

/** Cell contents that mean "empty". */
const BLANK = new Set(['-', '--', '---', '—', '–', '.', 'null', 'n/a', 'na', '#n/a', 'nil']);

/** Removes zero-width and BOM characters, turns NBSP into space, trims. */
function clean(raw: string): string {
  if (!SPECIAL_SPACE.test(raw)) return raw.trim();
  return raw
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\u00a0/g, ' ')
    .trim();
}
const SPECIAL_SPACE = /[\u00a0\u200b-\u200d\u2060\ufeff]/;

const ENUM_CACHE_MAX = 10_000;
/**
 * A cache key that does not hold the file in memory. Cells are slices of the decoded chunk of the
 * file they came from (parse-csv.ts), and V8 keeps a whole chunk alive for any slice of 13 or more
 * characters: 10,000 cached spellings from 10,000 chunks would pin gigabytes. A slice of a
 * concatenation is backed by a new string of the cell's own size.
 */
const detach = (s: string): string => (s.length < 13 ? s : ` ${s}`.slice(1));
const enumCaches = new Map<string, Map<string, string | null>>();
/** A list cell read: its codes in order, whether it said anything, the parts no spelling matched. */
interface ParsedList {
  codes: string[];
  known: boolean;
  unknown: string[];
}
const listCaches = new Map<ListField, Map<string, ParsedList>>();

function parseListCell(field: ListField, v: string): ParsedList {
  const vocab = VOCABULARIES[field];
  const res: ParsedList = { codes: [], known: false, unknown: [] };
  const whole = valueKey(v);
  const single = vocab.lookup.get(whole) ?? vocab.lookup.get(valueKey(stripCodePrefix(v)));
  if (single !== undefined) {
    res.codes.push(single);
    res.known = true;
  } else if (['tidakada', 'tidak', 'tidakpunya', 'tidakmenerima', 'belumada'].includes(whole)) res.known = true;
  else if (!isUnknownAnswer(whole)) {
    for (const part of v.split(/[,;|+&\n]|\s+dan\s+/i)) {
      const p = part.trim();
      if (isBlank(p)) continue;
      const code = vocab.lookup.get(valueKey(p)) ?? vocab.lookup.get(valueKey(stripCodePrefix(p)));
      if (code === undefined) res.unknown.push(detach(p));
      else {
        res.codes.push(code);
        res.known = true;
      }
    }
  }
  return res;
}

const resolutions = new WeakMap<NonNullable<NormalizeContext['resolveVillage']>, Map<string, VillageResolution>>();

function isBlank(s: string): boolean {
  return s === '' || (s.length <= 4 && BLANK.has(s.toLowerCase()));
}

function collapse(s: string): string {
  return needsCollapse(s) ? s.replace(/[\s\p{Cc}]+/gu, ' ').trim() : s;
}

/** Control characters, a non-space whitespace or two spaces in a row (a loop: faster than a regex here). */
function needsCollapse(s: string): boolean {
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return true;
      prevSpace = true;
    } else if (
      c < 32 ||
      (c >= 127 && c <= 160) ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff
    ) {
      return true;
    } else prevSpace = false;
  }
  return false;
}

type EnumOf<F extends ScalarEnumField> = (typeof VOCABULARIES)[F] extends EnumVocabulary<infer T> ? T : never;

/** A cell of the row: its cleaned text, the column users see, its index. */
class Cell {
  constructor(
    readonly raw: string,
    readonly column: string,
    readonly index: number,
  ) {}
  /** `value()` hands out the cell itself as `{ cell, v }`: one object per cell read, not two. */
  get cell(): Cell {
    return this;
  }
  get v(): string {
    return this.raw;
  }
}

/** Where each field sits in the row: computed once per header mapping, not per row. */
interface Plan {
  index: Map<FieldKey, number>;
  flags: Array<{ list: ListField; code: string; index: number }>;
  /** list fields fed by a list column or a flag column */
  lists: Set<ListField>;
  /** the columns that feed family-level fields (the family memo compares these cells) */
  familyColumns: number[];
}

/**
 * Fields of the family (the same on every row of one family), flag columns of family lists included:
 * the family fields of file-checks.ts, plus the key and the columns they are read from.
 */
const FAMILY_KEYS: ReadonlySet<string> = new Set<string>([
  ...FAMILY_CHECK_FIELDS,
  'noKk',
  'sourceId',
  'provinceName',
  'regencyName',
  'districtName',
  'villageName',
  'rtRw',
]);
const isFamilyKey = (key: string) => FAMILY_KEYS.has(splitFlagKey(key as FieldKey)?.[0] ?? key);

const plans = new WeakMap<ReadonlyArray<FieldKey | null>, Plan>();

function planFor(columns: ReadonlyArray<FieldKey | null>): Plan {
  let plan = plans.get(columns);
  if (plan) return plan;
  plan = { index: new Map(), flags: [], lists: new Set(), familyColumns: [] };
  for (let i = 0; i < columns.length; i++) {
    const key = columns[i];
    if (key === null || key === undefined) continue;
    if (isFamilyKey(key)) plan.familyColumns.push(i);
    const flag = splitFlagKey(key);
    if (flag) {
      plan.flags.push({ list: flag[0], code: flag[1], index: i });
      plan.lists.add(flag[0]);
    } else if (!plan.index.has(key)) plan.index.set(key, i);
    if (key === 'assets' || key === 'familyPrograms' || key === 'personPrograms' || key === 'disabilities') plan.lists.add(key);
  }
  plans.set(columns, plan);
  return plan;
}

class RowNormalizer {
  readonly issues: RowIssue[] = [];
  readonly ctx: NormalizeContext;
  readonly plan: Plan;
  private readonly row: readonly string[];

  constructor(cells: readonly string[], columns: ReadonlyArray<FieldKey | null>, ctx: NormalizeContext) {
    this.ctx = ctx;
    this.row = cells;
    this.plan = planFor(columns);
  }

  private cellAt(i: number): Cell {
    return new Cell(clean(this.row[i] ?? ''), this.ctx.headers[i] ?? ROW_COLUMN, i);
  }

  /** The cell of a field's column (blank or not), or undefined when no column feeds it. */
  cell(key: FieldKey): Cell | undefined {
    const i = this.plan.index.get(key);
    return i === undefined ? undefined : this.cellAt(i);
  }

  has(key: FieldKey): boolean {
    return this.plan.index.has(key);
  }

  fail(code: IssueCode, field: string | null, cell: Cell | undefined, extra: Record<string, string | number> = {}, value?: string): void {
    this.issues.push(
      makeIssue(code, { row: this.ctx.row, column: cell?.column ?? ROW_COLUMN, field, value: value ?? cell?.raw ?? '' }, { ...extra }),
    );
  }

  /** The cleaned cell of a field, or undefined when absent or blank. */
  value(key: FieldKey): { readonly cell: Cell; readonly v: string } | undefined {
    const cell = this.cell(key);
    if (!cell || isBlank(cell.raw)) return undefined;
    return cell;
  }

  numeric(cell: Cell): number | undefined {
    return this.ctx.numeric?.[cell.index];
  }

  // ------------------------------------------------------------ text

  text(key: 'sourceId' | 'address' | 'hamlet' | 'birthPlace' | 'motherName'): string | null {
    const got = this.value(key);
    if (!got) return null;
    const s = collapse(got.v);
    if (s.length > TEXT_LIMITS[key]) {
      this.fail('text_too_long', key, got.cell, { length: s.length, max: TEXT_LIMITS[key] });
      return null;
    }
    if (s.includes('\ufffd')) this.fail('warn_text_encoding', key, got.cell);
    return s;
  }

  name(): string | null {
    const got = this.value('name');
    if (!got) return null;
    const s = collapse(got.v);
    if (s.length > NAME_MAX) {
      this.fail('text_too_long', 'name', got.cell, { length: s.length, max: NAME_MAX });
      return null;
    }
    if (!/\p{L}/u.test(s)) {
      this.fail('name_no_letters', 'name', got.cell);
      return null;
    }
    if (s.includes('\ufffd')) this.fail('warn_text_encoding', 'name', got.cell);
    return s;
  }

  // ------------------------------------------------------------ NIK / No KK

  identity(key: 'nik' | 'noKk'): string | null {
    const got = this.value(key);
    if (!got) return null;
    const { cell } = got;
    let s = got.v.replace(/[\s\u00a0]+/g, '').replace(/^['‘’`]+/, '');
    const num = this.numeric(cell);
    if (num !== undefined) {
      // A program may write an exact 16-digit number; Excel typing keeps 15 significant digits and
      // turns the 16th into 0. A non-zero last digit therefore proves the digits are intact.
      if (Number.isSafeInteger(num) && num >= 1e15 && num < 1e16 && num % 10 !== 0) s = String(num);
      else return this.idFail('id_stored_as_number', key, cell);
    }
    if (/^\d+(?:[.,]\d+)?[eE][+-]?\d+$/.test(s)) return this.idFail('id_scientific_notation', key, cell);
    if (/^\d+[.,]\d+$/.test(s)) return this.idFail('id_excel_decimal', key, cell);
    if (/\D/.test(s)) return this.idFail('id_not_digits', key, cell);
    if (s.length === 15) return this.idFail('id_15_digits', key, cell);
    if (s.length !== 16) return this.idFail('id_wrong_length', key, cell, { length: s.length });

    let ok = true;
    const prefix = s.slice(0, 6);
    if (!this.ctx.isKnownDistrictPrefix(prefix)) {
      this.fail('id_unknown_district', key, cell, { prefix });
      ok = false;
    }
    const dd = Number(s.slice(6, 8));
    const mm = Number(s.slice(8, 10));
    const yy = Number(s.slice(10, 12));
    const part = `${s.slice(6, 8)}-${s.slice(8, 10)}-${s.slice(10, 12)}`;
    if (key === 'nik') {
      const day = dd > 40 ? dd - 40 : dd;
      if (dd > 71 || !(isValidDate(1900 + yy, mm, day) || isValidDate(2000 + yy, mm, day))) {
        this.fail('nik_bad_date', key, cell, { part });
        ok = false;
      }
    } else {
      const thisYear = Number(this.ctx.today.slice(0, 4));
      const year = 2000 + yy <= thisYear ? 2000 + yy : 1900 + yy;
      if (!isValidDate(year, mm, dd)) {
        this.fail('no_kk_bad_date', key, cell, { part });
        ok = false;
      } else {
        const date = `${year}-${s.slice(8, 10)}-${s.slice(6, 8)}`;
        if (date > this.ctx.today) {
          this.fail('no_kk_future_date', key, cell, { date });
          ok = false;
        }
      }
    }
    if (s.endsWith('0000')) {
      this.fail('id_zero_serial', key, cell);
      ok = false;
    }
    return ok ? s : null;
  }

  private idFail(code: IssueCode, key: 'nik' | 'noKk', cell: Cell, extra: Record<string, string | number> = {}): null {
    this.fail(code, key, cell, extra);
    return null;
  }

  // ------------------------------------------------------------ village

  /** `33.75.01.1002` or `3375011002` -> dotted; a shorter code is a higher level. */
  villageCode(): { code: string | null; given: boolean } {
    const got = this.value('villageCode');
    if (!got) return { code: null, given: false };
    const s = got.v.replace(/\s+/g, '');
    const code = dottedVillageCode(s);
    if (code) return { code, given: true };
    const level = /^\d{2}(\.\d{2}){0,2}$/.test(s) ? s.split('.').length : /^(\d{2}){1,3}$/.test(s) ? s.length / 2 : 0;
    if (level > 0) {
      const names = ['provinsi', 'kabupaten/kota', 'kecamatan'] as const;
      const namesEn = ['province', 'regency/city', 'district'] as const;
      this.fail('village_code_not_village', 'villageCode', got.cell, { level: names[level - 1] ?? '', levelEn: namesEn[level - 1] ?? '' });
    } else this.fail('village_code_invalid', 'villageCode', got.cell);
    return { code: null, given: true };
  }

  village(): { code: string | null; names: RegionNames | undefined } {
    const given = this.villageCode();
    const names: RegionNames = {
      provinceName: this.regionName('provinceName'),
      regencyName: this.regionName('regencyName'),
      districtName: this.regionName('districtName'),
      villageName: this.regionName('villageName'),
    };
    const anyName = Object.values(names).some((n) => n !== null);
    const namesOut = anyName ? names : undefined;
    const complete = names.villageName !== null && names.districtName !== null && names.regencyName !== null;

    if (given.given) {
      const code = given.code;
      if (code === null) return { code: null, names: namesOut };
      const cell = this.cell('villageCode');
      if (!this.ctx.inScope(code)) {
        this.fail(this.ctx.isVillage && !this.ctx.isVillage(code) ? 'village_code_unknown' : 'village_out_of_scope', 'villageCode', cell);
        return { code: null, names: namesOut };
      }
      if (complete && this.ctx.resolveVillage) {
        const res = this.resolve(names);
        if (res && 'code' in res) {
          const other = dottedVillageCode(res.code.replace(/\s+/g, ''));
          if (other !== code) {
            this.fail('village_name_mismatch', 'villageCode', cell, {
              names: [names.villageName, names.districtName, names.regencyName].join(', '),
              other: other ?? res.code,
            });
            return { code: null, names: namesOut };
          }
        }
      }
      return { code, names: namesOut };
    }

    if (!anyName) {
      const field = this.has('villageCode') ? 'villageCode' : 'villageName';
      const cell = this.cell(field);
      if (cell) this.fail('required_missing', field, cell);
      else this.fail('required_column_missing', 'villageCode', undefined, { label: 'kode kelurahan/desa', labelEn: 'the village code' });
      return { code: null, names: undefined };
    }
    const firstNameCell = (['villageName', 'districtName', 'regencyName', 'provinceName'] as const)
      .map((k) => (names[k] !== null ? this.cell(k) : undefined))
      .find((c) => c !== undefined);
    if (!complete) {
      const missing = (
        [
          ['villageName', 'kelurahan/desa', 'village'],
          ['districtName', 'kecamatan', 'district'],
          ['regencyName', 'kabupaten/kota', 'regency/city'],
        ] as const
      ).filter(([k]) => names[k] === null);
      this.fail('village_names_incomplete', 'villageName', firstNameCell, {
        missing: missing.map((m) => m[1]).join(', '),
        missingEn: missing.map((m) => m[2]).join(', '),
      });
      return { code: null, names: namesOut };
    }
    const villageCell = this.cell('villageName');
    if (!this.ctx.resolveVillage) {
      this.fail('village_unresolvable', 'villageName', villageCell);
      return { code: null, names: namesOut };
    }
    const res = this.resolve(names);
    if (!res) {
      this.fail('village_unresolvable', 'villageName', villageCell);
      return { code: null, names: namesOut };
    }
    if ('code' in res) {
      const code = dottedVillageCode(res.code.replace(/\s+/g, ''));
      if (!code || !this.ctx.inScope(code)) {
        this.fail('village_out_of_scope', 'villageName', villageCell, {}, `${names.villageName} (${res.code})`);
        return { code: null, names: namesOut };
      }
      return { code, names: namesOut };
    }
    const candidates = res.candidates.slice(0, 5).join('; ');
    const where = `Kec. ${names.districtName}, ${names.regencyName}${names.provinceName ? `, ${names.provinceName}` : ''}`;
    if (res.error === 'ambiguous') this.fail('village_name_ambiguous', 'villageName', villageCell, { candidates });
    else this.fail('village_name_unknown', 'villageName', villageCell, { where, candidates });
    return { code: null, names: namesOut };
  }

  private resolve(names: RegionNames): VillageResolution | undefined {
    const q: VillageQuery = {
      villageName: names.villageName ?? '',
      districtName: names.districtName ?? '',
      regencyName: names.regencyName ?? '',
    };
    if (names.provinceName !== null) q.provinceName = names.provinceName;
    const resolve = this.ctx.resolveVillage;
    if (!resolve) return undefined;
    // A resolver is a pure lookup for one import, and files repeat the same few villages.
    let cache = resolutions.get(resolve);
    if (!cache) {
      cache = new Map();
      resolutions.set(resolve, cache);
    }
    const key = `${q.villageName}\u0000${q.districtName}\u0000${q.regencyName}\u0000${q.provinceName ?? ''}`;
    let res = cache.get(key);
    if (!res) {
      res = resolve(q);
      if (cache.size >= ENUM_CACHE_MAX) cache.clear();
      cache.set(key, res);
    }
    return res;
  }

  private regionName(key: 'provinceName' | 'regencyName' | 'districtName' | 'villageName'): string | null {
    const got = this.value(key);
    if (!got) return null;
    const s = collapse(got.v);
    if (s.length > 100) {
      this.fail('text_too_long', key, got.cell, { length: s.length, max: 100 });
      return null;
    }
    return s;
  }

  // ------------------------------------------------------------ small coded fields

  desil(): number | null {
    const got = this.value('desil');
    if (!got) return null;
    const m = /^(?:desil|d)?\s*0*(\d{1,2})(?:[.,]0+)?$/.exec(got.v.toLowerCase());
    const n = m ? Number(m[1]) : Number.NaN;
    if (!(n >= 1 && n <= 10)) {
      this.fail('desil_invalid', 'desil', got.cell);
      return null;
    }
    return n;
  }

  rtOrRw(key: 'rt' | 'rw'): string | null {
    const got = this.value(key);
    if (!got) return null;
    const out = rtNumber(got.v, key);
    if (out === undefined) this.fail('rt_rw_invalid', key, got.cell, { what: key.toUpperCase() });
    return out ?? null;
  }

  rtRw(): { rt: string; rw: string } | null {
    const got = this.value('rtRw');
    if (!got) return null;
    const m = /^(?:rt\s*[.:]?\s*)?(\d{1,4})\s*(?:[/\\\-,]|\s)\s*(?:rw\s*[.:]?\s*)?(\d{1,4})$/i.exec(got.v.replace(/\s+/g, ' '));
    const rt = m ? rtNumber(m[1] ?? '', 'rt') : undefined;
    const rw = m ? rtNumber(m[2] ?? '', 'rw') : undefined;
    if (rt === undefined || rw === undefined) {
      this.fail('rt_rw_invalid', 'rt', got.cell, { what: 'RT/RW' });
      return null;
    }
    return { rt, rw };
  }

  birthDate(): string | null {
    const got = this.value('birthDate');
    if (!got) return null;
    const num = this.numeric(got.cell);
    let res: DateResult;
    if (num !== undefined && num < 100_000) {
      const iso = excelSerialToIso(num);
      res = iso ? { iso } : { error: 'date_invalid' };
    } else res = parseDateText(got.v);
    if ('error' in res) {
      this.fail(res.error, 'birthDate', got.cell);
      return null;
    }
    if (res.iso > this.ctx.today) {
      this.fail('birth_date_future', 'birthDate', got.cell, { today: this.ctx.today });
      return null;
    }
    if (res.iso < '1900-01-01') {
      this.fail('birth_date_too_early', 'birthDate', got.cell);
      return null;
    }
    return res.iso;
  }

  enumValue<F extends ScalarEnumField>(field: F): EnumOf<F> | null {
    return this.enumCode(field) as EnumOf<F> | null;
  }

  private enumCode(field: ScalarEnumField): string | null {
    const got = this.value(field);
    if (!got) return null;
    // Files repeat a handful of answers millions of times: remember what each spelling meant.
    const cacheName = field === 'relationship' && this.ctx.relationshipCodes === 'siak' ? 'relationship:siak' : field;
    let cache = enumCaches.get(cacheName);
    if (!cache) {
      cache = new Map();
      enumCaches.set(cacheName, cache);
    }
    let code = cache.get(got.v);
    if (code === undefined) {
      code = this.enumLookup(field, got.v);
      if (code === undefined) {
        const vocab = VOCABULARIES[field];
        const codes =
          field === 'relationship'
            ? ` (kode ${this.ctx.relationshipCodes === 'siak' ? 'SIAK 1–11' : 'Regsosek 1–8'})`
            : field === 'sex'
              ? ' (kode 1 = laki-laki, 2 = perempuan)'
              : '';
        this.fail('enum_unknown', field, got.cell, { allowed: vocab.allowed + codes, allowedEn: vocab.allowedEn + codes });
        return null;
      }
      if (cache.size >= ENUM_CACHE_MAX) cache.clear();
      cache.set(detach(got.v), code);
    }
    return code;
  }

  /** The code a spelling means, null for "not known" answers, undefined when not recognised. */
  private enumLookup(field: ScalarEnumField, v: string): string | null | undefined {
    const k = valueKey(v);
    if (isUnknownAnswer(k)) return null;
    if (field === 'relationship' && /^\d{1,2}$/.test(v)) {
      const table = this.ctx.relationshipCodes === 'siak' ? RELATIONSHIP_CODES_SIAK : RELATIONSHIP_CODES_REGSOSEK;
      return table[String(Number(v))];
    }
    const vocab = VOCABULARIES[field];
    return vocab.lookup.get(k) ?? vocab.lookup.get(valueKey(stripCodePrefix(v)));
  }

  /** A list column ("Kulkas, TV") merged with its yes/no flag columns; null when none says anything. */
  list(field: ListField): string[] | null {
    if (!this.plan.lists.has(field)) return null;
    const vocab = VOCABULARIES[field];
    const out = new Set<string>();
    let known = false;
    const got = this.value(field);
    if (got) {
      // Files repeat a few hundred list cells millions of times: each spelling is read once.
      let cache = listCaches.get(field);
      if (!cache) {
        cache = new Map();
        listCaches.set(field, cache);
      }
      let parsed = cache.get(got.v);
      if (!parsed) {
        parsed = parseListCell(field, got.v);
        if (cache.size >= ENUM_CACHE_MAX) cache.clear();
        cache.set(detach(got.v), parsed);
      }
      for (const code of parsed.codes) out.add(code);
      if (parsed.known) known = true;
      for (const part of parsed.unknown)
        this.fail('enum_unknown', field, got.cell, { allowed: vocab.allowed, allowedEn: vocab.allowedEn }, part);
    }
    for (const f of this.plan.flags) {
      if (f.list !== field) continue;
      const cell = this.cellAt(f.index);
      if (isBlank(cell.raw)) continue;
      const yes = field === 'disabilities' ? parseDisabilityFlag(cell.raw) : parseYesNo(cell.raw);
      if (yes === 'ambiguous') this.fail('disability_code_ambiguous', `${f.list}:${f.code}`, cell);
      else if (yes === undefined) {
        if (!isUnknownAnswer(valueKey(cell.raw))) this.fail('boolean_invalid', `${f.list}:${f.code}`, cell);
      } else {
        known = true;
        if (yes) out.add(f.code);
      }
    }
    if (!known) return null;
    if (out.size < 2) return [...out];
    const order = vocab.entries.map((e) => e.code as string);
    return [...out].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  chronicIllness(): boolean | null {
    const got = this.value('chronicIllness');
    if (!got) return null;
    if (isUnknownAnswer(valueKey(got.v))) return null;
    const b = parseChronicIllness(got.v);
    if (b === undefined) this.fail('boolean_invalid', 'chronicIllness', got.cell);
    return b ?? null;
  }

  floorArea(): number | null {
    const got = this.value('floorAreaM2');
    if (!got) return null;
    const num = this.numeric(got.cell);
    const n = num ?? parseDecimal(got.v.toLowerCase().replace(/\s*(m2|m²|meter persegi|meter|m)\.?$/, ''));
    if (n === undefined || !Number.isFinite(n)) {
      this.fail('number_invalid', 'floorAreaM2', got.cell, {
        expected: 'luas dalam m² (contoh 36 atau 36,5)',
        expectedEn: 'of square metres (e.g. 36 or 36.5)',
      });
      return null;
    }
    if (!(n > 0 && n <= 10_000)) {
      this.fail('number_out_of_range', 'floorAreaM2', got.cell, { min: '>0', max: '10.000' });
      return null;
    }
    return Math.round(n * 100) / 100;
  }

  electricityVa(): number | null {
    const got = this.value('electricityVa');
    if (!got) return null;
    const num = this.numeric(got.cell);
    let n: number | undefined = num;
    if (n === undefined) {
      const s = got.v
        .toLowerCase()
        .replace(/\s*(va|watt|w)\.?$/, '')
        .trim();
      if (/^\d{1,3}([.,]\d{3})+$/.test(s)) n = Number(s.replace(/[.,]/g, ''));
      else if (/^\d+([.,]0+)?$/.test(s)) n = Number(s.replace(/[.,]0+$/, ''));
    }
    if (n === undefined || !Number.isInteger(n)) {
      this.fail('number_invalid', 'electricityVa', got.cell, {
        expected: 'daya dalam VA (contoh 450, 900, 1300)',
        expectedEn: 'of volt-amperes (e.g. 450, 900, 1300)',
      });
      return null;
    }
    // PLN's smallest connection is 450 VA; a 1–5 here is a Regsosek answer code, not a power.
    if (n < 450 || n > 100_000) {
      this.fail('number_out_of_range', 'electricityVa', got.cell, { min: 450, max: '100.000' });
      return null;
    }
    return n;
  }

  requireColumn(key: 'nik' | 'noKk' | 'name'): void {
    const labels = { nik: ['NIK', 'the NIK'], noKk: ['No KK', 'the No KK'], name: ['nama', 'the name'] } as const;
    const cell = this.cell(key);
    if (cell) this.fail('required_missing', key, cell);
    else this.fail('required_column_missing', key, undefined, { label: labels[key][0], labelEn: labels[key][1] });
  }
}

/** `33.75.01.1002` / `3375011002` -> `33.75.01.1002`; anything else undefined. */
export function dottedVillageCode(s: string): string | undefined {
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(s)) return s;
  if (/^\d{10}$/.test(s)) return `${s.slice(0, 2)}.${s.slice(2, 4)}.${s.slice(4, 6)}.${s.slice(6)}`;
  return undefined;
}

function rtNumber(raw: string, what: 'rt' | 'rw'): string | undefined {
  const s = raw.toLowerCase().replace(new RegExp(`^${what}\\s*[.:]?\\s*`), '');
  const m = /^0*(\d{1,3})(?:[.,]0+)?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 ? String(n).padStart(3, '0') : undefined;
}

/** "36", "36,5", "36.5", "1.250,5" (Indonesian); "1.250" alone is ambiguous and rejected. */
function parseDecimal(s: string): number | undefined {
  const t = s.trim();
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(t) || /^\d{1,3}(\.\d{3}){2,}$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}\.\d{3}$/.test(t)) return undefined;
  if (/^\d+(,\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  return undefined;
}

function structuralIssues(cells: readonly string[], ctx: NormalizeContext): RowIssue[] {
  const at = { row: ctx.row, column: ROW_COLUMN, field: null };
  const issues: RowIssue[] = [];
  if (ctx.problem === 'unterminated_quote') issues.push(makeIssue('csv_unterminated_quote', { ...at, value: '' }));
  if (ctx.problem === 'field_too_long') issues.push(makeIssue('csv_field_too_long', { ...at, value: '' }, { max: MAX_FIELD_SHOWN }));
  const headers = ctx.headers.length;
  let extra = 0;
  for (let i = headers; i < cells.length; i++) if (!isBlank(clean(cells[i] ?? ''))) extra++;
  if (extra > 0) {
    const filled = cells.filter((c) => !isBlank(clean(c))).length;
    const sample = cells
      .slice(headers)
      .filter((c) => !isBlank(clean(c)))
      .join(' | ');
    issues.push(makeIssue('row_extra_cells', { ...at, value: sample }, { cells: filled, headers }));
  } else if (cells.length < headers) {
    issues.push(makeIssue('row_missing_cells', { ...at, value: cells.join(' | ') }, { cells: cells.length, headers }));
  }
  return issues;
}

/**
 * Validates and normalises one row. `columns` comes from mapHeaders (same length as the header
 * row); `ctx.row` and `ctx.headers` locate the issues.
 */
export function normalizeRow(cells: readonly string[], columns: ReadonlyArray<FieldKey | null>, ctx: NormalizeContext): NormalizeResult {
  try {
    const structural = structuralIssues(cells, ctx);
    if (structural.length > 0) return { issues: structural };
    return normalizeFields(cells, columns, ctx);
  } catch {
    // The callbacks are the caller's; a bug there must not stop a 3-million-row import.
    return { issues: [makeIssue('internal_error', { row: ctx.row, column: ROW_COLUMN, field: null, value: '' })] };
  }
}

/** The family-level values of a record (what the family memo hands from one row to the next). */
type FamilyValues = Pick<
  NormalizedRecord,
  | 'noKk'
  | 'sourceId'
  | 'villageCode'
  | 'address'
  | 'hamlet'
  | 'rt'
  | 'rw'
  | 'desil'
  | 'tenure'
  | 'floorAreaM2'
  | 'floorType'
  | 'wallType'
  | 'wallCondition'
  | 'roofType'
  | 'roofCondition'
  | 'drinkingWater'
  | 'toilet'
  | 'sewage'
  | 'lighting'
  | 'electricityVa'
  | 'cookingFuel'
  | 'assets'
  | 'familyPrograms'
  | 'regionNames'
>;

/** The previous row's family cells and, when they gave no issue, their values. */
export interface FamilyMemo {
  plan: Plan | null;
  cells: Array<string | undefined>;
  numeric: Array<number | undefined>;
  ctx: Pick<NormalizeContext, 'today' | 'inScope' | 'isVillage' | 'resolveVillage' | 'isKnownDistrictPrefix'> | null;
  family: FamilyValues | null;
  /** rows whose family values were taken over (a figure for tests and benches) */
  hits: number;
}

export function createFamilyMemo(): FamilyMemo {
  return { plan: null, cells: [], numeric: [], ctx: null, family: null, hits: 0 };
}

function memoHit(memo: FamilyMemo, plan: Plan, cells: readonly string[], ctx: NormalizeContext): FamilyValues | null {
  const m = memo.ctx;
  if (memo.family === null || memo.plan !== plan || m === null) return null;
  if (m.today !== ctx.today || m.inScope !== ctx.inScope || m.isVillage !== ctx.isVillage) return null;
  if (m.resolveVillage !== ctx.resolveVillage || m.isKnownDistrictPrefix !== ctx.isKnownDistrictPrefix) return null;
  const idx = plan.familyColumns;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    if (cells[i] !== memo.cells[k] || ctx.numeric?.[i] !== memo.numeric[k]) return null;
  }
  memo.hits++;
  return memo.family;
}

function remember(memo: FamilyMemo, plan: Plan, cells: readonly string[], ctx: NormalizeContext, family: FamilyValues | null): void {
  memo.plan = plan;
  memo.family = family;
  memo.ctx = {
    today: ctx.today,
    inScope: ctx.inScope,
    isVillage: ctx.isVillage,
    resolveVillage: ctx.resolveVillage,
    isKnownDistrictPrefix: ctx.isKnownDistrictPrefix,
  };
  const idx = plan.familyColumns;
  memo.cells.length = idx.length;
  memo.numeric.length = idx.length;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    memo.cells[k] = cells[i];
    memo.numeric[k] = ctx.numeric?.[i];
  }
}

/** Values being gathered for one row, family-level and person-level. */
interface Draft {
  family: FamilyValues;
  village: { code: string | null; names: RegionNames | undefined };
  nik: string | null;
  name: string | null;
  sex: NormalizedRecord['sex'];
  birthDate: string | null;
  person: Pick<
    NormalizedRecord,
    | 'birthPlace'
    | 'relationship'
    | 'motherName'
    | 'education'
    | 'schoolParticipation'
    | 'workStatus'
    | 'disabilities'
    | 'chronicIllness'
    | 'jkn'
    | 'nutritionStatus'
    | 'personPrograms'
  > | null;
}

/**
 * The checks of one row in the order their issues are reported; `true` marks the family-level
 * steps, which the family memo skips for a row that repeats the previous row's family cells.
 */
const STEPS: ReadonlyArray<readonly [boolean, (r: RowNormalizer, d: Draft) => void]> = [
  [
    true,
    (r, d) => {
      d.family.noKk = r.identity('noKk') ?? '';
    },
  ],
  [
    false,
    (r, d) => {
      d.nik = r.identity('nik');
      d.name = r.name();
    },
  ],
  [
    true,
    (r) => {
      if (!r.value('noKk')) r.requireColumn('noKk');
    },
  ],
  [
    false,
    (r) => {
      if (!r.value('nik')) r.requireColumn('nik');
      if (!r.value('name')) r.requireColumn('name');
    },
  ],
  [
    true,
    (r, d) => {
      d.village = r.village();
      d.family.villageCode = d.village.code ?? '';
      if (d.village.names) d.family.regionNames = d.village.names;
    },
  ],
  [
    false,
    (r, d) => {
      d.sex = r.enumValue('sex');
      d.birthDate = r.birthDate();
    },
  ],
  [
    true,
    (r, d) => {
      const combined = r.rtRw();
      const f = d.family;
      f.sourceId = r.text('sourceId');
      f.address = r.text('address');
      f.hamlet = r.text('hamlet');
      f.rt = combined?.rt ?? r.rtOrRw('rt');
      f.rw = combined?.rw ?? r.rtOrRw('rw');
      f.desil = r.desil();
      f.tenure = r.enumValue('tenure');
      f.floorAreaM2 = r.floorArea();
      f.floorType = r.enumValue('floorType');
      f.wallType = r.enumValue('wallType');
      f.wallCondition = r.enumValue('wallCondition');
      f.roofType = r.enumValue('roofType');
      f.roofCondition = r.enumValue('roofCondition');
      f.drinkingWater = r.enumValue('drinkingWater');
      f.toilet = r.enumValue('toilet');
      f.sewage = r.enumValue('sewage');
      f.lighting = r.enumValue('lighting');
      f.electricityVa = r.electricityVa();
      f.cookingFuel = r.enumValue('cookingFuel');
      f.assets = r.list('assets') as Asset[] | null;
      f.familyPrograms = r.list('familyPrograms') as ProgramCode[] | null;
    },
  ],
  [
    false,
    (r, d) => {
      d.person = {
        birthPlace: r.text('birthPlace'),
        relationship: r.enumValue('relationship'),
        motherName: r.text('motherName'),
        education: r.enumValue('education'),
        schoolParticipation: r.enumValue('schoolParticipation'),
        workStatus: r.enumValue('workStatus'),
        disabilities: r.list('disabilities') as Disability[] | null,
        chronicIllness: r.chronicIllness(),
        jkn: r.enumValue('jkn'),
        nutritionStatus: r.enumValue('nutritionStatus'),
        personPrograms: r.list('personPrograms') as ProgramCode[] | null,
      };
    },
  ],
];

function normalizeFields(cells: readonly string[], columns: ReadonlyArray<FieldKey | null>, ctx: NormalizeContext): NormalizeResult {
  const r = new RowNormalizer(cells, columns, ctx);
  const memo = ctx.familyMemo;
  const known = memo ? memoHit(memo, r.plan, cells, ctx) : null;
  const d: Draft = {
    family: known ?? ({} as FamilyValues),
    village: known ? { code: known.villageCode, names: known.regionNames } : { code: null, names: undefined },
    nik: null,
    name: null,
    sex: null,
    birthDate: null,
    person: null,
  };
  for (const [family, step] of STEPS) if (!(family && known)) step(r, d);
  const { nik, name, sex, birthDate, village } = d;
  const f = d.family;
  const p = d.person as NonNullable<Draft['person']>;
  const record: NormalizedRecord = {
    noKk: f.noKk,
    sourceId: f.sourceId,
    villageCode: f.villageCode,
    address: f.address,
    hamlet: f.hamlet,
    rt: f.rt,
    rw: f.rw,
    desil: f.desil,
    tenure: f.tenure,
    floorAreaM2: f.floorAreaM2,
    floorType: f.floorType,
    wallType: f.wallType,
    wallCondition: f.wallCondition,
    roofType: f.roofType,
    roofCondition: f.roofCondition,
    drinkingWater: f.drinkingWater,
    toilet: f.toilet,
    sewage: f.sewage,
    lighting: f.lighting,
    electricityVa: f.electricityVa,
    cookingFuel: f.cookingFuel,
    assets: f.assets,
    familyPrograms: f.familyPrograms,
    nik: nik ?? '',
    name: name ?? '',
    sex,
    birthDate,
    birthPlace: p.birthPlace,
    relationship: p.relationship,
    motherName: p.motherName,
    education: p.education,
    schoolParticipation: p.schoolParticipation,
    workStatus: p.workStatus,
    disabilities: p.disabilities,
    chronicIllness: p.chronicIllness,
    jkn: p.jkn,
    nutritionStatus: p.nutritionStatus,
    personPrograms: p.personPrograms,
  };
  if (village.names) record.regionNames = village.names;

  if (nik !== null) {
    const nikCell = r.value('nik');
    const dd = Number(nik.slice(6, 8));
    const nikFemale = dd > 40;
    if (sex !== null && (sex === 'female') !== nikFemale) {
      r.fail('nik_sex_mismatch', 'nik', nikCell?.cell, {
        day: nik.slice(6, 8),
        nikSex: nikFemale ? 'perempuan (tanggal + 40)' : 'laki-laki',
        nikSexEn: nikFemale ? 'woman (day + 40)' : 'man',
        sex: sex === 'female' ? 'perempuan' : 'laki-laki',
        sexEn: sex,
      });
    }
    if (birthDate !== null) {
      const day = nikFemale ? dd - 40 : dd;
      const expected = `${String(day).padStart(2, '0')}${nik.slice(8, 10)}${nik.slice(10, 12)}`;
      const actual = `${birthDate.slice(8, 10)}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}`;
      if (expected !== actual) {
        r.fail('warn_nik_birth_date_mismatch', 'nik', nikCell?.cell, {
          part: `${nik.slice(6, 8)}-${nik.slice(8, 10)}-${nik.slice(10, 12)}`,
          birthDate,
        });
      }
    }
  }

  const issues = r.issues;
  const failed = issues.some(isError);
  if (!failed && (f.noKk === '' || nik === null || name === null || village.code === null)) {
    // Every path that leaves a required value empty reports it; this guard keeps the promise anyway.
    issues.push(makeIssue('internal_error', { row: ctx.row, column: ROW_COLUMN, field: null, value: '' }));
  }
  if (memo && !known) {
    // Family values are handed on only when no issue touched the family (or the row as a whole).
    const clean = issues.every((i) => i.field !== null && !isFamilyKey(i.field));
    remember(memo, r.plan, cells, ctx, clean ? f : null);
  }
  return issues.some(isError) ? { issues } : { record, issues };
}
