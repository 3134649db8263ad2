/** Date and RW helpers of the assessment; "today" comes from contracts' `programDate`. */

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
