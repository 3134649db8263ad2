import { ReportListSchema, type ReportPatch, ReportSchema } from '@dampingan/contracts';
import { request } from './client.ts';

/** Monthly reports of a pairing. Paths are relative to /api (client.ts adds the prefix). */
const base = (pairingId: number) => `/pairings/${pairingId}/reports`;

export const reportsApi = {
  list: (pairingId: number) => request(base(pairingId), { schema: ReportListSchema }),
  get: (pairingId: number, id: number) => request(`${base(pairingId)}/${id}`, { schema: ReportSchema }),
  create: (pairingId: number, month: string) => request(base(pairingId), { method: 'POST', body: { month }, schema: ReportSchema }),
  update: (pairingId: number, id: number, body: ReportPatch) =>
    request(`${base(pairingId)}/${id}`, { method: 'PATCH', body, schema: ReportSchema }),
  refresh: (pairingId: number, id: number) => request(`${base(pairingId)}/${id}/refresh`, { method: 'POST', schema: ReportSchema }),
  submit: (pairingId: number, id: number) => request(`${base(pairingId)}/${id}/submit`, { method: 'POST', schema: ReportSchema }),
  returnReport: (pairingId: number, id: number, comment: string) =>
    request(`${base(pairingId)}/${id}/return`, { method: 'POST', body: { comment }, schema: ReportSchema }),
  accept: (pairingId: number, id: number) => request(`${base(pairingId)}/${id}/accept`, { method: 'POST', schema: ReportSchema }),
  unlock: (pairingId: number, id: number, reason: string) =>
    request(`${base(pairingId)}/${id}/unlock`, { method: 'POST', body: { reason }, schema: ReportSchema }),
};
