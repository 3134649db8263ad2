import { EndPairingSchema, type MentorRole, type Pairing, PairingProfilePatchSchema, type WorkspaceSummary } from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import { workspaceApi } from '../api/workspace.ts';
import { isAdmin, useMe } from '../auth/session.tsx';
import { Dialog } from '../components/dialog.tsx';
import { Badge, ErrorAlert, LoadFailure, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { TextAreaField, TextField } from '../components/fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate, formatDateTime, latestDate, todayIso } from '../lib/format.ts';
import { useForm } from '../lib/use-form.ts';
import { useLoad } from '../lib/use-load.ts';
import { blankToNull } from '../lib/validate.ts';
import { loadCandidates, MentorPicker } from './pair-dialog.tsx';
import { AssessmentTab } from './workspace/assessment.tab.tsx';
import { DeliveryTab } from './workspace/delivery.tab.tsx';
import { EvaluationTab } from './workspace/evaluation.tab.tsx';
import { PlanTab } from './workspace/plan.tab.tsx';
import { ReportsTab } from './workspace/reports.tab.tsx';
import { SupervisionTab } from './workspace/supervision.tab.tsx';
import { IndicatorStrip, WorkspaceNav } from './workspace/workspace-nav.tsx';
import { type TabKey, type TabProps, tabOf } from './workspace/workspace-tabs.ts';

export function PairingPage() {
  const { t } = useI18n();
  const params = useParams();
  const id = Number(params.id);
  const tab = tabOf(params.tab);
  const pairing = useLoad(() => api.pairing(id), [id]);
  const ws = useLoad(() => workspaceApi.summary(id), [id]);
  if (pairing.error) {
    return (
      <>
        <PageHeader title={t('pairing.title')} />
        <LoadFailure error={pairing.error} notFoundTitle={t('pairing.notFound')} />
        <p>
          <Link to="/">{t('common.backHome')}</Link>
        </p>
      </>
    );
  }
  if (!pairing.data) return <Loading />;
  if (tab === 'summary') return <PairingView pairing={pairing.data} onChange={pairing.setData} ws={ws.data ?? null} />;
  const p = pairing.data;
  return (
    <>
      <PageHeader
        title={t('pairing.heading', { name: p.villageName })}
        subtitle={`${p.opdName} · ${t('pairing.yearLabel', { year: p.year })}`}
      />
      <WorkspaceNav pairingId={p.id} />
      {ws.error ? <LoadFailure error={ws.error} notFoundTitle={t('pairing.notFound')} /> : null}
      {ws.data ? (
        <>
          {!ws.data.access.author && !ws.data.access.review && !ws.data.access.supervise ? (
            <Notice kind="info">{t('workspace.readOnly')}</Notice>
          ) : null}
          <WorkspaceTab tab={tab} props={{ pairing: p, ws: ws.data, refresh: ws.reload }} />
        </>
      ) : ws.error ? null : (
        <Loading />
      )}
    </>
  );
}

function WorkspaceTab({ tab, props }: { tab: Exclude<TabKey, 'summary'>; props: TabProps }) {
  switch (tab) {
    case 'assessment':
      return <AssessmentTab {...props} />;
    case 'plan':
      return <PlanTab {...props} />;
    case 'delivery':
      return <DeliveryTab {...props} />;
    case 'reports':
      return <ReportsTab {...props} />;
    case 'supervision':
      return <SupervisionTab {...props} />;
    case 'evaluation':
      return <EvaluationTab {...props} />;
  }
}

type Open = 'end' | 'mentors' | null;

function PairingView({ pairing: p, onChange, ws }: { pairing: Pairing; onChange: (p: Pairing) => void; ws: WorkspaceSummary | null }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const admin = isAdmin(me.user.role);
  const canEditProfile = p.status === 'active' && (admin || me.user.role === 'mentor' || me.user.role === 'operator');
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const ended = p.status === 'ended';

  return (
    <>
      <PageHeader
        title={t('pairing.heading', { name: p.villageName })}
        subtitle={`${p.opdName} · ${t('pairing.yearLabel', { year: p.year })}`}
        actions={
          admin && !ended ? (
            <>
              <button type="button" className="button" onClick={() => setOpen('mentors')}>
                {t('pairing.editMentors')}
              </button>
              <button type="button" className="button button-danger-outline" onClick={() => setOpen('end')}>
                {t('pairing.end')}
              </button>
            </>
          ) : null
        }
      />
      <WorkspaceNav pairingId={p.id} />
      {done ? <Notice kind="success">{done}</Notice> : null}
      {ended ? (
        <Notice kind="warning">
          <strong>{t('pairing.endedOn', { date: formatDate(p.endedOn, locale) })}</strong> {t('pairing.endReasonLabel')}:{' '}
          {p.endReason ?? '—'}
        </Notice>
      ) : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="pairing-facts">
          <h2 id="pairing-facts">{t('pairing.facts')}</h2>
          <dl className="facts facts-grid">
            <div>
              <dt>{t('common.opd')}</dt>
              <dd>{p.opdName}</dd>
            </div>
            <div>
              <dt>{t('common.kelurahan')}</dt>
              <dd>
                <Link to={`/wilayah/${p.villageCode}`}>{p.villageName}</Link> <span className="code">{p.villageCode}</span>
              </dd>
            </div>
            <div>
              <dt>{t('common.kecamatan')}</dt>
              <dd>{p.districtName}</dd>
            </div>
            <div>
              <dt>{t('common.year')}</dt>
              <dd>{p.year}</dd>
            </div>
            <div>
              <dt>{t('pair.decreeNumber')}</dt>
              <dd>{p.decreeNumber}</dd>
            </div>
            <div>
              <dt>{t('pair.decreeDate')}</dt>
              <dd>{formatDate(p.decreeDate, locale)}</dd>
            </div>
            <div>
              <dt>{t('pairing.continuation')}</dt>
              <dd>{p.continuation ? t('common.yes') : t('common.no')}</dd>
            </div>
            <div>
              <dt>{t('common.status')}</dt>
              <dd>
                {ended ? <Badge tone="muted">{t('pairingStatus.ended')}</Badge> : <Badge tone="ok">{t('pairingStatus.active')}</Badge>}
              </dd>
            </div>
            {ended ? (
              <>
                <div>
                  <dt>{t('pairing.endDate')}</dt>
                  <dd>{formatDate(p.endedOn, locale)}</dd>
                </div>
                <div>
                  <dt>{t('pairing.endReasonLabel')}</dt>
                  <dd>{p.endReason ?? '—'}</dd>
                </div>
              </>
            ) : null}
            <div>
              <dt>{t('pairing.recordedAt')}</dt>
              <dd>{formatDateTime(p.createdAt, locale)}</dd>
            </div>
          </dl>
        </section>
        <section className="card" aria-labelledby="pairing-mentors">
          <h2 id="pairing-mentors">{t('pairing.mentors')}</h2>
          {p.mentors.length === 0 ? (
            <p className="muted">{t('pairing.noMentors')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('common.name')}</th>
                    <th scope="col">{t('pairing.mentorRole')}</th>
                    <th scope="col">{t('users.nip')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.mentors.map((m) => (
                    <tr key={m.userId}>
                      <td>{m.fullName}</td>
                      <td>{t(`mentorRole.${m.role}`)}</td>
                      <td className="mono">{m.nip ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
      {ws ? <IndicatorStrip ws={ws} /> : null}
      <ProfileSection
        pairing={p}
        canEdit={canEditProfile}
        onSaved={(next) => {
          onChange(next);
          setDone(t('pairing.profileSaved'));
        }}
      />
      {open === 'end' ? (
        <EndDialog
          pairing={p}
          onClose={() => setOpen(null)}
          onEnded={(next) => {
            setOpen(null);
            onChange(next);
            setDone(t('pairing.endedDone'));
          }}
        />
      ) : null}
      {open === 'mentors' ? (
        <MentorsDialog
          pairing={p}
          onClose={() => setOpen(null)}
          onSaved={(next) => {
            setOpen(null);
            onChange(next);
            setDone(t('pairing.mentorsSaved'));
          }}
        />
      ) : null}
    </>
  );
}

function ProfileSection({ pairing: p, canEdit, onSaved }: { pairing: Pairing; canEdit: boolean; onSaved: (p: Pairing) => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const form = useForm({ lurahName: p.lurahName ?? '', lurahPhone: p.lurahPhone ?? '', notes: p.notes ?? '' });
  const v = form.values;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { lurahName: blankToNull(v.lurahName), lurahPhone: blankToNull(v.lurahPhone), notes: blankToNull(v.notes) };
    const ok = await form.submit(PairingProfilePatchSchema, input, async (data) => onSaved(await api.updatePairingProfile(p.id, data)));
    if (ok) setEditing(false);
  }

  return (
    <section className="card" aria-labelledby="pairing-profile">
      <div className="card-head">
        <h2 id="pairing-profile">{t('pairing.profile')}</h2>
        {canEdit && !editing ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              form.setValues({ lurahName: p.lurahName ?? '', lurahPhone: p.lurahPhone ?? '', notes: p.notes ?? '' });
              setEditing(true);
            }}
          >
            {t('pairing.editProfile')}
          </button>
        ) : null}
      </div>
      {editing ? (
        <form onSubmit={submit} noValidate className="form-grid">
          <TextField
            label={t('pairing.lurahName')}
            value={v.lurahName}
            onChange={(e) => form.set('lurahName', e.target.value)}
            error={form.errors.lurahName}
          />
          <TextField
            label={t('pairing.lurahPhone')}
            type="tel"
            value={v.lurahPhone}
            onChange={(e) => form.set('lurahPhone', e.target.value)}
            error={form.errors.lurahPhone}
          />
          <TextAreaField
            className="span-2"
            label={t('pairing.notes')}
            rows={5}
            value={v.notes}
            onChange={(e) => form.set('notes', e.target.value)}
            error={form.errors.notes}
          />
          <div className="span-2">
            <ErrorAlert error={form.error} />
          </div>
          <div className="form-actions span-2">
            <button type="button" className="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={form.busy}>
              {t('pairing.saveProfile')}
            </button>
          </div>
        </form>
      ) : (
        <dl className="facts facts-grid">
          <div>
            <dt>{t('pairing.lurahName')}</dt>
            <dd>{p.lurahName ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('pairing.lurahPhone')}</dt>
            <dd>{p.lurahPhone ? <a href={`tel:${p.lurahPhone.replace(/[^+0-9]/g, '')}`}>{p.lurahPhone}</a> : '—'}</dd>
          </div>
          <div className="span-2">
            <dt>{t('pairing.notes')}</dt>
            <dd className="prewrap">{p.notes ?? '—'}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function EndDialog({ pairing: p, onClose, onEnded }: { pairing: Pairing; onClose: () => void; onEnded: (p: Pairing) => void }) {
  const { t } = useI18n();
  // The server refuses an end before the SK date; ISO dates compare as strings.
  const form = useForm({ endedOn: latestDate(todayIso(), p.decreeDate), reason: '' });
  async function submit(e: FormEvent) {
    e.preventDefault();
    await form.submit(EndPairingSchema, form.values, async (data) => onEnded(await api.endPairing(p.id, data)));
  }
  return (
    <Dialog title={t('pairing.endTitle', { name: p.villageName })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t('pairing.endIntro', { opd: p.opdName })}</p>
        <TextField
          label={t('pairing.endDate')}
          type="date"
          value={form.values.endedOn}
          onChange={(e) => form.set('endedOn', e.target.value)}
          error={form.errors.endedOn}
          required
        />
        <TextAreaField
          label={t('pairing.endReasonLabel')}
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
          <button type="submit" className="button button-danger" disabled={form.busy}>
            {t('pairing.endSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function MentorsDialog({ pairing: p, onClose, onSaved }: { pairing: Pairing; onClose: () => void; onSaved: (p: Pairing) => void }) {
  const { t } = useI18n();
  const candidates = useLoad(() => loadCandidates(p.opdId, p.villageCode), [p.opdId, p.villageCode]);
  const [picks, setPicks] = useState<Record<number, MentorRole | ''>>(() => Object.fromEntries(p.mentors.map((m) => [m.userId, m.role])));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const shown = new Set([...(candidates.data?.mentors ?? []), ...(candidates.data?.operators ?? [])].map((u) => u.id));
  // Named mentors who are no longer candidates (moved OPD, deactivated) stay unless removed here.
  const others = p.mentors.filter((m) => !shown.has(m.userId));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const mentors = Object.entries(picks).flatMap(([userId, role]) => (role ? [{ userId: Number(userId), role }] : []));
      onSaved(await api.setPairingMentors(p.id, mentors));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('pairing.mentorsTitle', { name: p.villageName })} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        {candidates.loading ? <Loading /> : null}
        <ErrorAlert error={candidates.error} />
        {candidates.data ? (
          <MentorPicker
            mentors={candidates.data.mentors}
            operators={candidates.data.operators}
            villageName={p.villageName}
            picks={picks}
            onChange={setPicks}
          />
        ) : null}
        {others.length > 0 && candidates.data ? (
          <ul className="plain-list">
            {others.map((m) => (
              <li key={m.userId}>
                <label className="inline-check">
                  <input
                    type="checkbox"
                    checked={!!picks[m.userId]}
                    onChange={(e) => setPicks({ ...picks, [m.userId]: e.target.checked ? m.role : '' })}
                  />{' '}
                  {t('pairing.keepMentor', { name: m.fullName, role: t(`mentorRole.${m.role}`) })}
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        <ErrorAlert error={error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('pairing.saveMentors')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
