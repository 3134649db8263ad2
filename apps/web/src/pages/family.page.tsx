import {
  type FamilyDetail,
  FamilyStatusInputSchema,
  FamilyStatusSchema,
  PersonStatusInputSchema,
  PersonStatusSchema,
  type PersonView,
  type ValueSource,
} from '@dampingan/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import { isAdmin, useMe } from '../auth/session.tsx';
import { Dialog } from '../components/dialog.tsx';
import { FamilyInterventions } from '../components/family-interventions.tsx';
import { ErrorAlert, LoadFailure, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { SelectField, TextAreaField, TextField } from '../components/fields.tsx';
import {
  DesilBadge,
  FamilyStatusBadge,
  MaskedValue,
  PersonStatusBadge,
  RevealDialog,
  ReviewBadge,
  SourceList,
  SourceRef,
  SyntheticBadge,
  SyntheticBanner,
  sourceText,
  useCodes,
} from '../components/registry.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate, todayIso } from '../lib/format.ts';
import { ageOn, FAMILY_FIELD_GROUPS, PERSON_FIELDS } from '../lib/registry-codes.ts';
import { desilY, footnotesOf, type NumberedSources, numberSources, sparkline } from '../lib/sources.ts';
import { useForm } from '../lib/use-form.ts';
import { useLoad } from '../lib/use-load.ts';

export function FamilyPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const family = useLoad(() => api.family(id), [id]);
  if (family.error) {
    return (
      <>
        <PageHeader title={t('family.title')} />
        <LoadFailure error={family.error} notFoundTitle={t('family.notFound')} />
        <p>
          <Link to="/keluarga">{t('family.backToList')}</Link>
        </p>
      </>
    );
  }
  if (!family.data || family.data.id !== id) return <Loading />;
  return <FamilyView key={id} family={family.data} onChange={family.setData} />;
}

/** The head's name, else the first member's. */
export function headOf(members: readonly PersonView[]): PersonView | undefined {
  return members.find((m) => m.relationship === 'head') ?? members[0];
}

type Reveal = { kind: 'kk' } | { kind: 'nik' | 'motherName'; person: PersonView };
type StatusFor = { kind: 'family' } | { kind: 'person'; person: PersonView };

