/**
 * Every row issue the import can raise: one code, a severity and a message in Bahasa Indonesia
 * (`message`, shown first) and English (`messageEn`). Messages name the column and the value as
 * the user typed it, and say what to do. An `error` rejects the row; a `warning` keeps it.
 * Warning codes start with `warn_`, so a code alone tells its severity.
 */
import type { RowIssue } from '@dampingan/contracts';

export type Severity = 'error' | 'warning';

/** Values a message can interpolate; `column` and `value` are always present. */
export interface MessageParams {
  column: string;
  value: string;
  [key: string]: string | number;
}

interface IssueDef {
  severity: Severity;
  id: (p: MessageParams) => string;
  en: (p: MessageParams) => string;
}

const EXCEL_FIX_ID = 'format kolom sebagai Teks di Excel lalu ketik ulang atau ekspor ulang dari sumber';
const EXCEL_FIX_EN = 'format the column as Text in Excel, then retype it or export it again from the source';

const col = (p: MessageParams) => `Kolom "${p.column}"`;
const colEn = (p: MessageParams) => `Column "${p.column}"`;
const v = (p: MessageParams) => `"${p.value}"`;

export const ISSUE_DEFS = {
  // ----- structure of the row (column "(row)")
  row_extra_cells: {
    severity: 'error',
    id: (p) =>
      `Baris berisi ${p.cells} sel berisi data, lebih banyak dari ${p.headers} kolom judul; periksa pemisah kolom atau tanda pemisah di dalam nilai yang tidak diberi tanda kutip`,
    en: (p) =>
      `The row has ${p.cells} filled cells, more than the ${p.headers} header columns; check the delimiter, or a delimiter inside an unquoted value`,
  },
  row_missing_cells: {
    severity: 'error',
    id: (p) =>
      `Baris hanya berisi ${p.cells} sel dari ${p.headers} kolom judul; baris terpotong atau ada baris baru di dalam nilai tanpa tanda kutip`,
    en: (p) => `The row has only ${p.cells} of ${p.headers} header columns; it was cut, or a value contains an unquoted line break`,
  },
  csv_unterminated_quote: {
    severity: 'error',
    id: () => 'Tanda kutip (") dibuka tetapi tidak pernah ditutup sampai akhir berkas; sisa berkas terbaca sebagai satu nilai',
    en: () => 'A quote (") opens here and is never closed before the end of the file; the rest of the file was read as one value',
  },
  csv_field_too_long: {
    severity: 'error',
    id: (p) => `Ada nilai lebih panjang dari ${p.max} karakter (biasanya tanda kutip yang tidak ditutup); nilai dipotong`,
    en: (p) => `A value is longer than ${p.max} characters (usually an unclosed quote); it was cut`,
  },
  required_column_missing: {
    severity: 'error',
    id: (p) => `Tidak ada kolom untuk ${p.label}; petakan salah satu kolom berkas ke isian ini`,
    en: (p) => `No column holds ${p.labelEn}; map one of the file's columns to this field`,
  },
  internal_error: {
    severity: 'error',
    id: () => 'Baris ini tidak dapat diproses karena kesalahan sistem; laporkan ke admin',
    en: () => 'This row could not be processed because of a system error; report it to an admin',
  },

  // ----- any field
  required_missing: {
    severity: 'error',
    id: (p) => `${col(p)} wajib diisi`,
    en: (p) => `${colEn(p)} is required`,
  },
  text_too_long: {
    severity: 'error',
    id: (p) => `${col(p)}: nilai ${p.length} karakter, lebih dari batas ${p.max}`,
    en: (p) => `${colEn(p)}: the value has ${p.length} characters, more than the limit of ${p.max}`,
  },
  warn_text_encoding: {
    severity: 'warning',
    id: (p) => `${col(p)}: ${v(p)} berisi karakter yang tidak terbaca (�); simpan berkas sebagai CSV UTF-8`,
    en: (p) => `${colEn(p)}: ${v(p)} contains unreadable characters (�); save the file as CSV UTF-8`,
  },
  name_no_letters: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} bukan nama (tidak ada huruf); kolom mungkin bergeser`,
    en: (p) => `${colEn(p)}: ${v(p)} is not a name (no letters); columns may be shifted`,
  },
  enum_unknown: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} tidak dikenal. Nilai yang diterima: ${p.allowed}`,
    en: (p) => `${colEn(p)}: ${v(p)} is not a known value. Accepted values: ${p.allowedEn}`,
  },
  boolean_invalid: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} bukan jawaban Ya/Tidak (terima: Ya, Tidak, Y, T, 1, 0)`,
    en: (p) => `${colEn(p)}: ${v(p)} is not a yes/no answer (accepted: Ya, Tidak, Y, T, 1, 0)`,
  },
  disability_code_ambiguous: {
    severity: 'error',
    id: (p) =>
      `${col(p)}: kode ${v(p)} bermakna ganda ("Tidak" pada kode Ya=1/Tidak=2, tetapi "banyak kesulitan" pada skala Regsosek 1-4); tulis Ya atau Tidak`,
    en: (p) =>
      `${colEn(p)}: code ${v(p)} is ambiguous ("no" in Ya=1/Tidak=2 coding but "a lot of difficulty" on the Regsosek 1-4 scale); write Ya or Tidak`,
  },
  number_invalid: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} bukan angka ${p.expected}`,
    en: (p) => `${colEn(p)}: ${v(p)} is not a number ${p.expectedEn}`,
  },
  number_out_of_range: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} di luar rentang ${p.min}–${p.max}`,
    en: (p) => `${colEn(p)}: ${v(p)} is outside the range ${p.min}–${p.max}`,
  },

  // ----- NIK and No KK (PPKKCC DDMMYY NNNN)
  id_stored_as_number: {
    severity: 'error',
    id: (p) =>
      `${col(p)}: ${v(p)} tersimpan sebagai angka di Excel; Excel hanya menyimpan 15 digit sehingga digit terakhir bisa hilang. ${capitalise(EXCEL_FIX_ID)}`,
    en: (p) =>
      `${colEn(p)}: ${v(p)} is stored as a number in Excel, which keeps only 15 digits, so digits may be lost. ${capitalise(EXCEL_FIX_EN)}`,
  },
  id_scientific_notation: {
    severity: 'error',
    id: (p) =>
      `${col(p)}: ${v(p)} adalah notasi ilmiah dari Excel; digitnya sudah hilang dan tidak dapat ditebak. ${capitalise(EXCEL_FIX_ID)}`,
    en: (p) => `${colEn(p)}: ${v(p)} is Excel scientific notation; its digits are lost and cannot be guessed. ${capitalise(EXCEL_FIX_EN)}`,
  },
  id_excel_decimal: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} diekspor sebagai angka desimal; digitnya tidak dapat dipastikan. ${capitalise(EXCEL_FIX_ID)}`,
    en: (p) => `${colEn(p)}: ${v(p)} was exported as a decimal number; its digits cannot be trusted. ${capitalise(EXCEL_FIX_EN)}`,
  },
  id_15_digits: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} hanya 15 digit (harus 16); satu digit hilang, sering karena Excel atau salah ketik`,
    en: (p) => `${colEn(p)}: ${v(p)} has only 15 digits (16 required); a digit is missing, often because of Excel or a typing slip`,
  },
  id_not_digits: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} harus berisi 16 angka saja, tanpa titik, tanda hubung, huruf atau tanda lain`,
    en: (p) => `${colEn(p)}: ${v(p)} must be 16 digits only, without dots, dashes, letters or other signs`,
  },
  id_wrong_length: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} berisi ${p.length} digit; harus 16 digit`,
    en: (p) => `${colEn(p)}: ${v(p)} has ${p.length} digits; 16 are required`,
  },
  id_unknown_district: {
    severity: 'error',
    id: (p) =>
      `${col(p)}: ${v(p)} diawali ${p.prefix}, bukan kode kecamatan yang dikenal (6 digit pertama = provinsi, kabupaten/kota, kecamatan)`,
    en: (p) =>
      `${colEn(p)}: ${v(p)} starts with ${p.prefix}, which is not a known kecamatan code (the first 6 digits are province, regency/city, district)`,
  },
  id_zero_serial: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} berakhiran 0000; nomor urut (4 digit terakhir) mulai dari 0001`,
    en: (p) => `${colEn(p)}: ${v(p)} ends in 0000; the serial (last 4 digits) starts at 0001`,
  },
  nik_bad_date: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} memuat tanggal lahir ${p.part} (digit 7-12, DDMMYY; tanggal +40 untuk perempuan) yang tidak mungkin`,
    en: (p) => `${colEn(p)}: ${v(p)} holds the birth date ${p.part} (digits 7-12, DDMMYY; day + 40 for women), which is impossible`,
  },
  nik_sex_mismatch: {
    severity: 'error',
    id: (p) => `${col(p)}: tanggal pada NIK ${v(p)} adalah ${p.day}, kode untuk ${p.nikSex}, tetapi jenis kelamin tercatat ${p.sex}`,
    en: (p) => `${colEn(p)}: the day in NIK ${v(p)} is ${p.day}, the code for a ${p.nikSexEn}, but the recorded sex is ${p.sexEn}`,
  },
  warn_nik_birth_date_mismatch: {
    severity: 'warning',
    id: (p) => `${col(p)}: tanggal lahir pada NIK ${v(p)} (${p.part}) berbeda dengan tanggal lahir tercatat ${p.birthDate}`,
    en: (p) => `${colEn(p)}: the birth date in NIK ${v(p)} (${p.part}) differs from the recorded birth date ${p.birthDate}`,
  },
  no_kk_bad_date: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} memuat tanggal terbit ${p.part} (digit 7-12, DDMMYY) yang tidak mungkin`,
    en: (p) => `${colEn(p)}: ${v(p)} holds the issue date ${p.part} (digits 7-12, DDMMYY), which is impossible`,
  },
  no_kk_future_date: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} memuat tanggal terbit ${p.date} yang belum terjadi`,
    en: (p) => `${colEn(p)}: ${v(p)} holds the issue date ${p.date}, which is in the future`,
  },

  // ----- village
  village_code_invalid: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} bukan kode wilayah Kemendagri (contoh 33.75.01.1002 atau 3375011002)`,
    en: (p) => `${colEn(p)}: ${v(p)} is not a Kemendagri region code (e.g. 33.75.01.1002 or 3375011002)`,
  },
  village_code_not_village: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} adalah kode ${p.level}, bukan kode kelurahan/desa (10 digit, contoh 33.75.01.1002)`,
    en: (p) => `${colEn(p)}: ${v(p)} is a ${p.levelEn} code, not a village code (10 digits, e.g. 33.75.01.1002)`,
  },
  village_code_unknown: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} tidak ada dalam daftar kode wilayah Kemendagri (kode BPS berbeda dengan kode Kemendagri)`,
    en: (p) => `${colEn(p)}: ${v(p)} is not in the Kemendagri region list (BPS codes differ from Kemendagri codes)`,
  },
  village_out_of_scope: {
    severity: 'error',
    id: (p) => `${col(p)}: kelurahan/desa ${v(p)} berada di luar wilayah aplikasi ini`,
    en: (p) => `${colEn(p)}: village ${v(p)} is outside this deployment's area`,
  },
  village_name_unknown: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} tidak ditemukan di ${p.where}${p.candidates ? `. Mungkin maksudnya: ${p.candidates}` : ''}`,
    en: (p) => `${colEn(p)}: ${v(p)} was not found in ${p.where}${p.candidates ? `. Did you mean: ${p.candidates}` : ''}`,
  },
  village_name_ambiguous: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} cocok dengan lebih dari satu wilayah: ${p.candidates}; isi kode kelurahan/desa`,
    en: (p) => `${colEn(p)}: ${v(p)} matches more than one region: ${p.candidates}; give the village code`,
  },
  village_names_incomplete: {
    severity: 'error',
    id: (p) =>
      `${col(p)}: nama wilayah tanpa ${p.missing}; isi kode kelurahan/desa atau lengkapi kelurahan/desa, kecamatan dan kabupaten/kota`,
    en: (p) => `${colEn(p)}: region names without ${p.missingEn}; give the village code or complete village, district and regency names`,
  },
  village_name_mismatch: {
    severity: 'error',
    id: (p) => `${col(p)}: kode ${v(p)} tidak sesuai dengan nama wilayah pada baris ini (${p.names} = ${p.other})`,
    en: (p) => `${colEn(p)}: code ${v(p)} does not match the region names on this row (${p.names} = ${p.other})`,
  },
  village_unresolvable: {
    severity: 'error',
    id: (p) => `${col(p)}: nama wilayah ${v(p)} tidak dapat dicocokkan di sini; isi kode kelurahan/desa`,
    en: (p) => `${colEn(p)}: region name ${v(p)} cannot be matched here; give the village code`,
  },

  // ----- other coded fields
  desil_invalid: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} bukan desil 1–10`,
    en: (p) => `${colEn(p)}: ${v(p)} is not a desil from 1 to 10`,
  },
  rt_rw_invalid: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} bukan nomor ${p.what} (1–3 digit, contoh 003${p.what === 'RT/RW' ? '/005' : ''})`,
    en: (p) => `${colEn(p)}: ${v(p)} is not an ${p.what} number (1–3 digits, e.g. 003${p.what === 'RT/RW' ? '/005' : ''})`,
  },
  date_invalid: {
    severity: 'error',
    id: (p) => `${col(p)}: ${v(p)} bukan tanggal; gunakan DD-MM-YYYY, DD/MM/YYYY atau YYYY-MM-DD (tahun 4 digit)`,
    en: (p) => `${colEn(p)}: ${v(p)} is not a date; use DD-MM-YYYY, DD/MM/YYYY or YYYY-MM-DD (4-digit year)`,
  },
  date_impossible: {
    severity: 'error',
    id: (p) => `${col(p)}: tanggal ${v(p)} tidak ada di kalender`,
    en: (p) => `${colEn(p)}: ${v(p)} is not a calendar date`,
  },
  birth_date_future: {
    severity: 'error',
    id: (p) => `${col(p)}: tanggal lahir ${v(p)} belum terjadi (hari ini ${p.today})`,
    en: (p) => `${colEn(p)}: birth date ${v(p)} is in the future (today is ${p.today})`,
  },
  birth_date_too_early: {
    severity: 'error',
    id: (p) => `${col(p)}: tanggal lahir ${v(p)} sebelum tahun 1900`,
    en: (p) => `${colEn(p)}: birth date ${v(p)} is before 1900`,
  },

  // ----- across rows of one file (file-checks.ts)
  nik_duplicate_in_file: {
    severity: 'error',
    id: (p) => `${col(p)}: NIK ${v(p)} juga ada di baris ${p.otherRow}`,
    en: (p) => `${colEn(p)}: NIK ${v(p)} is also on row ${p.otherRow}`,
  },
  person_in_two_families: {
    severity: 'error',
    id: (p) =>
      `${col(p)}: NIK ${v(p)} sudah ada di baris ${p.otherRow} dengan No KK lain (berakhiran ${p.otherKkEnd}); satu orang hanya di satu keluarga`,
    en: (p) =>
      `${colEn(p)}: NIK ${v(p)} is already on row ${p.otherRow} with another No KK (ending ${p.otherKkEnd}); a person belongs to one family`,
  },
  warn_family_field_conflict: {
    severity: 'warning',
    id: (p) =>
      `${col(p)}: nilai ${v(p)} berbeda dengan baris ${p.otherRow} untuk keluarga yang sama; yang dipakai adalah nilai pada baris kepala keluarga`,
    en: (p) => `${colEn(p)}: ${v(p)} differs from row ${p.otherRow} of the same family; the value on the head's row is used`,
  },
  warn_family_two_heads: {
    severity: 'warning',
    id: (p) => `${col(p)}: keluarga ini sudah punya kepala keluarga di baris ${p.otherRow}`,
    en: (p) => `${colEn(p)}: this family already has a head on row ${p.otherRow}`,
  },
} as const satisfies Record<string, IssueDef>;

export type IssueCode = keyof typeof ISSUE_DEFS;

/** Pseudo-column for problems of the whole row (cell count, quotes, unmapped required field). */
export const ROW_COLUMN = '(row)';

const MAX_SHOWN = 60;
const MAX_STORED = 200;

/** A value as shown inside a message: one line, at most 60 characters. */
export function shown(value: string): string {
  const oneLine = value.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface IssueAt {
  row: number;
  column: string;
  field: string | null;
  value: string;
}

export function makeIssue(code: IssueCode, at: IssueAt, extra: Record<string, string | number> = {}): RowIssue {
  const def: IssueDef = ISSUE_DEFS[code];
  const params: MessageParams = { ...extra, column: at.column, value: shown(at.value) };
  const value = at.value.length > MAX_STORED ? `${at.value.slice(0, MAX_STORED - 1)}…` : at.value;
  return { row: at.row, column: at.column, field: at.field, value, code, message: def.id(params), messageEn: def.en(params) };
}

export function issueSeverity(code: string): Severity {
  return code.startsWith('warn_') ? 'warning' : 'error';
}

export function isError(issue: RowIssue): boolean {
  return issueSeverity(issue.code) === 'error';
}
