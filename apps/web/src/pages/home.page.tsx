import type { Pairing } from '@dampingan/contracts';
import { Link } from 'react-router';
import { api } from '../api/endpoints.ts';
import { isAdmin, seesWholeScope, useMe } from '../auth/session.tsx';
import { Badge, ErrorAlert, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { SyntheticBadge } from '../components/registry.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { defaultSelection } from '../lib/program-year.ts';
import { summariseStats } from '../lib/registry-stats.ts';
import { useLoad } from '../lib/use-load.ts';
import { AttentionCard } from './attention.page.tsx';

export function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  const role = me.user.role;
  const scope = useLoad(() => api.scope(), []);
  const health = useLoad(() => api.health(), []);

  return (
    <>
      <PageHeader
        title={t('home.title')}
        subtitle={scope.data ? t('home.scope', { name: scope.data.name, count: scope.data.villageCount }) : undefined}
      />
      {health.data?.demo ? <Notice kind="warning">{t('demo.banner')}</Notice> : null}
      <p className="welcome">{t('home.welcome', { name: me.user.fullName })}</p>
      <ErrorAlert error={scope.error} />
      {seesWholeScope(role) ? <ScopeOverview villageCount={scope.data?.villageCount} admin={isAdmin(role)} /> : <MyVillagesCard />}
      <AttentionCard />
    </>
  );
}

function ScopeOverview({ villageCount, admin }: { villageCount: number | undefined; admin: boolean }) {
  const { t } = useI18n();
  const programs = useLoad(() => api.programs(), []);
  const opds = useLoad(() => api.opds(), []);
  const sel = programs.data ? defaultSelection(programs.data.items) : undefined;
  const paired = sel?.year?.activePairings;
  return (
    <>
      <ErrorAlert error={programs.error ?? opds.error} />
      <ul className="stats" aria-label={t('home.statsLabel')}>
        <Stat label={t('home.stat.villages')} value={villageCount} />
        <Stat label={sel?.year ? t('home.stat.paired', { year: sel.year.year }) : t('home.stat.pairedNoYear')} value={paired} />
        <Stat
          label={t('home.stat.unpaired')}
          value={villageCount !== undefined && paired !== undefined ? villageCount - paired : undefined}
          tone="warn"
        />
        <Stat label={t('home.stat.opds')} value={opds.data?.items.length} />
      </ul>
      <div className="grid-2">
        <section className="card">
          <h2>{t('home.boardCard.title')}</h2>
          <p>{t('home.boardCard.body')}</p>
          <Link className="button button-primary" to={sel?.year ? `/papan?program=${sel.program.id}&tahun=${sel.year.id}` : '/papan'}>
            {t('home.boardCard.open')}
          </Link>
        </section>
        <section className="card">
          <h2>{t('home.programsCard.title')}</h2>
          {programs.loading ? <Loading /> : null}
          <ul className="plain-list">
            {programs.data?.items.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>
                <span className="muted">
                  {' '}
                  · {p.years.map((y) => `${y.year} (${t(`yearStatus.${y.status}`)})`).join(', ') || t('programs.noYears')}
                </span>
              </li>
            ))}
          </ul>
          <Link to="/program">{admin ? t('home.programsCard.manage') : t('home.programsCard.view')}</Link>
        </section>
      </div>
      <RegistrySummary admin={admin} />
    </>
  );
}

/** Families and persons in the registry, and how many are in desil 1–4 (aggregates only: viewers may see it). */
function RegistrySummary({ admin }: { admin: boolean }) {
  const { t, locale } = useI18n();
  const stats = useLoad(() => api.registryStats(), []);
  const nf = new Intl.NumberFormat(locale);
  const pf = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const s = stats.data ? summariseStats(stats.data.villages) : undefined;
  return (
    <section className="card registry-summary" aria-labelledby="registry-summary">
      <div className="card-head">
        <h2 id="registry-summary">
          {t('home.registry.title')} {stats.data?.synthetic ? <SyntheticBadge /> : null}
        </h2>
        {admin ? (
          <span className="page-actions">
            <Link className="button button-small" to="/keluarga">
              {t('home.registry.open')}
            </Link>
            <Link className="button button-small" to="/impor">
              {t('nav.import')}
            </Link>
          </span>
        ) : null}
      </div>
      {stats.loading ? <Loading /> : null}
      <ErrorAlert error={stats.error} />
      {s && s.families === 0 ? <p className="muted">{t('home.registry.empty')}</p> : null}
      {s && s.families > 0 ? (
        <>
          <ul className="stats stats-compact" aria-label={t('home.registry.title')}>
            <Stat label={t('home.registry.families')} value={s.families} format={nf} />
            <Stat label={t('home.registry.persons')} value={s.persons} format={nf} />
            <Stat label={t('home.registry.desil14')} value={s.desil1to4} format={nf} tone="warn" />
            <Stat label={t('home.registry.noOwnToilet')} value={s.noOwnToilet} format={nf} tone="warn" />
          </ul>
          <table className="desil-bars">
            <caption>{t('home.registry.byDesil')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('regField.desil')}</th>
                <th scope="col" className="num">
                  {t('home.registry.families')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('home.registry.share')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {s.byDesil.map((d) => (
                <tr key={d.desil}>
                  <th scope="row">{t('home.registry.desilN', { n: d.desil })}</th>
                  <td className="num">{nf.format(d.families)}</td>
                  <td>
                    <span className="bar-cell">
                      <span className="hbar" aria-hidden="true">
                        <span style={{ width: `${Math.round(d.share * 100)}%` }} />
                      </span>
                      <span className="muted">{pf.format(d.share)}</span>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {stats.data?.synthetic ? <p className="hint">{t('registry.syntheticBanner')}</p> : null}
        </>
      ) : null}
    </section>
  );
}

function Stat({ label, value, tone, format }: { label: string; value: number | undefined; tone?: 'warn'; format?: Intl.NumberFormat }) {
  return (
    <li className={`stat ${tone === 'warn' ? 'stat-warn' : ''}`}>
      <span className="stat-value">{value === undefined ? '…' : format ? format.format(value) : value}</span>
      <span className="stat-label">{label}</span>
    </li>
  );
}

function MyVillagesCard() {
  const { t } = useI18n();
  const pairings = useLoad(() => api.pairings(), []);
  return (
    <section className="card" aria-labelledby="my-villages">
      <h2 id="my-villages">{t('home.myVillages')}</h2>
      {pairings.loading ? <Loading /> : null}
      <ErrorAlert error={pairings.error} />
      {pairings.data && pairings.data.items.length === 0 ? <p className="muted">{t('home.myVillagesEmpty')}</p> : null}
      <ul className="village-cards">
        {pairings.data?.items.map((p) => (
          <VillageCard key={p.id} pairing={p} />
        ))}
      </ul>
    </section>
  );
}

export function VillageCard({ pairing: p }: { pairing: Pairing }) {
  const { t } = useI18n();
  return (
    <li className="village-card">
      <Link to={`/pendampingan/${p.id}`} className="village-card-link">
        <span className="village-card-name">{p.villageName}</span>
        <span className="muted">
          {t('common.kecamatan')} {p.districtName} · {p.year}
        </span>
        <span>
          {p.opdAbbreviation ?? p.opdName}{' '}
          {p.status === 'ended' ? (
            <Badge tone="muted">{t('pairingStatus.ended')}</Badge>
          ) : (
            <Badge tone="ok">{t('pairingStatus.active')}</Badge>
          )}
        </span>
      </Link>
    </li>
  );
}
