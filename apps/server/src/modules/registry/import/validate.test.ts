import { RegistryRecordSchema } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { excelSerialToIso, parseDateText } from './field-values.ts';
import { mapHeaders } from './header-map.ts';
import { ISSUE_DEFS, type IssueCode, issueSeverity, ROW_COLUMN } from './messages.ts';
import { regionCallbacks, TODAY } from './test-support.ts';
import { type NormalizeContext, normalizeRow } from './validate.ts';

/** A head of family in Medono (Kota Pekalongan): every later test changes one cell. */
const BASE: Record<string, string> = {
  'No KK': '3375010507120004',
  NIK: '3375011205850003',
  Nama: 'Slamet Riyadi',
  'Jenis Kelamin': 'L',
  'Tanggal Lahir': '12-05-1985',
  'Tempat Lahir': 'Pekalongan',
  'Hubungan Keluarga': 'Kepala Keluarga',
  'Nama Ibu Kandung': 'Kasmirah',
  'Kode Desa': '33.75.01.1002',
  Alamat: 'Jl. Urip Sumoharjo Gg. 3',
  RT: '003',
  RW: '005',
  Desil: '2',
};

const regions = regionCallbacks();

function run(overrides: Record<string, string> = {}, ctx: Partial<NormalizeContext> = {}) {
  const fields = { ...BASE, ...overrides };
  const headers = Object.keys(fields);
  const cells = Object.values(fields);
  const { columns } = mapHeaders(headers);
  return normalizeRow(cells, columns, { row: 7, headers, today: TODAY, ...regions, ...ctx });
}

/** The only issue of a row, checked for location and both languages. */
function only(overrides: Record<string, string>, ctx: Partial<NormalizeContext> = {}) {
  const res = run(overrides, ctx);
  expect(res.issues, JSON.stringify(res.issues)).toHaveLength(1);
  const issue = res.issues[0];
  if (!issue) throw new Error('no issue');
  expect(issue.row).toBe(7);
  expect(issue.message.length).toBeGreaterThan(10);
  expect(issue.messageEn.length).toBeGreaterThan(10);
  return { ...issue, res };
}

describe('a clean row', () => {
  it('normalises to a record that satisfies the contract', () => {
    const res = run();
    expect(res.issues).toEqual([]);
    expect(res.record).toMatchObject({
      noKk: '3375010507120004',
      nik: '3375011205850003',
      name: 'Slamet Riyadi',
      sex: 'male',
      birthDate: '1985-05-12',
      birthPlace: 'Pekalongan',
      relationship: 'head',
      motherName: 'Kasmirah',
      villageCode: '33.75.01.1002',
      rt: '003',
      rw: '005',
      desil: 2,
      assets: null,
      familyPrograms: null,
    });
    expect(() => RegistryRecordSchema.parse(res.record)).not.toThrow();
  });
});

