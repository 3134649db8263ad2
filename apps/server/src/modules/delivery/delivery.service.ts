import type { WorkspaceModuleDeps } from '../workspace/deps.ts';

export type DeliveryService = ReturnType<typeof createDeliveryService>;

// TODO(issue 4): the delivery step of the mentoring cycle.
export function createDeliveryService(_deps: WorkspaceModuleDeps) {
  return {};
}
