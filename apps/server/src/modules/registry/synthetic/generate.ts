/**
 * The synthetic family registry: families and members of the real villages under a scope, as a
 * CSV stream with one row per person (the RegistryRecord columns, see encode.ts), for demo mode,
 * import tests and benchmarks. No real personal data goes in: names, numbers and welfare are
 * drawn from a seeded generator, every row says `synthetic=1` and every sourceId starts `SYN-`.
 *
 * Memory stays flat: a family is built, written and forgotten; uniqueness of NIK and No KK is
 * kept by fixed-size serial tables (serials.ts), not by remembering numbers.
 */

import { once } from 'node:events';
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { addMonths, daysFromIso, isoFromDays } from './calendar.ts';
import { type CleanRow, planDefect, type RowDefect } from './defects.ts';
import {
  type Cells,
  DELIMITERS,
  type Delimiter,
  encoder,
  FAMILY_COLUMNS,
  familyCells,
  headerLine,
  listSeparator,
  PERSON_COLUMNS,
  type PersonCells,
  personCells,
} from './encode.ts';
import { applyStep, buildFamily, CHANGE, type Family, type FamilyContext } from './family.ts';
import { Rng } from './prng.ts';
import { allocate, regionIndex, scopeVillages, type Village } from './regions.ts';
import { SerialTable } from './serials.ts';

// one entry point for the CLI, the importer's tests and benches
export { DEFECT_KINDS, type DefectKind, type RowDefect } from './defects.ts';
export { type Delimiter, listSeparator, REGISTRY_CSV_COLUMNS } from './encode.ts';

/** Snapshot 1's date when none is given: the DTSEN quarter ending September 2026. */
export const DEFAULT_PERIOD = '2026-09-30';
export const DEFAULT_SEED = 1;
/** Snapshots follow DTSEN's quarterly update (Inpres 4/2025). */
const MONTHS_BETWEEN_SNAPSHOTS = 3;
const CHUNK_CHARS = 64 * 1024;
const RECENT_ROWS = 64;
const VILLAGE_STREAM = 0x5177a9e;
const MESSY_STREAM = 0x3e55;

export interface GenerateOptions {
  /** region code: province `33`, kab/kota `33.75`, kecamatan `33.75.01` or one village */
  scope: string;
  /** families in snapshot 1 (later snapshots add ~2 % per step) */
  families: number;
  /** default 1; the same seed and options give the same bytes */
  seed?: number;
  /** only CSV; default 'csv' */
  format?: 'csv';
  /** default `,` */
  delimiter?: Delimiter;
  /** share of rows (0–1) given one realistic defect each; default 0 */
  messy?: number;
  /**
   * Which snapshot of the registry: 1 (default) is the base; n > 1 is the same registry (same
   * seed, scope and families) n − 1 quarterly updates later: desil moves, members leave and are
   * born, new families appear, housing improves (README §Snapshots).
   */
  snapshot?: number;
  /**
   * The date of the snapshot generated (ISO). Default: `basePeriod` for snapshot 1, and three
   * months per step after it for later ones; when given for a later snapshot, the snapshots between
   * are spaced evenly. Written in no column; returned in the summary.
   */
  period?: string;
  /** snapshot 1's date, the reference for ages and card dates; default DEFAULT_PERIOD */
  basePeriod?: string;
  /** called for each defect as its row is written (messy mode) */
  onDefect?: (defect: RowDefect) => void;
}

export interface RegistrySummary {
  scope: string;
  seed: number;
  snapshot: number;
  /** this snapshot's date */
  period: string;
  /** dates of snapshots 1 … this one */
  periods: string[];
  villages: number;
  families: number;
  /** distinct persons written (an extra row of a person in two families is not one) */
  persons: number;
  /** data rows written (header excluded) */
  rows: number;
  defects: number;
}

export interface WriteSummary extends RegistrySummary {
  bytes: number;
  ms: number;
  /** sidecar JSON array of RowDefect, written when messy > 0 */
  defectsFile: string | null;
}

interface Plan {
  ctx: FamilyContext;
  villages: Village[];
  counts: number[];
  /** cumulative village weights, for placing families new in later snapshots */
  cumulative: Float64Array;
  periods: number[];
  newPerStep: number;
}

function fail(message: string): never {
  throw new Error(`synthetic registry: ${message}`);
}

function planPeriods(opts: GenerateOptions): number[] {
  const snapshot = opts.snapshot ?? 1;
  if (!Number.isInteger(snapshot) || snapshot < 1 || snapshot > 40) fail('snapshot must be an integer 1–40');
  const parse = (iso: string, what: string) => daysFromIso(iso) ?? fail(`${what} ${JSON.stringify(iso)} is not a date (YYYY-MM-DD)`);
  if (snapshot === 1) {
    if (opts.period !== undefined && opts.basePeriod !== undefined && opts.period !== opts.basePeriod)
      fail('snapshot 1 is the base: period and basePeriod differ');
    return [parse(opts.period ?? opts.basePeriod ?? DEFAULT_PERIOD, 'period')];
  }
  const base = parse(opts.basePeriod ?? DEFAULT_PERIOD, 'basePeriod');
  if (opts.period === undefined) return Array.from({ length: snapshot }, (_, i) => addMonths(base, i * MONTHS_BETWEEN_SNAPSHOTS));
  const last = parse(opts.period, 'period');
  if (last - base < snapshot - 1) fail('period must fall at least one day per snapshot after basePeriod');
  return Array.from({ length: snapshot }, (_, i) => base + Math.round(((last - base) * i) / (snapshot - 1)));
}

