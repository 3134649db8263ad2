import {
  CarryOverResultSchema,
  type DecisionInput,
  EvaluationProblemSchema,
  EvaluationSchema,
  type ProblemOutcomeInput,
} from '@dampingan/contracts';
import { request } from './client.ts';

const base = (pairingId: number) => `/pairings/${pairingId}/evaluation`;

/** The evaluation tab: per-problem outcomes, the decision, the carry-over. */
export const evaluationApi = {
  get: (pairingId: number) => request(base(pairingId), { schema: EvaluationSchema }),
  setOutcome: (pairingId: number, problemId: number, body: ProblemOutcomeInput) =>
    request(`${base(pairingId)}/problems/${problemId}`, { method: 'PUT', body, schema: EvaluationProblemSchema }),
  decide: (pairingId: number, body: DecisionInput) =>
    request(`${base(pairingId)}/decision`, { method: 'PUT', body, schema: EvaluationSchema }),
  carryOver: (pairingId: number, toPairingId: number) =>
    request(`${base(pairingId)}/carry-over`, { method: 'POST', body: { toPairingId }, schema: CarryOverResultSchema }),
};
