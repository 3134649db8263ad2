/** Calendar dates of the program, in Kota Pekalongan's time zone (WIB), from the injected clock. */
const TIME_ZONE = 'Asia/Jakarta';

/** `YYYY-MM-DD` of `now` in WIB. */
export function isoDateIn(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Has December of `year` not begun yet on `today` (`YYYY-MM-DD`)? */
export function isBeforeDecember(today: string, year: number): boolean {
  return today < `${year}-12-01`;
}

/** RW as stored on problems: three digits, e.g. `3` and `03` become `003`. */
export function padRw(rw: string): string {
  const digits = rw.replace(/^0+/, '') || '0';
  return digits.padStart(3, '0');
}

/** RW as people write it in a title: two digits, e.g. `003` becomes `03`. */
export function rwLabel(rw: string): string {
  const digits = rw.replace(/^0+/, '') || '0';
  return digits.padStart(2, '0');
}
