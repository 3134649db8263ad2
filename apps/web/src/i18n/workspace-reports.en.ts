import type { workspaceReportsId } from './workspace-reports.id.ts';

/** English for the workspace tab "reports"; typed against the Indonesian keys so a gap fails the type check. */
export const workspaceReportsEn: Record<keyof typeof workspaceReportsId, string> = {
  'workspace.reports.placeholder': '—',
};
