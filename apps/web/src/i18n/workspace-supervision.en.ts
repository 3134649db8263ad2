import type { workspaceSupervisionId } from './workspace-supervision.id.ts';

/** English for the workspace tab "supervision"; typed against the Indonesian keys so a gap fails the type check. */
export const workspaceSupervisionEn: Record<keyof typeof workspaceSupervisionId, string> = {
  'workspace.supervision.placeholder': '—',
};