describe('NIK and No KK', () => {
  it('accepts spaces and a leading apostrophe, nothing else', () => {
    expect(run({ NIK: ' 3375 0112 0585 0003 ' }).record?.nik).toBe('3375011205850003');
    expect(run({ NIK: "'3375011205850003" }).record?.nik).toBe('3375011205850003');
    expect(run({ 'No KK': '\u00a03375010507120004\u200b' }).record?.noKk).toBe('3375010507120004');
  });

  it.each([
    ['3.37501E+15', 'id_scientific_notation'],
    ['3,37501E+15', 'id_scientific_notation'],
    ['3.375011205850003e15', 'id_scientific_notation'],
    ['3375011205850003.0', 'id_excel_decimal'],
    ['3375011205850003,00', 'id_excel_decimal'],
    ['337501120585003', 'id_15_digits'],
    ['33750112058500031', 'id_wrong_length'],
    ['33750112', 'id_wrong_length'],
    ['3375.0112.0585.0003', 'id_not_digits'],
    ['3375-01-120585-0003', 'id_not_digits'],
    ['33750112O5850003', 'id_not_digits'],
    ['3375991205850003', 'id_unknown_district'],
    ['3375013205850003', 'nik_bad_date'],
    ['3375017205850003', 'nik_bad_date'],
    ['3375013102850003', 'nik_bad_date'],
    ['3375010013850003', 'nik_bad_date'],
    ['3375012902010003', 'nik_bad_date'],
    ['3375011205850000', 'id_zero_serial'],
  ] as const)('NIK %s -> %s', (nik, code) => {
    const issue = only({ NIK: nik, 'Tanggal Lahir': '' });
    expect(issue.code).toBe(code);
    expect(issue.column).toBe('NIK');
    expect(issue.field).toBe('nik');
    expect(issue.value).toBe(nik);
    expect(issue.message).toContain('Kolom "NIK"');
    expect(issue.messageEn).toContain('Column "NIK"');
    expect(issue.res.record).toBeUndefined();
  });

  it('explains Excel damage in words a kelurahan operator can act on', () => {
    const issue = only({ NIK: '3.37501E+15' });
    expect(issue.message).toBe(
      'Kolom "NIK": "3.37501E+15" adalah notasi ilmiah dari Excel; digitnya sudah hilang dan tidak dapat ditebak. Format kolom sebagai Teks di Excel lalu ketik ulang atau ekspor ulang dari sumber',
    );
    expect(issue.messageEn).toContain('cannot be guessed');
  });

  it('accepts 29 February of a leap year 2000 and women with day + 40', () => {
    expect(run({ NIK: '3375022902000001', 'Tanggal Lahir': '29-02-2000' }).issues).toEqual([]);
    expect(run({ NIK: '3375044311900002', Nama: 'Siti Aminah', 'Jenis Kelamin': 'P', 'Tanggal Lahir': '03/11/1990' }).issues).toEqual([]);
  });

  it('rejects a NIK whose day code disagrees with the sex', () => {
    const woman = only({ NIK: '3375044311900002', 'Jenis Kelamin': 'L', 'Tanggal Lahir': '03-11-1990' });
    expect(woman.code).toBe('nik_sex_mismatch');
    expect(woman.message).toContain('43');
    const man = only({ 'Jenis Kelamin': 'Perempuan' });
    expect(man.code).toBe('nik_sex_mismatch');
    expect(man.messageEn).toContain('recorded sex is female');
  });

  it('warns when the NIK birth date differs from the birth date column, and keeps the row', () => {
    const issue = only({ 'Tanggal Lahir': '13-05-1985' });
    expect(issue.code).toBe('warn_nik_birth_date_mismatch');
    expect(issueSeverity(issue.code)).toBe('warning');
    expect(issue.res.record?.birthDate).toBe('1985-05-13');
  });

  it.each([
    ['3375013202120004', 'no_kk_bad_date'],
    ['3375010513120004', 'no_kk_bad_date'],
    ['3375011512260004', 'no_kk_future_date'],
    ['3375010507120000', 'id_zero_serial'],
    ['3375000507120004', 'id_unknown_district'],
    ['3.37501E+15', 'id_scientific_notation'],
  ] as const)('No KK %s -> %s', (kk, code) => {
    const issue = only({ 'No KK': kk });
    expect(issue.code).toBe(code);
    expect(issue.column).toBe('No KK');
    expect(issue.field).toBe('noKk');
  });

  it('accepts a No KK issued earlier this year', () => {
    expect(run({ 'No KK': '3375010101260004' }).issues).toEqual([]);
  });

  it('rejects a numeric XLSX cell unless its 16 digits are provably intact', () => {
    const { columns } = mapHeaders(Object.keys(BASE));
    const headers = Object.keys(BASE);
    const cells = Object.values(BASE);
    const numeric: Array<number | undefined> = [];
    numeric[1] = 3375011205850000; // ends in 0: Excel may have cut it
    const ctx = { row: 3, headers, today: TODAY, ...regions };
    const cut = normalizeRow(['3375010507120004', '3375011205850000', ...cells.slice(2)], columns, { ...ctx, numeric });
    expect(cut.issues.map((i) => i.code)).toEqual(['id_stored_as_number']);
    numeric[1] = 3375011205850003;
    expect(normalizeRow(cells, columns, { ...ctx, numeric }).issues).toEqual([]);
    numeric[1] = 3.375011205850003e21;
    expect(
      normalizeRow(['x', '3.375011205850003e+21', ...cells.slice(2)], columns, { ...ctx, numeric }).issues.map((i) => i.code),
    ).toContain('id_stored_as_number');
  });
});

