/**
 * Property-based tests: thousands of generated rows, clean and malformed (random junk, truncated
 * and Excel-mangled NIKs, wrong delimiters, random unicode, huge fields, missing and extra
 * cells), through parse -> map -> normalise -> in-file checks. Whatever the input: nothing throws,
 * and every row is either a valid record or has at least one error located at its own row and at
 * a real header (or the `(row)` pseudo-column).
 */
import { RegistryRecordSchema, type RowIssue } from '@dampingan/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateTracker } from './file-checks.ts';
import { mapHeaders } from './header-map.ts';
import { isError, ROW_COLUMN } from './messages.ts';
import { type Delimiter, detectDelimiter, readCsvRows, type SourceRow } from './parse-csv.ts';
import { chunks, collect, regionCallbacks, splitBytes, TODAY } from './test-support.ts';
import { createFamilyMemo, normalizeRow } from './validate.ts';

const regions = regionCallbacks();
const DELIMS: readonly Delimiter[] = [',', ';', '|', '\t'];

/** RFC 4180 serialisation; quotes whenever needed (and sometimes when not). */
function csvCell(cell: string, d: string, forceQuote: boolean): string {
  const needs = cell.includes(d) || /["\r\n]/.test(cell) || DELIMS.some((x) => cell.includes(x));
  return needs || forceQuote ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function lineBreaks(s: string): number {
  return (s.match(/\r\n|\r|\n/g) ?? []).length;
}

const isBlankRow = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

// ------------------------------------------------------------------ parser round trip

const cellArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('"', '""', ',', ';', '|', '\t', '\r\n', '\r', '\n', ' ', 'a"b', '"x"y', 'Siti Ṣaliḥah', '😀', ''),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

describe('CSV reader properties', () => {
  it('round-trips any table through any delimiter, line ending, BOM and byte chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...DELIMS),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (table, d, eol, bom, forceQuote, cuts) => {
          // a lone-surrogate cell cannot survive UTF-8; the reader replaces it, as any decoder does
          const rows = table.map((r) => r.map((c) => Buffer.from(c, 'utf8').toString('utf8')));
          let text = '';
          let line = 1;
          const expected: Array<{ row: number; cells: string[] }> = [];
          for (const r of rows) {
            const serial = r.map((c) => csvCell(c, d, forceQuote)).join(d);
            // a row of one empty cell is an empty line: the reader skips it
            if (!isBlankRow(r)) expected.push({ row: line, cells: r });
            text += serial + eol;
            line += lineBreaks(serial) + 1;
          }
          const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
          const parts = splitBytes(
            bytes,
            cuts.map((c) => c % (bytes.length + 1)),
          );
          const got = (await collect(readCsvRows(chunks(parts), { delimiter: d }))).map((r) => ({ row: r.row, cells: r.cells }));
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('detects the delimiter of any consistent table whose other delimiters are quoted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(...DELIMS),
        fc.infiniteStream(cellArb),
        (cols, lines, d, cells) => {
          const text = Array.from({ length: lines + 1 }, () =>
            Array.from({ length: cols }, () => csvCell(String(cells.next().value ?? ''), d, false)).join(d),
          ).join('\r\n');
          expect(detectDelimiter(`${text}\r\n`)).toBe(d);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------ whole pipeline

const HEADER_POOL = [
  'No KK',
  'NIK',
  'Nama',
  'Jenis Kelamin',
  'Tanggal Lahir',
  'Hubungan Keluarga',
  'Kode Desa',
  'Desa/Kelurahan',
  'Kecamatan',
  'Kabupaten/Kota',
  'RT',
  'RW',
  'Desil',
  'Fasilitas BAB',
  'Sumber Air Minum',
  'Daya Listrik',
  'Luas Lantai',
  'PKH',
  'PBI',
  'Aset',
  'kd_sulit_penglihatan',
  'Penyakit Kronis',
  'Alamat',
  'Catatan Petugas',
  '',
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dateArb = fc.record({
  d: fc.integer({ min: 1, max: 28 }),
  m: fc.integer({ min: 1, max: 12 }),
  y: fc.integer({ min: 1935, max: 2024 }),
});
const districtArb = fc.constantFrom('337501', '337502', '337503', '337504');
const nikArb = fc
  .tuple(districtArb, dateArb, fc.boolean(), fc.integer({ min: 1, max: 9999 }))
  .map(([p, dt, female, s]) => `${p}${pad(dt.d + (female ? 40 : 0), 2)}${pad(dt.m, 2)}${pad(dt.y % 100, 2)}${pad(s, 4)}`);
const kkArb = fc
  .tuple(
    districtArb,
    dateArb.filter((dt) => dt.y >= 2006),
    fc.integer({ min: 1, max: 9999 }),
  )
  .map(([p, dt, s]) => `${p}${pad(dt.d, 2)}${pad(dt.m, 2)}${pad(dt.y % 100, 2)}${pad(s, 4)}`);

/** Excel and typing damage applied to an identity number. */
const mangled = (id: fc.Arbitrary<string>) =>
  fc.oneof(
    id.map((v) => `${v.slice(0, 1)}.${v.slice(1, 6)}E+15`),
    id.map((v) => `${v.slice(0, 1)},${v.slice(1, 6)}E+15`),
    id.map((v) => `${v}.0`),
    id.map((v) => v.slice(0, 15)),
    id.map((v) => `${v.slice(0, 15)}0`),
    id.map((v) => `${v.slice(0, 4)}.${v.slice(4, 8)}.${v.slice(8)}`),
    id.map((v) => `'${v}`),
    id.map((v) => `${v}${v.slice(-1)}`),
    fc.tuple(id, fc.nat({ max: 15 }), fc.string({ maxLength: 1 })).map(([v, i, c]) => v.slice(0, i) + c + v.slice(i + 1)),
  );

const validCell: Record<string, fc.Arbitrary<string>> = {
  'No KK': kkArb,
  NIK: nikArb,
  Nama: fc.constantFrom('Slamet Riyadi', 'Siti Aminah', 'Muhammad Ridwan', 'Sri Wahyuni', 'Bagus Prasetyo', 'Nur Khasanah'),
  'Jenis Kelamin': fc.constantFrom('L', 'P', 'Laki-laki', 'Perempuan', '1', '2'),
  'Tanggal Lahir': dateArb.map((dt) => `${pad(dt.d, 2)}-${pad(dt.m, 2)}-${dt.y}`),
  'Hubungan Keluarga': fc.constantFrom('Kepala Keluarga', 'Istri', 'Anak', 'Cucu', '3', 'Famili Lain'),
  'Kode Desa': fc.constantFrom('33.75.01.1002', '3375011003', '33.75.02.1012', '33.75.04.1010', '33.75.03.1009'),
  'Desa/Kelurahan': fc.constantFrom('Medono', 'MEDONO', 'Podosugih', 'Kali Baros'),
  Kecamatan: fc.constantFrom('Pekalongan Barat', 'PEKALONGAN TIMUR'),
  'Kabupaten/Kota': fc.constantFrom('Kota Pekalongan', 'KOTA PEKALONGAN'),
  RT: fc.integer({ min: 1, max: 20 }).map(String),
  RW: fc.integer({ min: 1, max: 12 }).map((n) => `RW ${pad(n, 2)}`),
  Desil: fc.oneof(fc.integer({ min: 1, max: 10 }).map(String), fc.constantFrom('Desil 1', '4.0')),
  'Fasilitas BAB': fc.constantFrom('Sendiri', 'Bersama', 'Umum', 'Tidak ada'),
  'Sumber Air Minum': fc.constantFrom('Leding', 'PDAM', 'Sumur bor/pompa', 'Air isi ulang'),
  'Daya Listrik': fc.constantFrom('450', '900 VA', '1.300', ''),
  'Luas Lantai': fc.constantFrom('36', '45,5', '21 m2', ''),
  PKH: fc.constantFrom('Ya', 'Tidak', '1', '0', ''),
  PBI: fc.constantFrom('Ya', 'Tidak', ''),
  Aset: fc.constantFrom('Kulkas, TV', 'Sepeda motor', 'Tidak ada', ''),
  kd_sulit_penglihatan: fc.constantFrom('1', '3', '4', 'Ya', ''),
  'Penyakit Kronis': fc.constantFrom('Tidak ada', 'Hipertensi', 'Ya', ''),
  Alamat: fc.constantFrom('Jl. Urip Sumoharjo Gg. 3', 'Jl. Kurinci No. 7, Medono', ''),
  'Catatan Petugas': fc.string({ maxLength: 10 }),
  '': fc.constant(''),
};

const junkArb = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('-', '#N/A', 'null', '0', '00000000000000000', '99-99-9999', '3.37501E+15', '\u00a0', '\ufeff', '"', ';;'),
  fc.integer({ min: 2000, max: 20000 }).map((n) => 'x'.repeat(n)),
);

function cellFor(header: string): fc.Arbitrary<string> {
  const valid = validCell[header] ?? fc.string({ maxLength: 10 });
  const weights = header === 'NIK' || header === 'No KK' ? [10, 1, 2] : [30, 1, 0];
  const arbs: Array<{ weight: number; arbitrary: fc.Arbitrary<string> }> = [
    { weight: weights[0] ?? 1, arbitrary: valid },
    { weight: weights[1] ?? 1, arbitrary: junkArb },
  ];
  if ((weights[2] ?? 0) > 0) arbs.push({ weight: weights[2] ?? 1, arbitrary: mangled(header === 'NIK' ? nikArb : kkArb) });
  return fc.oneof(...arbs);
}

/** How a row is written: normally, with the wrong delimiter, cut short, or with extra cells. */
const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'ok' as const }) },
  { weight: 1, arbitrary: fc.constantFrom(...DELIMS).map((d) => ({ kind: 'wrong_delimiter' as const, d })) },
  { weight: 1, arbitrary: fc.nat({ max: 30 }).map((n) => ({ kind: 'missing' as const, n })) },
  { weight: 1, arbitrary: fc.array(junkArb, { minLength: 1, maxLength: 3 }).map((extra) => ({ kind: 'extra' as const, extra })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'stray_quote' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'repeat_previous' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'previous_in_other_family' as const }) },
);

const fileArb = fc
  .tuple(fc.shuffledSubarray(HEADER_POOL, { minLength: 1 }), fc.constantFrom<Delimiter>(';', ',', '|', '\t'), fc.boolean(), fc.boolean())
  .chain(([pool, d, withRequired, openQuoteAtEnd]) => {
    // most files have the required columns; some do not
    const headers = withRequired ? [...new Set(['No KK', 'NIK', 'Nama', 'Kode Desa', ...pool])] : pool;
    const cellsArb: fc.Arbitrary<string[]> = fc.tuple(...headers.map(cellFor));
    const rowArb = fc.tuple(cellsArb, shapeArb);
    return fc.record({
      headers: fc.constant(headers),
      d: fc.constant(d),
      rows: fc.array(rowArb, { minLength: 1, maxLength: 40, size: '+1' }),
      openQuoteAtEnd: fc.constant(openQuoteAtEnd),
      cuts: fc.array(fc.nat(), { maxLength: 8 }),
    });
  });

type Shape =
  | { kind: 'ok' | 'stray_quote' | 'repeat_previous' | 'previous_in_other_family' }
  | { kind: 'wrong_delimiter'; d: Delimiter }
  | { kind: 'missing'; n: number }
  | { kind: 'extra'; extra: string[] };

interface GeneratedFile {
  headers: string[];
  d: Delimiter;
  rows: Array<[string[], Shape]>;
}

function serialise(file: GeneratedFile): string {
  const { headers, d } = file;
  const lines = [headers.map((h) => csvCell(h, d, false)).join(d)];
  const kkAt = headers.indexOf('No KK');
  let previous: string[] | undefined;
  for (const [own, shape] of file.rows) {
    // the same person again, in the same family or (with this row's No KK) in another one
    let cells = own;
    if (previous && shape.kind === 'repeat_previous') cells = previous;
    if (previous && shape.kind === 'previous_in_other_family' && kkAt >= 0)
      cells = previous.map((c, i) => (i === kkAt ? (own[i] ?? c) : c));
    previous = cells;
    let out = cells.map((c) => csvCell(c, d, false));
    if (shape.kind === 'missing') out = out.slice(0, Math.max(1, out.length - 1 - (shape.n % out.length)));
    if (shape.kind === 'extra') out = [...out, ...shape.extra.map((c) => csvCell(c, d, false))];
    if (shape.kind === 'wrong_delimiter') {
      lines.push(cells.join(shape.d));
      continue;
    }
    if (shape.kind === 'stray_quote') out = out.map((c, i) => (i === 0 ? `${c}"x` : c));
    lines.push(out.join(d));
  }
  return `${lines.join('\r\n')}\r\n`;
}

interface Checked {
  rows: number;
  records: number;
  issues: RowIssue[];
}

async function runPipeline(text: string, cuts: number[], d: Delimiter | undefined): Promise<Checked> {
  const bytes = Buffer.from(text, 'utf8');
  const parts = splitBytes(
    bytes,
    cuts.map((c) => c % (bytes.length + 1)),
  );
  let headers: string[] | undefined;
  let mapping: ReturnType<typeof mapHeaders> | undefined;
  let tracker: DuplicateTracker | undefined;
  const out: Checked = { rows: 0, records: 0, issues: [] };
  for await (const src of readCsvRows(chunks(parts), d ? { delimiter: d } : {})) {
    if (!headers || !mapping || !tracker) {
      headers = src.cells;
      mapping = mapHeaders(headers);
      tracker = new DuplicateTracker({ headers, columns: mapping.columns });
      continue;
    }
    out.rows++;
    checkRow(src, headers, mapping, tracker, out);
  }
  return out;
}

function checkRow(
  src: SourceRow,
  headers: string[],
  mapping: ReturnType<typeof mapHeaders>,
  tracker: DuplicateTracker,
  out: Checked,
): void {
  const res = normalizeRow(src.cells, mapping.columns, { row: src.row, headers, today: TODAY, problem: src.problem, ...regions });
  const located = (i: RowIssue) => i.row === src.row && (headers.includes(i.column) || i.column === ROW_COLUMN);
  for (const i of res.issues) {
    expect(located(i), JSON.stringify(i)).toBe(true);
    expect(i.code).not.toBe('internal_error');
    expect(i.message.length).toBeGreaterThan(0);
    expect(i.messageEn.length).toBeGreaterThan(0);
  }
  out.issues.push(...res.issues);
  if (res.record) {
    expect(res.issues.some(isError)).toBe(false);
    const parsed = RegistryRecordSchema.safeParse(res.record);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    out.records++;
    for (const i of tracker.check(res.record, src.row)) {
      expect(located(i), JSON.stringify(i)).toBe(true);
      out.issues.push(i);
    }
  } else {
    expect(res.issues.some((i) => isError(i) && located(i))).toBe(true);
  }
}

describe('parse -> map -> normalise -> file checks, on generated malformed files', () => {
  it('never throws; every row is a valid record or has an error at its row and a real column', async () => {
    let rows = 0;
    let records = 0;
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fileArb, fc.boolean(), async (file, detect) => {
        let text = serialise(file);
        if (file.openQuoteAtEnd) text += `${file.headers.map(() => '').join(file.d)}"unclosed ${file.d} quote\r\n`;
        const got = await runPipeline(text, file.cuts, detect ? undefined : file.d);
        rows += got.rows;
        records += got.records;
        for (const i of got.issues) seen.add(i.code);
      }),
      { numRuns: 600 },
    );
    console.log(`pipeline property: ${rows} rows, ${records} records, ${seen.size} distinct issue codes`);
    // the generator really produced thousands of rows, both kinds, and a broad set of codes
    expect(rows).toBeGreaterThan(3000);
    expect(records).toBeGreaterThan(100);
    expect(rows - records).toBeGreaterThan(1000);
    for (const code of [
      'id_scientific_notation',
      'id_excel_decimal',
      'id_15_digits',
      'id_not_digits',
      'row_extra_cells',
      'row_missing_cells',
      'required_missing',
      'nik_duplicate_in_file',
      'person_in_two_families',
    ]) {
      expect(seen, code).toContain(code);
    }
  }, 120_000);

  it('the family memo changes nothing: every row gives the same record and issues with and without it', async () => {
    // rows of one family repeat its cells; some rows change one family cell, some are malformed
    const FAMILY_HEADERS = new Set(['No KK', 'Kode Desa', 'Desa/Kelurahan', 'Kecamatan', 'Kabupaten/Kota', 'RT', 'RW', 'Desil']);
    for (const h of ['Fasilitas BAB', 'Sumber Air Minum', 'Daya Listrik', 'Luas Lantai', 'PKH', 'Aset', 'Alamat']) FAMILY_HEADERS.add(h);
    let rows = 0;
    let hits = 0;
    await fc.assert(
      fc.asyncProperty(fileArb, fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 40 }), async (file, joins) => {
        // rows of one family: a row takes over the previous row's family cells (join 1–2), all but
        // one of them (join 3), or starts a new family (0)
        const family: Array<[string[], Shape]> = [];
        for (const [i, [own, shape]] of file.rows.entries()) {
          const prev = family[i - 1]?.[0];
          const join = joins[i] ?? 0;
          const changed = file.headers.findIndex((h) => FAMILY_HEADERS.has(h));
          const cells =
            prev && join > 0
              ? own.map((c, j) => (FAMILY_HEADERS.has(file.headers[j] ?? '') && !(join === 3 && j === changed) ? (prev[j] ?? c) : c))
              : own;
          family.push([cells, shape]);
        }
        const text = serialise({ ...file, rows: family });
        const memo = createFamilyMemo();
        let headers: string[] | undefined;
        let columns: ReturnType<typeof mapHeaders>['columns'] = [];
        for await (const src of readCsvRows(chunks([text]), { delimiter: file.d })) {
          if (!headers) {
            headers = src.cells;
            columns = mapHeaders(headers).columns;
            continue;
          }
          rows++;
          const ctx = { row: src.row, headers, today: TODAY, problem: src.problem, ...regions };
          const plain = normalizeRow(src.cells, columns, ctx);
          const memoised = normalizeRow(src.cells, columns, { ...ctx, familyMemo: memo });
          expect(memoised, `row ${src.row}`).toEqual(plain);
        }
        hits += memo.hits;
      }),
      { numRuns: 300 },
    );
    // the memo was really used, on a good share of the rows
    expect(hits).toBeGreaterThan(rows / 10);
  }, 120_000);

  it('handles arbitrary text as a whole file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
        ),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (text, cuts) => {
          const res = await runPipeline(`NIK;No KK;Nama;Kode Desa\n${text}`, cuts, undefined);
          expect(res.rows).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
