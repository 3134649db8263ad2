import type { WorkspaceModuleDeps } from '../workspace/deps.ts';

export type AssessmentService = ReturnType<typeof createAssessmentService>;

// TODO(issue 4): the assessment step of the mentoring cycle.
export function createAssessmentService(_deps: WorkspaceModuleDeps) {
  return {};
}
