import { RevealInputSchema, type ValueSource } from '@dampingan/contracts';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../lib/format.ts';
import { type CodeGroup, codeKey, type FormatContext, formatFieldValue } from '../lib/registry-codes.ts';
import type { NumberedSources } from '../lib/sources.ts';
import { type FieldErrors, validate } from '../lib/validate.ts';
import { Dialog } from './dialog.tsx';
import { Badge, ErrorAlert } from './feedback.tsx';
import { TextAreaField } from './fields.tsx';

/** Code labels and field formatting in the current language. */
export function useCodes() {
  const { t, has, locale } = useI18n();
  return useMemo(() => {
    const label = (group: CodeGroup, value: string) => {
      const key = codeKey(group, value);
      return has(key) ? t(key) : value;
    };
    const ctx: FormatContext = {
      label,
      locale,
      yes: t('registry.yes'),
      no: t('registry.no'),
      date: (d) => formatDate(d, locale),
    };
    const fieldLabel = (field: string) => {
      const key = `regField.${field}`;
      return has(key) ? t(key) : field;
    };
    return { label, fieldLabel, format: (field: string, value: unknown) => formatFieldValue(field, value, ctx) };
  }, [t, has, locale]);
}

/** Every synthetic family says so, in words, wherever it appears. */
export function SyntheticBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-synthetic" title={t('registry.syntheticTitle')}>
      {t('registry.synthetic')}
    </span>
  );
}

export function SyntheticBanner({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-synthetic" role="note">
      <strong>{t('registry.synthetic')}</strong> {children ?? t('registry.syntheticBanner')}
    </div>
  );
}

export function DesilBadge({ desil }: { desil: number | null }) {
  const { t } = useI18n();
  if (desil === null) return <span className="muted">—</span>;
  return (
    <span className={`desil desil-${desil <= 4 ? 'low' : 'high'}`} title={t('registry.desilTitle', { desil })}>
      {desil}
    </span>
  );
}

const FAMILY_STATUS_TONE = { active: 'ok', moved: 'muted', dissolved: 'muted', not_found: 'danger' } as const;
const PERSON_STATUS_TONE = { present: 'ok', moved: 'muted', died: 'muted', not_found: 'danger' } as const;

export function FamilyStatusBadge({ status }: { status: keyof typeof FAMILY_STATUS_TONE }) {
  const { label } = useCodes();
  return <Badge tone={FAMILY_STATUS_TONE[status]}>{label('familyStatus', status)}</Badge>;
}

export function PersonStatusBadge({ status }: { status: keyof typeof PERSON_STATUS_TONE }) {
  const { label } = useCodes();
  return <Badge tone={PERSON_STATUS_TONE[status]}>{label('personStatus', status)}</Badge>;
}

export function ReviewBadge({ reason }: { reason: string }) {
  const { t } = useI18n();
  const { label } = useCodes();
  return (
    <span className="badge badge-warn" title={label('reviewReason', reason)}>
      {t('registry.needsReview')}
    </span>
  );
}

/** Source kind, dataset label, period and file of one import, in one line. */
export function sourceText(s: ValueSource, label: (g: CodeGroup, v: string) => string, locale: string): string {
  return [label('sourceKind', s.sourceKind), s.datasetLabel, formatDate(s.period, locale), s.fileName].filter(Boolean).join(' · ');
}

/** A footnote marker pointing at the page's list of sources. */
export function SourceRef({ n, source }: { n: number | undefined; source: ValueSource | undefined }) {
  const { t, locale } = useI18n();
  const { label } = useCodes();
  if (n === undefined || !source) return null;
  return (
    <a className="source-ref" href={`#sumber-${n}`} title={sourceText(source, label, locale)} aria-label={t('registry.sourceRef', { n })}>
      {n}
    </a>
  );
}

