import { Notice } from '../../components/feedback.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TabProps } from './workspace-tabs.ts';

/** Evaluasi Desember: hasil per masalah, perubahan indikator, lanjut atau lulus. TODO(issue 4) */
export function EvaluationTab(_props: TabProps) {
  const { t } = useI18n();
  return <Notice kind="info">{t('workspace.comingSoon')}</Notice>;
}
