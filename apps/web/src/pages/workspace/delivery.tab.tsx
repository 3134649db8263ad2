import { Notice } from '../../components/feedback.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TabProps } from './workspace-tabs.ts';

/** Intervensi: bantuan kepada keluarga bernama, biaya per sumber dana, bukti foto/dokumen. TODO(issue 4) */
export function DeliveryTab(_props: TabProps) {
  const { t } = useI18n();
  return <Notice kind="info">{t('workspace.comingSoon')}</Notice>;
}
