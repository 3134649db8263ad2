import { DeactivateSchema } from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { type FieldErrors, validate } from '../lib/validate.ts';
import { Dialog } from './dialog.tsx';
import { ErrorAlert } from './feedback.tsx';
import { TextAreaField, TextField } from './fields.tsx';

/** A confirm dialog that asks for the reason the audit log will keep (deactivate, reactivate…). */
export function ReasonDialog({
  title,
  intro,
  submitLabel,
  withDate,
  danger,
  onSubmit,
  onClose,
}: {
  title: string;
  intro?: string;
  submitLabel: string;
  withDate?: boolean;
  danger?: boolean;
  onSubmit: (body: { reason: string; date?: string }) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = validate(DeactivateSchema, { reason, date: date || undefined });
    setErrors(v.ok ? {} : v.errors);
    setError(null);
    if (!v.ok) return;
    setBusy(true);
    try {
      await onSubmit(v.data);
      onClose();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setErrors(err.fieldErrors());
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {intro ? <p>{intro}</p> : null}
        <TextAreaField
          label={t('common.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason}
          hint={t('common.reasonHint')}
          required
          rows={3}
        />
        {withDate ? (
          <TextField
            label={t('common.effectiveDate')}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors.date}
          />
        ) : null}
        <ErrorAlert error={error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={`button ${danger ? 'button-danger' : 'button-primary'}`} disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
