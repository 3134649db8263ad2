/** Bahasa Indonesia for the workspace tab "delivery"; spread into `id` in messages.id.ts. English twin: workspace-delivery.en.ts. */
export const workspaceDeliveryId = {
  'workspace.delivery.placeholder': '—',
} as const;
