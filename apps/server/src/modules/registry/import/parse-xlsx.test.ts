import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapHeaders } from './header-map.ts';
import { readXlsxRows } from './parse-xlsx.ts';
import { collect, regionCallbacks, TODAY } from './test-support.ts';
import { normalizeRow } from './validate.ts';

let dir = '';
let file = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-test-'));
  file = path.join(dir, 'dtsen-medono.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(['No KK', 'NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Kode Desa', 'Desil', 'RT', 'Alamat']);
  // 1. everything typed as Excel users do: NIK as a number (Excel kept 15 digits), date as a date
  ws.addRow([
    3375010507120004,
    3375011205850000,
    'Slamet Riyadi',
    new Date(Date.UTC(1985, 4, 12)),
    'L',
    '33.75.01.1002',
    3,
    3,
    'Jl. Urip Sumoharjo',
  ]);
  // 2. the same family, NIK and No KK as text, the birth date as a bare serial number, trailing cells empty
  ws.addRow([
    '3375010507120004',
    '3375014311900002',
    { richText: [{ text: 'Siti ' }, { text: 'Aminah', font: { bold: true } }] },
    33180,
    'P',
    '3375011002',
  ]);
  ws.addRow([]);
  // 4. a program wrote the full 16 digits as a number (last digit not 0: intact); desil from a formula
  ws.addRow([
    '3375010507120004',
    3375011508100003,
    'Bagus Prasetyo',
    '15-08-2010',
    'Laki-laki',
    '33.75.01.1002',
    { formula: '1+2', result: 3 },
    '003',
  ]);
  ws.getCell('D2').numFmt = 'dd/mm/yyyy';
  const other = wb.addWorksheet('Catatan');
  other.addRow(['this sheet is not read']);
  await wb.xlsx.writeFile(file);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('readXlsxRows', () => {
  it('reads the first sheet: strings, raw numbers kept, dates as ISO, sheet row numbers, padding', async () => {
    const rows = await collect(readXlsxRows(file));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 5]);
    const [header, first, second, fourth] = rows;
    expect(header?.cells).toHaveLength(9);
    expect(header?.numeric).toBeUndefined();

    expect(first?.cells.slice(0, 5)).toEqual(['3375010507120004', '3375011205850000', 'Slamet Riyadi', '1985-05-12', 'L']);
    expect(first?.numeric?.[0]).toBe(3375010507120004);
    expect(first?.numeric?.[1]).toBe(3375011205850000);
    expect(first?.numeric?.[3]).toBeUndefined(); // a date cell is a date, not a number
    expect(first?.cells[6]).toBe('3');

    expect(second?.cells).toHaveLength(9); // padded to the header's width
    expect(second?.cells[2]).toBe('Siti Aminah');
    expect(second?.cells[3]).toBe('33180');
    expect(second?.numeric?.[3]).toBe(33180);
    expect(second?.numeric?.[1]).toBeUndefined();

    expect(fourth?.cells[6]).toBe('3'); // formula result
  });

  it('stops cleanly when the caller leaves after the header', async () => {
    for await (const r of readXlsxRows(file)) {
      expect(r.row).toBe(1);
      break;
    }
    // and the file can be read again from the start
    expect((await collect(readXlsxRows(file))).length).toBe(4);
  });

  it('lets validation say "stored as a number in Excel" and read serial dates', async () => {
    const rows = await collect(readXlsxRows(file));
    const headers = rows[0]?.cells ?? [];
    const { columns, missingRequired } = mapHeaders(headers);
    expect(missingRequired).toEqual([]);
    const results = rows
      .slice(1)
      .map((r) => normalizeRow(r.cells, columns, { row: r.row, headers, today: TODAY, numeric: r.numeric, ...regionCallbacks() }));

    const [first, second, fourth] = results;
    expect(first?.record).toBeUndefined();
    // The No KK number ends in 4: Excel typing would have made it 0, so its 16 digits are intact.
    // The NIK ends in 0 as Excel leaves a typed 16-digit number: its last digit is unknown.
    expect(first?.issues.map((i) => [i.row, i.column, i.code])).toEqual([[2, 'NIK', 'id_stored_as_number']]);
    expect(first?.issues[0]?.message).toContain('tersimpan sebagai angka di Excel');
    expect(first?.issues[0]?.messageEn).toContain('stored as a number in Excel');

    expect(second?.issues).toEqual([]);
    expect(second?.record).toMatchObject({
      nik: '3375014311900002',
      name: 'Siti Aminah',
      birthDate: '1990-11-03',
      sex: 'female',
      villageCode: '33.75.01.1002',
    });

    expect(fourth?.issues).toEqual([]);
    expect(fourth?.record).toMatchObject({ nik: '3375011508100003', desil: 3, rt: '003', birthDate: '2010-08-15' });
  });
});