describe('village', () => {
  it('accepts dotted and undotted level-4 codes', () => {
    expect(run({ 'Kode Desa': '3375011002' }).record?.villageCode).toBe('33.75.01.1002');
    expect(run({ 'Kode Desa': ' 33.75.04.1010 ' }).record?.villageCode).toBe('33.75.04.1010');
  });

  it.each([
    ['33.75.01', 'village_code_not_village', 'kecamatan'],
    ['337501', 'village_code_not_village', 'kecamatan'],
    ['33.75', 'village_code_not_village', 'kabupaten/kota'],
    ['Medono', 'village_code_invalid', 'Kemendagri'],
    ['33.75.01.1001', 'village_code_unknown', 'tidak ada dalam daftar'],
    ['3375040001', 'village_code_unknown', 'BPS'],
    ['33.26.01.2001', 'village_out_of_scope', 'di luar wilayah'],
  ] as const)('code %s -> %s', (code, issueCode, text) => {
    const issue = only({ 'Kode Desa': code });
    expect(issue.code).toBe(issueCode);
    expect(issue.column).toBe('Kode Desa');
    expect(issue.message).toContain(text);
  });

  const dtks = {
    'Kode Desa': '',
    Provinsi: 'JAWA TENGAH',
    'Kabupaten/Kota': 'KOTA PEKALONGAN',
    Kecamatan: 'PEKALONGAN BARAT',
    'Desa/Kelurahan': 'MEDONO',
  };
  const withNames = (over: Record<string, string>): Record<string, string> => {
    const { 'Kode Desa': _, ...rest } = BASE;
    return { ...rest, ...dtks, ...over };
  };

  function runNames(over: Record<string, string>, ctx: Partial<NormalizeContext> = {}) {
    const fields = withNames(over);
    const headers = Object.keys(fields).filter((h) => h !== 'Kode Desa');
    const cells = headers.map((h) => fields[h] ?? '');
    return normalizeRow(cells, mapHeaders(headers).columns, { row: 9, headers, today: TODAY, ...regions, ...ctx });
  }

  it('resolves DTKS region names to the village code and keeps the names', () => {
    const res = runNames({});
    expect(res.issues).toEqual([]);
    expect(res.record?.villageCode).toBe('33.75.01.1002');
    expect(res.record?.regionNames).toEqual({
      provinceName: 'JAWA TENGAH',
      regencyName: 'KOTA PEKALONGAN',
      districtName: 'PEKALONGAN BARAT',
      villageName: 'MEDONO',
    });
    expect(runNames({ 'Desa/Kelurahan': 'Kali Baros', Kecamatan: 'Pekalongan Timur' }).record?.villageCode).toBe('33.75.02.1012');
  });

  it('reports an unknown name with candidates, never a guess', () => {
    const wrongDistrict = runNames({ Kecamatan: 'PEKALONGAN TIMUR' });
    expect(wrongDistrict.issues.map((i) => [i.code, i.column, i.value])).toEqual([['village_name_unknown', 'Desa/Kelurahan', 'MEDONO']]);
    expect(wrongDistrict.issues[0]?.message).toContain('33.75.01.1002');
    const typo = runNames({ 'Desa/Kelurahan': 'MEDANO' });
    expect(typo.issues.map((i) => i.code)).toEqual(['village_name_unknown']);
    expect(typo.record).toBeUndefined();
  });

  it('reports an ambiguous name listing the candidates', () => {
    const res = runNames(
      {},
      { resolveVillage: () => ({ error: 'ambiguous', candidates: ['33.75.01.1002 Medono', '33.75.03.1002 Medono Lor'] }) },
    );
    expect(res.issues.map((i) => i.code)).toEqual(['village_name_ambiguous']);
    expect(res.issues[0]?.message).toContain('33.75.01.1002 Medono; 33.75.03.1002 Medono Lor');
  });

  it('needs village, district and regency names together', () => {
    const res = runNames({ Kecamatan: '', 'Kabupaten/Kota': '' });
    expect(res.issues.map((i) => i.code)).toEqual(['village_names_incomplete']);
    expect(res.issues[0]?.message).toContain('kecamatan, kabupaten/kota');
  });

  it('reports names without a resolver', () => {
    expect(runNames({}, { resolveVillage: undefined }).issues.map((i) => i.code)).toEqual(['village_unresolvable']);
  });

  it('rejects a code that contradicts the names on the same row', () => {
    const res = run({
      'Kode Desa': '33.75.01.1003',
      Kecamatan: 'Pekalongan Barat',
      'Kabupaten/Kota': 'Kota Pekalongan',
      'Desa/Kelurahan': 'Medono',
    });
    expect(res.issues.map((i) => i.code)).toEqual(['village_name_mismatch']);
  });

  it('reports a missing village as required', () => {
    const issue = only({ 'Kode Desa': '' });
    expect(issue.code).toBe('required_missing');
    expect(issue.column).toBe('Kode Desa');
  });
});

