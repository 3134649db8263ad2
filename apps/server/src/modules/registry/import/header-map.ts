/**
 * Maps a file's header row to registry fields. Headers are folded before lookup (case, accents,
 * spaces, underscores, dots, slashes; "No."/"Nomor"/"Nomer" -> "no", "Tgl"/"Tanggal" -> "tgl";
 * a parenthesised note such as "(DD-MM-YYYY)" is ignored when the full header is unknown), so
 * "No. KK", "NOMOR_KK" and "nomor kk" are one alias.
 *
 * Field keys are the RegistryRecord keys, the region-name fields of the DTKS layout, plus:
 * - `rtRw`: one "RT/RW" column holding "003/005";
 * - flag columns `assets:<code>`, `familyPrograms:<code>`, `personPrograms:<code>`,
 *   `disabilities:<code>`: one yes/no column per item (e.g. `PKH` = Ya/Tidak, `kd_lemari_es`).
 */
import {
  AssetSchema,
  DisabilitySchema,
  ProgramCodeSchema,
  type RegionNameField,
  RegionNameFieldSchema,
  type RegistryRecord,
  RegistryRecordSchema,
} from '@dampingan/contracts';
import { type Asset, type Disability, LIST_ITEM_SPELLINGS, type ListField, PERSON_PROGRAMS, type ProgramCode } from './field-values.ts';

export type RecordField = keyof RegistryRecord;
export type FlagKey = `assets:${Asset}` | `familyPrograms:${ProgramCode}` | `personPrograms:${ProgramCode}` | `disabilities:${Disability}`;
export type FieldKey = RecordField | RegionNameField | 'rtRw' | FlagKey;
export type Layout = 'dtsen' | 'dtks' | 'p3ke' | 'custom';

export interface HeaderMapping {
  /** one entry per header: the field it feeds, or null (ignored / unknown / duplicate) */
  columns: Array<FieldKey | null>;
  /** headers no alias knows (map them with a saved mapping, or they are ignored) */
  unknown: string[];
  /** headers whose field an earlier column already feeds (the first column wins) */
  duplicates: string[];
  /** required fields without a column: `noKk`, `nik`, `name`, and `villageCode` or the region names */
  missingRequired: string[];
  layout: Layout;
  /** saved-mapping entries whose target is not a field key (treated as unknown) */
  invalidSaved: string[];
}

const RECORD_FIELDS = Object.keys(RegistryRecordSchema.shape) as RecordField[];
const LIST_ENUMS = {
  assets: AssetSchema.options,
  familyPrograms: ProgramCodeSchema.options,
  personPrograms: ProgramCodeSchema.options,
  disabilities: DisabilitySchema.options,
} as const satisfies Record<ListField, readonly string[]>;

export function isFieldKey(key: string): key is FieldKey {
  if ((RECORD_FIELDS as string[]).includes(key) || (RegionNameFieldSchema.options as string[]).includes(key) || key === 'rtRw') return true;
  const [list, code, ...rest] = key.split(':');
  if (rest.length > 0 || code === undefined || !(list !== undefined && list in LIST_ENUMS)) return false;
  return (LIST_ENUMS[list as ListField] as readonly string[]).includes(code);
}

/** Flag keys split: `assets:fridge` -> ['assets', 'fridge']. */
export function splitFlagKey(key: FieldKey): [ListField, string] | undefined {
  const i = key.indexOf(':');
  return i < 0 ? undefined : [key.slice(0, i) as ListField, key.slice(i + 1)];
}

