import type { WorkspaceModuleDeps } from '../workspace/deps.ts';

export type EvaluationService = ReturnType<typeof createEvaluationService>;

// TODO(issue 4): the evaluation step of the mentoring cycle.
export function createEvaluationService(_deps: WorkspaceModuleDeps) {
  return {};
}