describe('desil, RT and RW', () => {
  it.each([
    ['3', 3],
    ['Desil 3', 3],
    ['desil 10', 10],
    ['3.0', 3],
    ['03', 3],
    ['D1', 1],
  ] as const)('desil %s -> %d', (v, n) => {
    expect(run({ Desil: v }).record?.desil).toBe(n);
  });

  it.each(['0', '11', '3,5', 'tiga', 'Desil 4-5'])('desil %s is rejected', (v) => {
    const issue = only({ Desil: v });
    expect(issue.code).toBe('desil_invalid');
    expect(issue.column).toBe('Desil');
  });

  it('zero-pads RT/RW and reads prefixes and combined columns', () => {
    expect(run({ RT: '3', RW: 'RW 05' }).record).toMatchObject({ rt: '003', rw: '005' });
    expect(run({ RT: 'RT.03', RW: '5.0' }).record).toMatchObject({ rt: '003', rw: '005' });
    const { RT: _rt, RW: _rw, ...rest } = BASE;
    for (const combined of ['RT 03/RW 05', '003/005', '3-5', 'rt 3 rw 5']) {
      const fields = { ...rest, 'RT/RW': combined };
      const headers = Object.keys(fields);
      const res = normalizeRow(Object.values(fields), mapHeaders(headers).columns, { row: 2, headers, today: TODAY, ...regions });
      expect(res.record, combined).toMatchObject({ rt: '003', rw: '005' });
    }
  });

  it.each(['1234', '0', '000', 'tiga', '3/5'])('RT %s is rejected', (v) => {
    expect(only({ RT: v }).code).toBe('rt_rw_invalid');
  });
});

describe('dates', () => {
  it.each([
    '12-05-1985',
    '12/05/1985',
    '12/5/1985',
    '1985-05-12',
    '12.05.1985',
    '12 Mei 1985',
    '12 May 1985',
    '19850512',
    '12051985',
    '1985-05-12T00:00:00',
  ])('birth date %s is 12 May 1985', (v) => {
    expect(run({ 'Tanggal Lahir': v }).record?.birthDate).toBe('1985-05-12');
  });

  it.each([
    ['31-02-1990', 'date_impossible'],
    ['5/13/1990', 'date_impossible'],
    ['12-05-85', 'date_invalid'],
    ['kemarin', 'date_invalid'],
    ['12 Mai 1985', 'date_invalid'],
    ['01-01-2027', 'birth_date_future'],
    ['31-12-1899', 'birth_date_too_early'],
  ] as const)('birth date %s -> %s', (v, code) => {
    // a NIK without a birth date to compare: a 1990 woman
    const issue = only({ 'Tanggal Lahir': v, NIK: '3375044311900002', 'Jenis Kelamin': 'P' });
    expect(issue.code).toBe(code);
    expect(issue.column).toBe('Tanggal Lahir');
  });

  it('reads Excel serial day numbers from numeric cells only', () => {
    expect(excelSerialToIso(31179)).toBe('1985-05-12');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(60)).toBeUndefined();
    expect(excelSerialToIso(0)).toBeUndefined();
    const headers = Object.keys(BASE);
    const numeric: Array<number | undefined> = [];
    numeric[4] = 31179;
    const cells = headers.map((h) => (h === 'Tanggal Lahir' ? '31179' : (BASE[h] ?? '')));
    const ctx = { row: 2, headers, today: TODAY, ...regions };
    expect(normalizeRow(cells, mapHeaders(headers).columns, { ...ctx, numeric }).record?.birthDate).toBe('1985-05-12');
    expect(normalizeRow(cells, mapHeaders(headers).columns, ctx).issues.map((i) => i.code)).toEqual(['date_invalid']);
    expect(parseDateText('31179')).toEqual({ error: 'date_invalid' });
  });
});

