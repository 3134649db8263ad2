/**
 * Checks across the rows of one file, streaming: feed each valid record in file order.
 * - the same NIK twice in one family: `nik_duplicate_in_file` ("NIK also on row 12");
 * - the same NIK in two families (different No KK): `person_in_two_families`;
 *   both are errors on the later row and name the earlier row (the first occurrence is kept);
 * - family-level fields that disagree between rows of one No KK: `warn_family_field_conflict` on
 *   the later row, naming the earlier one (the head's row wins; until the head is seen, the
 *   family's first row stands in for it); a second head: `warn_family_two_heads`. A blank value
 *   never conflicts.
 *   `sourceId` is not compared: some exports give each member row its own ID.
 *
 * Memory is proportional to distinct NIKs and No KKs, without keeping any string: 16-digit
 * numbers go into open-addressing tables of typed arrays, per-NIK and per-family data into
 * growable typed arrays. Measured: 3.5 M persons in 1 M families take about 200 MB.
 */
import type { RegistryRecord, RowIssue } from '@dampingan/contracts';
import type { FieldKey } from './header-map.ts';
import { makeIssue } from './messages.ts';

/** Family-level fields compared between the rows of one family (RegistryRecord order). */
export const FAMILY_CHECK_FIELDS = [
  'villageCode',
  'address',
  'hamlet',
  'rt',
  'rw',
  'desil',
  'tenure',
  'floorAreaM2',
  'floorType',
  'wallType',
  'wallCondition',
  'roofType',
  'roofCondition',
  'drinkingWater',
  'toilet',
  'sewage',
  'lighting',
  'electricityVa',
  'cookingFuel',
  'assets',
  'familyPrograms',
] as const satisfies ReadonlyArray<keyof RegistryRecord>;
type FamilyField = (typeof FAMILY_CHECK_FIELDS)[number];
const F = FAMILY_CHECK_FIELDS.length;

/**
 * Maps 16-digit strings to dense indexes 0, 1, 2, … without storing the strings: an
 * open-addressing hash table over typed arrays, keyed by (first 7 digits, last 9 digits), both
 * below 2^31. 12 bytes per slot at a load factor of at most 1/2.
 */
class DigitIndex {
  private hi = new Int32Array(1 << 12);
  private lo = new Int32Array(1 << 12);
  private val = new Int32Array(1 << 12).fill(-1);
  private mask = (1 << 12) - 1;
  size = 0;

  private static slot(hi: number, lo: number, mask: number): number {
    return (Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) >>> 7) & mask;
  }

  /** The index of `digits`, or -1. */
  get(digits: string): number {
    const hi = Number(digits.slice(0, 7));
    const lo = Number(digits.slice(7));
    for (let i = DigitIndex.slot(hi, lo, this.mask); ; i = (i + 1) & this.mask) {
      const v = this.val[i] ?? -1;
      if (v < 0) return -1;
      if (this.hi[i] === hi && this.lo[i] === lo) return v;
    }
  }

  /** Adds `digits` (known absent) and returns its new index. */
  add(digits: string): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.rehash();
    const idx = this.size++;
    this.insert(Number(digits.slice(0, 7)), Number(digits.slice(7)), idx);
    return idx;
  }

  private insert(hi: number, lo: number, idx: number): void {
    let i = DigitIndex.slot(hi, lo, this.mask);
    while ((this.val[i] ?? -1) >= 0) i = (i + 1) & this.mask;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.val[i] = idx;
  }

  private rehash(): void {
    const { hi, lo, val } = this;
    const cap = (this.mask + 1) * 2;
    this.hi = new Int32Array(cap);
    this.lo = new Int32Array(cap);
    this.val = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let i = 0; i < val.length; i++) {
      const v = val[i] ?? -1;
      if (v >= 0) this.insert(hi[i] ?? 0, lo[i] ?? 0, v);
    }
  }
}