/** Folds a header for alias lookup. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .replace(/nomor|nomer|nmr/g, 'no')
    .replace(/tanggal/g, 'tgl');
}

export const IGNORE = 'ignore' as const;

/** Natural-language aliases per field; folded with headerKey at load. */
export const FIELD_ALIASES: ReadonlyArray<[FieldKey | typeof IGNORE, readonly string[]]> = [
  [
    'sourceId',
    [
      'iddtks',
      'ID DTKS',
      'ID DTSEN',
      'ID Keluarga',
      'ID Keluarga P3KE',
      'ID Keluarga DTSEN',
      'ID BDT',
      'IDBDT',
      'ID DT PPFM-OTM',
      'ID Kel',
    ],
  ],
  ['noKk', ['No KK', 'KK', 'nomor_kk', 'NKK', 'No Kartu Keluarga', 'Kartu Keluarga', 'Nomor Kartu Keluarga', 'No. KK Keluarga']],
  [
    'villageCode',
    [
      'Kode Desa',
      'Kode Kelurahan',
      'Kode Desa Kelurahan',
      'Kode Kel Desa',
      'Kode Wilayah',
      'Kode Wilayah Desa',
      'Kode Kemendagri',
      'KD Desa',
      'KDDESA',
      'Kode Kel',
      'village code',
      'Kode Desa Kemendagri',
    ],
  ],
  ['address', ['alamat', 'Alamat Lengkap', 'Alamat Rumah', 'Alamat Tempat Tinggal', 'Jalan', 'address']],
  ['hamlet', ['dusun', 'Dukuh', 'Lingkungan', 'Nama Dusun', 'Dusun Lingkungan', 'hamlet']],
  ['rt', ['rt', 'No RT', 'Rukun Tetangga']],
  ['rw', ['rw', 'No RW', 'Rukun Warga']],
  ['rtRw', ['RT/RW', 'RT RW', 'RTRW', 'No RT/RW']],
  [
    'desil',
    [
      'desil',
      'Desil Kesejahteraan',
      'Desil Nasional',
      'Peringkat Desil',
      'Kelompok Desil',
      'Desil DTSEN',
      'Desil P3KE',
      'Status Kesejahteraan',
    ],
  ],
  [
    'tenure',
    [
      'Status Kepemilikan Rumah',
      'Kepemilikan Rumah',
      'Status Rumah',
      'Status Bangunan',
      'Status Kepemilikan Bangunan',
      'Status Bangunan Tempat Tinggal',
      'kd_stat_bangunan_tinggal',
      'Status Penguasaan Bangunan',
      'Kepemilikan Bangunan',
    ],
  ],
  ['floorAreaM2', ['luas_lantai', 'Luas Lantai m2', 'Luas Lantai (m2)', 'Luas Bangunan', 'Luas Rumah', 'Luas Lantai Bangunan']],
  ['floorType', ['Jenis Lantai', 'Lantai', 'Jenis Lantai Terluas', 'kd_jenis_lantai_terluas', 'Bahan Lantai']],
  ['wallType', ['Jenis Dinding', 'Dinding', 'kd_jenis_dinding', 'Bahan Dinding', 'Jenis Dinding Terluas']],
  ['wallCondition', ['Kondisi Dinding', 'kd_kondisi_dinding']],
  ['roofType', ['Jenis Atap', 'Atap', 'kd_jenis_atap', 'Bahan Atap', 'Jenis Atap Terluas']],
  ['roofCondition', ['Kondisi Atap', 'kd_kondisi_atap']],
  ['drinkingWater', ['Sumber Air Minum', 'Air Minum', 'kd_sumber_air_minum', 'Sumber Air Minum Utama']],
  [
    'toilet',
    [
      'Fasilitas BAB',
      'Fasilitas Buang Air Besar',
      'kd_fasilitas_tempat_bab',
      'Fasilitas Tempat BAB',
      'Tempat BAB',
      'Jamban',
      'Kepemilikan Jamban',
      'Penggunaan Fasilitas BAB',
    ],
  ],
  ['sewage', ['Pembuangan Akhir Tinja', 'Tempat Pembuangan Akhir Tinja', 'kd_pembuangan_akhir_tinja', 'Pembuangan Tinja']],
  ['lighting', ['Sumber Penerangan', 'Sumber Penerangan Utama', 'Penerangan', 'kd_sumber_penerangan_utama']],
  [
    'electricityVa',
    ['Daya Listrik', 'Daya Terpasang', 'Daya', 'kd_daya_terpasang', 'Daya Listrik Terpasang', 'Daya Listrik (VA)', 'Daya Listrik VA'],
  ],
  ['cookingFuel', ['Bahan Bakar Memasak', 'Bahan Bakar', 'kd_bahan_bakar_memasak', 'Energi Memasak', 'Bahan Bakar Utama Memasak']],
  ['assets', ['Aset', 'Aset Keluarga', 'Kepemilikan Aset', 'Daftar Aset']],
  [
    'familyPrograms',
    ['Program', 'Bantuan', 'Bansos', 'Jenis Bantuan', 'Program Bantuan', 'Bantuan Sosial', 'Program Keluarga', 'Bantuan Keluarga'],
  ],
  [
    'nik',
    [
      'nik',
      'No NIK',
      'nomor_nik',
      'No Induk Kependudukan',
      'Nomor Induk Kependudukan',
      'NIK ART',
      'NIK Anggota',
      'NIK Anggota Keluarga',
      'NIK Individu',
      'No KTP',
    ],
  ],
  [
    'name',
    [
      'nama',
      'Nama Lengkap',
      'Nama ART',
      'Nama Anggota',
      'Nama Anggota Keluarga',
      'Nama Anggota Rumah Tangga',
      'Nama Penduduk',
      'Nama Individu',
      'name',
    ],
  ],
  ['sex', ['jenis_kelamin', 'JK', 'Kelamin', 'L/P', 'Gender', 'Sex', 'kd_jenis_kelamin']],
  ['birthDate', ['tanggal_lahir', 'Tgl Lahir', 'Tgl. Lahir', 'Tgl Lhr', 'Lahir Tgl', 'Birth Date', 'Tanggal Lahir (DD-MM-YYYY)']],
  ['birthPlace', ['tempat_lahir', 'Tmp Lahir', 'Tmpt Lahir', 'Tpt Lahir', 'Birth Place']],
  [
    'relationship',
    [
      'hubungan_keluarga',
      'Hubungan Dengan Kepala Keluarga',
      'Hubungan Dengan KK',
      'Hub Keluarga',
      'Hub KK',
      'Hub Dg KK',
      'kd_hubungan_dg_kk',
      'SHDK',
      'Status Hubungan Dalam Keluarga',
      'Status Dalam Keluarga',
      'Hubungan',
    ],
  ],
  ['motherName', ['nama_ibu_kandung', 'Ibu Kandung', 'Nama Ibu']],
  [
    'education',
    [
      'Pendidikan',
      'Pendidikan Terakhir',
      'Pendidikan Tertinggi',
      'Ijazah Tertinggi',
      'kd_ijazah_tertinggi',
      'Pendidikan Dalam KK',
      'Tingkat Pendidikan',
    ],
  ],
  ['schoolParticipation', ['Partisipasi Sekolah', 'Status Sekolah', 'kd_partisipasi_sekolah', 'Status Pendidikan']],
  ['workStatus', ['Status Pekerjaan', 'Status Bekerja', 'Status Kerja', 'Kegiatan Utama', 'Aktivitas Utama']],
  ['disabilities', ['Disabilitas', 'Jenis Disabilitas', 'Penyandang Disabilitas', 'Jenis Cacat', 'Kecacatan', 'Difabel']],
  ['chronicIllness', ['Penyakit Kronis', 'Penyakit Kronis Menahun', 'kd_penyakit_kronis_menahun', 'Penyakit Menahun']],
  ['jkn', ['JKN', 'Jaminan Kesehatan', 'Status JKN', 'Kepesertaan JKN', 'BPJS Kesehatan', 'kd_jamkes_setahun', 'Jamkes']],
  ['nutritionStatus', ['Status Gizi', 'Gizi', 'kd_gizi_seimbang']],
  ['personPrograms', ['Program Individu', 'Bantuan Individu', 'Program Anggota', 'Bantuan Anggota']],
  ['provinceName', ['provinsi', 'Nama Provinsi', 'Prov', 'Propinsi']],
  [
    'regencyName',
    ['kabupaten_kota', 'Kabupaten/Kota', 'Kab/Kota', 'Kab Kota', 'Kabupaten', 'Kota', 'Nama Kabupaten', 'Nama Kab/Kota', 'Kota/Kabupaten'],
  ],
  ['districtName', ['kecamatan', 'Nama Kecamatan', 'Kec']],
  [
    'villageName',
    [
      'desa_kelurahan',
      'Desa/Kelurahan',
      'Kelurahan/Desa',
      'Kelurahan',
      'Desa',
      'Nama Desa',
      'Nama Kelurahan',
      'Kel/Desa',
      'Desa/Kel',
      'Kel',
    ],
  ],
  // Known columns the registry does not hold: neither mapped nor reported as unknown.
  [
    IGNORE,
    [
      'No',
      'No Urut',
      'Urut',
      'No Urut ART',
      'No Urut Keluarga',
      'NIK Kepala Keluarga',
      'Nama Kepala Keluarga',
      'Kepala Keluarga',
      'Umur',
      'Usia',
      'Padan Dukcapil',
      'Kode Provinsi',
      'Kode Kabupaten',
      'Kode Kab/Kota',
      'Kode Kecamatan',
      'Status Kawin',
      'Status Perkawinan',
      'Agama',
      'Pekerjaan',
      'Keterangan',
      'Catatan',
    ],
  ],
];