describe('coded fields', () => {
  it.each([
    ['L', 'male'],
    ['P', 'female'],
    ['Laki-laki', 'male'],
    ['PEREMPUAN', 'female'],
    ['1', 'male'],
    ['2', 'female'],
    ['M', 'male'],
    ['F', 'female'],
  ] as const)('sex %s -> %s', (v, sex) => {
    const nik = sex === 'female' ? '3375015205850003' : '3375011205850003';
    expect(run({ 'Jenis Kelamin': v, NIK: nik }).record?.sex).toBe(sex);
  });

  it('rejects an unknown sex naming the accepted values', () => {
    const issue = only({ 'Jenis Kelamin': 'X' });
    expect(issue.code).toBe('enum_unknown');
    expect(issue.message).toContain('Laki-laki, Perempuan');
    expect(issue.messageEn).toContain('Laki-laki (male), Perempuan (female)');
  });

  it.each([
    ['Kepala Keluarga', 'head'],
    ['KEPALA KELUARGA', 'head'],
    ['Istri', 'spouse'],
    ['Suami', 'spouse'],
    ['Anak', 'child'],
    ['Menantu', 'child_in_law'],
    ['Cucu', 'grandchild'],
    ['Orang Tua', 'parent'],
    ['Mertua', 'parent'],
    ['Pembantu', 'domestic_worker'],
    ['Lainnya', 'other'],
    ['3. Anak', 'child'],
    ['1', 'head'],
    ['2', 'spouse'],
    ['4', 'child_in_law'],
    ['7', 'domestic_worker'],
    ['8', 'other'],
  ] as const)('relationship %s -> %s', (v, rel) => {
    expect(run({ 'Hubungan Keluarga': v }).record?.relationship).toBe(rel);
  });

  it('reads relationship codes as SIAK when told, and rejects codes outside the numbering', () => {
    expect(run({ 'Hubungan Keluarga': '4' }, { relationshipCodes: 'siak' }).record?.relationship).toBe('child');
    expect(run({ 'Hubungan Keluarga': '10' }, { relationshipCodes: 'siak' }).record?.relationship).toBe('domestic_worker');
    const issue = only({ 'Hubungan Keluarga': '9' });
    expect(issue.code).toBe('enum_unknown');
    expect(issue.message).toContain('Regsosek 1–8');
  });

  it.each([
    ['Status Kepemilikan Rumah', 'Milik sendiri', 'tenure', 'own'],
    ['Status Kepemilikan Rumah', 'Kontrak', 'tenure', 'rent'],
    ['Status Kepemilikan Rumah', 'Sewa', 'tenure', 'rent'],
    ['Status Kepemilikan Rumah', 'Bebas sewa', 'tenure', 'rent_free'],
    ['Status Kepemilikan Rumah', 'Dinas', 'tenure', 'official'],
    ['Fasilitas BAB', 'Sendiri', 'toilet', 'own'],
    ['Fasilitas BAB', 'Bersama', 'toilet', 'shared'],
    ['Fasilitas BAB', 'Umum', 'toilet', 'public'],
    ['Fasilitas BAB', 'Tidak ada', 'toilet', 'none'],
    ['Fasilitas BAB', '3. Ada, di MCK komunal', 'toilet', 'communal'],
    ['Sumber Air Minum', 'Leding', 'drinkingWater', 'piped'],
    ['Sumber Air Minum', 'PDAM', 'drinkingWater', 'piped'],
    ['Sumber Air Minum', 'Sumur bor/pompa', 'drinkingWater', 'bore_well'],
    ['Sumber Air Minum', 'Air isi ulang', 'drinkingWater', 'refill'],
    ['Sumber Air Minum', 'Sumur tak terlindung', 'drinkingWater', 'unprotected_well'],
    ['Bahan Bakar Memasak', 'Gas elpiji 3 kg', 'cookingFuel', 'lpg_3kg'],
    ['Bahan Bakar Memasak', 'Kayu bakar', 'cookingFuel', 'wood'],
    ['Bahan Bakar Memasak', 'Gas elpiji 5,5kg/Blue gaz', 'cookingFuel', 'lpg_large'],
    ['Jenis Lantai', 'Keramik', 'floorType', 'ceramic'],
    ['Jenis Lantai', '4. Ubin/tegel/teraso', 'floorType', 'tile_terrazzo'],
    ['Jenis Lantai', 'Tanah', 'floorType', 'earth'],
    ['Jenis Dinding', 'Tembok', 'wallType', 'masonry'],
    ['Jenis Dinding', 'Anyaman bambu', 'wallType', 'woven_bamboo'],
    ['Jenis Atap', 'Genteng', 'roofType', 'clay_tile'],
    ['Jenis Atap', 'Seng', 'roofType', 'zinc'],
    ['Kondisi Atap', 'Rusak', 'roofCondition', 'poor'],
    ['Sumber Penerangan', 'Listrik PLN dengan meteran', 'lighting', 'pln_metered'],
    ['Sumber Penerangan', 'PLN tanpa meteran', 'lighting', 'pln_unmetered'],
    ['Pembuangan Akhir Tinja', 'Tangki septik', 'sewage', 'septic_tank'],
    ['Pendidikan', 'SLTA/SEDERAJAT', 'education', 'sma'],
    ['Pendidikan', 'DIPLOMA IV/STRATA I', 'education', 'bachelor'],
    ['Pendidikan', 'Tamat SD/sederajat', 'education', 'sd'],
    ['Partisipasi Sekolah', 'Masih sekolah', 'schoolParticipation', 'attending'],
    ['Status Pekerjaan', 'Mengurus rumah tangga', 'workStatus', 'housekeeping'],
    ['JKN', 'PBI', 'jkn', 'pbi'],
    ['JKN', 'JKN Mandiri', 'jkn', 'non_pbi'],
    ['Status Gizi', 'Kerdil (Stunting)', 'nutritionStatus', 'stunting'],
  ] as const)('%s %s -> %s %s', (header, value, field, code) => {
    const res = run({ [header]: value });
    expect(res.issues).toEqual([]);
    expect(res.record?.[field]).toBe(code);
  });

  it('treats "tidak tahu" as unknown, and rejects unknown text naming the allowed values', () => {
    expect(run({ 'Jenis Atap': 'Tidak tahu' }).record?.roofType).toBeNull();
    const issue = only({ 'Jenis Atap': 'Genteng plastik' });
    expect(issue.code).toBe('enum_unknown');
    expect(issue.column).toBe('Jenis Atap');
    expect(issue.message).toBe(
      'Kolom "Jenis Atap": "Genteng plastik" tidak dikenal. Nilai yang diterima: Beton, Genteng, Asbes, Seng, Kayu/Sirap, Bambu, Jerami/Ijuk/Daun-daunan/Rumbia, Lainnya',
    );
    // a bare answer code is not guessed: numberings differ between registers
    expect(only({ 'Jenis Lantai': '3' }).code).toBe('enum_unknown');
  });

  it.each([
    ['450', 450],
    ['900 VA', 900],
    ['1.300', 1300],
    ['2200 watt', 2200],
    ['1300.0', 1300],
    ['3,500', 3500],
  ] as const)('electricity %s -> %d VA', (v, n) => {
    expect(run({ 'Daya Listrik': v }).record?.electricityVa).toBe(n);
  });

  it.each([
    ['1', 'number_out_of_range'],
    ['>2.200', 'number_invalid'],
    ['tanpa meteran', 'number_invalid'],
  ] as const)('electricity %s -> %s', (v, code) => {
    expect(only({ 'Daya Listrik': v }).code).toBe(code);
  });

  it.each([
    ['36', 36],
    ['36,5', 36.5],
    ['36.5', 36.5],
    ['36 m2', 36],
    ['1.250,5', 1250.5],
  ] as const)('floor area %s -> %d', (v, n) => {
    expect(run({ 'Luas Lantai': v }).record?.floorAreaM2).toBe(n);
  });

  it.each([
    ['0', 'number_out_of_range'],
    ['20000', 'number_out_of_range'],
    ['1.250', 'number_invalid'],
    ['luas', 'number_invalid'],
  ] as const)('floor area %s -> %s', (v, code) => {
    expect(only({ 'Luas Lantai': v }).code).toBe(code);
  });
});

