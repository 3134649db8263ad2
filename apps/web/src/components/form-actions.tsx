import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The cancel + submit buttons at the foot of a dialog form. The cancel button defaults to
 * "Batal" (`common.cancel`), the submit button to "Simpan" (`common.save`), primary styled.
 */
export function FormActions({
  onCancel,
  cancelLabel,
  submitLabel,
  busy,
  danger,
  wide,
}: {
  onCancel: () => void;
  cancelLabel?: string;
  submitLabel?: ReactNode;
  /** disables the submit button (a request in flight, or the form not ready) */
  busy?: boolean;
  danger?: boolean;
  /** spans both columns of a form grid */
  wide?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className={wide ? 'form-actions span-2' : 'form-actions'}>
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel ?? t('common.cancel')}
      </button>
      <button type="submit" className={`button ${danger ? 'button-danger' : 'button-primary'}`} disabled={busy}>
        {submitLabel ?? t('common.save')}
      </button>
    </div>
  );
}
