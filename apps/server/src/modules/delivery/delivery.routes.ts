import type { Readable } from 'node:stream';
import {
  EvidenceUploadedSchema,
  EvidenceUploadQuerySchema,
  FamilyInterventionsSchema,
  IdSchema,
  InterventionCreatedSchema,
  InterventionInputSchema,
  InterventionListQuerySchema,
  InterventionPatchSchema,
  InterventionSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { defineRoute, type RouteDef } from '../../http/route.ts';
import type { DeliveryService } from './delivery.service.ts';

const PairingParams = z.object({ pairingId: IdSchema });
const InterventionParams = z.object({ pairingId: IdSchema, interventionId: IdSchema });
const TAG = 'delivery';

export function deliveryRoutes(svc: DeliveryService): RouteDef[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/pairings/:pairingId/interventions',
      tag: TAG,
      summary: "The pairing's interventions (month filter YYYY-MM), with beneficiaries, costs, evidence and duplicate flags",
      access: 'user',
      params: PairingParams,
      query: InterventionListQuerySchema,
      response: z.object({ items: z.array(InterventionSchema) }),
      handler: ({ actor, params, query }) => svc.list(actor, params.pairingId, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/pairings/:pairingId/interventions/:interventionId',
      tag: TAG,
      summary: 'One intervention',
      access: 'user',
      params: InterventionParams,
      response: InterventionSchema,
      handler: ({ actor, params }) => svc.get(actor, params.pairingId, params.interventionId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/pairings/:pairingId/interventions',
      tag: TAG,
      summary:
        'Record an intervention (authors): named families/persons of the village or village-wide works; returns duplicate warnings (same help, family and year)',
      access: 'user',
      params: PairingParams,
      body: InterventionInputSchema,
      response: InterventionCreatedSchema,
      status: 201,
      handler: ({ actor, params, body }) => svc.create(actor, params.pairingId, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/pairings/:pairingId/interventions/:interventionId',
      tag: TAG,
      summary: "Update an intervention's progress, output or costs (authors); cancelling needs a reason",
      access: 'user',
      params: InterventionParams,
      body: InterventionPatchSchema,
      response: InterventionSchema,
      handler: ({ actor, params, body }) => svc.update(actor, params.pairingId, params.interventionId, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/pairings/:pairingId/interventions/:interventionId/evidence',
      tag: TAG,
      summary:
        'Upload a photo (JPEG/PNG/WebP) or PDF as the raw body (application/octet-stream, max 15 MB); type checked by content; stored once per content',
      access: 'user',
      params: InterventionParams,
      query: EvidenceUploadQuerySchema,
      response: EvidenceUploadedSchema,
      status: 201,
      handler: ({ actor, params, query, req }) => {
        if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream') || !req.body) {
          throw new AppError(
            'validation_failed',
            { id: 'Kirim berkas sebagai application/octet-stream', en: 'Send the file as application/octet-stream' },
            { issues: [{ path: 'body', message: 'Kirim berkas sebagai application/octet-stream' }] },
          );
        }
        return svc.uploadEvidence(
          actor,
          params.pairingId,
          params.interventionId,
          req.body as Readable,
          query,
          req.headers['content-length'],
        );
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/evidence/:evidenceId',
      tag: TAG,
      summary: 'Download an evidence file with its mime type (whoever can read the workspace; 404 otherwise)',
      access: 'user',
      params: z.object({ evidenceId: IdSchema }),
      response: z.any(),
      handler: async ({ actor, params, reply }) => {
        const f = await svc.openEvidence(actor, params.evidenceId);
        reply
          .header('content-type', f.mimeType)
          .header('content-length', String(f.size))
          .header('content-disposition', `inline; filename="${encodeURIComponent(f.fileName)}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=3600');
        // An uploaded file never runs as a page of this origin (Chrome's PDF viewer needs no script of ours).
        if (f.mimeType.startsWith('image/')) reply.header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox");
        return f.stream;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/families/:familyId/interventions',
      tag: TAG,
      summary: 'Convergence: every intervention from every OPD/pairing that reached this family (access like the family page)',
      access: ['admin', 'mentor', 'operator'],
      params: z.object({ familyId: IdSchema }),
      response: FamilyInterventionsSchema,
      handler: ({ actor, params }) => svc.forFamily(actor, params.familyId),
    }),
  ];
}
