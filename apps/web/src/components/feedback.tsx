import { type ReactNode, useEffect } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** An error from the API (or anything else) in the current language, announced to screen readers. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { errorText } = useI18n();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {title ? <strong>{title} </strong> : null}
      {errorText(error)}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'success' ? 'status' : undefined}>
      {children}
    </div>
  );
}

/** A page-level load failure: 404 gets its own wording because it also means "outside your reach". */
export function LoadFailure({ error, notFoundTitle }: { error: unknown; notFoundTitle?: string }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 404) {
    return (
      <section className="card empty">
        <h2>{notFoundTitle ?? t('notFound.title')}</h2>
        <p>{t('notFound.reach')}</p>
      </section>
    );
  }
  return <ErrorAlert error={error} />;
}

export function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'muted' | 'info' | 'danger'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Dampingan`;
  }, [title]);
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