function plan(opts: GenerateOptions): Plan {
  if ((opts.format ?? 'csv') !== 'csv') fail(`format ${String(opts.format)} is not supported (csv only)`);
  if (!Number.isInteger(opts.families) || opts.families < 1 || opts.families > 20_000_000) fail('families must be an integer 1–20,000,000');
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail('seed must be an integer 0–4294967295');
  if (opts.delimiter !== undefined && !DELIMITERS.includes(opts.delimiter)) fail('delimiter must be one of , ; | and tab');
  const messy = opts.messy ?? 0;
  if (!(messy >= 0 && messy <= 1)) fail('messy must be a share between 0 and 1');
  const periods = planPeriods(opts);
  const base = periods[0] ?? 0;
  if (base < (daysFromIso('2006-01-01') ?? 0)) fail('the base period must be 2006 or later (KK issue dates start in 2005)');

  const index = regionIndex();
  if (!index.known(opts.scope)) fail(`scope ${opts.scope} is not in the region list`);
  const villages = scopeVillages(index, opts.scope, seed);
  if (villages.length === 0) fail(`scope ${opts.scope} has no villages`);
  const province = opts.scope.slice(0, 2);
  const provinceKec: number[] = [];
  index.kecamatan.forEach((k, i) => {
    if (k.province === province) provinceKec.push(i);
  });
  const provinceKabKota: number[] = [];
  const kota: number[] = [];
  index.kabKota.forEach((k, i) => {
    if (k.code.startsWith(`${province}.`)) provinceKabKota.push(i);
    if (k.kota) kota.push(i);
  });

  const steps = periods.length - 1;
  const newPerStep = Math.round(opts.families * CHANGE.newFamilies);
  const allFamilies = opts.families + steps * newPerStep;
  const ctx: FamilyContext = {
    seed,
    index,
    basePeriod: base,
    provinceKec,
    provinceKabKota,
    kota,
    // ≈ 3.6 persons per family; tables are sized for keys (≤ persons) and double if exceeded
    nik: new SerialTable(Math.ceil(allFamilies * 3.8)),
    births: new SerialTable(Math.ceil(allFamilies * 0.2 * steps) + 64),
    kk: new SerialTable(allFamilies),
  };
  const weights = villages.map((v) => v.weight);
  const cumulative = new Float64Array(villages.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    cumulative[i] = acc;
  });
  return { ctx, villages, counts: allocate(opts.families, weights), cumulative, periods, newPerStep };
}

/** Accumulates encoded rows, applies messy-mode defects and counts. */
class RowSink {
  /** characters waiting in `parts` */
  pending = 0;
  rows = 0;
  persons = 0;
  families = 0;
  defects = 0;
  private parts: string[] = [];
  private readonly encode: ReturnType<typeof encoder>;
  private readonly delimiter: Delimiter;
  private readonly sep: string;
  private readonly recent: CleanRow[] = [];
  private recentNext = 0;

  constructor(
    delimiter: Delimiter,
    private readonly messy: number,
    private readonly rng: Rng,
    private readonly known: (code: string) => boolean,
    private readonly onDefect: ((d: RowDefect) => void) | undefined,
  ) {
    this.delimiter = delimiter;
    this.encode = encoder(delimiter);
    this.sep = listSeparator(delimiter);
    this.push(headerLine(delimiter));
  }

  private push(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
  }

  family(f: Family): void {
    const fc = familyCells(f, this.sep);
    // the family's columns come first in every row: encode them once
    const prefix = this.encode.values(FAMILY_COLUMNS.map((c) => fc[c])) + this.delimiter;
    this.families++;
    for (const p of f.members) {
      const pc = personCells(p, this.sep);
      this.persons++;
      const row = ++this.rows;
      if (this.messy === 0 || !this.rng.chance(this.messy)) {
        this.push(`${prefix}${this.encode.values(PERSON_COLUMNS.map((c) => pc[c]))}\n`);
        if (this.messy > 0) this.remember(row, fc.noKk, pc);
        continue;
      }
      const cells: Cells = { ...fc, ...pc };
      const d = planDefect(this.rng, cells, p.relationship === 'head', this.recent, this.known);
      this.push(this.encode.line(cells));
      let at = row;
      if (d.extra) {
        this.remember(row, fc.noKk, pc);
        at = ++this.rows;
        this.push(this.encode.line(d.extra));
      }
      this.defects++;
      const defect: RowDefect = { row: at, line: at + 1, defect: d.kind, column: d.column, value: d.value };
      if (d.firstRow !== undefined) defect.firstRow = d.firstRow;
      this.onDefect?.(defect);
    }
  }

