import {
  type FollowUpInput,
  FollowUpSchema,
  type SpotCheckInput,
  SpotCheckItemSchema,
  SpotCheckListSchema,
  type SpotCheckOutcome,
  SpotCheckSchema,
  type VisitInput,
  VisitListSchema,
  VisitSchema,
} from '@dampingan/contracts';
import { request } from './client.ts';

/** Supervision of a pairing: visits, follow-ups, spot-checks. Paths are relative to /api. */
const base = (pairingId: number) => `/pairings/${pairingId}`;

export const supervisionApi = {
  visits: (pairingId: number) => request(`${base(pairingId)}/visits`, { schema: VisitListSchema }),
  createVisit: (pairingId: number, body: VisitInput) => request(`${base(pairingId)}/visits`, { method: 'POST', body, schema: VisitSchema }),
  addFollowUp: (pairingId: number, visitId: number, body: FollowUpInput) =>
    request(`${base(pairingId)}/visits/${visitId}/follow-ups`, { method: 'POST', body, schema: VisitSchema }),
  closeFollowUp: (pairingId: number, followUpId: number, body: { closedOn: string; closingNote: string }) =>
    request(`${base(pairingId)}/follow-ups/${followUpId}/close`, { method: 'POST', body, schema: FollowUpSchema }),
  spotChecks: (pairingId: number) => request(`${base(pairingId)}/spot-checks`, { schema: SpotCheckListSchema }),
  drawSpotCheck: (pairingId: number, body: SpotCheckInput) =>
    request(`${base(pairingId)}/spot-checks`, { method: 'POST', body, schema: SpotCheckSchema }),
  recordItem: (
    pairingId: number,
    itemId: number,
    body: { outcome: Exclude<SpotCheckOutcome, 'pending'>; note: string | null; checkedOn: string },
  ) => request(`${base(pairingId)}/spot-check-items/${itemId}`, { method: 'PATCH', body, schema: SpotCheckItemSchema }),
};
