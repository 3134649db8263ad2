import type { ImportView } from '@dampingan/contracts';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { ErrorAlert, LoadFailure, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { ProgressBar, SyntheticBanner, useCodes } from '../components/registry.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate, formatDateTime, parseTimestamp } from '../lib/format.ts';
import { durationSeconds, formatBytes, processingPercent, splitBilingual } from '../lib/import-progress.ts';
import { useLoad } from '../lib/use-load.ts';
import { ImportStatusBadge } from './import.page.tsx';

export const POLL_MS = 500;
const ISSUES_PAGE = 50;

/** Polls a running import every half second; stops when it is done or the page closes. */
function useImport(id: number, initial: ImportView | undefined) {
  const [view, setView] = useState<ImportView | undefined>(initial?.id === id ? initial : undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const v = await api.importView(id);
        if (stopped) return;
        setView(v);
        setError(null);
        if (v.status === 'running') timer = setTimeout(tick, POLL_MS);
      } catch (err) {
        if (stopped) return;
        setError(err);
        // A lost connection is retried; "not found" or "forbidden" is final.
        if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) timer = setTimeout(tick, POLL_MS * 4);
      }
    };
    if (initial?.id === id && initial.status === 'running') timer = setTimeout(tick, POLL_MS);
    else void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [id, initial]);
  return { view, error };
}

export function ImportResultPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const location = useLocation();
  const initial = (location.state as { view?: ImportView } | null)?.view;
  const { view, error } = useImport(id, initial);

  if (!view) {
    if (error) {
      return (
        <>
          <PageHeader title={t('importResult.title', { id })} />
          <LoadFailure error={error} notFoundTitle={t('importResult.notFound')} />
          <p>
            <Link to="/impor">{t('importResult.back')}</Link>
          </p>
        </>
      );
    }
    return <Loading />;
  }
  return <ImportResult view={view} pollError={error} />;
}

function ImportResult({ view: v, pollError }: { view: ImportView; pollError: unknown }) {
  const { t, lang, locale } = useI18n();
  const { label } = useCodes();
  const running = v.status === 'running';
  const failure = v.error ? splitBilingual(v.error) : null;

  return (
    <>
      <nav className="breadcrumb" aria-label={t('importResult.breadcrumb')}>
        <ol>
          <li>
            <Link to="/impor">{t('import.title')}</Link>
          </li>
          <li aria-current="page">#{v.id}</li>
        </ol>
      </nav>
      <PageHeader
        title={t('importResult.title', { id: v.id })}
        subtitle={
          <>
            <span className="mono">{v.fileName}</span> · {label('sourceKind', v.sourceKind)}
            {v.datasetLabel ? ` · ${v.datasetLabel}` : ''} · {t('importResult.periodOf', { date: formatDate(v.period, locale) })}
          </>
        }
        actions={
          <>
            <Link className="button" to="/impor">
              {t('importResult.another')}
            </Link>
            {v.status === 'completed' ? (
              <Link className="button button-primary" to="/keluarga">
                {t('importResult.openRegistry')}
              </Link>
            ) : null}
          </>
        }
      />
      {v.synthetic ? <SyntheticBanner>{t('importResult.syntheticBanner')}</SyntheticBanner> : null}
      <ErrorAlert error={pollError} />
      {running ? <Processing view={v} /> : null}
      {v.status === 'completed' ? <Notice kind="success">{t('importResult.completed')}</Notice> : null}
      {v.status === 'dry_run' ? <Notice kind="info">{t('importResult.dryRun')}</Notice> : null}
      {v.status === 'failed' ? (
        <div className="alert alert-error" role="alert">
          <strong>{t('importResult.failed')}</strong> {failure ? (lang === 'id' ? failure.id : failure.en) : null}
        </div>
      ) : null}
      {v.status === 'aborted' ? (
        <Notice kind="warning">
          <strong>{t('importResult.aborted')}</strong> {v.error ?? ''}
        </Notice>
      ) : null}
      {running ? null : <Summary view={v} />}
      {running || v.status === 'failed' ? null : <IssueReport view={v} />}
    </>
  );
}

