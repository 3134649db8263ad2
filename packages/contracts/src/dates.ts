/**
 * The program's calendar. A date such as "delivered on" or "due on" is a local calendar day, not an
 * instant: between 17:00 and 24:00 UTC it is already tomorrow in WIB. Server and browser take
 * "today" from here so they never disagree about which day it is.
 */

/** Kota Pekalongan's time zone (WIB, UTC+7). A deployment in WITA/WIT changes it here, once. */
export const PROGRAM_TIME_ZONE = 'Asia/Jakarta';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PROGRAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of the instant `now` in the program's time zone. */
export function programDate(now: Date): string {
  return dayFormat.format(now);
}
