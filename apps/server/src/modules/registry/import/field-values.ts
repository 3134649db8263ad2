/**
 * Value vocabularies of the coded registry fields: for each contract enum, the Indonesian labels
 * seen in DTSEN / DTKS / P3KE / Regsosek 2022 (REGSOSEK22-K answer labels, as in OpenSID's
 * Regsosek2022kEnum) and local surveys, plus the contract's own English codes.
 *
 * Numeric answer codes are accepted only where one numbering is universal (sex 1/2) or named
 * (relationship: Regsosek 1–8 or SIAK 1–11). Other code lists differ between PBDT 2015, P3KE and
 * Regsosek, so a bare "3" for a floor type would be a guess: it is rejected with the allowed labels.
 * A label with its code in front ("2. Keramik") is read by its text.
 */
import type {
  AssetSchema,
  ConditionSchema,
  CookingFuelSchema,
  DisabilitySchema,
  DrinkingWaterSchema,
  EducationSchema,
  FloorTypeSchema,
  JknStatusSchema,
  LightingSchema,
  NutritionStatusSchema,
  ProgramCodeSchema,
  RelationshipSchema,
  RoofTypeSchema,
  SchoolParticipationSchema,
  SewageSchema,
  SexSchema,
  TenureSchema,
  ToiletSchema,
  WallTypeSchema,
  WorkStatusSchema,
} from '@dampingan/contracts';
import type { z } from 'zod';

export type Sex = z.infer<typeof SexSchema>;
export type Relationship = z.infer<typeof RelationshipSchema>;
export type Asset = z.infer<typeof AssetSchema>;
export type ProgramCode = z.infer<typeof ProgramCodeSchema>;
export type Disability = z.infer<typeof DisabilitySchema>;

/** Folds a value for lookup: no accents, lower case, letters and digits only. */
export function valueKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** "2. Keramik", "02 - Keramik", "3) Anak" -> the label text. */
export function stripCodePrefix(s: string): string {
  return s.replace(/^\s*\d{1,2}\s*[.)\-:]\s*(?=\p{L})/u, '');
}

/** One enum value: its Indonesian label (first) and the spellings that mean it. */
interface Vocab<T extends string> {
  code: T;
  label: string;
  aliases: readonly string[];
}

export interface EnumVocabulary<T extends string = string> {
  /** codes in contract order, with their primary Indonesian label */
  entries: ReadonlyArray<{ code: T; label: string }>;
  lookup: ReadonlyMap<string, T>;
  /** "Milik sendiri, Kontrak/Sewa, …" for messages */
  allowed: string;
  /** "Milik sendiri (own), Kontrak/Sewa (rent), …" */
  allowedEn: string;
}

function vocabulary<T extends string>(items: ReadonlyArray<Vocab<T>>): EnumVocabulary<T> {
  const lookup = new Map<string, T>();
  for (const it of items) {
    for (const a of [it.label, it.code, it.code.replaceAll('_', ' '), ...it.aliases]) {
      const k = valueKey(a);
      const prev = lookup.get(k);
      if (prev !== undefined && prev !== it.code) throw new Error(`value alias "${a}" means both ${prev} and ${it.code}`);
      lookup.set(k, it.code);
    }
  }
  return {
    entries: items.map((it) => ({ code: it.code, label: it.label })),
    lookup,
    allowed: items.map((it) => it.label).join(', '),
    allowedEn: items.map((it) => `${it.label} (${it.code})`).join(', '),
  };
}

type Vocabs<T extends string> = ReadonlyArray<Vocab<T>>;

const SEX: Vocabs<Sex> = [
  { code: 'male', label: 'Laki-laki', aliases: ['L', 'Lk', 'Laki', 'Lelaki', 'Pria', 'M', 'Male', '1'] },
  { code: 'female', label: 'Perempuan', aliases: ['P', 'Pr', 'Wanita', 'W', 'F', 'Female', '2'] },
];