describe('programmes, assets, disabilities, illness', () => {
  it('reads Ya/Tidak/1/0 programme columns into family and person programmes', () => {
    const res = run({ PKH: 'Ya', BPNT: 'Tidak', PBI: '1', PIP: '0', BLT: '2' });
    expect(res.issues).toEqual([]);
    expect(res.record?.familyPrograms).toEqual(['pkh']);
    expect(res.record?.personPrograms).toEqual(['pbi_jk']);
    expect(run({ PKH: 'Tidak', BPNT: 'T' }).record?.familyPrograms).toEqual([]);
    expect(run({ PKH: '', BPNT: '' }).record?.familyPrograms).toBeNull();
  });

  it('rejects a yes/no column with another answer', () => {
    const issue = only({ PKH: 'Mungkin' });
    expect(issue.code).toBe('boolean_invalid');
    expect(issue.column).toBe('PKH');
    expect(issue.field).toBe('familyPrograms:pkh');
  });

  it('reads a programme list column and names an unknown item', () => {
    expect(run({ Bantuan: 'PKH, BPNT' }).record?.familyPrograms).toEqual(['pkh', 'bpnt']);
    expect(run({ Bantuan: 'BSS/BPNT' }).record?.familyPrograms).toEqual(['bpnt']);
    expect(run({ Bantuan: 'Tidak ada' }).record?.familyPrograms).toEqual([]);
    const issue = only({ Bantuan: 'PKH; Kartu Prakerja' });
    expect(issue.code).toBe('enum_unknown');
    expect(issue.value).toBe('Kartu Prakerja');
  });

  it('merges asset flag columns and an asset list', () => {
    expect(run({ Aset: 'Kulkas, TV', 'Sepeda Motor': 'Ya', Mobil: 'Tidak' }).record?.assets).toEqual(['fridge', 'television', 'motorbike']);
  });

  it('reads disability flags on the Regsosek scale and refuses the ambiguous 2', () => {
    expect(run({ kd_sulit_penglihatan: '1', kd_sulit_pendengaran: '4', kd_sulit_mandiri: 'Ya' }).record?.disabilities).toEqual([
      'seeing',
      'self_care',
    ]);
    expect(run({ kd_sulit_penglihatan: '3' }).record?.disabilities).toEqual([]);
    expect(only({ kd_sulit_penglihatan: '2' }).code).toBe('disability_code_ambiguous');
    expect(run({ Disabilitas: 'Tunanetra dan Tuna rungu' }).record?.disabilities).toEqual(['seeing', 'hearing']);
  });

  it('reads chronic illness as yes/no or a named disease', () => {
    expect(run({ 'Penyakit Kronis': '02. Hipertensi (darah tinggi)' }).record?.chronicIllness).toBe(true);
    expect(run({ 'Penyakit Kronis': 'Tidak ada' }).record?.chronicIllness).toBe(false);
    expect(run({ 'Penyakit Kronis': 'Ya' }).record?.chronicIllness).toBe(true);
    expect(only({ 'Penyakit Kronis': 'Sering pusing' }).code).toBe('boolean_invalid');
  });
});

