/**
 * Dates as integer day numbers (days since 1970-01-01, UTC): the generator handles ~10 M dates
 * and Date objects would dominate its time. Civil-from-days after Howard Hinnant's algorithm.
 */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoFromDays(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Strict `YYYY-MM-DD` (a real calendar date) to a day number, or null. */
export function daysFromIso(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const days = daysFromCivil(y, mo, d);
  const back = civilFromDays(days);
  return back.y === y && back.m === mo && back.d === d ? days : null;
}

export function daysInMonth(y: number, m: number): number {
  return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}

/** Adds months; a month-end date stays a month-end (2026-06-30 + 3 → 2026-09-30, + 6 → 2026-12-31). */
export function addMonths(days: number, months: number): number {
  const { y, m, d } = civilFromDays(days);
  const monthEnd = d === daysInMonth(y, m);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = daysInMonth(ny, nm);
  return daysFromCivil(ny, nm, monthEnd ? last : Math.min(d, last));
}

/** Whole years from `birth` to `at` (the age on that day). */
export function ageOn(birth: number, at: number): number {
  const b = civilFromDays(birth);
  const a = civilFromDays(at);
  let age = a.y - b.y;
  if (a.m < b.m || (a.m === b.m && a.d < b.d)) age--;
  return age;
}

/** `DDMMYY` as in NIK and No KK; `dayOffset` 40 for women in a NIK. */
export function ddmmyy(days: number, dayOffset = 0): string {
  const { y, m, d } = civilFromDays(days);
  return pad2(d + dayOffset) + pad2(m) + pad2(y % 100);
}
