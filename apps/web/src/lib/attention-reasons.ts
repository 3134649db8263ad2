/** Pure helpers of the attention list: badge tones and the counts the home card shows. */
import type { AttentionKind, AttentionRow } from '@dampingan/contracts';

export const ATTENTION_KINDS: readonly AttentionKind[] = [
  'no_activity',
  'late_reports',
  'missing_months',
  'overdue_plan_items',
  'overdue_follow_ups',
];

export function reasonTone(kind: AttentionKind): 'danger' | 'warn' {
  return kind === 'no_activity' || kind === 'overdue_follow_ups' || kind === 'late_reports' ? 'danger' : 'warn';
}

/** How many pairings have each reason (a pairing counts once per kind). */
export function countByKind(rows: readonly AttentionRow[]): Record<AttentionKind, number> {
  const out = Object.fromEntries(ATTENTION_KINDS.map((k) => [k, 0])) as Record<AttentionKind, number>;
  for (const r of rows) for (const reason of r.reasons) out[reason.kind]++;
  return out;
}

/** Rows that have a given reason (or all when none is chosen), order kept. */
export function filterByKind(rows: readonly AttentionRow[], kind: AttentionKind | ''): AttentionRow[] {
  return kind ? rows.filter((r) => r.reasons.some((x) => x.kind === kind)) : [...rows];
}
