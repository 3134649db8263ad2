import type { workspaceDeliveryId } from './workspace-delivery.id.ts';

/** English for the workspace tab "delivery"; typed against the Indonesian keys so a gap fails the type check. */
export const workspaceDeliveryEn: Record<keyof typeof workspaceDeliveryId, string> = {
  'workspace.delivery.placeholder': '—',
};
