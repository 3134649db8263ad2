import {
  EligibleCountSchema,
  type FamilyCriteria,
  type PlanItemInput,
  type PlanItemPatch,
  PlanItemSchema,
  PlanSchema,
  PlanVersionSchema,
  type TargetFamiliesInput,
} from '@dampingan/contracts';
import { z } from 'zod';
import { request } from './client.ts';

/** Paths are relative to /api (client.ts adds the prefix). */
const base = (pairingId: number) => `/pairings/${pairingId}/plan`;

/** The accepted problems a plan item can address (read from the assessment step; only the fields the plan needs). */
const AcceptedProblemsSchema = z.object({
  items: z.array(z.object({ id: z.number().int(), title: z.string(), category: z.string(), status: z.string() })),
});

export const TargetFamilyListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      headName: z.string().nullable(),
      rw: z.string().nullable(),
      rt: z.string().nullable(),
      desil: z.number().nullable(),
    }),
  ),
});
export type TargetFamily = z.infer<typeof TargetFamilyListSchema>['items'][number];

export const planApi = {
  get: (pairingId: number) => request(base(pairingId), { schema: PlanSchema }),
  version: (pairingId: number, version: number) => request(`${base(pairingId)}/versions/${version}`, { schema: PlanVersionSchema }),
  problems: (pairingId: number) =>
    request(`/pairings/${pairingId}/problems`, { query: { status: 'accepted' }, schema: AcceptedProblemsSchema }).then((r) => ({
      items: r.items.filter((p) => p.status === 'accepted'),
    })),
  eligible: (pairingId: number, criteria: FamilyCriteria) =>
    request(`${base(pairingId)}/eligible`, { method: 'POST', body: { criteria }, schema: EligibleCountSchema }),
  createItem: (pairingId: number, body: PlanItemInput) =>
    request(`${base(pairingId)}/items`, { method: 'POST', body, schema: PlanItemSchema }),
  updateItem: (pairingId: number, itemId: number, body: PlanItemPatch) =>
    request(`${base(pairingId)}/items/${itemId}`, { method: 'PATCH', body, schema: PlanItemSchema }),
  cancelItem: (pairingId: number, itemId: number, body: { reason: string; changeReason?: string }) =>
    request(`${base(pairingId)}/items/${itemId}/cancel`, { method: 'POST', body, schema: PlanItemSchema }),
  setTargets: (pairingId: number, itemId: number, body: TargetFamiliesInput) =>
    request(`${base(pairingId)}/items/${itemId}/families`, { method: 'PUT', body, schema: PlanItemSchema }),
  targets: (pairingId: number, itemId: number) =>
    request(`${base(pairingId)}/items/${itemId}/families`, { schema: TargetFamilyListSchema }),
  submit: (pairingId: number) => request(`${base(pairingId)}/submit`, { method: 'POST', body: {}, schema: PlanSchema }),
  approve: (pairingId: number, comment?: string) =>
    request(`${base(pairingId)}/approve`, { method: 'POST', body: comment ? { comment } : {}, schema: PlanSchema }),
  returnPlan: (pairingId: number, comment: string) =>
    request(`${base(pairingId)}/return`, { method: 'POST', body: { comment }, schema: PlanSchema }),
};