const RELATIONSHIP: Vocabs<Relationship> = [
  { code: 'head', label: 'Kepala Keluarga', aliases: ['Kepala', 'KK', 'Kepala Rumah Tangga', 'KRT', 'Head'] },
  { code: 'spouse', label: 'Istri/Suami', aliases: ['Istri', 'Isteri', 'Suami', 'Suami/Istri', 'Pasangan', 'Spouse'] },
  { code: 'child', label: 'Anak', aliases: ['Anak Kandung', 'Anak Angkat', 'Anak Tiri', 'Child'] },
  { code: 'child_in_law', label: 'Menantu', aliases: ['Child in law'] },
  { code: 'grandchild', label: 'Cucu', aliases: [] },
  { code: 'parent', label: 'Orang Tua/Mertua', aliases: ['Orang Tua', 'Orangtua', 'Mertua', 'Parent'] },
  { code: 'domestic_worker', label: 'Pembantu/Sopir', aliases: ['Pembantu', 'Pembantu Rumah Tangga', 'PRT', 'Sopir'] },
  { code: 'other', label: 'Lainnya', aliases: ['Famili Lain', 'Famili', 'Saudara', 'Keluarga Lain', 'Lain-lain', 'Other'] },
];

/** Regsosek 2022 item 409 (hubungan dengan kepala keluarga). */
export const RELATIONSHIP_CODES_REGSOSEK: Readonly<Record<string, Relationship>> = {
  '1': 'head',
  '2': 'spouse',
  '3': 'child',
  '4': 'child_in_law',
  '5': 'grandchild',
  '6': 'parent',
  '7': 'domestic_worker',
  '8': 'other',
};

/** Dukcapil SIAK SHDK codes (status hubungan dalam keluarga), as on the family card. */
export const RELATIONSHIP_CODES_SIAK: Readonly<Record<string, Relationship>> = {
  '1': 'head',
  '2': 'spouse',
  '3': 'spouse',
  '4': 'child',
  '5': 'child_in_law',
  '6': 'grandchild',
  '7': 'parent',
  '8': 'parent',
  '9': 'other',
  '10': 'domestic_worker',
  '11': 'other',
};

const TENURE: Vocabs<z.infer<typeof TenureSchema>> = [
  { code: 'own', label: 'Milik sendiri', aliases: ['Milik', 'Sendiri', 'Own'] },
  { code: 'rent', label: 'Kontrak/Sewa', aliases: ['Kontrak', 'Sewa', 'Rent'] },
  { code: 'rent_free', label: 'Bebas sewa', aliases: ['Menumpang', 'Numpang'] },
  { code: 'official', label: 'Dinas', aliases: ['Rumah dinas'] },
  { code: 'other', label: 'Lainnya', aliases: ['Menumpang & Kepemilikan Bersama', 'Kepemilikan bersama', 'Lain-lain'] },
];

const FLOOR: Vocabs<z.infer<typeof FloorTypeSchema>> = [
  { code: 'marble_granite', label: 'Marmer/Granit', aliases: ['Marmer', 'Granit'] },
  { code: 'ceramic', label: 'Keramik', aliases: [] },
  { code: 'parquet_vinyl', label: 'Parket/Vinil/Karpet', aliases: ['Parket', 'Vinil', 'Vinyl', 'Karpet', 'Parket/vinil'] },
  { code: 'tile_terrazzo', label: 'Ubin/Tegel/Teraso', aliases: ['Ubin', 'Tegel', 'Teraso', 'Ubin/tegel'] },
  { code: 'cement_brick', label: 'Semen/Bata merah', aliases: ['Semen', 'Bata merah', 'Plester', 'Semen/bata', 'Plesteran semen'] },
  { code: 'wood_plank', label: 'Kayu/Papan', aliases: ['Kayu', 'Papan'] },
  { code: 'bamboo', label: 'Bambu', aliases: [] },
  { code: 'earth', label: 'Tanah', aliases: [] },
  { code: 'other', label: 'Lainnya', aliases: ['Lain-lain'] },
];

const WALL: Vocabs<z.infer<typeof WallTypeSchema>> = [
  { code: 'masonry', label: 'Tembok', aliases: ['Tembok/batu bata', 'Batu bata', 'Bata', 'Beton', 'Tembok plester'] },
  { code: 'plaster_woven_bamboo', label: 'Plesteran anyaman bambu/kawat', aliases: ['Plesteran anyaman bambu', 'Plesteran anyaman kawat'] },
  {
    code: 'wood_plank',
    label: 'Kayu/Papan/Gypsum/GRC/Calciboard',
    aliases: ['Kayu', 'Papan', 'Kayu/papan', 'Gypsum', 'GRC', 'Calciboard'],
  },
  { code: 'woven_bamboo', label: 'Anyaman bambu', aliases: ['Bilik', 'Gedek', 'Gedeg'] },
  { code: 'wood_log', label: 'Batang kayu', aliases: [] },
  { code: 'bamboo', label: 'Bambu', aliases: [] },
  { code: 'other', label: 'Lainnya', aliases: ['Lain-lain'] },
];

