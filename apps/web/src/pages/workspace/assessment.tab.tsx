import {
  EconomyKindSchema,
  FundingSourceSchema,
  type LowWelfarePage,
  type Problem,
  ProblemCategorySchema,
  ProblemInputSchema,
  ProblemPatchSchema,
  SeveritySchema,
  type VerificationStatus,
  VerificationStatusSchema,
  type VillageProfile,
  VillageProfileDataSchema,
} from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { assessmentApi } from '../../api/workspace-assessment.ts';
import { OptionSelect } from '../../components/choice-fields.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Badge, ErrorAlert, Loading, Notice } from '../../components/feedback.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { ReasonDialog } from '../../components/reason-dialog.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.id.ts';
import { fromDraft, groupProblems, type ProfileDraft, rwLabel, toDraft, verifiedShare } from '../../lib/assessment-profile.ts';
import { formatDate, formatDateTime, formatNumber, formatRupiah } from '../../lib/format.ts';
import { patchRow, removeRow } from '../../lib/list-rows.ts';
import { useAction } from '../../lib/use-action.ts';
import { useForm } from '../../lib/use-form.ts';
import { useLoad } from '../../lib/use-load.ts';
import { blankToNull } from '../../lib/validate.ts';
import type { TabProps } from './workspace-tabs.ts';

const A = 'workspace.assessment';
type Key = MessageKey;
const k = (s: string) => `${A}.${s}` as Key;

/** Asesmen: profil potensi (Form 1), masalah & potensi, usulan dari registri, verifikasi keluarga (Form 2). */
export function AssessmentTab(props: TabProps) {
  return (
    <>
      <ProfileSection {...props} />
      <ProblemsSection {...props} />
      <Form2Section {...props} />
    </>
  );
}

// ---- Form 1 ---------------------------------------------------------------------------------------

const FLAGS = ['roadsPoor', 'drainagePoor', 'noSewerage', 'noWasteCollection', 'limitedCleanWater'] as const;
const INSTITUTIONS = ['lpm', 'bkm', 'pkk', 'karangTaruna'] as const;

