/**
 * Pure rules of the reports tab: the badge of a month, and which actions a user sees on a report.
 * The server decides; these only hide what it would refuse.
 */
import type { ReportMonthStatus, ReportStatus } from '@dampingan/contracts';

export type Tone = 'ok' | 'warn' | 'muted' | 'info' | 'danger';

export function monthTone(status: ReportMonthStatus, late: boolean): Tone {
  if (status === 'accepted') return 'ok';
  if (status === 'submitted') return 'info';
  if (late) return 'danger';
  if (status === 'returned') return 'warn';
  return 'muted';
}

export interface ReportActions {
  edit: boolean;
  refresh: boolean;
  submit: boolean;
  returnIt: boolean;
  accept: boolean;
  unlock: boolean;
}

/** Authors edit, re-draft and submit a draft or returned report; admins (review) return or accept a submitted one and unlock an accepted one. */
export function reportActions(status: ReportStatus, access: { author: boolean; review: boolean }): ReportActions {
  const editable = access.author && (status === 'draft' || status === 'returned');
  return {
    edit: editable,
    refresh: editable,
    submit: editable,
    returnIt: access.review && status === 'submitted',
    accept: access.review && status === 'submitted',
    unlock: access.review && status === 'accepted',
  };
}

/** `2026-10-01` → `Oktober 2026` in the given locale. */
export function monthLabel(month: string, locale: string): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}
