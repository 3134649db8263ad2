import type { attentionId } from './attention.id.ts';

/** English for the attention list; typed against the Indonesian keys so a gap fails the type check. */
export const attentionEn: Record<keyof typeof attentionId, string> = {
  'nav.attention': 'Needs attention',
  'attention.title': 'Needs attention',
  'attention.subtitle': '{n} of {checked} live pairings need attention',
  'attention.intro':
    'Live pairings with no activity for 30 days (interventions, reports, problems or plan), late or missing monthly reports, overdue plan items, or overdue supervision follow-ups. Most reasons first.',
  'attention.filterReason': 'Reason',
  'attention.allReasons': 'All reasons',
  'attention.allYears': 'All years',
  'attention.reasons': 'Reasons',
  'attention.lastActivity': 'Last activity',
  'attention.none': 'No pairing needs attention.',
  'attention.openAll': 'See all',
  'attention.since': 'since {date}',
  'attention.kind.no_activity': 'No activity',
  'attention.kind.late_reports': 'Late reports',
  'attention.kind.missing_months': 'Missing reports',
  'attention.kind.overdue_plan_items': 'Overdue plan items',
  'attention.kind.overdue_follow_ups': 'Overdue follow-ups',
  'attention.reason.no_activity': 'No activity for {n} days',
  'attention.reason.late_reports': '{n} late reports',
  'attention.reason.missing_months': '{n} months without a report',
  'attention.reason.overdue_plan_items': '{n} overdue plan items',
  'attention.reason.overdue_follow_ups': '{n} overdue follow-ups',
};
