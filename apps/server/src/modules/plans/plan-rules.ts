/** Pure rules of the plan step, unit-tested without a database. */
import type { PlanStatus } from '@dampingan/contracts';

export interface Issue {
  path: string;
  message: string;
}

/**
 * Do the start and end years fit the term? short: within the program year; medium: 1–5 years
 * starting from the program year on; long: a span beyond 5 years. Returns the problems found.
 */
export function termIssues(term: 'short' | 'medium' | 'long', startYear: number, endYear: number, programYear: number): Issue[] {
  const issues: Issue[] = [];
  if (endYear < startYear) issues.push({ path: 'body.endYear', message: 'Tahun selesai sebelum tahun mulai' });
  if (startYear < programYear)
    issues.push({ path: 'body.startYear', message: `Tahun mulai tidak boleh sebelum tahun program ${programYear}` });
  if (issues.length) return issues;
  const span = endYear - startYear + 1;
  if (term === 'short' && (startYear !== programYear || endYear !== programYear))
    issues.push({ path: 'body.term', message: `Jangka pendek: mulai dan selesai di tahun program ${programYear}` });
  if (term === 'medium' && span > 5)
    issues.push({ path: 'body.term', message: 'Jangka menengah: paling lama 5 tahun; gunakan jangka panjang' });
  if (term === 'long' && span <= 5)
    issues.push({ path: 'body.term', message: 'Jangka panjang: lebih dari 5 tahun; gunakan jangka menengah' });
  return issues;
}

export type PlanEditState = 'open' | 'locked_submitted' | 'reopen';

/** May the plan's items be changed now, and does a change open a new version? */
export function editState(status: PlanStatus): PlanEditState {
  if (status === 'submitted') return 'locked_submitted';
  if (status === 'approved') return 'reopen';
  return 'open';
}
