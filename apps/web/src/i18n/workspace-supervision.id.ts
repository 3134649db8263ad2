/** Bahasa Indonesia for the workspace tab "supervision"; spread into `id` in messages.id.ts. English twin: workspace-supervision.en.ts. */
export const workspaceSupervisionId = {
  'workspace.supervision.placeholder': '—',
} as const;
