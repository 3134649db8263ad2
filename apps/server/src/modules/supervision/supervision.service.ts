import type { WorkspaceModuleDeps } from '../workspace/deps.ts';

export type SupervisionService = ReturnType<typeof createSupervisionService>;

// TODO(issue 4): the supervision step of the mentoring cycle.
export function createSupervisionService(_deps: WorkspaceModuleDeps) {
  return {};
}