  private remember(row: number, noKk: string, person: PersonCells): void {
    const entry = { row, noKk, person };
    if (this.recent.length < RECENT_ROWS) this.recent.push(entry);
    else this.recent[this.recentNext] = entry;
    this.recentNext = (this.recentNext + 1) % RECENT_ROWS;
  }

  take(): string {
    const t = this.parts.join('');
    this.parts = [];
    this.pending = 0;
    return t;
  }
}

function pickVillage(p: Plan, ordinal: number): Village {
  const total = p.cumulative[p.cumulative.length - 1] ?? 0;
  const u = new Rng(p.ctx.seed, ordinal, VILLAGE_STREAM).next() * total;
  let lo = 0;
  let hi = p.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((p.cumulative[mid] ?? 0) > u) hi = mid;
    else lo = mid + 1;
  }
  return p.villages[lo] as Village;
}

/**
 * Streams the registry as CSV text chunks of about 64 KB: the header, then each family's member
 * rows (head first). Families of snapshot 1 come village by village; families that are new in a
 * later snapshot follow, step by step. The generator's return value is the summary.
 */
export async function* generateRegistry(opts: GenerateOptions): AsyncGenerator<string, RegistrySummary, undefined> {
  const p = plan(opts);
  const { ctx, periods } = p;
  const seed = ctx.seed;
  const messy = opts.messy ?? 0;
  const sink = new RowSink(
    opts.delimiter ?? ',',
    messy,
    new Rng(seed, MESSY_STREAM, periods.length),
    (c) => ctx.index.villageCodes.has(c),
    opts.onDefect,
  );
  const advance = (f: Family, fromStep: number) => {
    for (let s = fromStep; s <= periods.length; s++) applyStep(ctx, f, s, periods[s - 2] ?? 0, periods[s - 1] ?? 0);
  };

  let ordinal = 0;
  for (let v = 0; v < p.villages.length; v++) {
    const village = p.villages[v] as Village;
    const n = p.counts[v] ?? 0;
    for (let k = 0; k < n; k++) {
      const f = buildFamily(ctx, ordinal++, village);
      advance(f, 2);
      sink.family(f);
      if (sink.pending >= CHUNK_CHARS) yield sink.take();
    }
  }
  for (let s = 2; s <= periods.length; s++) {
    const issued = { from: (periods[s - 2] ?? 0) + 1, to: periods[s - 1] ?? 0 };
    for (let j = 0; j < p.newPerStep; j++) {
      const o = opts.families + (s - 2) * p.newPerStep + j;
      const f = buildFamily(ctx, o, pickVillage(p, o), issued);
      advance(f, s + 1);
      sink.family(f);
      if (sink.pending >= CHUNK_CHARS) yield sink.take();
    }
  }
  if (sink.pending > 0) yield sink.take();
  return {
    scope: opts.scope,
    seed,
    snapshot: periods.length,
    period: isoFromDays(periods[periods.length - 1] ?? 0),
    periods: periods.map(isoFromDays),
    villages: p.villages.length,
    families: sink.families,
    persons: sink.persons,
    rows: sink.rows,
    defects: sink.defects,
  };
}

/**
 * Streams the registry to `path` (with back-pressure) and, in messy mode, its defects to
 * `<path>.defects.json`. Returns the summary with bytes written and milliseconds taken.
 */
export async function writeRegistryFile(path: string, opts: GenerateOptions): Promise<WriteSummary> {
  const t0 = performance.now();
  const messy = (opts.messy ?? 0) > 0;
  const defectsFile = messy ? `${path}.defects.json` : null;
  const out = fs.createWriteStream(path);
  const side = defectsFile ? fs.openSync(defectsFile, 'w') : null;
  let sideText = '[';
  let firstDefect = true;
  const flushSide = () => {
    if (side !== null && sideText.length > 0) fs.writeSync(side, sideText);
    sideText = '';
  };
  const gen = generateRegistry({
    ...opts,
    onDefect: (d) => {
      sideText += `${firstDefect ? '\n' : ',\n'}${JSON.stringify(d)}`;
      firstDefect = false;
      if (sideText.length >= CHUNK_CHARS) flushSide();
      opts.onDefect?.(d);
    },
  });
  let bytes = 0;
  try {
    for (;;) {
      const r = await gen.next();
      if (r.done) {
        out.end();
        await finished(out);
        sideText += '\n]\n';
        flushSide();
        return { ...r.value, bytes, ms: Math.round(performance.now() - t0), defectsFile };
      }
      bytes += Buffer.byteLength(r.value);
      if (!out.write(r.value)) await once(out, 'drain');
    }
  } catch (err) {
    out.destroy();
    throw err;
  } finally {
    if (side !== null) fs.closeSync(side);
  }
}