/** Header prefixes that make a flag column out of an item spelling ("Penerima PKH", "kd_lemari_es"). */
const FLAG_PREFIXES: Readonly<Record<ListField, readonly string[]>> = {
  assets: ['', 'kd ', 'punya ', 'memiliki ', 'kepemilikan ', 'aset ', 'ada '],
  familyPrograms: ['', 'kd ', 'penerima ', 'terima ', 'status ', 'dapat '],
  personPrograms: ['', 'kd ', 'penerima ', 'terima ', 'status ', 'dapat ', 'kd ikut ', 'ikut '],
  disabilities: ['kd ', 'disabilitas ', 'kesulitan '],
};

function buildAliases(): Map<string, FieldKey | typeof IGNORE> {
  const map = new Map<string, FieldKey | typeof IGNORE>();
  const add = (alias: string, field: FieldKey | typeof IGNORE) => {
    const k = headerKey(alias);
    const prev = map.get(k);
    if (prev !== undefined && prev !== field) throw new Error(`header alias "${alias}" maps to both ${prev} and ${field}`);
    map.set(k, field);
  };
  for (const [field, aliases] of FIELD_ALIASES) {
    if (field !== IGNORE) add(field, field);
    for (const a of aliases) add(a, field);
  }
  for (const list of Object.keys(FLAG_PREFIXES) as ListField[]) {
    for (const item of LIST_ITEM_SPELLINGS[list]) {
      const isPerson = PERSON_PROGRAMS.has(item.code as ProgramCode);
      if (list === 'familyPrograms' && isPerson) continue;
      if (list === 'personPrograms' && !isPerson) continue;
      const key = `${list}:${item.code}` as FieldKey;
      // "Lainnya" alone is no header for a flag column.
      const spellings = [item.label, item.code.replaceAll('_', ' '), ...item.aliases].filter((a) => !/^lain/i.test(a));
      for (const prefix of FLAG_PREFIXES[list]) {
        for (const s of spellings) {
          const k = headerKey(prefix + s);
          // Plain field aliases win ("Tanah" is not a header worth a flag; "Program" is a list).
          if (map.has(k) && map.get(k) !== key) continue;
          map.set(k, key);
        }
      }
    }
  }
  return map;
}