function Processing({ view: v }: { view: ImportView }) {
  const { t, locale } = useI18n();
  const { label } = useCodes();
  const nf = new Intl.NumberFormat(locale);
  const pct = processingPercent(v);
  const merging = v.phase === 'merging';
  const details = [
    merging
      ? null
      : v.bytesRead > 0
        ? t('import.uploadedOf', { done: formatBytes(v.bytesRead, locale), total: formatBytes(v.fileBytes, locale) })
        : null,
    t('importResult.rowsSoFar', { n: nf.format(v.rowsRead) }),
    t('importResult.rejectedSoFar', { n: nf.format(v.rejectedRows) }),
  ].filter(Boolean);
  return (
    <section className="card processing" aria-labelledby="import-processing">
      <h2 id="import-processing">{t('importResult.processing')}</h2>
      <ol className="phases" aria-label={t('importResult.phases')}>
        {(['reading', 'merging'] as const).map((p) => (
          <li
            key={p}
            className={v.phase === p ? 'phase-current' : merging && p === 'reading' ? 'phase-done' : ''}
            aria-current={v.phase === p ? 'step' : undefined}
          >
            {label('importPhase', p)}
          </li>
        ))}
      </ol>
      <ProgressBar label={t('importResult.processBar')} value={pct} text={details.join(' · ')} />
      <p className="hint">{merging ? t('importResult.mergingHint') : t('importResult.readingHint')}</p>
    </section>
  );
}

