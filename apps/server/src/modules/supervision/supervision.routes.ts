import {
  FollowUpCloseSchema,
  FollowUpInputSchema,
  FollowUpSchema,
  IdSchema,
  SpotCheckInputSchema,
  SpotCheckItemPatchSchema,
  SpotCheckItemSchema,
  SpotCheckListSchema,
  SpotCheckSchema,
  VisitInputSchema,
  VisitListSchema,
  VisitSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { SupervisionService } from './supervision.service.ts';

const P = z.object({ pairingId: IdSchema });
const base = '/api/pairings/:pairingId';

export function supervisionRoutes(svc: SupervisionService) {
  return [
    defineRoute({
      method: 'GET',
      url: `${base}/visits`,
      tag: 'supervision',
      summary: "A pairing's supervision visits with their follow-ups and whether each is open, done or overdue",
      access: 'user',
      params: P,
      response: VisitListSchema,
      handler: async ({ actor, params }) => ({ items: await svc.listVisits(actor, params.pairingId) }),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/visits`,
      tag: 'supervision',
      summary: 'Record a supervision visit with findings and follow-ups (Bappeda admins, supervisors)',
      access: 'user',
      params: P,
      body: VisitInputSchema,
      response: VisitSchema,
      status: 201,
      handler: ({ actor, params, body }) => svc.createVisit(actor, params.pairingId, body),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/visits/:visitId/follow-ups`,
      tag: 'supervision',
      summary: 'Add a follow-up to a visit (Bappeda admins, supervisors)',
      access: 'user',
      params: z.object({ pairingId: IdSchema, visitId: IdSchema }),
      body: FollowUpInputSchema,
      response: VisitSchema,
      status: 201,
      handler: ({ actor, params, body }) => svc.addFollowUp(actor, params.pairingId, params.visitId, body),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/follow-ups/:followUpId/close`,
      tag: 'supervision',
      summary: "Close a follow-up with a date and note (supervisors, Bappeda admins, the pairing's mentors and operator)",
      access: 'user',
      params: z.object({ pairingId: IdSchema, followUpId: IdSchema }),
      body: FollowUpCloseSchema,
      response: FollowUpSchema,
      handler: ({ actor, params, body }) => svc.closeFollowUp(actor, params.pairingId, params.followUpId, body),
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/spot-checks`,
      tag: 'supervision',
      summary: "A pairing's spot-checks with the sampled interventions, beneficiaries' head names and RT/RW, and outcomes",
      access: 'user',
      params: P,
      response: SpotCheckListSchema,
      handler: async ({ actor, params }) => ({ items: await svc.listSpotChecks(actor, params.pairingId) }),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/spot-checks`,
      tag: 'supervision',
      summary: 'Draw a reproducible random sample of recorded interventions (done or in progress) to verify (Bappeda admins, supervisors)',
      access: 'user',
      params: P,
      body: SpotCheckInputSchema,
      response: SpotCheckSchema,
      status: 201,
      handler: ({ actor, params, body }) => svc.drawSpotCheck(actor, params.pairingId, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: `${base}/spot-check-items/:itemId`,
      tag: 'supervision',
      summary: 'Record the field outcome of one sampled intervention (Bappeda admins, supervisors)',
      access: 'user',
      params: z.object({ pairingId: IdSchema, itemId: IdSchema }),
      body: SpotCheckItemPatchSchema,
      response: SpotCheckItemSchema,
      handler: ({ actor, params, body }) => svc.recordSpotItem(actor, params.pairingId, params.itemId, body),
    }),
  ];
}
