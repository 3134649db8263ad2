import type { Pairing, WorkspaceSummary } from '@dampingan/contracts';
import type { MessageKey } from '../../i18n/messages.id.ts';

/** What every workspace tab gets: the pairing, what I may do in it, and a way to refresh the shell. */
export interface TabProps {
  pairing: Pairing;
  ws: WorkspaceSummary;
  /** reload the summary (access, indicators) after a change that moves them */
  refresh: () => void;
}

/** URL segment (Indonesian, as the app's other paths) → tab. `ringkasan` is the pairing summary. */
export const TABS = [
  { slug: 'ringkasan', key: 'summary', label: 'workspace.tab.summary' },
  { slug: 'asesmen', key: 'assessment', label: 'workspace.tab.assessment' },
  { slug: 'rencana', key: 'plan', label: 'workspace.tab.plan' },
  { slug: 'intervensi', key: 'delivery', label: 'workspace.tab.delivery' },
  { slug: 'laporan', key: 'reports', label: 'workspace.tab.reports' },
  { slug: 'pengawasan', key: 'supervision', label: 'workspace.tab.supervision' },
  { slug: 'evaluasi', key: 'evaluation', label: 'workspace.tab.evaluation' },
] as const satisfies readonly { slug: string; key: string; label: MessageKey }[];

export type TabKey = (typeof TABS)[number]['key'];

export function tabOf(slug: string | undefined): TabKey {
  return TABS.find((t) => t.slug === slug)?.key ?? 'summary';
}
