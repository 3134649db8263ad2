import type { RouteDef } from '../../http/route.ts';
import type { ReportsService } from './reports.service.ts';

export function reportsRoutes(_svc: ReportsService): RouteDef[] {
  return [];
}
