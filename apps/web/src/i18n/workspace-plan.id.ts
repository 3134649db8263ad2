/** Bahasa Indonesia for the workspace tab "plan"; spread into `id` in messages.id.ts. English twin: workspace-plan.en.ts. */
export const workspacePlanId = {
  'workspace.plan.placeholder': '—',
} as const;
