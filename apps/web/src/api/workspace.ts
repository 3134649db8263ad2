import { WorkspaceSummarySchema } from '@dampingan/contracts';
import { request } from './client.ts';

/** The pairing workspace shell. Each tab has its own api/workspace-<tab>.ts. */
export const workspaceApi = {
  summary: (pairingId: number) => request(`/pairings/${pairingId}/workspace`, { schema: WorkspaceSummarySchema }),
};
