import type { AttentionKind, AttentionReason, AttentionRow } from '@dampingan/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { attentionApi } from '../api/attention.ts';
import { Badge, ErrorAlert, Loading, PageHeader } from '../components/feedback.tsx';
import { SelectField } from '../components/fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ATTENTION_KINDS, countByKind, filterByKind, reasonTone } from '../lib/attention-reasons.ts';
import { formatDate } from '../lib/format.ts';
import { useLoad } from '../lib/use-load.ts';

/** Perlu perhatian: pendampingan aktif yang perlu ditindaklanjuti Bappeda, dengan alasannya. */
export function AttentionPage() {
  const { t } = useI18n();
  const list = useLoad(() => attentionApi.list(), []);
  const [kind, setKind] = useState<AttentionKind | ''>('');
  const [year, setYear] = useState('');
  const items = list.data?.items ?? [];
  const years = [...new Map(items.map((r) => [r.programYearId, r.year])).entries()].sort((a, b) => b[1] - a[1]);
  const rows = filterByKind(items, kind).filter((r) => !year || String(r.programYearId) === year);
  const counts = countByKind(items);

  return (
    <>
      <PageHeader
        title={t('attention.title')}
        subtitle={list.data ? t('attention.subtitle', { n: list.data.items.length, checked: list.data.checked }) : undefined}
      />
      <p className="hint">{t('attention.intro')}</p>
      <search className="toolbar card">
        <SelectField label={t('attention.filterReason')} value={kind} onChange={(e) => setKind(e.target.value as AttentionKind | '')}>
          <option value="">{t('attention.allReasons')}</option>
          {ATTENTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`attention.kind.${k}`)} ({counts[k]})
            </option>
          ))}
        </SelectField>
        {years.length > 1 ? (
          <SelectField label={t('common.year')} value={year} onChange={(e) => setYear(e.target.value)}>
            <option value="">{t('attention.allYears')}</option>
            {years.map(([id, y]) => (
              <option key={id} value={id}>
                {y}
              </option>
            ))}
          </SelectField>
        ) : null}
      </search>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <div className="table-wrap card">
          <table>
            <caption className="sr-only">{t('attention.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.kelurahan')}</th>
                <th scope="col">{t('common.opd')}</th>
                <th scope="col">{t('common.year')}</th>
                <th scope="col">{t('attention.reasons')}</th>
                <th scope="col">{t('attention.lastActivity')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.pairingId}>
                  <th scope="row">
                    <Link to={`/pendampingan/${r.pairingId}`}>{r.villageName}</Link>
                  </th>
                  <td>{r.opdName}</td>
                  <td>{r.year}</td>
                  <td>
                    <ReasonBadges row={r} />
                  </td>
                  <td>{r.lastActivityOn ? <AttentionDate value={r.lastActivityOn} /> : '—'}</td>
                </tr>
              ))}
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    {t('attention.none')}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function AttentionDate({ value }: { value: string }) {
  const { locale } = useI18n();
  return <>{formatDate(value, locale)}</>;
}

/** "Tidak ada kegiatan 31 hari sejak 20 Nov 2026", "2 laporan terlambat sejak …" as badges. */
export function ReasonBadges({ row }: { row: AttentionRow }) {
  const { t, locale } = useI18n();
  return (
    <span className="badges">
      {row.reasons.map((r) => (
        <span key={r.kind}>
          <Badge tone={reasonTone(r.kind)}>{reasonText(t, locale, r)}</Badge>{' '}
        </span>
      ))}
    </span>
  );
}

type T = ReturnType<typeof useI18n>['t'];

function reasonText(t: T, locale: string, r: AttentionReason): string {
  const base = t(`attention.reason.${r.kind}`, { n: r.count });
  return r.since ? `${base} · ${t('attention.since', { date: formatDate(r.since, locale) })}` : base;
}

/** The compact card on the home page: how many pairings need attention, by reason, and the first few. */
export function AttentionCard() {
  const { t } = useI18n();
  const list = useLoad(() => attentionApi.list(), []);
  const items = list.data?.items ?? [];
  const counts = countByKind(items);
  return (
    <section className="card" aria-labelledby="attention-card">
      <div className="card-head">
        <h2 id="attention-card">{t('attention.title')}</h2>
        <Link className="button button-small" to="/perhatian">
          {t('attention.openAll')}
        </Link>
      </div>
      {list.loading ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {list.data && items.length === 0 ? <p className="muted">{t('attention.none')}</p> : null}
      {items.length ? (
        <>
          <p>
            {t('attention.subtitle', { n: items.length, checked: list.data?.checked ?? 0 })}{' '}
            {ATTENTION_KINDS.filter((k) => counts[k] > 0).map((k) => (
              <span key={k}>
                <Badge tone={reasonTone(k)}>
                  {t(`attention.kind.${k}`)}: {counts[k]}
                </Badge>{' '}
              </span>
            ))}
          </p>
          <ul className="plain-list">
            {items.slice(0, 5).map((r) => (
              <li key={r.pairingId}>
                <Link to={`/pendampingan/${r.pairingId}`}>{r.villageName}</Link> <span className="muted">· {r.opdName}</span>{' '}
                <ReasonBadges row={r} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
