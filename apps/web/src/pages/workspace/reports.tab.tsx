import { Notice } from '../../components/feedback.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TabProps } from './workspace-tabs.ts';

/** Laporan bulanan: draf, kirim, terima atau kembalikan, kunci. TODO(issue 4) */
export function ReportsTab(_props: TabProps) {
  const { t } = useI18n();
  return <Notice kind="info">{t('workspace.comingSoon')}</Notice>;
}
