import type { workspaceAssessmentId } from './workspace-assessment.id.ts';

/** English for the workspace tab "assessment"; typed against the Indonesian keys so a gap fails the type check. */
export const workspaceAssessmentEn: Record<keyof typeof workspaceAssessmentId, string> = {
  'workspace.assessment.placeholder': '—',
};