function Summary({ view: v }: { view: ImportView }) {
  const { t, locale } = useI18n();
  const nf = new Intl.NumberFormat(locale);
  const c = v.counts;
  const seconds = durationSeconds(parseTimestamp(v.startedAt), v.finishedAt ? parseTimestamp(v.finishedAt) : null);
  const facts = <ImportFacts view={v} />;
  if (v.status === 'failed' || v.status === 'aborted') return facts;
  return (
    <>
      <ul className="stats" aria-label={t('importResult.summary')}>
        <li className="stat">
          <span className="stat-value">{nf.format(v.rowsRead)}</span>
          <span className="stat-label">{t('import.rowsRead')}</span>
        </li>
        <li className={`stat ${v.rejectedRows > 0 ? 'stat-danger' : ''}`}>
          <span className="stat-value">{nf.format(v.rejectedRows)}</span>
          <span className="stat-label">{t('importResult.rejectedRows')}</span>
        </li>
        <li className={`stat ${c && c.flaggedForReview > 0 ? 'stat-warn' : ''}`}>
          <span className="stat-value">{c ? nf.format(c.flaggedForReview) : '—'}</span>
          <span className="stat-label">{t('importResult.flagged')}</span>
        </li>
        <li className="stat">
          <span className="stat-value">
            {seconds === null ? '—' : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(seconds)} s`}
          </span>
          <span className="stat-label">{t('importResult.duration')}</span>
        </li>
      </ul>
      <div className="grid-2">
        <section className="card" aria-labelledby="import-counts">
          <h2 id="import-counts">{v.dryRun ? t('importResult.countsDryRun') : t('importResult.counts')}</h2>
          {c ? (
            <div className="table-wrap">
              <table className="counts-table">
                <caption className="sr-only">{t('importResult.counts')}</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="sr-only">{t('importResult.record')}</span>
                    </th>
                    <th scope="col" className="num">
                      {t('importResult.inserted')}
                    </th>
                    <th scope="col" className="num">
                      {t('importResult.updated')}
                    </th>
                    <th scope="col" className="num">
                      {t('importResult.unchanged')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t('importResult.families')}</th>
                    <td className="num">{nf.format(c.families.inserted)}</td>
                    <td className="num">{nf.format(c.families.updated)}</td>
                    <td className="num">{nf.format(c.families.unchanged)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('importResult.persons')}</th>
                    <td className="num">{nf.format(c.persons.inserted)}</td>
                    <td className="num">{nf.format(c.persons.updated)}</td>
                    <td className="num">{nf.format(c.persons.unchanged)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t('importResult.noCounts')}</p>
          )}
          <p className="hint">{t('importResult.flaggedHint')}</p>
        </section>
        {facts}
      </div>
    </>
  );
}

function ImportFacts({ view: v }: { view: ImportView }) {
  const { t, locale } = useI18n();
  return (
    <section className="card" aria-labelledby="import-facts">
      <h2 id="import-facts">{t('importResult.facts')}</h2>
      <dl className="facts facts-grid">
        <div>
          <dt>{t('common.status')}</dt>
          <dd>
            <ImportStatusBadge view={v} />
          </dd>
        </div>
        <div>
          <dt>{t('importResult.fileSize')}</dt>
          <dd>{formatBytes(v.fileBytes, locale)}</dd>
        </div>
        <div>
          <dt>{t('import.startedBy')}</dt>
          <dd>{v.startedByName ?? t('audit.system')}</dd>
        </div>
        <div>
          <dt>{t('import.started')}</dt>
          <dd>{formatDateTime(v.startedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('importResult.finished')}</dt>
          <dd>{formatDateTime(v.finishedAt, locale)}</dd>
        </div>
      </dl>
    </section>
  );
}

function IssueReport({ view: v }: { view: ImportView }) {
  const { t, lang, locale } = useI18n();
  const { label } = useCodes();
  const [offset, setOffset] = useState(0);
  const issues = useLoad(() => api.importIssues(v.id, { limit: ISSUES_PAGE, offset }), [v.id, offset]);
  const page = issues.data;
  const nf = new Intl.NumberFormat(locale);
  return (
    <section className="card table-card" aria-labelledby="import-issues">
      <div className="card-head">
        <h2 id="import-issues">{t('importResult.issues', { n: page ? nf.format(page.total) : '…' })}</h2>
        {page && page.total > 0 ? (
          <a className="button button-small" href={`/api/registry/imports/${v.id}/issues.csv`} download={`impor-${v.id}-galat.csv`}>
            {t('importResult.download')}
          </a>
        ) : null}
      </div>
      <p className="muted small">{t('importResult.issuesHelp')}</p>
      {issues.loading && !page ? <Loading /> : null}
      <ErrorAlert error={issues.error} />
      {page && page.total === 0 ? <p className="muted">{t('importResult.noIssues')}</p> : null}
      {page && page.total > 0 ? (
        <>
          <div className="table-wrap">
            <table className="issues-table stack-phone">
              <caption className="sr-only">{t('importResult.issuesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('importResult.row')}
                  </th>
                  <th scope="col">{t('importResult.column')}</th>
                  <th scope="col">{t('importResult.value')}</th>
                  <th scope="col">{t('importResult.message')}</th>
                  <th scope="col">{t('importResult.severity')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((i, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one page of a fixed report; a row can repeat a column and code
                  <tr key={`${i.row}-${n}`}>
                    <td className="num" data-label={t('importResult.row')}>
                      {i.row}
                    </td>
                    <td className="mono" data-label={t('importResult.column')}>
                      {i.column}
                    </td>
                    <td className="mono value-cell" data-label={t('importResult.value')}>
                      {i.value === '' ? <span className="muted">{t('importResult.emptyValue')}</span> : i.value}
                    </td>
                    <td lang={lang} data-label={t('importResult.message')}>
                      {lang === 'id' ? i.message : i.messageEn}
                    </td>
                    <td data-label={t('importResult.severity')}>
                      <span className={`badge ${i.severity === 'warning' ? 'badge-warn' : 'badge-danger'}`}>
                        {label('severity', i.severity)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('importResult.pagination')}>
            <span>{t('audit.showing', { from: page.offset + 1, to: page.offset + page.items.length, total: nf.format(page.total) })}</span>
            <span className="pager-buttons">
              <button
                type="button"
                className="button button-small"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - ISSUES_PAGE))}
              >
                {t('audit.prev')}
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={page.offset + page.items.length >= page.total}
                onClick={() => setOffset(offset + ISSUES_PAGE)}
              >
                {t('audit.next')}
              </button>
            </span>
          </nav>
        </>
      ) : null}
    </section>
  );
}
