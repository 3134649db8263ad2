/** Pure helpers of the delivery tab: cost rows from a form, totals, months. */
import type { FundingSource } from '@dampingan/contracts';

export interface CostRow {
  fundingSource: FundingSource | '';
  /** as typed: "1.500.000", "1500000" or "1,500,000" */
  amount: string;
}

/** Digits of a typed rupiah amount; null when it is not a whole non-negative number. */
export function parseRupiah(text: string): number | null {
  const t = text.trim().replace(/^rp\.?\s*/i, '');
  if (!/^\d{1,3}([.,\s]?\d{3})*$|^\d+$/.test(t)) return null;
  return Number(t.replace(/[.,\s]/g, ''));
}

/** Filled cost rows as the API wants them, or the index of the first bad row. */
export function costsFromRows(
  rows: CostRow[],
): { ok: true; costs: { fundingSource: FundingSource; amount: number }[] } | { ok: false; index: number } {
  const costs: { fundingSource: FundingSource; amount: number }[] = [];
  for (const [index, r] of rows.entries()) {
    if (!r.fundingSource && !r.amount.trim()) continue;
    const amount = parseRupiah(r.amount);
    if (!r.fundingSource || amount === null) return { ok: false, index };
    costs.push({ fundingSource: r.fundingSource, amount });
  }
  return { ok: true, costs };
}

export const totalOf = (costs: { amount: number }[]) => costs.reduce((s, c) => s + c.amount, 0);

/** "2026-11" of a date; the month filter's value. */
export const monthOf = (isoDate: string) => isoDate.slice(0, 7);

/** The months of a program year, newest first, up to `today`'s month when in that year. */
export function monthsOfYear(year: number, todayIso: string): string[] {
  const last = todayIso.startsWith(String(year)) ? Number(todayIso.slice(5, 7)) : 12;
  return Array.from({ length: last }, (_, i) => `${year}-${String(last - i).padStart(2, '0')}`);
}