const CONDITION: Vocabs<z.infer<typeof ConditionSchema>> = [
  { code: 'good', label: 'Baik', aliases: ['Bagus', 'Layak', 'Kualitas tinggi'] },
  {
    code: 'poor',
    label: 'Rusak/Jelek',
    aliases: ['Rusak', 'Jelek', 'Buruk', 'Tidak layak', 'Jelek/kualitas rendah', 'Kualitas rendah', 'Rusak ringan', 'Rusak berat'],
  },
];

const ROOF: Vocabs<z.infer<typeof RoofTypeSchema>> = [
  { code: 'concrete', label: 'Beton', aliases: ['Dak beton', 'Cor beton'] },
  { code: 'clay_tile', label: 'Genteng', aliases: ['Genteng tanah', 'Genteng tanah liat', 'Genteng keramik', 'Genteng beton'] },
  { code: 'asbestos', label: 'Asbes', aliases: [] },
  { code: 'zinc', label: 'Seng', aliases: ['Seng gelombang'] },
  { code: 'wood_shingle', label: 'Kayu/Sirap', aliases: ['Sirap', 'Kayu'] },
  { code: 'bamboo', label: 'Bambu', aliases: [] },
  { code: 'thatch', label: 'Jerami/Ijuk/Daun-daunan/Rumbia', aliases: ['Jerami', 'Ijuk', 'Daun', 'Daun-daunan', 'Rumbia', 'Alang-alang'] },
  { code: 'other', label: 'Lainnya', aliases: ['Lain-lain'] },
];

const WATER: Vocabs<z.infer<typeof DrinkingWaterSchema>> = [
  { code: 'bottled', label: 'Air kemasan bermerk', aliases: ['Air kemasan', 'Air mineral', 'Kemasan'] },
  { code: 'refill', label: 'Air isi ulang', aliases: ['Isi ulang'] },
  {
    code: 'piped',
    label: 'Leding',
    aliases: [
      'Ledeng',
      'PDAM',
      'Air PDAM',
      'Leding meteran',
      'Leding eceran',
      'PAMDES/PAMSIMAS',
      'PAMDES',
      'PAMSIMAS',
      'Perpipaan',
      'Air pipa',
    ],
  },
  { code: 'bore_well', label: 'Sumur bor/pompa', aliases: ['Sumur bor', 'Sumur pompa', 'Pompa'] },
  { code: 'protected_well', label: 'Sumur terlindung', aliases: [] },
  { code: 'unprotected_well', label: 'Sumur tak terlindung', aliases: ['Sumur tidak terlindung'] },
  { code: 'protected_spring', label: 'Mata air terlindung', aliases: [] },
  { code: 'unprotected_spring', label: 'Mata air tak terlindung', aliases: ['Mata air tidak terlindung'] },
  {
    code: 'surface',
    label: 'Air permukaan (sungai/danau/waduk/kolam/irigasi)',
    aliases: ['Air permukaan', 'Sungai', 'Danau', 'Waduk', 'Kolam', 'Irigasi', 'Air sungai'],
  },
  { code: 'rain', label: 'Air hujan', aliases: ['Hujan'] },
  { code: 'other', label: 'Lainnya', aliases: ['Lain-lain'] },
];

const TOILET: Vocabs<z.infer<typeof ToiletSchema>> = [
  {
    code: 'own',
    label: 'Sendiri',
    aliases: ['Milik sendiri', 'Jamban sendiri', 'Ada, sendiri', 'Ada, digunakan hanya anggota keluarga sendiri'],
  },
  {
    code: 'shared',
    label: 'Bersama',
    aliases: ['Jamban bersama', 'Bersama rumah tangga lain', 'Ada, digunakan bersama anggota keluarga dari rumah tangga tertentu'],
  },
  { code: 'communal', label: 'MCK komunal', aliases: ['Komunal', 'Ada, di MCK komunal'] },
  { code: 'public', label: 'Umum', aliases: ['MCK umum', 'Jamban umum', 'Umum/siapapun', 'Ada, di MCK umum/siapapun menggunakan'] },
  {
    code: 'none',
    label: 'Tidak ada',
    aliases: ['Tidak ada fasilitas', 'Tidak punya', 'Tidak menggunakan', 'Ada, anggota keluarga tidak menggunakan', 'BABS', 'Sembarangan'],
  },
];

