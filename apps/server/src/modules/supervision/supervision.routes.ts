import type { RouteDef } from '../../http/route.ts';
import type { SupervisionService } from './supervision.service.ts';

export function supervisionRoutes(_svc: SupervisionService): RouteDef[] {
  return [];
}
