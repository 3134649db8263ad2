/** Bahasa Indonesia for the workspace tab "assessment"; spread into `id` in messages.id.ts. English twin: workspace-assessment.en.ts. */
export const workspaceAssessmentId = {
  'workspace.assessment.placeholder': '—',
} as const;