const SEWAGE: Vocabs<z.infer<typeof SewageSchema>> = [
  { code: 'septic_tank', label: 'Tangki septik', aliases: ['Septic tank', 'Septik tank', 'Septiktank', 'Tangki septic'] },
  { code: 'ipal', label: 'IPAL', aliases: ['Instalasi pengolahan air limbah'] },
  { code: 'pit', label: 'Lubang tanah', aliases: ['Cubluk'] },
  { code: 'water_body', label: 'Kolam/sawah/sungai/danau/laut', aliases: ['Sungai', 'Kolam', 'Sawah', 'Danau', 'Laut', 'Selokan', 'Got'] },
  { code: 'open_ground', label: 'Pantai/tanah lapang/kebun', aliases: ['Tanah lapang', 'Kebun', 'Pantai'] },
  { code: 'other', label: 'Lainnya', aliases: ['Lain-lain'] },
];

const LIGHTING: Vocabs<z.infer<typeof LightingSchema>> = [
  {
    code: 'pln_metered',
    label: 'Listrik PLN dengan meteran',
    aliases: ['PLN dengan meteran', 'PLN meteran', 'Listrik PLN meteran', 'PLN meteran sendiri'],
  },
  { code: 'pln_unmetered', label: 'Listrik PLN tanpa meteran', aliases: ['PLN tanpa meteran', 'Nyalur', 'Menyalur', 'PLN menyalur'] },
  { code: 'non_pln', label: 'Listrik non-PLN', aliases: ['Non PLN', 'Genset', 'Tenaga surya', 'PLTS'] },
  { code: 'none', label: 'Bukan listrik', aliases: ['Tidak ada listrik', 'Pelita', 'Petromak', 'Lampu minyak', 'Tidak ada'] },
];

const FUEL: Vocabs<z.infer<typeof CookingFuelSchema>> = [
  { code: 'electricity', label: 'Listrik', aliases: ['Kompor listrik'] },
  { code: 'lpg_3kg', label: 'Gas elpiji 3 kg', aliases: ['Elpiji 3 kg', 'LPG 3 kg', 'Gas 3 kg', 'Gas melon'] },
  {
    code: 'lpg_large',
    label: 'Gas elpiji 5,5 kg/12 kg',
    aliases: [
      'Gas elpiji 5,5kg/Blue gaz',
      'Gas elpiji 5,5 kg',
      'Gas elpiji 12 kg',
      'Elpiji 12 kg',
      'LPG 12 kg',
      'Elpiji 5,5 kg',
      'LPG 5,5 kg',
      'Bright gas',
      'Blue gaz',
    ],
  },
  { code: 'city_gas', label: 'Gas kota/meteran PGN', aliases: ['Gas kota', 'PGN', 'Jargas'] },
  { code: 'biogas', label: 'Biogas', aliases: [] },
  { code: 'kerosene', label: 'Minyak tanah', aliases: [] },
  { code: 'briquette', label: 'Briket', aliases: [] },
  { code: 'charcoal', label: 'Arang', aliases: [] },
  { code: 'wood', label: 'Kayu bakar', aliases: ['Kayu'] },
  { code: 'none', label: 'Tidak memasak di rumah', aliases: ['Tidak memasak'] },
  { code: 'other', label: 'Lainnya', aliases: ['Lain-lain'] },
];

