import {
  CarryOverInputSchema,
  CarryOverResultSchema,
  DecisionInputSchema,
  EvaluationProblemSchema,
  EvaluationSchema,
  IdSchema,
  ProblemOutcomeInputSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../http/route.ts';
import type { EvaluationService } from './evaluation.service.ts';

const Params = z.object({ pairingId: IdSchema });
const tag = 'evaluation';

export function evaluationRoutes(svc: EvaluationService): RouteDef[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/pairings/:pairingId/evaluation',
      tag,
      summary: 'December evaluation: per accepted problem the outcome, the indicator baseline vs. now, targets and delivery; the decision',
      access: 'user',
      params: Params,
      response: EvaluationSchema,
      handler: ({ actor, params }) => svc.get(actor, params.pairingId),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/pairings/:pairingId/evaluation/problems/:problemId',
      tag,
      summary: "Record a problem's outcome (addressed, partly, not) with a reason; keeps the indicator's value now (authors)",
      access: ['mentor', 'operator'],
      params: z.object({ pairingId: IdSchema, problemId: IdSchema }),
      body: ProblemOutcomeInputSchema,
      response: EvaluationProblemSchema,
      handler: ({ actor, params, body }) => svc.setOutcome(actor, params.pairingId, params.problemId, body),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/pairings/:pairingId/evaluation/decision',
      tag,
      summary: 'Decide whether the pairing continues next year or the village graduates, with a reason (Bappeda admins)',
      access: ['admin'],
      params: Params,
      body: DecisionInputSchema,
      response: EvaluationSchema,
      handler: ({ actor, params, body }) => svc.decide(actor, params.pairingId, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/pairings/:pairingId/evaluation/carry-over',
      tag,
      summary: "Carry the problems not addressed into the same village's pairing of a later year (Bappeda admins); never twice",
      access: ['admin'],
      params: Params,
      body: CarryOverInputSchema,
      response: CarryOverResultSchema,
      handler: ({ actor, params, body }) => svc.carryOver(actor, params.pairingId, body.toPairingId),
    }),
  ];
}
