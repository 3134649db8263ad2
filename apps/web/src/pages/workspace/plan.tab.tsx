import { Notice } from '../../components/feedback.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TabProps } from './workspace-tabs.ts';

/** Rencana: butir rencana per masalah, keluarga sasaran, target indikator, persetujuan & versi. TODO(issue 4) */
export function PlanTab(_props: TabProps) {
  const { t } = useI18n();
  return <Notice kind="info">{t('workspace.comingSoon')}</Notice>;
}