const ALIASES = buildAliases();

/** The 17 columns of a DTKS export (pipe-separated, region NAMES not codes). */
export const DTKS_HEADERS = [
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
] as const;

/**
 * True when a first row is DTKS data without a header line (17 cells, No KK and NIK in 10 and 11):
 * then map `DTKS_HEADERS` and treat the first row as data.
 */
export function looksLikeHeaderlessDtks(cells: readonly string[]): boolean {
  return cells.length === 17 && /^'?\d{16}$/.test((cells[9] ?? '').trim()) && /^'?\d{16}$/.test((cells[10] ?? '').trim());
}

const DTKS_KEYS = new Set(DTKS_HEADERS.map(headerKey));
const P3KE_MARKERS = ['idkeluargap3ke', 'idindividu', 'padandukcapil', 'penerimasembako', 'penerimabpum', 'desilkesejahteraan'];

function detectLayout(keys: string[]): Layout {
  const set = new Set(keys);
  const dtks = keys.filter((k) => DTKS_KEYS.has(k)).length;
  if (set.has('iddtks') || dtks >= 14) return 'dtks';
  if (keys.some((k) => k.includes('p3ke')) || P3KE_MARKERS.filter((k) => set.has(k)).length >= 2) return 'p3ke';
  if (keys.some((k) => k.includes('dtsen'))) return 'dtsen';
  return 'custom';
}

