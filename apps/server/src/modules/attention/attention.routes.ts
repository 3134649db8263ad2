import type { RouteDef } from '../../http/route.ts';
import type { AttentionService } from './attention.service.ts';

export function attentionRoutes(_svc: AttentionService): RouteDef[] {
  return [];
}
