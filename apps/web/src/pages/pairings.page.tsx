import { Link, useSearchParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import { seesWholeScope, useMe } from '../auth/session.tsx';
import { Badge, ErrorAlert, Loading, PageHeader } from '../components/feedback.tsx';
import { SelectField } from '../components/fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../lib/format.ts';
import { useLoad } from '../lib/use-load.ts';
import { VillageCard } from './home.page.tsx';

export function PairingsPage() {
  const me = useMe();
  return seesWholeScope(me.user.role) ? <AllPairings /> : <MyPairings />;
}

/** Mentors and operators: the kelurahan they work on now, nothing else. */
function MyPairings() {
  const { t } = useI18n();
  const pairings = useLoad(() => api.pairings(), []);
  return (
    <>
      <PageHeader title={t('nav.myVillages')} subtitle={t('myVillages.subtitle')} />
      {pairings.loading ? <Loading /> : null}
      <ErrorAlert error={pairings.error} />
      {pairings.data && pairings.data.items.length === 0 ? (
        <section className="card empty">
          <p>{t('home.myVillagesEmpty')}</p>
        </section>
      ) : null}
      <ul className="village-cards">
        {pairings.data?.items.map((p) => (
          <VillageCard key={p.id} pairing={p} />
        ))}
      </ul>
    </>
  );
}

type StatusFilter = 'active' | 'ended' | 'all';

function AllPairings() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = (['active', 'ended', 'all'] as const).find((s) => s === params.get('status')) ?? 'all';
  const yearParam = Number(params.get('tahun')) || undefined;
  const programs = useLoad(() => api.programs(), []);
  const pairings = useLoad(() => api.pairings({ status, programYearId: yearParam }), [status, yearParam]);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const rows = [...(pairings.data?.items ?? [])].sort(
    (a, b) => b.year - a.year || a.districtName.localeCompare(b.districtName) || a.villageName.localeCompare(b.villageName),
  );

  return (
    <>
      <PageHeader title={t('pairings.title')} subtitle={t('pairings.subtitle')} />
      <div className="toolbar card">
        <SelectField label={t('pairings.filterYear')} value={yearParam ?? ''} onChange={(e) => setParam('tahun', e.target.value)}>
          <option value="">{t('pairings.allYears')}</option>
          {programs.data?.items.map((p) => (
            <optgroup key={p.id} label={p.name}>
              {p.years.map((y) => (
                <option key={y.id} value={y.id}>
                  {y.year}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField label={t('pairings.filterStatus')} value={status} onChange={(e) => setParam('status', e.target.value as StatusFilter)}>
          <option value="all">{t('pairings.statusAll')}</option>
          <option value="active">{t('pairingStatus.active')}</option>
          <option value="ended">{t('pairingStatus.ended')}</option>
        </SelectField>
      </div>
      <ErrorAlert error={pairings.error} />
      {pairings.loading ? <Loading /> : null}
      <div className="table-wrap card">
        <table>
          <caption className="sr-only">{t('pairings.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.year')}</th>
              <th scope="col">{t('common.kelurahan')}</th>
              <th scope="col">{t('common.kecamatan')}</th>
              <th scope="col">{t('common.opd')}</th>
              <th scope="col">{t('pairing.decree')}</th>
              <th scope="col">{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{p.year}</td>
                <td>
                  <Link to={`/pendampingan/${p.id}`}>{p.villageName}</Link>
                </td>
                <td>{p.districtName}</td>
                <td>{p.opdName}</td>
                <td>
                  {p.decreeNumber}
                  <span className="muted"> · {formatDate(p.decreeDate, locale)}</span>
                </td>
                <td>
                  {p.status === 'ended' ? (
                    <Badge tone="muted">
                      {t('pairingStatus.ended')} {formatDate(p.endedOn, locale)}
                    </Badge>
                  ) : (
                    <Badge tone="ok">{t('pairingStatus.active')}</Badge>
                  )}
                </td>
              </tr>
            ))}
            {pairings.data && rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  {t('common.noRows')}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
