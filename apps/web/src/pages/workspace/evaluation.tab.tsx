import {
  DecisionInputSchema,
  type EvalOutcome,
  EvalOutcomeSchema,
  type Evaluation,
  type EvaluationProblem,
  type Pairing,
  ProblemOutcomeInputSchema,
} from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { evaluationApi } from '../../api/workspace-evaluation.ts';
import { OptionSelect } from '../../components/choice-fields.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Badge, ErrorAlert, Loading, Notice } from '../../components/feedback.tsx';
import { SelectField, TextAreaField } from '../../components/fields.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.id.ts';
import { rwLabel } from '../../lib/assessment-profile.ts';
import { formatDiff, formatShare, indicatorChange, targetProgress } from '../../lib/evaluation-change.ts';
import { fieldBinder } from '../../lib/field-binding.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useAction } from '../../lib/use-action.ts';
import { useForm } from '../../lib/use-form.ts';
import { useLoad } from '../../lib/use-load.ts';
import type { TabProps } from './workspace-tabs.ts';

const k = (s: string) => `workspace.evaluation.${s}` as MessageKey;
const ka = (s: string) => `workspace.assessment.${s}` as MessageKey;

const OUTCOME_TONE: Record<EvalOutcome, 'ok' | 'warn' | 'danger'> = { addressed: 'ok', partly: 'warn', not: 'danger' };

