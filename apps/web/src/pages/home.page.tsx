import type { Pairing } from '@dampingan/contracts';
import { Link } from 'react-router';
import { api } from '../api/endpoints.ts';
import { isAdmin, seesWholeScope, useMe } from '../auth/session.tsx';
import { Badge, ErrorAlert, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { defaultSelection } from '../lib/program-year.ts';
import { useLoad } from '../lib/use-load.ts';

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
    </>
  );
}

function Stat({ label, value, tone }: { label: string; value: number | undefined; tone?: 'warn' }) {
  return (
    <li className={`stat ${tone === 'warn' ? 'stat-warn' : ''}`}>
      <span className="stat-value">{value ?? '…'}</span>
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