function FamilyView({ family: f, onChange }: { family: FamilyDetail; onChange: (f: FamilyDetail) => void }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const admin = isAdmin(me.user.role);
  const { label } = useCodes();
  // Revealed values stay only while this page is open: never stored, never in the URL.
  const [revealed, setRevealed] = useState<Record<string, string | null>>({});
  const [revealing, setRevealing] = useState<Reveal | null>(null);
  const [statusFor, setStatusFor] = useState<StatusFor | null>(null);
  const [sourcesOf, setSourcesOf] = useState<PersonView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const numbered = useMemo(() => numberSources([f.sources, ...f.members.map((m) => m.sources)]), [f]);
  const head = headOf(f.members);
  const headName = head?.name ?? t('families.noHead');
  const rt = f.fields.rt as string | null;
  const rw = f.fields.rw as string | null;

  async function reveal(r: Reveal, reason: string) {
    if (r.kind === 'kk') {
      const res = await api.revealFamilyKk(f.id, reason);
      setRevealed((v) => ({ ...v, kk: res.value }));
    } else {
      const res = await api.revealPerson(r.person.id, r.kind, reason);
      setRevealed((v) => ({ ...v, [`${r.kind}:${r.person.id}`]: res.value }));
    }
  }

  return (
    <>
      <nav className="breadcrumb" aria-label={t('family.breadcrumb')}>
        <ol>
          <li>
            <Link to="/keluarga">{t('families.title')}</Link>
          </li>
          <li>
            <Link to={`/keluarga?villageCode=${f.villageCode}`}>{f.villageName}</Link>
          </li>
          <li aria-current="page">{headName}</li>
        </ol>
      </nav>
      <PageHeader
        title={t('family.heading', { name: headName })}
        subtitle={
          <>
            {t('family.where', { village: f.villageName, district: f.districtName })}
            {rt || rw ? ` · RT ${rt ?? '—'} / RW ${rw ?? '—'}` : ''}
          </>
        }
        actions={
          <button type="button" className="button" onClick={() => setStatusFor({ kind: 'family' })}>
            {t('family.changeStatus')}
          </button>
        }
      />
      <p className="badges family-badges">
        <FamilyStatusBadge status={f.status} />
        {f.reviewReason ? <ReviewBadge reason={f.reviewReason} /> : null}
        {f.synthetic ? <SyntheticBadge /> : null}
        <span className="muted">
          {t('family.mainSource')}: {label('sourceKind', f.sourceKind)}
        </span>
      </p>
      {f.synthetic ? <SyntheticBanner>{t('family.syntheticBanner')}</SyntheticBanner> : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      {f.reviewReason ? (
        <Notice kind="warning">
          <strong>{t('registry.needsReview')}:</strong> {label('reviewReason', f.reviewReason)}. {t('family.reviewHelp')}
        </Notice>
      ) : null}
      {f.status !== 'active' ? (
        <Notice kind="info">
          {t('family.statusNote', { status: label('familyStatus', f.status), date: formatDate(f.statusDate, locale) })}{' '}
          {f.statusReason ? `${t('common.reason')}: ${f.statusReason}` : null}
        </Notice>
      ) : null}

      <div className="grid-2 family-top">
        <section className="card" aria-labelledby="family-identity">
          <h2 id="family-identity">{t('family.identity')}</h2>
          <dl className="facts facts-grid">
            <div>
              <dt>{t('regField.noKk')}</dt>
              <dd>
                <MaskedValue
                  masked={f.noKkMasked}
                  revealed={revealed.kk}
                  onReveal={() => setRevealing({ kind: 'kk' })}
                  revealLabel={t('reveal.showKk')}
                />
              </dd>
            </div>
            <FactRow field="sourceId" family={f} numbered={numbered} />
            <FactRow field="address" family={f} numbered={numbered} />
            <FactRow field="hamlet" family={f} numbered={numbered} />
            <div>
              <dt>RT / RW</dt>
              <dd>
                {rt ?? '—'} / {rw ?? '—'} <SourceRef n={refOf(f.sources.rt, numbered)} source={f.sources.rt} />
              </dd>
            </div>
            <div>
              <dt>{t('common.kelurahan')}</dt>
              <dd>
                <Link to={`/wilayah/${f.villageCode}`}>{f.villageName}</Link> <span className="code">{f.villageCode}</span>{' '}
                <SourceRef n={refOf(f.sources.villageCode, numbered)} source={f.sources.villageCode} />
              </dd>
            </div>
            <div>
              <dt>{t('common.kecamatan')}</dt>
              <dd>{f.districtName}</dd>
            </div>
            <div>
              <dt>{t('regField.desil')}</dt>
              <dd>
                <DesilBadge desil={f.fields.desil as number | null} />{' '}
                <SourceRef n={refOf(f.sources.desil, numbered)} source={f.sources.desil} />
              </dd>
            </div>
          </dl>
        </section>
        <DesilHistory family={f} />
      </div>

      <MembersSection
        family={f}
        numbered={numbered}
        revealed={revealed}
        onReveal={setRevealing}
        onStatus={(person) => setStatusFor({ kind: 'person', person })}
        onSources={setSourcesOf}
      />

      <HousingSection family={f} numbered={numbered} />
      <ProgramsSection family={f} numbered={numbered} />
      <FamilyInterventions familyId={f.id} />

      <div className="grid-2">
        <section className="card" aria-labelledby="family-sources">
          <h2 id="family-sources">{t('family.sources')}</h2>
          <p className="muted small">{t('family.sourcesHelp')}</p>
          <SourceList numbered={numbered} admin={admin} />
        </section>
        <SnapshotsSection family={f} />
      </div>

      {revealing ? (
        <RevealDialog
          title={
            revealing.kind === 'kk'
              ? t('reveal.kkTitle')
              : t(revealing.kind === 'nik' ? 'reveal.nikTitle' : 'reveal.motherTitle', { name: revealing.person.name })
          }
          intro={t('reveal.intro')}
          onReveal={(reason) => reveal(revealing, reason)}
          onClose={() => setRevealing(null)}
        />
      ) : null}
      {statusFor ? (
        <StatusDialog
          target={statusFor}
          familyId={f.id}
          familyName={headName}
          onClose={() => setStatusFor(null)}
          onSaved={(next) => {
            onChange(next);
            setStatusFor(null);
            setDone(statusFor.kind === 'family' ? t('family.statusSaved') : t('family.personStatusSaved', { name: statusFor.person.name }));
          }}
        />
      ) : null}
      {sourcesOf ? <PersonSourcesDialog person={sourcesOf} onClose={() => setSourcesOf(null)} /> : null}
    </>
  );
}

const refOf = (s: ValueSource | undefined, numbered: NumberedSources) => (s ? numbered.numberOf(s.importId) : undefined);

function FactRow({ field, family: f, numbered }: { field: string; family: FamilyDetail; numbered: NumberedSources }) {
  const { fieldLabel, format } = useCodes();
  const src = f.sources[field];
  return (
    <div>
      <dt>{fieldLabel(field)}</dt>
      <dd>
        {format(field, f.fields[field])} <SourceRef n={refOf(src, numbered)} source={src} />
      </dd>
    </div>
  );
}

function DesilHistory({ family: f }: { family: FamilyDetail }) {
  const { t, locale } = useI18n();
  const { label } = useCodes();
  const W = 520;
  const H = 112;
  const GUTTER = 26;
  const PAD = 10;
  const points = sparkline(f.desilHistory, W - GUTTER, H, PAD);
  const y = (d: number) => desilY(d, H, PAD);
  return (
    <section className="card" aria-labelledby="family-desil">
      <h2 id="family-desil">{t('family.desilHistory')}</h2>
      {f.desilHistory.length === 0 ? (
        <p className="muted">{t('family.noDesilHistory')}</p>
      ) : (
        <>
          {points.length > 0 ? (
            <svg className="sparkline" viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
              <rect x={GUTTER} y={y(4.5)} width={W - GUTTER} height={y(1) + PAD / 2 - y(4.5)} className="spark-band" />
              {[1, 4, 7, 10].map((d) => (
                <g key={d}>
                  <line x1={GUTTER} y1={y(d)} x2={W} y2={y(d)} className="spark-grid" />
                  <text x={GUTTER - 6} y={y(d) + 4} className="spark-label">
                    {d}
                  </text>
                </g>
              ))}
              <g transform={`translate(${GUTTER} 0)`}>
                {points.length > 1 ? <polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} className="spark-line" /> : null}
                {points.map((p) => (
                  <circle key={p.period} cx={p.x} cy={p.y} r="4.5" className={p.desil <= 4 ? 'spark-dot low' : 'spark-dot'} />
                ))}
              </g>
            </svg>
          ) : null}
          <table className="compact-table">
            <caption className="sr-only">{t('family.desilHistory')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('family.period')}</th>
                <th scope="col" className="num">
                  {t('regField.desil')}
                </th>
                <th scope="col">{t('family.source')}</th>
              </tr>
            </thead>
            <tbody>
              {f.desilHistory.map((h) => (
                <tr key={`${h.period}-${h.importId}`}>
                  <td className="nowrap">{formatDate(h.period, locale)}</td>
                  <td className="num">
                    <DesilBadge desil={h.desil} />
                  </td>
                  <td>
                    {label('sourceKind', h.sourceKind)} <span className="muted">#{h.importId}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t('family.desilHint')}</p>
        </>
      )}
    </section>
  );
}

function MembersSection({
  family: f,
  numbered,
  revealed,
  onReveal,
  onStatus,
  onSources,
}: {
  family: FamilyDetail;
  numbered: NumberedSources;
  revealed: Record<string, string | null>;
  onReveal: (r: Reveal) => void;
  onStatus: (p: PersonView) => void;
  onSources: (p: PersonView) => void;
}) {
  const { t, locale } = useI18n();
  const { label, format, fieldLabel } = useCodes();
  const today = todayIso();
  return (
    <section className="card table-card" aria-labelledby="family-members">
      <h2 id="family-members">{t('family.members', { n: f.members.length })}</h2>
      <div className="table-wrap">
        <table className="members-table stack-phone">
          <caption className="sr-only">{t('family.membersCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('regField.nik')}</th>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('family.sexShort')}</th>
              <th scope="col">{t('family.age')}</th>
              <th scope="col">{t('family.relationshipShort')}</th>
              <th scope="col">{t('regField.motherName')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('family.source')}</th>
              <th scope="col" className="cell-actions">
                {t('common.actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.members.map((m) => {
              const age = ageOn(m.birthDate, today);
              return (
                <tr key={m.id} className={m.status === 'present' ? '' : 'row-inactive'}>
                  <td data-label={t('regField.nik')}>
                    <MaskedValue
                      masked={m.nikMasked}
                      revealed={revealed[`nik:${m.id}`]}
                      onReveal={() => onReveal({ kind: 'nik', person: m })}
                      revealLabel={t('reveal.showNikOf', { name: m.name })}
                      nowrap
                    />
                  </td>
                  <th scope="row" className="cell-name" data-label={t('common.name')}>
                    {m.name}
                    {m.birthPlace ? <span className="cell-sub">{t('family.bornIn', { place: m.birthPlace })}</span> : null}
                  </th>
                  <td data-label={t('family.sexShort')}>{m.sex ? label('sex', m.sex) : '—'}</td>
                  <td className="nowrap" data-label={t('family.age')}>
                    {age === null ? '—' : t('family.years', { n: age })}
                    {m.birthDate ? <span className="cell-sub">{formatDate(m.birthDate, locale)}</span> : null}
                  </td>
                  <td data-label={t('family.relationshipShort')}>{m.relationship ? label('relationship', m.relationship) : '—'}</td>
                  <td data-label={t('regField.motherName')}>
                    <MaskedValue
                      masked={m.motherNameMasked}
                      revealed={revealed[`motherName:${m.id}`]}
                      onReveal={() => onReveal({ kind: 'motherName', person: m })}
                      revealLabel={t('reveal.showMotherOf', { name: m.name })}
                      mono={false}
                    />
                  </td>
                  <td data-label={t('common.status')}>
                    <span className="badges">
                      <PersonStatusBadge status={m.status} />
                      {m.reviewReason ? <ReviewBadge reason={m.reviewReason} /> : null}
                    </span>
                    {m.statusDate ? <span className="cell-sub">{formatDate(m.statusDate, locale)}</span> : null}
                  </td>
                  <td data-label={t('family.source')}>
                    <span className="refs">
                      {footnotesOf(m.sources, numbered).map((n) => (
                        <SourceRef key={n} n={n} source={numbered.list[n - 1]} />
                      ))}
                      <button
                        type="button"
                        className="info-button"
                        onClick={() => onSources(m)}
                        aria-label={t('family.sourcesOf', { name: m.name })}
                        title={t('family.sourcesOf', { name: m.name })}
                      >
                        <span aria-hidden="true">ⓘ</span>
                      </button>
                    </span>
                  </td>
                  <td className="cell-actions" data-label={t('common.actions')}>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => onStatus(m)}
                      aria-label={t('family.changeStatusOf', { name: m.name })}
                    >
                      {t('family.changeStatusShort')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h3 id="family-members-social">{t('family.membersSocial')}</h3>
      <div className="table-wrap">
        <table className="members-table stack-phone" aria-labelledby="family-members-social">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{fieldLabel('education')}</th>
              <th scope="col">{fieldLabel('schoolParticipation')}</th>
              <th scope="col">{fieldLabel('workStatus')}</th>
              <th scope="col">{fieldLabel('disabilities')}</th>
              <th scope="col">{fieldLabel('chronicIllness')}</th>
              <th scope="col">{fieldLabel('jkn')}</th>
              <th scope="col">{fieldLabel('nutritionStatus')}</th>
              <th scope="col">{fieldLabel('personPrograms')}</th>
            </tr>
          </thead>
          <tbody>
            {f.members.map((m) => (
              <tr key={m.id} className={m.status === 'present' ? '' : 'row-inactive'}>
                <th scope="row" className="cell-name" data-label={t('common.name')}>
                  {m.name}
                </th>
                {(
                  [
                    'education',
                    'schoolParticipation',
                    'workStatus',
                    'disabilities',
                    'chronicIllness',
                    'jkn',
                    'nutritionStatus',
                    'personPrograms',
                  ] as const
                ).map((field) => (
                  <td key={field} data-label={fieldLabel(field)}>
                    {format(field, m[field])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function HousingSection({ family: f, numbered }: { family: FamilyDetail; numbered: NumberedSources }) {
  const { t, locale } = useI18n();
  const { fieldLabel, format, label } = useCodes();
  const groups = FAMILY_FIELD_GROUPS.filter((g) => g.key !== 'location');
  return (
    <section className="card table-card" aria-labelledby="family-housing">
      <h2 id="family-housing">{t('family.housing')}</h2>
      <div className="table-wrap">
        <table className="housing-table">
          <caption className="sr-only">{t('family.housing')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('family.field')}</th>
              <th scope="col">{t('family.value')}</th>
              <th scope="col">{t('family.sourceData')}</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.key}>
              <tr className="group-row">
                <th scope="colgroup" colSpan={3}>
                  {t(`family.group.${g.key}`)}
                </th>
              </tr>
              {g.fields.map((field) => {
                const src = f.sources[field];
                const value = f.fields[field];
                return (
                  <tr key={field}>
                    <th scope="row">{fieldLabel(field)}</th>
                    <td className={valueTone(field, value)}>{format(field, value)}</td>
                    <td className="source-cell">
                      {src ? (
                        <>
                          <SourceRef n={refOf(src, numbered)} source={src} />{' '}
                          <span className="source-text">
                            {label('sourceKind', src.sourceKind)} · {formatDate(src.period, locale)}
                          </span>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

/** Values that usually mean a need (earth floor, no own toilet, unsafe water…) are highlighted. */
const NEEDS: Readonly<Record<string, readonly string[]>> = {
  floorType: ['earth', 'bamboo'],
  wallType: ['woven_bamboo', 'bamboo', 'wood_log'],
  wallCondition: ['poor'],
  roofType: ['thatch', 'bamboo'],
  roofCondition: ['poor'],
  drinkingWater: ['unprotected_well', 'unprotected_spring', 'surface', 'rain'],
  toilet: ['public', 'communal', 'none', 'shared'],
  sewage: ['water_body', 'open_ground', 'pit'],
  lighting: ['pln_unmetered', 'non_pln', 'none'],
  cookingFuel: ['wood', 'charcoal', 'kerosene'],
};

function valueTone(field: string, value: unknown): string {
  return typeof value === 'string' && NEEDS[field]?.includes(value) ? 'value-need' : '';
}

function ProgramsSection({ family: f, numbered }: { family: FamilyDetail; numbered: NumberedSources }) {
  const { t } = useI18n();
  const { label } = useCodes();
  const familyPrograms = (f.fields.familyPrograms as string[] | null) ?? [];
  const byProgram = new Map<string, { family: boolean; persons: PersonView[] }>();
  for (const p of familyPrograms) byProgram.set(p, { family: true, persons: [] });
  for (const m of f.members) {
    for (const p of m.personPrograms ?? []) {
      const entry = byProgram.get(p) ?? { family: false, persons: [] };
      entry.persons.push(m);
      byProgram.set(p, entry);
    }
  }
  const rows = [...byProgram.entries()];
  return (
    <section className="card" aria-labelledby="family-programs">
      <h2 id="family-programs">{t('family.programs')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('family.noPrograms')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('family.programs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('family.program')}</th>
                <th scope="col">{t('family.recipient')}</th>
                <th scope="col">{t('family.source')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([code, r]) => (
                <tr key={code}>
                  <th scope="row">{label('program', code)}</th>
                  <td>{[r.family ? t('family.recipientFamily') : null, ...r.persons.map((p) => p.name)].filter(Boolean).join(', ')}</td>
                  <td>
                    <span className="refs">
                      {programSources(r.family ? f.sources.familyPrograms : undefined, r.persons, numbered).map((src) => (
                        <SourceRef key={src.importId} n={refOf(src, numbered)} source={src} />
                      ))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">{t('family.programsHint')}</p>
    </section>
  );
}

/** The distinct imports behind one programme's receipts, in footnote order. */
function programSources(family: ValueSource | undefined, persons: PersonView[], numbered: NumberedSources): ValueSource[] {
  const byId = new Map<number, ValueSource>();
  for (const s of [family, ...persons.map((p) => p.sources.personPrograms)]) if (s) byId.set(s.importId, s);
  return [...byId.values()].sort((a, b) => (refOf(a, numbered) ?? 0) - (refOf(b, numbered) ?? 0));
}

function SnapshotsSection({ family: f }: { family: FamilyDetail }) {
  const { t, locale } = useI18n();
  const { label } = useCodes();
  return (
    <section className="card" aria-labelledby="family-snapshots">
      <h2 id="family-snapshots">{t('family.snapshots')}</h2>
      <p className="muted small">{t('family.snapshotsHelp')}</p>
      {f.snapshots.length === 0 ? (
        <p className="muted">{t('family.noSnapshots')}</p>
      ) : (
        <ul className="plain-list">
          {[...f.snapshots].reverse().map((s) => (
            <li key={s.id}>
              <Link to={`/keluarga/${f.id}/snapshot/${s.id}`}>{t('family.snapshotOf', { date: formatDate(s.period, locale) })}</Link>{' '}
              <span className="muted">
                · {label('sourceKind', s.sourceKind)} · {t('family.sourceImport', { id: s.importId })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PersonSourcesDialog({ person: p, onClose }: { person: PersonView; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { fieldLabel, format, label } = useCodes();
  const value = (field: string): unknown => {
    if (field === 'nik') return p.nikMasked;
    if (field === 'motherName') return p.motherNameMasked;
    return (p as unknown as Record<string, unknown>)[field];
  };
  return (
    <Dialog title={t('family.sourcesOf', { name: p.name })} onClose={onClose} wide>
      <div className="table-wrap">
        <table className="compact-table">
          <thead>
            <tr>
              <th scope="col">{t('family.field')}</th>
              <th scope="col">{t('family.value')}</th>
              <th scope="col">{t('family.sourceData')}</th>
            </tr>
          </thead>
          <tbody>
            {PERSON_FIELDS.map((field) => {
              const src = p.sources[field];
              return (
                <tr key={field}>
                  <th scope="row">{fieldLabel(field)}</th>
                  <td>{format(field, value(field))}</td>
                  <td className="source-cell">{src ? sourceText(src, label, locale) : <span className="muted">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('family.sourcesDialogHint')}</p>
    </Dialog>
  );
}

function StatusDialog({
  target,
  familyId,
  familyName,
  onClose,
  onSaved,
}: {
  target: StatusFor;
  familyId: number;
  familyName: string;
  onClose: () => void;
  onSaved: (f: FamilyDetail) => void;
}) {
  const { t } = useI18n();
  const { label } = useCodes();
  const isFamily = target.kind === 'family';
  const current = isFamily ? undefined : target.person.status;
  const form = useForm({ status: current ?? '', date: todayIso(), reason: '' });
  const options = isFamily ? FamilyStatusSchema.options : PersonStatusSchema.options;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (target.kind === 'family') {
      await form.submit(FamilyStatusInputSchema, form.values, async (data) => onSaved(await api.setFamilyStatus(familyId, data)));
    } else {
      await form.submit(PersonStatusInputSchema, form.values, async (data) => onSaved(await api.setPersonStatus(target.person.id, data)));
    }
  }
  return (
    <Dialog
      title={isFamily ? t('family.statusTitle', { name: familyName }) : t('family.personStatusTitle', { name: target.person.name })}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate>
        <p>{isFamily ? t('family.statusIntro') : t('family.personStatusIntro')}</p>
        <SelectField
          label={t('family.newStatus')}
          value={form.values.status}
          onChange={(e) => form.set('status', e.target.value)}
          error={form.errors.status}
          required
        >
          <option value="">{t('common.choose')}</option>
          {options.map((s) => (
            <option key={s} value={s}>
              {label(isFamily ? 'familyStatus' : 'personStatus', s)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('family.statusDate')}
          type="date"
          value={form.values.date}
          max={todayIso()}
          onChange={(e) => form.set('date', e.target.value)}
          error={form.errors.date}
          required
        />
        <TextAreaField
          label={t('common.reason')}
          rows={3}
          value={form.values.reason}
          onChange={(e) => form.set('reason', e.target.value)}
          error={form.errors.reason}
          hint={t('common.reasonHint')}
          required
        />
        <ErrorAlert error={form.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('family.saveStatus')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
