/**
 * CSV parser throughput: writes a synthetic 30-column file (default 1,000,000 rows, `;`, some
 * quoted fields with embedded delimiters, CRLF) to a temp dir and reads it back from disk.
 * Run: npx tsx apps/server/src/modules/registry/import/csv-throughput.bench.ts [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuplicateTracker } from './file-checks.ts';
import { mapHeaders } from './header-map.ts';
import { readCsvRows } from './parse-csv.ts';
import { regionCallbacks } from './test-support.ts';
import { normalizeRow } from './validate.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csv-bench-')), 'registry.csv');

const header = [
  'iddtks',
  'provinsi',
  'kabupaten_kota',
  'kecamatan',
  'desa_kelurahan',
  'alamat',
  'dusun',
  'rt',
  'rw',
  'nomor_kk',
  'nomor_nik',
  'nama',
  'tanggal_lahir',
  'tempat_lahir',
  'jenis_kelamin',
  'nama_ibu_kandung',
  'hubungan_keluarga',
  'desil',
  'status_kepemilikan_rumah',
  'luas_lantai',
  'jenis_lantai',
  'jenis_dinding',
  'jenis_atap',
  'sumber_air_minum',
  'fasilitas_bab',
  'sumber_penerangan',
  'daya_listrik',
  'bahan_bakar_memasak',
  'pkh',
  'bpnt',
];

function line(i: number): string {
  const kk = `33750${1 + (i % 4)}${String(10 + (i % 18)).padStart(2, '0')}0${1 + (i % 9)}19${String(i % 10000).padStart(4, '0')}`;
  const nik = `33750${1 + (i % 4)}${String(1 + (i % 28) + (i % 2) * 40).padStart(2, '0')}0${1 + (i % 9)}8${i % 10}${String(1 + (i % 9999)).padStart(4, '0')}`;
  return [
    `DTKS-${i}`,
    'JAWA TENGAH',
    'KOTA PEKALONGAN',
    'PEKALONGAN BARAT',
    'MEDONO',
    i % 10 === 0 ? `"Jl. Urip Sumoharjo; Gg. ${i % 30}"` : `Jl. Urip Sumoharjo Gg. ${i % 30}`,
    '',
    String(1 + (i % 12)).padStart(3, '0'),
    String(1 + (i % 8)).padStart(3, '0'),
    kk,
    nik,
    i % 7 === 0 ? '"SITI ""NUR"" AMINAH"' : 'SITI NUR AMINAH',
    `${String(1 + (i % 28)).padStart(2, '0')}-0${1 + (i % 9)}-198${i % 10}`,
    'PEKALONGAN',
    i % 2 ? 'P' : 'L',
    'KASMIRAH',
    'Anak',
    String(1 + (i % 10)),
    'Milik sendiri',
    '36',
    'Keramik',
    'Tembok',
    'Genteng',
    'Leding',
    'Sendiri',
    'Listrik PLN dengan meteran',
    '900',
    'Gas elpiji 3 kg',
    'Ya',
    'Tidak',
  ].join(';');
}

const t0 = performance.now();
const out = fs.createWriteStream(file);
let batch: string[] = [header.join(';')];
for (let i = 0; i < rows; i++) {
  batch.push(line(i));
  if (batch.length === 10_000) {
    if (!out.write(`${batch.join('\r\n')}\r\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
    batch = [];
  }
}
out.end(`${batch.join('\r\n')}\r\n`);
await new Promise<void>((r) => out.on('finish', () => r()));
const bytes = fs.statSync(file).size;
console.log(`wrote ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const rss0 = process.memoryUsage().rss;
const t1 = performance.now();
let n = 0;
let cells = 0;
let maxRss = 0;
for await (const r of readCsvRows(fs.createReadStream(file, { highWaterMark: 1 << 20 }))) {
  n++;
  cells += r.cells.length;
  if ((n & 0xffff) === 0) maxRss = Math.max(maxRss, process.memoryUsage().rss);
}
const s = (performance.now() - t1) / 1000;
console.log(
  `read ${n.toLocaleString('en')} rows (${cells.toLocaleString('en')} cells) in ${s.toFixed(2)} s: ` +
    `${Math.round(n / s).toLocaleString('en')} rows/s, ${(bytes / 1e6 / s).toFixed(0)} MB/s; ` +
    `RSS ${(rss0 / 1e6).toFixed(0)} MB before, max ${(maxRss / 1e6).toFixed(0)} MB while reading`,
);

// The whole front half: parse -> map -> normalise -> in-file checks.
const regions = regionCallbacks();
const today = new Date().toISOString().slice(0, 10);
const t2 = performance.now();
let headers: string[] | undefined;
let mapping: ReturnType<typeof mapHeaders> | undefined;
let tracker: DuplicateTracker | undefined;
let records = 0;
let issues = 0;
for await (const r of readCsvRows(fs.createReadStream(file, { highWaterMark: 1 << 20 }))) {
  if (!headers || !mapping || !tracker) {
    headers = r.cells;
    mapping = mapHeaders(headers);
    tracker = new DuplicateTracker({ headers, columns: mapping.columns });
    continue;
  }
  const res = normalizeRow(r.cells, mapping.columns, { row: r.row, headers, today, ...regions });
  issues += res.issues.length;
  if (res.record) {
    records++;
    issues += tracker.check(res.record, r.row).length;
  }
}
const s2 = (performance.now() - t2) / 1000;
console.log(
  `pipeline: ${records.toLocaleString('en')} records, ${issues.toLocaleString('en')} issues in ${s2.toFixed(2)} s: ` +
    `${Math.round(n / s2).toLocaleString('en')} rows/s; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);
fs.rmSync(path.dirname(file), { recursive: true, force: true });
