import type { WorkspaceModuleDeps } from '../workspace/deps.ts';

export type AttentionService = ReturnType<typeof createAttentionService>;

// TODO(issue 4): the attention step of the mentoring cycle.
export function createAttentionService(_deps: WorkspaceModuleDeps) {
  return {};
}
