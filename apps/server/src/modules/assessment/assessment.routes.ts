import {
  DismissSchema,
  IdSchema,
  LowWelfarePageSchema,
  LowWelfareQuerySchema,
  ProblemInputSchema,
  ProblemListQuerySchema,
  ProblemPatchSchema,
  ProblemSchema,
  ProposeResultSchema,
  VerificationInputSchema,
  VerificationSchema,
  VillageProfileDataSchema,
  VillageProfileSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../http/route.ts';
import type { AssessmentService } from './assessment.service.ts';

const Params = z.object({ pairingId: IdSchema });
const ProblemParams = z.object({ pairingId: IdSchema, problemId: IdSchema });
/** Authors are mentors and operators; the workspace gate then checks it is their live pairing. */
const AUTHORS = ['mentor', 'operator'] as const;
const tag = 'assessment';

export function assessmentRoutes(svc: AssessmentService): RouteDef[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/pairings/:pairingId/village-profile',
      tag,
      summary: "The village's potentials profile (Form 1) for this pairing; an empty one until first saved",
      access: 'user',
      params: Params,
      response: VillageProfileSchema,
      handler: ({ actor, params }) => svc.getProfile(actor, params.pairingId),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/pairings/:pairingId/village-profile',
      tag,
      summary: "Save the village's potentials profile (Form 1): economy, institutions, infrastructure, flood/rob, funding (authors)",
      access: AUTHORS,
      params: Params,
      body: VillageProfileDataSchema,
      response: VillageProfileSchema,
      handler: ({ actor, params, body }) => svc.putProfile(actor, params.pairingId, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/pairings/:pairingId/problems',
      tag,
      summary: 'Problems and potentials of the pairing: proposals first, then accepted, then dismissed',
      access: 'user',
      params: Params,
      query: ProblemListQuerySchema,
      response: z.object({ items: z.array(ProblemSchema) }),
      handler: async ({ actor, params, query }) => ({ items: await svc.listProblems(actor, params.pairingId, query.status) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/pairings/:pairingId/problems',
      tag,
      summary:
        "Record a problem or potential (authors); families must be the village's; an indicator key sets the baseline from the registry",
      access: AUTHORS,
      params: Params,
      body: ProblemInputSchema,
      response: ProblemSchema,
      status: 201,
      handler: ({ actor, params, body }) => svc.createProblem(actor, params.pairingId, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/pairings/:pairingId/problems/:problemId',
      tag,
      summary: 'Edit a problem or potential (authors); a dismissed one is closed (409)',
      access: AUTHORS,
      params: ProblemParams,
      body: ProblemPatchSchema,
      response: ProblemSchema,
      handler: ({ actor, params, body }) => svc.updateProblem(actor, params.pairingId, params.problemId, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/pairings/:pairingId/problems/propose',
      tag,
      summary: 'Propose problems from the registry: per indicator and RW with families (authors); never twice, dismissed stay dismissed',
      access: AUTHORS,
      params: Params,
      response: ProposeResultSchema,
      handler: ({ actor, params }) => svc.propose(actor, params.pairingId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/pairings/:pairingId/problems/:problemId/accept',
      tag,
      summary: 'Accept a registry proposal as a problem of the pairing (authors)',
      access: AUTHORS,
      params: ProblemParams,
      response: ProblemSchema,
      handler: ({ actor, params }) => svc.acceptProblem(actor, params.pairingId, params.problemId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/pairings/:pairingId/problems/:problemId/dismiss',
      tag,
      summary: 'Dismiss a proposal or problem with a reason (authors); it is never deleted',
      access: AUTHORS,
      params: ProblemParams,
      body: DismissSchema,
      response: ProblemSchema,
      handler: ({ actor, params, body }) => svc.dismissProblem(actor, params.pairingId, params.problemId, body.reason),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/pairings/:pairingId/low-welfare-families',
      tag,
      summary: "Form 2: the village's active desil 1–4 families with their field verification; names only for authors and admins",
      access: 'user',
      params: Params,
      query: LowWelfareQuerySchema,
      response: LowWelfarePageSchema,
      handler: ({ actor, params, query }) => svc.lowWelfare(actor, params.pairingId, query),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/pairings/:pairingId/verifications/:familyId',
      tag,
      summary: "Record a family's field-verified status: confirmed, needs help, improved, moved, not found (authors)",
      access: AUTHORS,
      params: z.object({ pairingId: IdSchema, familyId: IdSchema }),
      body: VerificationInputSchema,
      response: VerificationSchema,
      handler: ({ actor, params, body }) => svc.verify(actor, params.pairingId, params.familyId, body),
    }),
  ];
}