const ASSETS: Vocabs<Asset> = [
  { code: 'lpg_3kg', label: 'Tabung gas 3 kg', aliases: ['Gas 3 kg', 'Elpiji 3 kg', 'LPG 3 kg'] },
  { code: 'fridge', label: 'Lemari es', aliases: ['Kulkas', 'Lemari es/kulkas'] },
  { code: 'air_conditioner', label: 'AC', aliases: ['Air conditioner', 'Pendingin ruangan'] },
  { code: 'water_heater', label: 'Pemanas air', aliases: ['Water heater'] },
  { code: 'landline', label: 'Telepon rumah', aliases: ['Telepon kabel', 'Telepon rumah/PSTN', 'PSTN'] },
  { code: 'television', label: 'Televisi', aliases: ['TV', 'Televisi layar datar', 'TV flat'] },
  {
    code: 'gold_10g',
    label: 'Emas/perhiasan min. 10 gram',
    aliases: ['Emas', 'Perhiasan', 'Emas/perhiasan', 'Perhiasan 10 gr emas', 'Perhiasan emas'],
  },
  { code: 'bank_account', label: 'Rekening aktif', aliases: ['Rekening', 'Rekening bank', 'Rek aktif', 'Tabungan'] },
  { code: 'computer', label: 'Komputer/laptop', aliases: ['Komputer', 'Laptop'] },
  { code: 'bicycle', label: 'Sepeda', aliases: [] },
  { code: 'motorbike', label: 'Sepeda motor', aliases: ['Motor'] },
  { code: 'car', label: 'Mobil', aliases: [] },
  { code: 'boat', label: 'Perahu/kapal motor', aliases: ['Perahu', 'Kapal', 'Perahu motor', 'Kapal/perahu motor'] },
  { code: 'smartphone', label: 'Smartphone', aliases: ['HP android', 'Ponsel pintar', 'Telepon pintar'] },
  { code: 'land', label: 'Lahan', aliases: ['Tanah', 'Memiliki lahan', 'Lahan/tanah'] },
  { code: 'house_elsewhere', label: 'Rumah di tempat lain', aliases: ['Rumah ditempat lain', 'Rumah lain'] },
  { code: 'livestock', label: 'Ternak', aliases: ['Hewan ternak', 'Sapi', 'Kerbau', 'Kuda', 'Babi', 'Kambing', 'Domba', 'Kambing/domba'] },
];

const PROGRAMS: Vocabs<ProgramCode> = [
  { code: 'pkh', label: 'PKH', aliases: ['Program Keluarga Harapan'] },
  {
    code: 'bpnt',
    label: 'BPNT/Sembako',
    aliases: ['BPNT', 'Sembako', 'BSS/BPNT', 'BSS/BNPT', 'BSS', 'Bantuan Sembako', 'Kartu Sembako', 'Bantuan Pangan Non Tunai'],
  },
  { code: 'pbi_jk', label: 'PBI-JK', aliases: ['PBI', 'PBI JKN', 'KIS PBI', 'Penerima Bantuan Iuran'] },
  { code: 'pip', label: 'PIP', aliases: ['KIP', 'Program Indonesia Pintar'] },
  { code: 'blt', label: 'BLT', aliases: ['BLT DD', 'BLT Dana Desa', 'BLT BBM'] },
  { code: 'bst', label: 'BST', aliases: ['BST COVID-19', 'Bantuan Sosial Tunai'] },
  { code: 'electricity_subsidy', label: 'Subsidi listrik', aliases: [] },
  { code: 'other', label: 'Lainnya', aliases: ['Bantuan lainnya', 'Bantuan pemda', 'Lain-lain'] },
];

/** Programmes paid to a person rather than the family (JKN membership, student aid). */
export const PERSON_PROGRAMS: ReadonlySet<ProgramCode> = new Set(['pbi_jk', 'pip']);

const DISABILITIES: Vocabs<Disability> = [
  {
    code: 'seeing',
    label: 'Sulit melihat',
    aliases: [
      'Penglihatan',
      'Sulit penglihatan',
      'Kesulitan melihat',
      'Tunanetra',
      'Tuna netra',
      'Netra',
      'Buta',
      'Disabilitas netra',
      'Seeing',
    ],
  },
  {
    code: 'hearing',
    label: 'Sulit mendengar',
    aliases: [
      'Pendengaran',
      'Sulit pendengaran',
      'Kesulitan mendengar',
      'Tunarungu',
      'Tuna rungu',
      'Rungu',
      'Tuli',
      'Disabilitas rungu',
      'Hearing',
    ],
  },
  {
    code: 'walking',
    label: 'Sulit berjalan/naik tangga',
    aliases: ['Berjalan', 'Sulit berjalan', 'Sulit jalan naik tangga', 'Lumpuh', 'Walking'],
  },
  {
    code: 'hands',
    label: 'Sulit menggerakkan tangan/jari',
    aliases: ['Tangan', 'Sulit gerak tangan jari', 'Sulit menggunakan tangan', 'Hands'],
  },
  {
    code: 'learning',
    label: 'Sulit belajar/intelektual',
    aliases: ['Belajar', 'Sulit belajar', 'Intelektual', 'Tunagrahita', 'Tuna grahita', 'Disabilitas intelektual', 'Learning'],
  },
  {
    code: 'remembering',
    label: 'Sulit mengingat/konsentrasi',
    aliases: ['Mengingat', 'Sulit mengingat', 'Sulit ingat konsentrasi', 'Sulit konsentrasi', 'Remembering'],
  },
  {
    code: 'behaviour',
    label: 'Gangguan perilaku/emosi',
    aliases: ['Perilaku', 'Sulit perilaku emosi', 'Perilaku emosi', 'Tunalaras', 'Tuna laras', 'Disabilitas mental', 'Behavior'],
  },
  {
    code: 'communicating',
    label: 'Sulit berbicara/berkomunikasi',
    aliases: [
      'Komunikasi',
      'Sulit berkomunikasi',
      'Sulit paham bicara kom',
      'Tunawicara',
      'Tuna wicara',
      'Wicara',
      'Bisu',
      'Communicating',
    ],
  },
  { code: 'self_care', label: 'Sulit mengurus diri', aliases: ['Mengurus diri', 'Sulit mandiri', 'Perawatan diri', 'Self care'] },
];

