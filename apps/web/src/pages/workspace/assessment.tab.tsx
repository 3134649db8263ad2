import { Notice } from '../../components/feedback.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TabProps } from './workspace-tabs.ts';

/** Asesmen: profil potensi (Form 1), masalah & potensi, usulan dari registri, verifikasi keluarga (Form 2). TODO(issue 4) */
export function AssessmentTab(_props: TabProps) {
  const { t } = useI18n();
  return <Notice kind="info">{t('workspace.comingSoon')}</Notice>;
}