/** The numbered list of imports the page's values come from. */
export function SourceList({ numbered, admin }: { numbered: NumberedSources; admin: boolean }) {
  const { t, locale } = useI18n();
  const { label } = useCodes();
  if (numbered.list.length === 0) return <p className="muted">{t('family.noSources')}</p>;
  return (
    <ol className="source-list">
      {numbered.list.map((s) => (
        <li key={s.importId} id={`sumber-${s.n}`}>
          <span className="source-num" aria-hidden="true">
            {s.n}
          </span>
          <span>
            <strong>{label('sourceKind', s.sourceKind)}</strong>
            {s.sourceKind === 'synthetic' ? (
              <>
                {' '}
                <SyntheticBadge />
              </>
            ) : null}
            {s.datasetLabel ? <> · {s.datasetLabel}</> : null}
            <span className="source-meta">
              {t('family.sourcePeriod')}: {formatDate(s.period, locale)} · {t('family.sourceFile')}:{' '}
              <span className="mono">{s.fileName}</span> ·{' '}
              {admin ? (
                <Link to={`/impor/${s.importId}`}>{t('family.sourceImport', { id: s.importId })}</Link>
              ) : (
                t('family.sourceImport', { id: s.importId })
              )}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * Asks why a sensitive value is needed (UU 27/2022), then shows it. The reason goes to the
 * audit log with the user's name; it must be at least 10 characters.
 */
export function RevealDialog({
  title,
  intro,
  onReveal,
  onClose,
}: {
  title: string;
  intro: string;
  onReveal: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = validate(RevealInputSchema, { reason });
    setErrors(v.ok ? {} : v.errors);
    setError(null);
    if (!v.ok) return;
    setBusy(true);
    try {
      await onReveal(v.data.reason);
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
        <p>{intro}</p>
        <TextAreaField
          label={t('reveal.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason}
          hint={t('reveal.reasonHint')}
          required
          rows={3}
        />
        <ErrorAlert error={error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('reveal.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A masked identifier, or the revealed value with a note that it is shown in full. */
export function MaskedValue({
  masked,
  revealed,
  onReveal,
  revealLabel,
  mono = true,
  nowrap = false,
}: {
  masked: string | null;
  revealed: string | null | undefined;
  onReveal: () => void;
  /** accessible name of the button, e.g. "Tampilkan NIK Siti" */
  revealLabel: string;
  mono?: boolean;
  /** keep the value and its button on one line (identifiers in tables) */
  nowrap?: boolean;
}) {
  const { t } = useI18n();
  if (masked === null) return <span className="muted">—</span>;
  if (revealed !== undefined) {
    return (
      <span className={`masked revealed ${nowrap ? 'masked-nowrap' : ''}`}>
        <span className={mono ? 'mono' : ''}>{revealed ?? '—'}</span>{' '}
        <span className="badge badge-info" title={t('reveal.shownTitle')}>
          {t('reveal.shown')}
        </span>
      </span>
    );
  }
  return (
    <span className={`masked ${nowrap ? 'masked-nowrap' : ''}`}>
      <span className={mono ? 'mono' : ''}>{masked}</span>{' '}
      <button type="button" className="button button-small button-reveal" onClick={onReveal} aria-label={revealLabel}>
        {t('reveal.show')}
      </button>
    </span>
  );
}

/** A progress bar with its value announced (role=progressbar, aria-valuenow); null = indeterminate. */
export function ProgressBar({ label, value, text }: { label: string; value: number | null; text?: string }) {
  return (
    <div className="meter-wrap">
      <div className="meter-head">
        <span className="meter-label">{label}</span>
        <span className="meter-value">{value === null ? '' : `${value}%`}</span>
      </div>
      <div
        className={`meter ${value === null ? 'meter-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={text ?? (value === null ? undefined : `${value}%`)}
      >
        <span className="meter-bar" style={value === null ? undefined : { width: `${value}%` }} />
      </div>
      {text ? <p className="meter-text">{text}</p> : null}
    </div>
  );
}
