/** Bahasa Indonesia for the workspace tab "reports"; spread into `id` in messages.id.ts. English twin: workspace-reports.en.ts. */
export const workspaceReportsId = {
  'workspace.reports.placeholder': '—',
} as const;
