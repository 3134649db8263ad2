import type { RouteDef } from '../../http/route.ts';
import type { DeliveryService } from './delivery.service.ts';

export function deliveryRoutes(_svc: DeliveryService): RouteDef[] {
  return [];
}
