import type { RouteDef } from '../../http/route.ts';
import type { PlansService } from './plans.service.ts';

export function plansRoutes(_svc: PlansService): RouteDef[] {
  return [];
}
