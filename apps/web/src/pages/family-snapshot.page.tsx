import { Link, useParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import { LoadFailure, Loading, PageHeader } from '../components/feedback.tsx';
import { DesilBadge, SyntheticBanner, useCodes } from '../components/registry.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../lib/format.ts';
import { FAMILY_FIELD_GROUPS, PERSON_FIELDS } from '../lib/registry-codes.ts';
import { useLoad } from '../lib/use-load.ts';

/** The family as one import saw it: a read-only record, identifiers masked. */
export function FamilySnapshotPage() {
  const { t, locale } = useI18n();
  const { fieldLabel, format, label } = useCodes();
  const params = useParams();
  const familyId = Number(params.id);
  const snapshotId = Number(params.snapshotId);
  const snap = useLoad(() => api.familySnapshot(snapshotId), [snapshotId]);
  const back = (
    <p>
      <Link to={`/keluarga/${familyId}`}>{t('snapshot.back')}</Link>
    </p>
  );
  if (snap.error) {
    return (
      <>
        <PageHeader title={t('snapshot.title')} />
        <LoadFailure error={snap.error} notFoundTitle={t('snapshot.notFound')} />
        {back}
      </>
    );
  }
  const s = snap.data;
  if (!s) return <Loading />;
  const members = (Array.isArray(s.data.members) ? s.data.members : []) as Record<string, unknown>[];
  const shownPersonFields = PERSON_FIELDS.filter((f) => f !== 'name');
  return (
    <>
      <PageHeader
        title={t('snapshot.heading', { date: formatDate(s.period, locale) })}
        subtitle={t('snapshot.subtitle', { source: label('sourceKind', s.sourceKind), id: s.importId })}
        actions={
          <Link className="button" to={`/keluarga/${s.familyId}`}>
            {t('snapshot.back')}
          </Link>
        }
      />
      {s.sourceKind === 'synthetic' ? <SyntheticBanner /> : null}
      <p className="muted">{t('snapshot.help')}</p>
      <div className="grid-2">
        {FAMILY_FIELD_GROUPS.map((g) => (
          <section className="card" key={g.key} aria-labelledby={`snap-${g.key}`}>
            <h2 id={`snap-${g.key}`}>{t(`family.group.${g.key}`)}</h2>
            <dl className="facts facts-grid">
              {g.fields.map((field) => (
                <div key={field}>
                  <dt>{fieldLabel(field)}</dt>
                  <dd>
                    {field === 'desil' ? <DesilBadge desil={(s.data.desil as number | null) ?? null} /> : format(field, s.data[field])}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <section className="card table-card" aria-labelledby="snap-members">
        <h2 id="snap-members">{t('family.members', { n: members.length })}</h2>
        <div className="table-wrap">
          <table className="members-table stack-phone">
            <caption className="sr-only">{t('family.membersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                {shownPersonFields.map((f) => (
                  <th scope="col" key={f}>
                    {fieldLabel(f)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {members.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a snapshot is a fixed record; masked NIKs are not unique
                <tr key={i}>
                  <th scope="row" className="cell-name" data-label={t('common.name')}>
                    {String(m.name ?? '—')}
                  </th>
                  {shownPersonFields.map((f) => (
                    <td key={f} data-label={fieldLabel(f)} className={f === 'nik' ? 'mono nowrap' : ''}>
                      {format(f, m[f])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {back}
    </>
  );
}
