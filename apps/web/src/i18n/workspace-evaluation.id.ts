/** Bahasa Indonesia for the workspace tab "evaluation"; spread into `id` in messages.id.ts. English twin: workspace-evaluation.en.ts. */
export const workspaceEvaluationId = {
  'workspace.evaluation.placeholder': '—',
} as const;
