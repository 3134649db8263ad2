import type { WorkspaceModuleDeps } from '../workspace/deps.ts';

export type ReportsService = ReturnType<typeof createReportsService>;

// TODO(issue 4): the reports step of the mentoring cycle.
export function createReportsService(_deps: WorkspaceModuleDeps) {
  return {};
}
