/** Helpers for forms that edit a list of rows in place (economy, funding, partners, follow-ups…). */

/** A copy of `rows` with row `i` merged with `patch`; the other rows are kept as they are. */
export function patchRow<T extends object>(rows: readonly T[], i: number, patch: Partial<T>): T[] {
  return rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
}

/** A copy of `rows` without row `i`. */
export function removeRow<T>(rows: readonly T[], i: number): T[] {
  return rows.filter((_, j) => j !== i);
}
