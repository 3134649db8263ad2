import { PROGRAM_TIME_ZONE, programDate } from '@dampingan/contracts';

/**
 * Postgres timestamps arrive as `2026-11-29 10:25:59.156+00`, which not every browser parses;
 * normalise them to ISO 8601 first.
 */
export function parseTimestamp(value: string): Date | null {
  let s = value.trim();
  if (/^\d{4}-\d{2}-\d{2} /.test(s)) s = s.replace(' ', 'T');
  s = s.replace(/([+-]\d{2})$/, '$1:00');
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) return '—';
  const d = parseTimestamp(value);
  if (!d) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: PROGRAM_TIME_ZONE }).format(d);
}

/** Calendar dates (`2026-01-12`) are not instants: format them without a time-zone shift. */
export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** The latest of some `YYYY-MM-DD` dates (ISO dates sort as text). */
export function latestDate(first: string, ...rest: string[]): string {
  return [first, ...rest].sort().at(-1) ?? first;
}

/** Today's date in the program's time zone as `YYYY-MM-DD`, the default for date inputs. */
export function todayIso(now: Date = new Date()): string {
  return programDate(now);
}

/** A count or amount in the locale's grouping (12.345 in id-ID, 12,345 in en-GB). */
export function formatNumber(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** Rupiah, whole: "Rp 12.500.000". */
export function formatRupiah(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return `Rp ${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value)}`;
}
