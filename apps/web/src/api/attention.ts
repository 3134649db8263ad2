import { AttentionListSchema } from '@dampingan/contracts';
import { request } from './client.ts';

/** The attention list: live pairings in my reach that need attention, and why. */
export const attentionApi = {
  list: (programYearId?: number) => request('/attention', { query: { programYearId }, schema: AttentionListSchema }),
};
