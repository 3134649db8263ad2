import type { WorkspaceModuleDeps } from '../workspace/deps.ts';

export type PlansService = ReturnType<typeof createPlansService>;

// TODO(issue 4): the plans step of the mentoring cycle.
export function createPlansService(_deps: WorkspaceModuleDeps) {
  return {};
}
