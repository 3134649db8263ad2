import type { RouteDef } from '../../http/route.ts';
import type { AssessmentService } from './assessment.service.ts';

export function assessmentRoutes(_svc: AssessmentService): RouteDef[] {
  return [];
}