const EDUCATION: Vocabs<z.infer<typeof EducationSchema>> = [
  {
    code: 'none',
    label: 'Tidak/belum sekolah',
    aliases: [
      'Tidak sekolah',
      'Belum sekolah',
      'Tidak/belum pernah sekolah',
      'Belum tamat SD/sederajat',
      'Belum tamat SD',
      'Tidak tamat SD',
      'Tidak punya ijazah SD',
      'Tidak punya ijazah',
    ],
  },
  { code: 'sd', label: 'SD/sederajat', aliases: ['SD', 'Tamat SD/sederajat', 'Tamat SD', 'MI', 'SDLB', 'SPM/PDF Ula', 'Sekolah dasar'] },
  { code: 'smp', label: 'SMP/sederajat', aliases: ['SMP', 'SLTP', 'SLTP/sederajat', 'MTs', 'SMPLB', 'SMP LB', 'SPM/PDF Wustha'] },
  {
    code: 'sma',
    label: 'SMA/sederajat',
    aliases: ['SMA', 'SLTA', 'SLTA/sederajat', 'MA', 'SMK', 'MAK', 'SMLB', 'SMU', 'STM', 'SPM/PDF Ulya'],
  },
  {
    code: 'diploma',
    label: 'Diploma I/II/III',
    aliases: [
      'D1',
      'D2',
      'D3',
      'D1/D2/D3',
      'Diploma',
      'Diploma I/II',
      'Diploma I',
      'Diploma II',
      'Diploma III',
      'Akademi/Diploma III/S. Muda',
      'Akademi',
      'Sarjana muda',
    ],
  },
  { code: 'bachelor', label: 'D4/S1', aliases: ['S1', 'D4', 'Diploma IV/Strata I', 'Diploma IV', 'Strata I', 'Sarjana', 'Profesi'] },
  { code: 'postgraduate', label: 'S2/S3', aliases: ['S2', 'S3', 'Strata II', 'Strata III', 'Magister', 'Doktor', 'Pascasarjana'] },
  { code: 'paket_a', label: 'Paket A', aliases: [] },
  { code: 'paket_b', label: 'Paket B', aliases: [] },
  { code: 'paket_c', label: 'Paket C', aliases: [] },
];

const SCHOOL: Vocabs<z.infer<typeof SchoolParticipationSchema>> = [
  { code: 'never', label: 'Tidak/belum pernah sekolah', aliases: ['Tidak pernah sekolah', 'Belum pernah sekolah', 'Tidak pernah'] },
  { code: 'attending', label: 'Masih sekolah', aliases: ['Sekolah', 'Sedang sekolah', 'Bersekolah'] },
  { code: 'not_attending', label: 'Tidak bersekolah lagi', aliases: ['Tidak sekolah lagi', 'Putus sekolah', 'Lulus', 'Tamat'] },
  { code: 'not_yet', label: 'Belum sekolah', aliases: ['Belum'] },
];

const WORK: Vocabs<z.infer<typeof WorkStatusSchema>> = [
  { code: 'working', label: 'Bekerja', aliases: ['Kerja', 'Ya, bekerja'] },
  {
    code: 'not_working',
    label: 'Tidak bekerja',
    aliases: ['Belum/tidak bekerja', 'Belum bekerja', 'Menganggur', 'Pengangguran', 'Mencari kerja'],
  },
  { code: 'school', label: 'Sekolah', aliases: ['Pelajar', 'Pelajar/mahasiswa', 'Mahasiswa', 'Bersekolah'] },
  { code: 'housekeeping', label: 'Mengurus rumah tangga', aliases: ['Ibu rumah tangga', 'IRT'] },
  { code: 'other', label: 'Lainnya', aliases: ['Pensiunan', 'Pensiun', 'Lain-lain'] },
];

