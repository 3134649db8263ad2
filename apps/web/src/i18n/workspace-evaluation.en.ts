import type { workspaceEvaluationId } from './workspace-evaluation.id.ts';

/** English for the workspace tab "evaluation"; typed against the Indonesian keys so a gap fails the type check. */
export const workspaceEvaluationEn: Record<keyof typeof workspaceEvaluationId, string> = {
  'workspace.evaluation.placeholder': '—',
};
