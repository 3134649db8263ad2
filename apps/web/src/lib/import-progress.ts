import type { ImportView } from '@dampingan/contracts';

/** Whole percent of `done` out of `total`, clamped to 0–100; null when the total is unknown. */
export function percent(done: number, total: number | null | undefined): number | null {
  if (!total || total <= 0 || !Number.isFinite(total)) return null;
  const p = Math.floor((Math.max(0, done) / total) * 100);
  return Math.min(100, Math.max(0, p));
}

export function isFinished(status: ImportView['status']): boolean {
  return status !== 'running';
}

/**
 * How far an import's processing is, for the progress bar: reading goes by bytes read
 * (the server reports them after each staged chunk); merging and done are 100 % of the file.
 * XLSX files report no bytes while reading, so their bar stays indeterminate (null).
 */
export function processingPercent(v: Pick<ImportView, 'status' | 'phase' | 'bytesRead' | 'fileBytes'>): number | null {
  if (v.status !== 'running' || v.phase === 'merging' || v.phase === 'done') return 100;
  if (v.bytesRead <= 0) return v.fileBytes > 0 ? 0 : null;
  return percent(v.bytesRead, v.fileBytes);
}

/** `1.5 MB`, `820 kB`, `12 B` in the user's number format (decimal units, as file managers show). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'] as const;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/**
 * A failed import's `error` is "Indonesian / English" in one string. The file's column names
 * appear in both halves, so any " / " inside them occurs equally often on each side: the
 * separator is the middle occurrence. Text without a separator is returned for both languages.
 */
export function splitBilingual(text: string): { id: string; en: string } {
  const sep = ' / ';
  const at: number[] = [];
  for (let i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, i + 1)) at.push(i);
  if (at.length === 0 || at.length % 2 === 0) return { id: text, en: text };
  const mid = at[(at.length - 1) / 2] as number;
  return { id: text.slice(0, mid).trim(), en: text.slice(mid + sep.length).trim() };
}

/** Seconds between two server timestamps, or null. */
export function durationSeconds(start: Date | null, end: Date | null): number | null {
  if (!start || !end) return null;
  return Math.max(0, (end.getTime() - start.getTime()) / 1000);
}