function ProfileSection({ pairing, ws }: TabProps) {
  const { t, locale } = useI18n();
  const profile = useLoad(() => assessmentApi.profile(pairing.id), [pairing.id]);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const p = profile.data;
  return (
    <section className="card" aria-labelledby="as-profile">
      <div className="card-head">
        <h2 id="as-profile">{t(k('profile.title'))}</h2>
        {ws.access.author && p ? (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {t(p.saved ? k('profile.edit') : k('profile.fill'))}
          </button>
        ) : null}
      </div>
      <ErrorAlert error={profile.error} />
      {saved ? <Notice kind="success">{t(k('profile.saved'))}</Notice> : null}
      {!p ? profile.loading ? <Loading /> : null : !p.saved ? <p className="muted">{t(k('profile.empty'))}</p> : <ProfileView p={p} />}
      {p?.saved && p.updatedAt ? (
        <p className="muted small">{t(k('profile.updated'), { when: formatDateTime(p.updatedAt, locale), who: p.updatedByName ?? '—' })}</p>
      ) : null}
      {editing && p ? (
        <ProfileDialog
          pairingId={pairing.id}
          profile={p}
          onClose={() => setEditing(false)}
          onSaved={(np) => {
            profile.setData(np);
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : null}
    </section>
  );
}

function ProfileView({ p }: { p: VillageProfile }) {
  const { t, locale } = useI18n();
  const d = p.data;
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  return (
    <div className="grid-2">
      <div>
        <h3>{t(k('economy'))}</h3>
        {d.economy.length === 0 ? (
          <p className="muted">{t(k('economy.none'))}</p>
        ) : (
          <ul className="plain-list">
            {d.economy.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
              <li key={i}>
                <Badge tone="info">{t(k(`economyKind.${e.kind}`))}</Badge> {e.name}
                {e.size ? ` · ${e.size}` : ''}
                {e.note ? <span className="muted"> — {e.note}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <h3>{t(k('institutions'))}</h3>
        <dl className="facts">
          {INSTITUTIONS.map((f) => (
            <div key={f}>
              <dt>{t(k(`inst.${f}`))}</dt>
              <dd>{yes(d.institutions[f])}</dd>
            </div>
          ))}
          <div>
            <dt>{t(k('inst.posyanduCount'))}</dt>
            <dd>{formatNumber(d.institutions.posyanduCount, locale)}</dd>
          </div>
          {d.institutions.others ? (
            <div>
              <dt>{t(k('inst.others'))}</dt>
              <dd>{d.institutions.others}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      <div>
        <h3>{t(k('infrastructure'))}</h3>
        {d.infrastructure.description ? <p className="prewrap">{d.infrastructure.description}</p> : null}
        <ul className="plain-list">
          {FLAGS.filter((f) => d.infrastructure.flags[f]).map((f) => (
            <li key={f}>
              <Badge tone="warn">{t(k(`infra.${f}`))}</Badge>
            </li>
          ))}
        </ul>
        <h3>{t(k('hazards'))}</h3>
        <p>
          {d.hazards.flood ? <Badge tone="warn">{t(k('hazard.flood'))}</Badge> : null}{' '}
          {d.hazards.rob ? <Badge tone="warn">{t(k('hazard.rob'))}</Badge> : null}
          {!d.hazards.flood && !d.hazards.rob ? '—' : null}
        </p>
        {d.hazards.affectedRws.length > 0 ? (
          <p>
            {t(k('hazard.affectedRws'))}: {d.hazards.affectedRws.map((r) => `RW ${rwLabel(r)}`).join(', ')}
          </p>
        ) : null}
        {d.hazards.note ? <p className="prewrap muted">{d.hazards.note}</p> : null}
        <h3>{t(k('funding'))}</h3>
        {d.funding.length === 0 ? (
          <p className="muted">{t(k('funding.none'))}</p>
        ) : (
          <table className="compact-table">
            <tbody>
              {d.funding.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
                <tr key={i}>
                  <td>{t(k(`funding.${f.source}`))}</td>
                  <td className="num">{formatRupiah(f.amount, locale)}</td>
                  <td>{f.year}</td>
                  <td className="muted">{f.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d.notes ? <p className="prewrap">{d.notes}</p> : null}
      </div>
    </div>
  );
}

function ProfileDialog({
  pairingId,
  profile,
  onClose,
  onSaved,
}: {
  pairingId: number;
  profile: VillageProfile;
  onClose: () => void;
  onSaved: (p: VillageProfile) => void;
}) {
  const { t } = useI18n();
  const form = useForm<ProfileDraft>(toDraft(profile.data));
  const d = form.values;
  const [badRws, setBadRws] = useState<string[]>([]);
  const up = (fn: (draft: ProfileDraft) => void) =>
    form.setValues((prev) => {
      const next = structuredClone(prev);
      fn(next);
      return next;
    });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { input, badRws: bad } = fromDraft(d);
    setBadRws(bad);
    if (bad.length > 0) return;
    await form.submit(VillageProfileDataSchema, input, async (data) => onSaved(await assessmentApi.saveProfile(pairingId, data)));
  }
  const err = (path: string) => form.errors[path];
  type Parts = Pick<ProfileDraft, 'institutions' | 'hazards' | 'infrastructure'>;
  const setPart = <P extends keyof Parts>(part: P, patch: Partial<Parts[P]>) =>
    form.setValues((prev) => ({ ...prev, [part]: { ...prev[part], ...patch } }));
  type Lists = Pick<ProfileDraft, 'economy' | 'funding'>;
  const setRow = <L extends keyof Lists>(list: L, i: number, patch: Partial<Lists[L][number]>) =>
    form.setValues((prev) => ({ ...prev, [list]: patchRow<Lists[L][number]>(prev[list], i, patch) }));
  const addRow = <L extends keyof Lists>(list: L, row: Lists[L][number]) =>
    form.setValues((prev) => ({ ...prev, [list]: [...prev[list], row] }));
  const dropRow = (list: keyof Lists, i: number) => form.setValues((prev) => ({ ...prev, [list]: removeRow<object>(prev[list], i) }));

  return (
    <Dialog title={t(k('profile.title'))} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t(k('economy'))}</legend>
          {d.economy.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
            <div className="form-grid" key={i}>
              <OptionSelect
                label={t(k('economy.kind'))}
                value={e.kind}
                onChange={(ev) => setRow('economy', i, { kind: ev.target.value as typeof e.kind })}
                options={EconomyKindSchema.options}
                optionLabel={(o) => t(k(`economyKind.${o}`))}
              />
              <TextField
                label={t(k('economy.name'))}
                value={e.name}
                required
                error={err(`economy.${i}.name`)}
                onChange={(ev) => setRow('economy', i, { name: ev.target.value })}
              />
              <TextField label={t(k('economy.size'))} value={e.size} onChange={(ev) => setRow('economy', i, { size: ev.target.value })} />
              <RowNoteAndRemove note={e.note} onNote={(note) => setRow('economy', i, { note })} onRemove={() => dropRow('economy', i)} />
            </div>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() => addRow('economy', { kind: 'batik', name: '', size: '', note: '' })}
          >
            {t(k('economy.add'))}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t(k('institutions'))}</legend>
          <div className="form-grid">
            {INSTITUTIONS.map((f) => (
              <CheckboxField
                key={f}
                label={t(k(`inst.${f}`))}
                checked={d.institutions[f]}
                onChange={(ev) => setPart('institutions', { [f]: ev.target.checked })}
              />
            ))}
            <TextField
              label={t(k('inst.posyanduCount'))}
              inputMode="numeric"
              value={d.institutions.posyanduCount}
              error={err('institutions.posyanduCount')}
              onChange={(ev) => setPart('institutions', { posyanduCount: ev.target.value })}
            />
            <TextField
              label={t(k('inst.others'))}
              value={d.institutions.others}
              onChange={(ev) => setPart('institutions', { others: ev.target.value })}
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t(k('infrastructure'))}</legend>
          <TextAreaField
            label={t(k('infra.description'))}
            rows={3}
            value={d.infrastructure.description}
            onChange={(ev) => setPart('infrastructure', { description: ev.target.value })}
          />
          <div className="form-grid">
            {FLAGS.map((f) => (
              <CheckboxField
                key={f}
                label={t(k(`infra.${f}`))}
                checked={d.infrastructure.flags[f]}
                onChange={(ev) =>
                  up((x) => {
                    x.infrastructure.flags[f] = ev.target.checked;
                  })
                }
              />
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t(k('hazards'))}</legend>
          <div className="form-grid">
            <CheckboxField
              label={t(k('hazard.flood'))}
              checked={d.hazards.flood}
              onChange={(ev) => setPart('hazards', { flood: ev.target.checked })}
            />
            <CheckboxField
              label={t(k('hazard.rob'))}
              checked={d.hazards.rob}
              onChange={(ev) => setPart('hazards', { rob: ev.target.checked })}
            />
            <TextField
              label={t(k('hazard.affectedRws'))}
              hint={t(k('hazard.affectedRwsHint'))}
              value={d.hazards.affectedRws}
              error={badRws.length > 0 ? t(k('hazard.badRws'), { list: badRws.join(', ') }) : err('hazards.affectedRws')}
              onChange={(ev) => setPart('hazards', { affectedRws: ev.target.value })}
            />
            <TextField label={t(k('note'))} value={d.hazards.note} onChange={(ev) => setPart('hazards', { note: ev.target.value })} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t(k('funding'))}</legend>
          {d.funding.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
            <div className="form-grid" key={i}>
              <OptionSelect
                label={t(k('funding.source'))}
                value={f.source}
                error={err(`funding.${i}.source`)}
                onChange={(ev) => setRow('funding', i, { source: ev.target.value as typeof f.source })}
                options={FundingSourceSchema.options}
                optionLabel={(o) => t(k(`funding.${o}`))}
              />
              <TextField
                label={t(k('funding.amount'))}
                inputMode="numeric"
                value={f.amount}
                error={err(`funding.${i}.amount`)}
                onChange={(ev) => setRow('funding', i, { amount: ev.target.value })}
              />
              <TextField
                label={t('common.year')}
                inputMode="numeric"
                value={f.year}
                error={err(`funding.${i}.year`)}
                onChange={(ev) => setRow('funding', i, { year: ev.target.value })}
              />
              <RowNoteAndRemove note={f.note} onNote={(note) => setRow('funding', i, { note })} onRemove={() => dropRow('funding', i)} />
            </div>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() => addRow('funding', { source: 'dana_kelurahan', amount: '', year: '', note: '' })}
          >
            {t(k('funding.add'))}
          </button>
        </fieldset>

        <TextAreaField label={t(k('profile.notes'))} rows={3} value={d.notes} onChange={(ev) => form.set('notes', ev.target.value)} />
        <ErrorAlert error={form.error} />
        <FormActions onCancel={onClose} busy={form.busy} />
      </form>
    </Dialog>
  );
}

/** The note field and the remove button that end an economy or a funding row. */
function RowNoteAndRemove({ note, onNote, onRemove }: { note: string; onNote: (note: string) => void; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <TextField label={t(k('note'))} value={note} onChange={(ev) => onNote(ev.target.value)} />
      <div className="form-actions span-2">
        <button type="button" className="button button-small button-danger-outline" onClick={onRemove}>
          {t(k('remove'))}
        </button>
      </div>
    </>
  );
}

// ---- problems and potentials ---------------------------------------------------------------------

function ProblemsSection({ pairing, ws, refresh }: TabProps) {
  const { t, locale } = useI18n();
  const list = useLoad(() => assessmentApi.problems(pairing.id), [pairing.id]);
  const [editing, setEditing] = useState<Problem | 'new' | null>(null);
  const [dismissing, setDismissing] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run: runAction } = useAction();
  const author = ws.access.author;
  const groups = groupProblems(list.data?.items ?? []);

  async function run(action: () => Promise<void>) {
    setNotice(null);
    await runAction(async () => {
      await action();
      list.reload();
      refresh();
    });
  }

  const propose = () =>
    run(async () => {
      const r = await assessmentApi.propose(pairing.id);
      setNotice(t(k('problems.proposeDone'), { created: r.created.length, skipped: r.skipped }));
    });

  const baseline = (p: Problem) =>
    p.baselineValue !== null
      ? t(k('problems.baseline'), { value: formatNumber(p.baselineValue, locale), date: formatDate(p.baselineDate, locale) })
      : null;
  const where = (p: Problem) =>
    [p.rw ? `RW ${rwLabel(p.rw)}` : null, p.rt ? `RT ${rwLabel(p.rt)}` : null].filter(Boolean).join(' · ') || '—';

  return (
    <section className="card" aria-labelledby="as-problems">
      <div className="card-head">
        <h2 id="as-problems">{t(k('problems.title'))}</h2>
        {author ? (
          <div className="row-actions">
            <button type="button" className="button" onClick={propose} disabled={busy}>
              {t(k('problems.propose'))}
            </button>
            <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
              {t(k('problems.add'))}
            </button>
          </div>
        ) : null}
      </div>
      <ErrorAlert error={list.error ?? error} />
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t(k('problems.none'))}</p> : null}

      {groups.proposed.length > 0 ? (
        <>
          <h3>{t(k('problems.proposed'), { count: groups.proposed.length })}</h3>
          <div className="table-wrap">
            <table className="compact-table">
              <thead>
                <tr>
                  <th>{t(k('field.title'))}</th>
                  <th>{t(k('field.category'))}</th>
                  <th>{t(k('field.families'))}</th>
                  {author ? <th>{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {groups.proposed.map((p) => (
                  <tr key={p.id}>
                    <td className="cell-name">
                      {p.title}
                      <div className="cell-sub muted small">{baseline(p)}</div>
                    </td>
                    <td>{t(k(`category.${p.category}`))}</td>
                    <td className="num">{formatNumber(p.familyIds.length, locale)}</td>
                    {author ? (
                      <td className="cell-actions">
                        <button
                          type="button"
                          className="button button-small button-primary"
                          disabled={busy}
                          onClick={() => run(async () => void (await assessmentApi.accept(pairing.id, p.id)))}
                        >
                          {t(k('problems.accept'))}
                        </button>
                        <button
                          type="button"
                          className="button button-small button-danger-outline"
                          disabled={busy}
                          onClick={() => setDismissing(p)}
                        >
                          {t(k('problems.dismiss'))}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {groups.accepted.length > 0 ? (
        <>
          <h3>{t(k('problems.accepted'), { count: groups.accepted.length })}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t(k('field.title'))}</th>
                  <th>{t(k('field.category'))}</th>
                  <th>{t(k('field.severity'))}</th>
                  <th>{t(k('problems.where'))}</th>
                  <th>{t(k('field.families'))}</th>
                  {author ? <th>{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {groups.accepted.map((p) => (
                  <tr key={p.id}>
                    <td className="cell-name">
                      <Badge tone={p.kind === 'potential' ? 'ok' : 'warn'}>{t(k(`kind.${p.kind}`))}</Badge> {p.title}
                      <div className="cell-sub muted small">
                        {t(k(`origin.${p.origin}`))}
                        {baseline(p) ? ` · ${baseline(p)}` : ''}
                      </div>
                    </td>
                    <td>{t(k(`category.${p.category}`))}</td>
                    <td>
                      <Badge tone={p.severity === 'high' ? 'danger' : p.severity === 'medium' ? 'warn' : 'muted'}>
                        {t(k(`severity.${p.severity}`))}
                      </Badge>
                    </td>
                    <td>{where(p)}</td>
                    <td className="num">{formatNumber(p.familyIds.length, locale)}</td>
                    {author ? (
                      <td className="cell-actions">
                        <button type="button" className="button button-small" onClick={() => setEditing(p)}>
                          {t('common.edit')}
                        </button>
                        <button type="button" className="button button-small button-danger-outline" onClick={() => setDismissing(p)}>
                          {t(k('problems.dismiss'))}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {groups.dismissed.length > 0 ? (
        <details>
          <summary>{t(k('problems.dismissed'), { count: groups.dismissed.length })}</summary>
          <ul className="plain-list">
            {groups.dismissed.map((p) => (
              <li key={p.id}>
                <s>{p.title}</s>{' '}
                <span className="muted small">{t(k('problems.dismissedReason'), { reason: p.dismissedReason ?? '—' })}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {editing ? (
        <ProblemDialog
          pairingId={pairing.id}
          indicators={ws.indicators}
          problem={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
            refresh();
          }}
        />
      ) : null}
      {dismissing ? (
        <ReasonDialog
          title={t(k('problems.dismissTitle'), { title: dismissing.title })}
          intro={t(k('problems.dismissIntro'))}
          submitLabel={t(k('problems.dismiss'))}
          danger
          onClose={() => setDismissing(null)}
          onSubmit={async ({ reason }) => {
            await assessmentApi.dismiss(pairing.id, dismissing.id, reason);
            list.reload();
          }}
        />
      ) : null}
    </section>
  );
}

interface ProblemDraft {
  kind: 'problem' | 'potential';
  category: string;
  title: string;
  description: string;
  evidence: string;
  severity: string;
  rw: string;
  rt: string;
  indicatorKey: string;
  familyIds: number[];
}

function ProblemDialog({
  pairingId,
  indicators,
  problem,
  onClose,
  onSaved,
}: {
  pairingId: number;
  indicators: TabProps['ws']['indicators'];
  problem: Problem | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const form = useForm<ProblemDraft>({
    kind: problem?.kind ?? 'problem',
    category: problem?.category ?? '',
    title: problem?.title ?? '',
    description: problem?.description ?? '',
    evidence: problem?.evidence ?? '',
    severity: problem?.severity ?? 'medium',
    rw: problem?.rw ?? '',
    rt: problem?.rt ?? '',
    indicatorKey: problem?.indicatorKey ?? '',
    familyIds: problem?.familyIds ?? [],
  });
  const v = form.values;
  const rw = /^\d{1,3}$/.test(v.rw.trim()) ? v.rw.trim() : undefined;
  const families = useLoad(() => assessmentApi.lowWelfare(pairingId, { rw, limit: 500 }), [pairingId, rw]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      kind: v.kind,
      category: v.category || undefined,
      title: v.title,
      description: blankToNull(v.description),
      evidence: blankToNull(v.evidence),
      severity: v.severity,
      rw: blankToNull(v.rw),
      rt: blankToNull(v.rt),
      familyIds: v.familyIds,
    };
    if (problem) {
      await form.submit(ProblemPatchSchema, body, async (data) => {
        await assessmentApi.updateProblem(pairingId, problem.id, data);
        onSaved();
      });
    } else {
      await form.submit(ProblemInputSchema, { ...body, indicatorKey: v.indicatorKey || null }, async (data) => {
        await assessmentApi.createProblem(pairingId, data);
        onSaved();
      });
    }
  }

  const toggle = (id: number, on: boolean) => form.set('familyIds', on ? [...v.familyIds, id] : v.familyIds.filter((x) => x !== id));

  return (
    <Dialog title={t(problem ? k('problems.editTitle') : k('problems.newTitle'))} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <SelectField label={t(k('field.kind'))} value={v.kind} onChange={(e) => form.set('kind', e.target.value as ProblemDraft['kind'])}>
            <option value="problem">{t(k('kind.problem'))}</option>
            <option value="potential">{t(k('kind.potential'))}</option>
          </SelectField>
          <OptionSelect
            label={t(k('field.category'))}
            value={v.category}
            required
            error={form.errors.category}
            onChange={(e) => form.set('category', e.target.value)}
            options={ProblemCategorySchema.options}
            optionLabel={(c) => t(k(`category.${c}`))}
            blank={t('common.choose')}
          />
          <TextField
            className="span-2"
            label={t(k('field.title'))}
            value={v.title}
            required
            error={form.errors.title}
            onChange={(e) => form.set('title', e.target.value)}
          />
          <TextAreaField
            className="span-2"
            label={t(k('field.description'))}
            rows={3}
            value={v.description}
            error={form.errors.description}
            onChange={(e) => form.set('description', e.target.value)}
          />
          <TextField
            className="span-2"
            label={t(k('field.evidence'))}
            value={v.evidence}
            error={form.errors.evidence}
            onChange={(e) => form.set('evidence', e.target.value)}
          />
          <OptionSelect
            label={t(k('field.severity'))}
            value={v.severity}
            error={form.errors.severity}
            onChange={(e) => form.set('severity', e.target.value)}
            options={SeveritySchema.options}
            optionLabel={(s) => t(k(`severity.${s}`))}
          />
          <TextField
            label={t(k('field.rw'))}
            inputMode="numeric"
            value={v.rw}
            error={form.errors.rw}
            onChange={(e) => form.set('rw', e.target.value)}
          />
          <TextField
            label={t(k('field.rt'))}
            inputMode="numeric"
            value={v.rt}
            error={form.errors.rt}
            onChange={(e) => form.set('rt', e.target.value)}
          />
          {!problem ? (
            <SelectField
              label={t(k('field.indicator'))}
              hint={t(k('field.indicatorHint'))}
              value={v.indicatorKey}
              error={form.errors.indicatorKey}
              onChange={(e) => form.set('indicatorKey', e.target.value)}
            >
              <option value="">{t(k('field.noIndicator'))}</option>
              {indicators.map((i) => (
                <option key={i.key} value={i.key}>
                  {lang === 'en' ? i.labelEn : i.label}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <fieldset>
          <legend>{t(k('field.families'))}</legend>
          <p className="hint">
            {t(k('field.familiesHint'), { rw: rw ? t(k('field.familiesRw'), { rw: rwLabel(rw) }) : '', count: v.familyIds.length })}
          </p>
          {form.errors.familyIds || Object.keys(form.errors).some((e) => e.startsWith('familyIds.')) ? (
            <p className="field-error">
              {form.errors.familyIds ?? Object.entries(form.errors).find(([e]) => e.startsWith('familyIds.'))?.[1]}
            </p>
          ) : null}
          <ErrorAlert error={families.error} />
          {families.data ? (
            <div className="table-wrap" style={{ maxHeight: '16rem', overflowY: 'auto' }}>
              <table className="compact-table">
                <tbody>
                  {families.data.items.map((f) => (
                    <tr key={f.familyId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={f.headName ?? String(f.familyId)}
                          checked={v.familyIds.includes(f.familyId)}
                          onChange={(e) => toggle(f.familyId, e.target.checked)}
                        />
                      </td>
                      <td>{f.headName ?? `#${f.familyId}`}</td>
                      <td>
                        RT {rwLabel(f.rt)} / RW {rwLabel(f.rw)}
                      </td>
                      <td>desil {f.desil ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <Loading />
          )}
        </fieldset>
        <ErrorAlert error={form.error} />
        <FormActions onCancel={onClose} busy={form.busy} />
      </form>
    </Dialog>
  );
}

// ---- Form 2 ---------------------------------------------------------------------------------------

const PAGE = 50;
type StatusFilter = VerificationStatus | 'unverified' | '';

function Form2Section({ pairing, ws }: TabProps) {
  const { t, locale } = useI18n();
  const [rwDraft, setRwDraft] = useState('');
  const [statusDraft, setStatusDraft] = useState<StatusFilter>('');
  const [applied, setApplied] = useState<{ rw?: string; status?: Exclude<StatusFilter, ''> }>({});
  const [offset, setOffset] = useState(0);
  const [rowError, setRowError] = useState<unknown>(null);
  const page = useLoad(
    () => assessmentApi.lowWelfare(pairing.id, { ...applied, limit: PAGE, offset }),
    [pairing.id, applied.rw, applied.status, offset],
  );
  const data: LowWelfarePage | undefined = page.data;

  function apply(e: FormEvent) {
    e.preventDefault();
    const rw = rwDraft.trim();
    setApplied({ ...(/^\d{1,3}$/.test(rw) ? { rw } : {}), ...(statusDraft ? { status: statusDraft } : {}) });
    setOffset(0);
  }

  async function setStatus(familyId: number, status: VerificationStatus) {
    setRowError(null);
    try {
      await assessmentApi.verify(pairing.id, familyId, { status });
      page.reload();
    } catch (err) {
      setRowError(err);
    }
  }

  const share = data ? verifiedShare(data.counts) : null;
  return (
    <section className="card" aria-labelledby="as-form2">
      <h2 id="as-form2">{t(k('form2.title'))}</h2>
      <p className="muted">{t(k('form2.intro'))}</p>
      {data ? (
        <ul className="stats stats-compact" aria-label={t(k('form2.title'))}>
          <li className="stat">
            <span className="stat-value">{formatNumber(data.counts.total, locale)}</span>
            <span className="stat-label">
              {t(k('form2.total'))}
              {share !== null ? ` · ${t(k('form2.verifiedShare'), { share: `${Math.round(share * 100)} %` })}` : ''}
            </span>
          </li>
          {(['unverified', ...VerificationStatusSchema.options] as const).map((s) => (
            <li key={s} className={`stat ${s === 'needs_help' ? 'stat-warn' : ''}`}>
              <span className="stat-value">{formatNumber(data.counts[s], locale)}</span>
              <span className="stat-label">{t(k(`verification.${s}`))}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {data?.namesHidden ? <Notice kind="info">{t(k('form2.namesHidden'))}</Notice> : null}
      <form className="toolbar" onSubmit={apply} noValidate>
        <TextField label={t(k('form2.filterRw'))} inputMode="numeric" value={rwDraft} onChange={(e) => setRwDraft(e.target.value)} />
        <SelectField
          label={t(k('form2.filterStatus'))}
          value={statusDraft}
          onChange={(e) => setStatusDraft(e.target.value as StatusFilter)}
        >
          <option value="">{t(k('form2.all'))}</option>
          {(['unverified', ...VerificationStatusSchema.options] as const).map((s) => (
            <option key={s} value={s}>
              {t(k(`verification.${s}`))}
            </option>
          ))}
        </SelectField>
        <div className="toolbar-buttons">
          <button type="submit" className="button">
            {t(k('form2.apply'))}
          </button>
        </div>
      </form>
      <ErrorAlert error={page.error ?? rowError} />
      {page.loading && !data ? <Loading /> : null}
      {data ? (
        <div className={`table-wrap ${page.loading ? 'is-loading' : ''}`} aria-busy={page.loading}>
          <table>
            <thead>
              <tr>
                <th>{t(k('form2.head'))}</th>
                <th>{t(k('form2.rtrw'))}</th>
                <th>{t(k('form2.desil'))}</th>
                <th>{t(k('form2.verification'))}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((f) => {
                const name = f.headName ?? `#${f.familyId}`;
                return (
                  <tr key={f.familyId}>
                    <td className="cell-name">
                      {name} {f.synthetic ? <Badge tone="muted">{t(k('form2.synthetic'))}</Badge> : null}
                    </td>
                    <td>
                      {rwLabel(f.rt)} / {rwLabel(f.rw)}
                    </td>
                    <td className="num">{f.desil ?? '—'}</td>
                    <td>
                      {ws.access.author ? (
                        <select
                          aria-label={t(k('form2.setStatus'), { name })}
                          value={f.verification?.status ?? ''}
                          onChange={(e) => void setStatus(f.familyId, e.target.value as VerificationStatus)}
                        >
                          {!f.verification ? <option value="">{t(k('form2.unverified'))}</option> : null}
                          {VerificationStatusSchema.options.map((s) => (
                            <option key={s} value={s}>
                              {t(k(`verification.${s}`))}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <Badge tone={f.verification ? (f.verification.status === 'needs_help' ? 'warn' : 'ok') : 'muted'}>
                          {t(k(`verification.${f.verification?.status ?? 'unverified'}`))}
                        </Badge>
                      )}
                      {f.verification ? (
                        <div className="cell-sub muted small">
                          {f.verification.verifiedByName
                            ? t(k('form2.verifiedOn'), {
                                date: formatDate(f.verification.verifiedOn, locale),
                                who: f.verification.verifiedByName,
                              })
                            : formatDate(f.verification.verifiedOn, locale)}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <nav className="pager" aria-label={t(k('form2.title'))}>
            <span>
              {data.total === 0
                ? t(k('form2.none'))
                : t(k('form2.showing'), {
                    from: data.offset + 1,
                    to: data.offset + data.items.length,
                    total: formatNumber(data.total, locale),
                  })}
            </span>
            <span className="pager-buttons">
              <button
                type="button"
                className="button button-small"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t(k('form2.prev'))}
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={data.offset + data.items.length >= data.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t(k('form2.next'))}
              </button>
            </span>
          </nav>
        </div>
      ) : null}
    </section>
  );
}