function lookupAlias(header: string): FieldKey | typeof IGNORE | undefined {
  const direct = ALIASES.get(headerKey(header));
  if (direct !== undefined) return direct;
  const withoutNote = header.replace(/\([^)]*\)/g, ' ').trim();
  return withoutNote !== header.trim() && withoutNote !== '' ? ALIASES.get(headerKey(withoutNote)) : undefined;
}

/**
 * Maps headers to fields. A saved mapping (header -> field key, or null to ignore) wins over the
 * aliases; it matches the header exactly first, then by folded header.
 */
export function mapHeaders(headers: readonly string[], saved?: Readonly<Record<string, string | null>>): HeaderMapping {
  const savedByKey = new Map<string, string | null>();
  if (saved) for (const [h, f] of Object.entries(saved)) if (!savedByKey.has(headerKey(h))) savedByKey.set(headerKey(h), f);

  const columns: Array<FieldKey | null> = [];
  const unknown: string[] = [];
  const duplicates: string[] = [];
  const invalidSaved: string[] = [];
  const used = new Set<FieldKey>();

  for (const header of headers) {
    let target: FieldKey | typeof IGNORE | undefined;
    const fromSaved = saved && Object.hasOwn(saved, header) ? saved[header] : savedByKey.get(headerKey(header));
    if (fromSaved === null) target = IGNORE;
    else if (fromSaved !== undefined) {
      if (isFieldKey(fromSaved)) target = fromSaved;
      else invalidSaved.push(header);
    }
    target ??= lookupAlias(header);
    if (target === undefined) {
      if (header.trim() !== '') unknown.push(header);
      columns.push(null);
    } else if (target === IGNORE) columns.push(null);
    else if (
      used.has(target) ||
      (target === 'rtRw' && (used.has('rt') || used.has('rw'))) ||
      ((target === 'rt' || target === 'rw') && used.has('rtRw'))
    ) {
      duplicates.push(header);
      columns.push(null);
    } else {
      used.add(target);
      columns.push(target);
    }
  }

  const missingRequired: string[] = [];
  for (const f of ['noKk', 'nik', 'name'] as const) if (!used.has(f)) missingRequired.push(f);
  if (!used.has('villageCode')) {
    const names = ['villageName', 'districtName', 'regencyName'] as const;
    const present = names.filter((n) => used.has(n));
    if (present.length === 0) missingRequired.push('villageCode');
    else for (const n of names) if (!used.has(n)) missingRequired.push(n);
  }

  return { columns, unknown, duplicates, missingRequired, layout: detectLayout(headers.map(headerKey)), invalidSaved };
}