function grow<T extends Int32Array | Uint16Array | Uint8Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** 16-bit hash of a family field value (FNV-1a over its text); 0 is kept for "blank". */
function hash16(value: unknown): number {
  if (value === null || value === undefined) return 0;
  let h = 0x811c9dc5;
  if (typeof value === 'number') h = Math.imul(h ^ (value * 100), 0x01000193);
  else {
    const s = Array.isArray(value) ? value.join(',') : String(value);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  const x = (h ^ (h >>> 16)) & 0xffff;
  return x === 0 ? 1 : x;
}

export interface DuplicateTrackerOptions {
  /** the header row and its mapping, to name the column of each issue */
  headers: readonly string[];
  columns: ReadonlyArray<FieldKey | null>;
}

export class DuplicateTracker {
  private readonly niks = new DigitIndex();
  private nikRow = new Int32Array(1024);
  private nikFamily = new Int32Array(1024);

  private readonly families = new DigitIndex();
  private famRefRow = new Int32Array(256);
  /** 1 when the reference row is the head's */
  private famRefHead = new Uint8Array(256);
  private famLastDigits = new Int32Array(256);
  private famHashes = new Uint16Array(256 * F);

  private readonly columnOf: (field: string) => string;

  constructor(opts: DuplicateTrackerOptions) {
    const byField = new Map<string, string>();
    opts.columns.forEach((key, i) => {
      if (key === null) return;
      const field = key === 'rtRw' ? 'rt' : key.includes(':') ? key.slice(0, key.indexOf(':')) : key;
      if (!byField.has(field)) byField.set(field, opts.headers[i] ?? field);
      if (key === 'rtRw' && !byField.has('rw')) byField.set('rw', opts.headers[i] ?? 'rw');
      if (key === 'villageName' && !byField.has('villageCode')) byField.set('villageCode', opts.headers[i] ?? 'villageCode');
    });
    this.columnOf = (field) => byField.get(field) ?? field;
  }

  /** Distinct NIKs seen. */
  get persons(): number {
    return this.niks.size;
  }

  get familyCount(): number {
    return this.families.size;
  }

  /**
   * Checks one valid record (in file order) against the rows before it. Returns the issues for
   * this row; an error means the row must not be loaded (its NIK is kept from the earlier row).
   */
  check(record: RegistryRecord, row: number): RowIssue[] {
    const nikColumn = this.columnOf('nik');
    const nikIdx = this.niks.get(record.nik);
    const famIdx = this.families.get(record.noKk);
    if (nikIdx >= 0) {
      const otherRow = this.nikRow[nikIdx] ?? 0;
      const otherFam = this.nikFamily[nikIdx] ?? -1;
      const at = { row, column: nikColumn, field: 'nik', value: record.nik };
      if (otherFam === famIdx) return [makeIssue('nik_duplicate_in_file', at, { otherRow })];
      const otherKkEnd = String((this.famLastDigits[otherFam] ?? 0) % 10_000).padStart(4, '0');
      return [makeIssue('person_in_two_families', at, { otherRow, otherKkEnd })];
    }

    const issues: RowIssue[] = [];
    const isHead = record.relationship === 'head';
    let fam = famIdx;
    if (fam < 0) {
      fam = this.families.add(record.noKk);
      this.ensureFamilyCapacity(fam + 1);
      this.famLastDigits[fam] = Number(record.noKk.slice(8));
      this.setReference(fam, record, row, isHead);
    } else {
      const refRow = this.famRefRow[fam] ?? 0;
      const refIsHead = this.famRefHead[fam] === 1;
      if (isHead && refIsHead) {
        issues.push(
          makeIssue(
            'warn_family_two_heads',
            { row, column: this.columnOf('relationship'), field: 'relationship', value: 'head' },
            { otherRow: refRow },
          ),
        );
      }
      for (const f of this.differingFields(fam, record)) issues.push(this.conflict(row, f, record[f], refRow));
      // The head arrives after other members: from now on its values are the reference.
      if (isHead && !refIsHead) this.setReference(fam, record, row, true);
    }

    this.ensurePersonCapacity(this.niks.size + 1);
    const idx = this.niks.add(record.nik);
    this.nikRow[idx] = row;
    this.nikFamily[idx] = fam;
    return issues;
  }

  private conflict(row: number, field: FamilyField, value: RegistryRecord[FamilyField], otherRow: number): RowIssue {
    const shown = value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
    return makeIssue('warn_family_field_conflict', { row, column: this.columnOf(field), field, value: shown }, { otherRow });
  }

  private differingFields(fam: number, record: RegistryRecord): FamilyField[] {
    const out: FamilyField[] = [];
    const base = fam * F;
    for (let i = 0; i < F; i++) {
      const field = FAMILY_CHECK_FIELDS[i] as FamilyField;
      const h = hash16(record[field]);
      const ref = this.famHashes[base + i] ?? 0;
      if (h !== 0 && ref !== 0 && h !== ref) out.push(field);
    }
    return out;
  }

  private setReference(fam: number, record: RegistryRecord, row: number, isHead: boolean): void {
    this.famRefRow[fam] = row;
    this.famRefHead[fam] = isHead ? 1 : 0;
    const base = fam * F;
    for (let i = 0; i < F; i++) this.famHashes[base + i] = hash16(record[FAMILY_CHECK_FIELDS[i] as FamilyField]);
  }

  private ensurePersonCapacity(n: number): void {
    this.nikRow = grow(this.nikRow, n, (k) => new Int32Array(k));
    this.nikFamily = grow(this.nikFamily, n, (k) => new Int32Array(k));
  }

  private ensureFamilyCapacity(n: number): void {
    this.famRefRow = grow(this.famRefRow, n, (k) => new Int32Array(k));
    this.famRefHead = grow(this.famRefHead, n, (k) => new Uint8Array(k));
    this.famLastDigits = grow(this.famLastDigits, n, (k) => new Int32Array(k));
    this.famHashes = grow(this.famHashes, n * F, (k) => new Uint16Array(k));
  }
}