const JKN: Vocabs<z.infer<typeof JknStatusSchema>> = [
  { code: 'pbi', label: 'PBI', aliases: ['PBI JK', 'PBI/JKN', 'PBI JKN', 'KIS PBI', 'PBI APBN', 'PBI APBD'] },
  {
    code: 'non_pbi',
    label: 'Non-PBI (mandiri/pemberi kerja)',
    aliases: ['Non PBI', 'JKN Mandiri', 'Mandiri', 'BPJS Mandiri', 'PBPU', 'PPU', 'JKN Pemberi Kerja', 'Pekerja penerima upah'],
  },
  { code: 'none', label: 'Tidak memiliki', aliases: ['Tidak punya', 'Tidak ada', 'Belum punya', 'Tidak'] },
];

const NUTRITION: Vocabs<z.infer<typeof NutritionStatusSchema>> = [
  { code: 'normal', label: 'Normal', aliases: ['Gizi baik', 'Baik'] },
  { code: 'stunting', label: 'Stunting', aliases: ['Kerdil', 'Kerdil (Stunting)', 'Pendek', 'Sangat pendek'] },
  { code: 'wasting', label: 'Wasting', aliases: ['Kurang gizi (wasting)', 'Kurang gizi', 'Gizi buruk', 'Kurus', 'Sangat kurus'] },
  { code: 'underweight', label: 'Gizi kurang', aliases: ['Underweight', 'Berat badan kurang', 'BB kurang'] },
  { code: 'overweight', label: 'Gizi lebih', aliases: ['Overweight', 'Gemuk', 'Obesitas'] },
];

export const VOCABULARIES = {
  sex: vocabulary(SEX),
  relationship: vocabulary(RELATIONSHIP),
  tenure: vocabulary(TENURE),
  floorType: vocabulary(FLOOR),
  wallType: vocabulary(WALL),
  wallCondition: vocabulary(CONDITION),
  roofType: vocabulary(ROOF),
  roofCondition: vocabulary(CONDITION),
  drinkingWater: vocabulary(WATER),
  toilet: vocabulary(TOILET),
  sewage: vocabulary(SEWAGE),
  lighting: vocabulary(LIGHTING),
  cookingFuel: vocabulary(FUEL),
  education: vocabulary(EDUCATION),
  schoolParticipation: vocabulary(SCHOOL),
  workStatus: vocabulary(WORK),
  jkn: vocabulary(JKN),
  nutritionStatus: vocabulary(NUTRITION),
  assets: vocabulary(ASSETS),
  familyPrograms: vocabulary(PROGRAMS),
  personPrograms: vocabulary(PROGRAMS),
  disabilities: vocabulary(DISABILITIES),
} as const;

export type EnumField = keyof typeof VOCABULARIES;
export type ListField = 'assets' | 'familyPrograms' | 'personPrograms' | 'disabilities';
export type ScalarEnumField = Exclude<EnumField, ListField>;

/** Raw spellings of list items, for generating the flag-column header aliases. */
export const LIST_ITEM_SPELLINGS: Readonly<Record<ListField, ReadonlyArray<Vocab<string>>>> = {
  assets: ASSETS,
  familyPrograms: PROGRAMS,
  personPrograms: PROGRAMS,
  disabilities: DISABILITIES,
};

/** Answers that mean "not known": stored as null in any coded field. */
const UNKNOWN_ANSWERS = new Set(['tidaktahu', 'tidakdiketahui', 'tidakadacatatan', 'unknown']);

export function isUnknownAnswer(key: string): boolean {
  return UNKNOWN_ANSWERS.has(key);
}

// ---------------------------------------------------------------- yes / no

const YES = new Set(['ya', 'y', 'yes', 'iya', '1', 'true', 'benar', 'ada', 'punya', 'penerima', 'menerima', 'v', '√', '✓', '✔']);
const NO = new Set([
  'tidak',
  't',
  'tdk',
  'no',
  'n',
  '0',
  '2',
  'false',
  'salah',
  'tidakada',
  'bukan',
  'bukanpenerima',
  'tidakmenerima',
  'tidakpunya',
  '-',
]);

/** Yes/no columns; "2" is "Tidak" in Regsosek's Ya=1 / Tidak=2 coding. */
export function parseYesNo(raw: string): boolean | undefined {
  const t = raw.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  const k = valueKey(stripCodePrefix(raw));
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return undefined;
}