/** Evaluasi Desember: hasil per masalah, perubahan indikator, lanjut atau lulus. */
export function EvaluationTab({ pairing, ws }: TabProps) {
  const { t, locale } = useI18n();
  const ev = useLoad(() => evaluationApi.get(pairing.id), [pairing.id]);
  const [assessing, setAssessing] = useState<EvaluationProblem | null>(null);
  const e = ev.data;
  if (ev.error) return <ErrorAlert error={ev.error} />;
  if (!e) return <Loading />;
  return (
    <>
      <section className="card" aria-labelledby="ev-title">
        <h2 id="ev-title">{t(k('title'), { year: e.year })}</h2>
        {e.beforeDecember ? <Notice kind="info">{t(k('beforeDecember'), { today: formatDate(e.today, locale) })}</Notice> : null}
        {e.problems.length === 0 ? (
          <p className="muted">{t(k('none'))}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t(k('problem'))}</th>
                  <th>{t(k('indicator'))}</th>
                  <th>{t(k('target'))}</th>
                  <th>{t(k('delivery'))}</th>
                  <th>{t(k('outcome'))}</th>
                </tr>
              </thead>
              <tbody>
                {e.problems.map((p) => (
                  <ProblemRow key={p.problemId} p={p} canAssess={ws.access.author} onAssess={() => setAssessing(p)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <DecisionSection e={e} canDecide={ws.access.review} onChange={ev.setData} />
      {ws.access.review ? <CarryOverSection pairing={pairing} /> : null}
      {assessing ? (
        <OutcomeDialog
          pairingId={pairing.id}
          p={assessing}
          onClose={() => setAssessing(null)}
          onSaved={(np) => {
            ev.setData({ ...e, problems: e.problems.map((x) => (x.problemId === np.problemId ? np : x)) });
            setAssessing(null);
          }}
        />
      ) : null}
    </>
  );
}

function ProblemRow({ p, canAssess, onAssess }: { p: EvaluationProblem; canAssess: boolean; onAssess: () => void }) {
  const { t, lang, locale } = useI18n();
  const change = indicatorChange(p.baselineValue, p.nowValue);
  const n = (v: number | null) => formatNumber(v, locale);
  return (
    <tr>
      <td className="cell-name">
        <Badge tone={p.kind === 'potential' ? 'ok' : 'warn'}>{t(ka(`kind.${p.kind}`))}</Badge> {p.title}
        <div className="cell-sub muted small">
          {t(ka(`category.${p.category}`))}
          {p.rw ? ` · RW ${rwLabel(p.rw)}` : ''}
          {p.origin === 'carried_over' ? ` · ${t(ka('origin.carried_over'))}` : ''}
        </div>
      </td>
      <td>
        {p.indicatorKey ? (
          <>
            <div className="small">{lang === 'en' ? p.indicatorLabelEn : p.indicatorLabel}</div>
            <div>
              <span className="num">{n(p.baselineValue)}</span> → <strong className="num">{n(p.nowValue)}</strong>{' '}
              {change.direction !== 'unknown' ? (
                <Badge tone={change.tone}>
                  {formatDiff(change.diff, locale)} {formatShare(change.share, locale)} ·{' '}
                  {t(k(change.direction === 'improved' ? 'improved' : change.direction === 'worse' ? 'worse' : 'same'))}
                </Badge>
              ) : null}
            </div>
            {p.baselineDate ? <div className="muted small">{t(k('baselineOn'), { date: formatDate(p.baselineDate, locale) })}</div> : null}
          </>
        ) : (
          <span className="muted">{t(k('noIndicator'))}</span>
        )}
      </td>
      <td>
        {p.targets.length === 0 ? (
          <span className="muted">{t(k('noTarget'))}</span>
        ) : (
          <ul className="plain-list">
            {p.targets.map((tg, i) => {
              const progress =
                tg.indicatorKey && tg.indicatorKey === p.indicatorKey ? targetProgress(tg.baseline, tg.target, p.nowValue) : null;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: targets are listed as the plan has them
                <li key={i} className="small">
                  {t(k('targetLine'), {
                    name: tg.name,
                    baseline: n(tg.baseline),
                    target: n(tg.target),
                    unit: tg.unit,
                    date: formatDate(tg.targetDate, locale),
                  })}
                  {progress !== null ? (
                    <>
                      {' '}
                      <Badge tone={progress >= 1 ? 'ok' : progress > 0 ? 'warn' : 'muted'}>
                        {t(k('progress'), { pct: `${Math.round(progress * 100)} %` })}
                      </Badge>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </td>
      <td className="small">{t(k('deliveryLine'), { interventions: n(p.interventions), families: n(p.familiesReached) })}</td>
      <td>
        {p.outcome ? (
          <Badge tone={OUTCOME_TONE[p.outcome]}>{t(k(`outcome.${p.outcome}`))}</Badge>
        ) : (
          <span className="muted">{t(k('outcomeNone'))}</span>
        )}
        {p.reason ? <div className="prewrap small">{p.reason}</div> : null}
        {p.evaluatedAt ? (
          <div className="muted small">
            {t(k('evaluatedBy'), { when: formatDateTime(p.evaluatedAt, locale), who: p.evaluatedByName ?? '—', value: n(p.evalValue) })}
          </div>
        ) : null}
        {canAssess ? (
          <button type="button" className="button button-small" onClick={onAssess}>
            {t(k('setOutcome'))}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

function OutcomeDialog({
  pairingId,
  p,
  onClose,
  onSaved,
}: {
  pairingId: number;
  p: EvaluationProblem;
  onClose: () => void;
  onSaved: (p: EvaluationProblem) => void;
}) {
  const { t } = useI18n();
  const form = useForm({ outcome: p.outcome ?? '', reason: p.reason ?? '' });
  const field = fieldBinder(form.values, form.set, form.errors);
  async function submit(e: FormEvent) {
    e.preventDefault();
    await form.submit(ProblemOutcomeInputSchema, form.values, async (data) =>
      onSaved(await evaluationApi.setOutcome(pairingId, p.problemId, data)),
    );
  }
  return (
    <Dialog title={t(k('outcomeTitle'), { title: p.title })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <OptionSelect
          label={t(k('outcome'))}
          value={form.values.outcome}
          required
          error={form.errors.outcome}
          onChange={(e) => form.set('outcome', e.target.value)}
          options={EvalOutcomeSchema.options}
          optionLabel={(o) => t(k(`outcome.${o}`))}
          blank={t('common.choose')}
        />
        <TextAreaField label={t(k('reason'))} rows={3} required hint={t('common.reasonHint')} {...field('reason')} />
        <ErrorAlert error={form.error} />
        <FormActions onCancel={onClose} busy={form.busy} />
      </form>
    </Dialog>
  );
}

function DecisionSection({ e, canDecide, onChange }: { e: Evaluation; canDecide: boolean; onChange: (e: Evaluation) => void }) {
  const { t, locale } = useI18n();
  const form = useForm({ decision: e.decision?.decision ?? '', reason: e.decision?.reason ?? '' });
  const field = fieldBinder(form.values, form.set, form.errors);
  const [saved, setSaved] = useState(false);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSaved(false);
    const ok = await form.submit(DecisionInputSchema, form.values, async (data) => onChange(await evaluationApi.decide(e.pairingId, data)));
    setSaved(ok);
  }
  return (
    <section className="card" aria-labelledby="ev-decision">
      <h2 id="ev-decision">{t(k('decision.title'))}</h2>
      {e.decision ? (
        <>
          <p>
            <Badge tone={e.decision.decision === 'graduate' ? 'ok' : 'info'}>{t(k(`decision.${e.decision.decision}`))}</Badge>
          </p>
          {e.decision.reason ? <p className="prewrap">{e.decision.reason}</p> : null}
          <p className="muted small">
            {t(k('decision.by'), { when: formatDateTime(e.decision.decidedAt, locale), who: e.decision.decidedByName ?? '—' })}
          </p>
        </>
      ) : (
        <p className="muted">{t(k('decision.none'))}</p>
      )}
      {canDecide ? (
        <form onSubmit={submit} noValidate className="form-grid">
          <SelectField
            label={t(k('decision.choose'))}
            value={form.values.decision}
            required
            error={form.errors.decision}
            onChange={(ev) => form.set('decision', ev.target.value)}
          >
            <option value="">{t('common.choose')}</option>
            <option value="continue">{t(k('decision.continue'))}</option>
            <option value="graduate">{t(k('decision.graduate'))}</option>
          </SelectField>
          <TextAreaField label={t(k('reason'))} rows={2} required hint={t('common.reasonHint')} {...field('reason')} />
          <ErrorAlert error={form.error} />
          {saved ? <Notice kind="success">{t(k('decision.saved'))}</Notice> : null}
          <div className="form-actions span-2">
            <button type="submit" className="button button-primary" disabled={form.busy}>
              {t(k('decision.save'))}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** Admin: carry the problems not addressed into the same village's pairing of a later year. */
function CarryOverSection({ pairing }: { pairing: Pairing }) {
  const { t } = useI18n();
  const candidates = useLoad(
    async () =>
      (await api.pairings({ status: 'active' })).items.filter((p) => p.villageCode === pairing.villageCode && p.year > pairing.year),
    [pairing.id],
  );
  const [target, setTarget] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const list = candidates.data ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const to = Number(target || list[0]?.id);
    if (!to) return;
    setDone(null);
    await run(async () => {
      const r = await evaluationApi.carryOver(pairing.id, to);
      setDone(t(k('carry.done'), { created: r.created.length, skipped: r.skipped }));
    });
  }

  return (
    <section className="card" aria-labelledby="ev-carry">
      <h2 id="ev-carry">{t(k('carry.title'))}</h2>
      <p className="muted">{t(k('carry.intro'))}</p>
      <ErrorAlert error={candidates.error ?? error} />
      {done ? <Notice kind="success">{done}</Notice> : null}
      {candidates.loading ? <Loading /> : null}
      {candidates.data && list.length === 0 ? <p className="muted">{t(k('carry.noTarget'))}</p> : null}
      {list.length > 0 ? (
        <form className="toolbar" onSubmit={submit} noValidate>
          <SelectField label={t(k('carry.target'))} value={target || String(list[0]?.id ?? '')} onChange={(e) => setTarget(e.target.value)}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {t(k('carry.targetOption'), { year: p.year, opd: p.opdName })}
              </option>
            ))}
          </SelectField>
          <div className="toolbar-buttons">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t(k('carry.submit'))}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