describe('names and required fields', () => {
  it('trims and collapses whitespace, keeps the spelling', () => {
    expect(run({ Nama: '  Siti\t\tNur   AMINAH ', NIK: '3375015205850003', 'Jenis Kelamin': 'P' }).record?.name).toBe('Siti Nur AMINAH');
  });

  it('rejects names without letters and names too long', () => {
    expect(only({ Nama: '3375011205850003' }).code).toBe('name_no_letters');
    const long = only({ Nama: 'A'.repeat(201) });
    expect(long.code).toBe('text_too_long');
    expect(long.message).toContain('201');
    expect(only({ Alamat: 'Jl. '.repeat(200) }).code).toBe('text_too_long');
  });

  it('reports each missing required field on its column; "-" counts as blank', () => {
    const res = run({ NIK: '', Nama: '-', 'No KK': ' ' });
    expect(res.issues.map((i) => [i.code, i.column])).toEqual([
      ['required_missing', 'No KK'],
      ['required_missing', 'NIK'],
      ['required_missing', 'Nama'],
    ]);
  });

  it('reports a required field without a column on the (row) pseudo-column', () => {
    const headers = ['NIK', 'Nama', 'Kode Desa'];
    const res = normalizeRow(['3375011205850003', 'Slamet', '33.75.01.1002'], mapHeaders(headers).columns, {
      row: 4,
      headers,
      today: TODAY,
      ...regions,
    });
    expect(res.issues.map((i) => [i.code, i.column])).toEqual([['required_column_missing', ROW_COLUMN]]);
  });

  it('warns about unreadable characters but keeps the row', () => {
    const res = run({ Nama: 'Slamet Riy\ufffddi' });
    expect(res.issues.map((i) => i.code)).toEqual(['warn_text_encoding']);
    expect(res.record?.name).toBe('Slamet Riy\ufffddi');
  });
});