/**
 * Disability columns: yes/no words, 0/1, or the Regsosek / Washington Group scale 1–4
 * (1 cannot do at all, 2 a lot of difficulty = disability; 3 some difficulty, 4 none = not,
 * the WG cut-off). "2" alone is ambiguous between the two codings and is rejected.
 */
export function parseDisabilityFlag(raw: string): boolean | 'ambiguous' | undefined {
  const t = valueKey(raw);
  if (t === '2') return 'ambiguous';
  if (t === '3' || t === '4') return false;
  const k = valueKey(stripCodePrefix(raw));
  if (k.startsWith('yasamasekali') || k.startsWith('yabanyak') || k.startsWith('samasekali') || k.startsWith('banyakkesulitan'))
    return true;
  if (k.startsWith('yasedikit') || k.startsWith('sedikitkesulitan') || k.startsWith('tidakmengalami') || k.startsWith('tidakkesulitan'))
    return false;
  return parseYesNo(raw);
}

/** Regsosek item 430 answers: a named chronic disease means yes. */
const CHRONIC_DISEASES = [
  'Hipertensi',
  'Darah tinggi',
  'Rematik',
  'Asma',
  'Masalah jantung',
  'Jantung',
  'Diabetes',
  'Kencing manis',
  'Tuberculosis',
  'TBC',
  'Stroke',
  'Kanker',
  'Tumor',
  'Gagal ginjal',
  'Haemophilia',
  'Hemofilia',
  'HIV/AIDS',
  'HIV',
  'Kolesterol',
  'Sirosis hati',
  'Thalasemia',
  'Talasemia',
  'Leukemia',
  'Alzheimer',
].map(valueKey);

export function parseChronicIllness(raw: string): boolean | undefined {
  const yn = parseYesNo(raw);
  if (yn !== undefined) return yn;
  const k = valueKey(stripCodePrefix(raw));
  if (k === 'tidakada' || k === 'tidakpunya') return false;
  return CHRONIC_DISEASES.some((d) => k.startsWith(d)) ? true : undefined;
}

// ---------------------------------------------------------------- dates

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  pebruari: 2,
  february: 2,
  mar: 3,
  maret: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  agst: 8,
  agus: 8,
  agustus: 8,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  oct: 10,
  october: 10,
  nov: 11,
  nop: 11,
  november: 11,
  nopember: 11,
  des: 12,
  desember: 12,
  dec: 12,
  december: 12,
};

export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type DateResult = { iso: string } | { error: 'date_invalid' | 'date_impossible' };

function ymd(y: number, m: number, d: number): DateResult {
  return isValidDate(y, m, d) ? { iso: iso(y, m, d) } : { error: 'date_impossible' };
}

/**
 * Dates as typed in Indonesian files: YYYY-MM-DD (optionally with a time), DD-MM-YYYY,
 * DD/MM/YYYY, D/M/YYYY, DD.MM.YYYY, "13 Februari 1990", 8-digit YYYYMMDD or DDMMYYYY.
 * Two-digit years are rejected (the century would be a guess); so is M/D/YYYY (a day above 12
 * in the second place is an impossible date, never a silent swap).
 */
export function parseDateText(raw: string): DateResult {
  const s = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[\s\-/.]+([A-Za-z]+)\.?[\s\-/.]+(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    return month === undefined ? { error: 'date_invalid' } : ymd(Number(m[3]), month, Number(m[1]));
  }
  m = /^(\d{8})$/.exec(s);
  if (m) {
    const d8 = m[1] ?? '';
    const a = { y: Number(d8.slice(0, 4)), m: Number(d8.slice(4, 6)), d: Number(d8.slice(6, 8)) };
    if (a.y >= 1800 && a.y <= 2200 && isValidDate(a.y, a.m, a.d)) return { iso: iso(a.y, a.m, a.d) };
    const b = { d: Number(d8.slice(0, 2)), m: Number(d8.slice(2, 4)), y: Number(d8.slice(4, 8)) };
    if (b.y >= 1800 && b.y <= 2200) return ymd(b.y, b.m, b.d);
    return { error: 'date_invalid' };
  }
  return { error: 'date_invalid' };
}

/** Excel serial day number (1900 date system, with Excel's phantom 29 Feb 1900) -> ISO date. */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return undefined;
  const days = Math.floor(serial);
  if (days === 60) return undefined; // 1900-02-29 does not exist
  const offset = days < 60 ? 1 : 0;
  const ms = Date.UTC(1899, 11, 30) + (days + offset) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
