import {
  type Evidence,
  EvidenceUploadedSchema,
  FamilyInterventionsSchema,
  FamilyListSchema,
  InterventionCreatedSchema,
  type InterventionInput,
  type InterventionPatch,
  InterventionSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { ApiError, buildUrl, NETWORK_ERROR, parseResponse, type Query, reportUnauthenticated, request, toApiError } from './client.ts';

/** Paths are relative to /api (client.ts adds the prefix). */
const base = (pairingId: number) => `/pairings/${pairingId}/interventions`;

export const deliveryApi = {
  list: (pairingId: number, month?: string) =>
    request(base(pairingId), { query: { month }, schema: z.object({ items: z.array(InterventionSchema) }) }),
  create: (pairingId: number, body: InterventionInput) =>
    request(base(pairingId), { method: 'POST', body, schema: InterventionCreatedSchema }),
  update: (pairingId: number, id: number, body: InterventionPatch) =>
    request(`${base(pairingId)}/${id}`, { method: 'PATCH', body, schema: InterventionSchema }),
  /** Families of the village to pick beneficiaries from (the registry search, names for those who may see them). */
  villageFamilies: (villageCode: string, q: string) =>
    request('/families', { query: { villageCode, q: q || undefined, limit: 50 }, schema: FamilyListSchema }),
  forFamily: (familyId: number) => request(`/families/${familyId}/interventions`, { schema: FamilyInterventionsSchema }),
};

/** URL of an evidence file (the browser sends the session cookie). */
export const evidenceUrl = (e: Pick<Evidence, 'id'>) => `/api/evidence/${e.id}`;

/** Sends a photo or PDF as the raw body; GPS and the time it was taken travel in the query. */
export async function uploadEvidence(
  pairingId: number,
  interventionId: number,
  file: File,
  extra: { lat?: number; lng?: number; takenAt?: string },
) {
  const path = `${base(pairingId)}/${interventionId}/evidence`;
  const query: Query = { fileName: file.name || 'bukti', ...extra };
  let res: Response;
  try {
    res = await fetch(`/api${buildUrl(path, query)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', ...NETWORK_ERROR });
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    if (res.status === 401) reportUnauthenticated(path);
    throw toApiError(res.status, json);
  }
  return parseResponse(res.status, json, EvidenceUploadedSchema);
}

/** The browser's position, when it gives it within a few seconds; never fails. */
export function currentPosition(timeoutMs = 5000): Promise<{ lat: number; lng: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
