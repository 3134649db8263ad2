/**
 * Search keys for Indonesian place names. Sources spell the same kelurahan differently:
 * "Kali Baros" / "Kalibaros", "Pasirkratonkramat" / "Pasir Kraton Kramat" (research/domain.md §4.1),
 * and older documents use pre-1972 spelling (Ejaan van Ophuijsen / Soewandi: oe, dj, tj, nj, sj, ch).
 * A key folds all of these to one form: lower case, no accents, EYD spelling, letters and digits only.
 */

const OLD_SPELLING: ReadonlyArray<[RegExp, string]> = [
  [/oe/g, 'u'], // Soerabaja -> Surabaja
  [/dj/g, 'j'], // Djakarta -> Jakarta
  [/tj/g, 'c'], // Tjilatjap -> Cilacap
  [/nj/g, 'ny'], // Njai -> Nyai
  [/sj/g, 'sy'], // Sjarif -> Syarif
  [/ch/g, 'kh'], // Chairil -> Khairil
];

export function nameKey(name: string): string {
  let s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  for (const [re, to] of OLD_SPELLING) s = s.replace(re, to);
  return s.replace(/[^a-z0-9]/g, '');
}

/** Words people put in front of a village or district name that are not part of it. */
const LEADING_TYPE_WORDS = /^(kelurahan|kel\.?|desa|ds\.?|kecamatan|kec\.?)\s+/i;

/** Key for a typed query: strips "Kelurahan", "Desa", "Kec." before folding. */
export function queryKey(query: string): string {
  return nameKey(query.trim().replace(LEADING_TYPE_WORDS, ''));
}

/** `33.75.01.1002` -> type from the code convention (Permendagri 58/2021), for checks. */
export function villageTypeFromCode(code: string): 'kelurahan' | 'desa' | 'desa_adat' | null {
  const m = /^\d{2}\.\d{2}\.\d{2}\.(\d)\d{3}$/.exec(code);
  if (!m) return null;
  return m[1] === '1' ? 'kelurahan' : m[1] === '2' ? 'desa' : m[1] === '3' ? 'desa_adat' : null;
}

export function regionLevel(code: string): 1 | 2 | 3 | 4 | null {
  const parts = code.split('.').length;
  return parts >= 1 && parts <= 4 && /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(code) ? (parts as 1 | 2 | 3 | 4) : null;
}

/** True when `code` is `scope` itself or lies under it (`33.75.01.1002` is within `33.75`). */
export function isWithin(code: string, scope: string): boolean {
  return code === scope || code.startsWith(`${scope}.`);
}
