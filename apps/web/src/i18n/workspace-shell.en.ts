import type { workspaceShellId } from './workspace-shell.id.ts';

/** English for the pairing workspace shell. */
export const workspaceShellEn: Record<keyof typeof workspaceShellId, string> = {
  'workspace.tabs': 'Sections of the pairing workspace',
  'workspace.tab.summary': 'Summary',
  'workspace.tab.assessment': 'Assessment',
  'workspace.tab.plan': 'Plan',
  'workspace.tab.delivery': 'Interventions',
  'workspace.tab.reports': 'Monthly reports',
  'workspace.tab.supervision': 'Supervision',
  'workspace.tab.evaluation': 'Evaluation',
  'workspace.comingSoon': 'This section is not available yet.',
  'workspace.indicators': 'Village indicators from the registry (now)',
  'workspace.indicatorsNote': 'Counted directly from the family registry: active families in {village}.',
  'workspace.readOnly': 'You can read this workspace but not change it.',
};
