import type { workspacePlanId } from './workspace-plan.id.ts';

/** English for the workspace tab "plan"; typed against the Indonesian keys so a gap fails the type check. */
export const workspacePlanEn: Record<keyof typeof workspacePlanId, string> = {
  'workspace.plan.placeholder': '—',
};