describe('row structure and robustness', () => {
  const headers = Object.keys(BASE);
  const { columns } = mapHeaders(headers);
  const ctx = { row: 11, headers, today: TODAY, ...regions };

  it('reports extra filled cells and missing cells on (row), ignores trailing empty cells', () => {
    const cells = Object.values(BASE);
    expect(normalizeRow([...cells, '', ' '], columns, ctx).issues).toEqual([]);
    const extra = normalizeRow([...cells, 'Medono'], columns, ctx).issues;
    expect(extra.map((i) => [i.code, i.column, i.row])).toEqual([['row_extra_cells', ROW_COLUMN, 11]]);
    expect(extra[0]?.message).toContain(`${headers.length} kolom judul`);
    const missing = normalizeRow(cells.slice(0, 5), columns, ctx).issues;
    expect(missing.map((i) => i.code)).toEqual(['row_missing_cells']);
  });

  it('reports an unterminated quote from the reader', () => {
    const res = normalizeRow(Object.values(BASE), columns, { ...ctx, problem: 'unterminated_quote' });
    expect(res.issues.map((i) => [i.code, i.column])).toEqual([['csv_unterminated_quote', ROW_COLUMN]]);
    expect(res.record).toBeUndefined();
  });

  it('never throws, even when a callback does', () => {
    const res = normalizeRow(Object.values(BASE), columns, {
      ...ctx,
      isKnownDistrictPrefix: () => {
        throw new Error('boom');
      },
    });
    expect(res.issues.map((i) => i.code)).toEqual(['internal_error']);
  });
});

describe('messages', () => {
  it('give every code a severity matching its warn_ prefix and text in both languages', () => {
    for (const [code, def] of Object.entries(ISSUE_DEFS)) {
      expect(def.severity, code).toBe(code.startsWith('warn_') ? 'warning' : 'error');
      expect(issueSeverity(code)).toBe(def.severity);
      const p = { column: 'Kolom X', value: 'nilai', allowed: 'a', allowedEn: 'a', otherRow: 3 };
      expect(def.id(p).length, code).toBeGreaterThan(15);
      expect(def.en(p).length, code).toBeGreaterThan(15);
    }
    const fieldCodes: IssueCode[] = ['id_not_digits', 'enum_unknown', 'desil_invalid', 'date_invalid', 'required_missing'];
    for (const c of fieldCodes) expect(ISSUE_DEFS[c].id({ column: 'Kolom X', value: 'v' })).toContain('Kolom X');
  });
});
