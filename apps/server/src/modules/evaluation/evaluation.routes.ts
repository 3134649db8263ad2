import type { RouteDef } from '../../http/route.ts';
import type { EvaluationService } from './evaluation.service.ts';

export function evaluationRoutes(_svc: EvaluationService): RouteDef[] {
  return [];
}
