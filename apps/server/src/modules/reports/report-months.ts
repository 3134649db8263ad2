/**
 * Pure month arithmetic of monthly reports: which months a pairing reports on, when each is due,
 * and whether it is late. Dates are ISO strings (YYYY-MM-DD); "today" is the program's local date
 * (WIB, UTC+7) taken from the injected clock, never from the wall clock.
 */
import { REPORT_DUE_DAY, type ReportMonthStatus } from '@dampingan/contracts';

/** The first day of the month of an ISO date. */
export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The first day of the month `n` months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-01`;
}

/** The last day of the month of `month`. */
export function monthEnd(month: string): string {
  const next = new Date(`${addMonths(month, 1)}T00:00:00Z`);
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** A month's report is due on REPORT_DUE_DAY of the following month. */
export function dueOn(month: string): string {
  return `${addMonths(month, 1).slice(0, 8)}${String(REPORT_DUE_DAY).padStart(2, '0')}`;
}

/**
 * The months a pairing reports on: from January of the program year (or the decree's month when
 * the pairing was decreed later that year) to the current month, never past December.
 */
export function reportMonths(year: number, decreeDate: string, today: string): string[] {
  const jan = `${year}-01-01`;
  const first = decreeDate.slice(0, 4) === String(year) ? monthOf(decreeDate) : decreeDate < jan ? jan : null;
  if (!first) return [];
  const dec = `${year}-12-01`;
  const current = monthOf(today);
  const last = current < dec ? current : dec;
  const out: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Late: the due day has passed and the report is not in Bappeda's hands (missing, draft or returned). */
export function isLate(status: ReportMonthStatus, month: string, today: string): boolean {
  return (status === 'missing' || status === 'draft' || status === 'returned') && today > dueOn(month);
}
