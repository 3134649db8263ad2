import {
  type FamilyCriteria,
  FundingSourceSchema,
  IndicatorKeySchema,
  type Opd,
  PartnerKindSchema,
  type Plan,
  type PlanItem,
  type PlanItemInput,
  PlanItemInputSchema,
  type PlanItemPatch,
  PlanItemPatchSchema,
  PlanningChannelSchema,
  type PlanVersion,
  TermSchema,
} from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { planApi, type TargetFamily } from '../../api/workspace-plan.ts';
import { OpdSelect, OptionSelect } from '../../components/choice-fields.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Badge, ErrorAlert, LoadFailure, Loading, Notice } from '../../components/feedback.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.id.ts';
import { parseRupiah } from '../../lib/delivery-costs.ts';
import { fieldBinder } from '../../lib/field-binding.ts';
import { formatDate, formatDateTime, formatNumber, formatRupiah } from '../../lib/format.ts';
import { patchRow } from '../../lib/list-rows.ts';
import { diffPlanVersions, isEmptyDiff, type PlanDiff } from '../../lib/plan-diff.ts';
import { cleanCriteria, groupByProblem, yearsForTerm } from '../../lib/plan-items.ts';
import { useAction } from '../../lib/use-action.ts';
import { useLoad } from '../../lib/use-load.ts';
import type { FieldErrors } from '../../lib/validate.ts';
import { validate } from '../../lib/validate.ts';
import type { TabProps } from './workspace-tabs.ts';

const STATUS_TONE = { draft: 'muted', submitted: 'info', approved: 'ok', returned: 'warn' } as const;

type Dialogs =
  | { kind: 'item'; item?: PlanItem }
  | { kind: 'targets'; item: PlanItem }
  | { kind: 'cancel'; item: PlanItem }
  | { kind: 'return' }
  | null;

/** Rencana: butir rencana per masalah, keluarga sasaran, target indikator, persetujuan & versi. */
export function PlanTab({ pairing, ws }: TabProps) {
  const { t, locale } = useI18n();
  const plan = useLoad(() => planApi.get(pairing.id), [pairing.id]);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const { busy, error: actionError, run } = useAction();
  const closeAndReload = () => {
    setDialog(null);
    plan.reload();
  };

  if (plan.error) return <LoadFailure error={plan.error} />;
  if (!plan.data) return <Loading />;
  const p = plan.data;
  const canAuthor = ws.access.author && p.status !== 'submitted';
  const approved = p.status === 'approved';

  async function act(fn: () => Promise<Plan>) {
    await run(async () => {
      plan.setData(await fn());
    });
  }

  const bannerKind = p.status === 'returned' ? 'warning' : p.status === 'approved' ? 'success' : 'info';
  return (
    <div className="stack">
      <section className="card" aria-labelledby="plan-state">
        <div className="card-head">
          <h2 id="plan-state">
            {t('workspace.plan.title')} · {t('workspace.plan.version', { n: p.version })}{' '}
            <Badge tone={STATUS_TONE[p.status]}>{t(`workspace.plan.status.${p.status}` as MessageKey)}</Badge>
          </h2>
          <div className="cell-actions">
            {canAuthor ? (
              <button type="button" className="button" onClick={() => setDialog({ kind: 'item' })}>
                {t('workspace.plan.add')}
              </button>
            ) : null}
            {ws.access.author && (p.status === 'draft' || p.status === 'returned') ? (
              <button type="button" className="button button-primary" disabled={busy} onClick={() => act(() => planApi.submit(pairing.id))}>
                {t('workspace.plan.submit')}
              </button>
            ) : null}
            {ws.access.review && p.status === 'submitted' ? (
              <>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={() => act(() => planApi.approve(pairing.id))}
                >
                  {t('workspace.plan.approve')}
                </button>
                <button type="button" className="button button-danger-outline" onClick={() => setDialog({ kind: 'return' })}>
                  {t('workspace.plan.return')}
                </button>
              </>
            ) : null}
          </div>
        </div>
        <Notice kind={bannerKind}>
          {p.status === 'returned'
            ? t('workspace.plan.banner.returned', { comment: p.reviewComment ?? '—' })
            : t(`workspace.plan.banner.${p.status}` as MessageKey)}
          {p.changeReason && p.status !== 'approved' ? (
            <>
              <br />
              {t('workspace.plan.banner.changeReason', { reason: p.changeReason })}
            </>
          ) : null}
        </Notice>
        <ErrorAlert error={actionError} />
      </section>

      {p.items.length === 0 ? <p className="muted">{t('workspace.plan.empty')}</p> : null}
      {groupByProblem(p.items).map((g) => (
        <section key={g.problemId} className="card table-card" aria-labelledby={`plan-problem-${g.problemId}`}>
          <div className="card-head">
            <h3 id={`plan-problem-${g.problemId}`}>
              {t('workspace.plan.problem')}: {g.problemTitle}
            </h3>
            <span className="muted">{t('workspace.plan.groupCost', { cost: formatRupiah(g.cost, locale) })}</span>
          </div>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('workspace.plan.item.title')}</th>
                  <th scope="col">{t('workspace.plan.item.term')}</th>
                  <th scope="col">{t('workspace.plan.item.opd')}</th>
                  <th scope="col" className="num">
                    {t('workspace.plan.item.cost')}
                  </th>
                  <th scope="col">{t('workspace.plan.item.targets')}</th>
                  <th scope="col">{t('workspace.plan.item.indicators')}</th>
                  {canAuthor ? <th scope="col">{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {g.items.map((i) => (
                  <tr key={i.id} className={i.status === 'cancelled' ? 'muted' : undefined}>
                    <td>
                      {i.status === 'cancelled' ? <s>{i.title}</s> : <strong>{i.title}</strong>}
                      <div className="muted">
                        <code>{i.helpType}</code>
                        {i.outputVolume !== null ? ` · ${formatNumber(i.outputVolume, locale)} ${i.outputUnit ?? ''}` : ''}
                        {i.dueOn ? ` · ${t('workspace.plan.item.due')}: ${formatDate(i.dueOn, locale)}` : ''}
                      </div>
                      {i.partners.length ? (
                        <div className="muted">
                          {t('workspace.plan.item.partners')}: {i.partners.map((x) => x.name).join(', ')}
                        </div>
                      ) : null}
                      {i.status === 'cancelled' ? (
                        <Badge tone="danger">{t('workspace.plan.item.cancelled', { reason: i.cancelReason ?? '—' })}</Badge>
                      ) : null}
                    </td>
                    <td>
                      {t(`workspace.plan.term.${i.term}` as MessageKey)}
                      <div className="muted">{i.startYear === i.endYear ? i.startYear : `${i.startYear}–${i.endYear}`}</div>
                    </td>
                    <td>{i.responsibleOpdName}</td>
                    <td className="num">
                      {formatRupiah(i.estimatedCost, locale)}
                      {i.fundingSource ? <div className="muted">{t(`workspace.plan.funding.${i.fundingSource}` as MessageKey)}</div> : null}
                      {i.planningChannel ? (
                        <div className="muted">
                          {t('workspace.plan.item.channel')}: {t(`workspace.plan.channel.${i.planningChannel}` as MessageKey)}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {t('workspace.plan.item.targetCount', { n: i.targetFamilyCount })}
                      {canAuthor && i.status === 'active' ? (
                        <div>
                          <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'targets', item: i })}>
                            {t('workspace.plan.picker.title')}
                          </button>
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {i.indicatorTargets.length === 0 ? '—' : null}
                      <ul className="plain-list">
                        {i.indicatorTargets.map((x) => (
                          <li key={x.id}>
                            {x.name}: {formatNumber(x.baseline, locale)} → {formatNumber(x.target, locale)} {x.unit} (
                            {formatDate(x.targetDate, locale)})
                          </li>
                        ))}
                      </ul>
                    </td>
                    {canAuthor ? (
                      <td className="cell-actions">
                        {i.status === 'active' ? (
                          <>
                            <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'item', item: i })}>
                              {t('common.edit')}
                            </button>
                            <button
                              type="button"
                              className="button button-small button-danger-outline"
                              onClick={() => setDialog({ kind: 'cancel', item: i })}
                            >
                              {t('workspace.plan.item.cancel')}
                            </button>
                          </>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      <VersionHistory plan={p} pairingId={pairing.id} />

      {dialog?.kind === 'item' ? (
        <ItemDialog
          pairingId={pairing.id}
          year={ws.year}
          opdId={ws.opdId}
          item={dialog.item}
          needsReason={approved}
          onClose={() => setDialog(null)}
          onSaved={closeAndReload}
        />
      ) : null}
      {dialog?.kind === 'targets' ? (
        <TargetsDialog
          pairingId={pairing.id}
          item={dialog.item}
          needsReason={approved}
          canSeeNames={ws.access.author || ws.access.review}
          onClose={() => setDialog(null)}
          onSaved={closeAndReload}
        />
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <TextDialog
          title={t('workspace.plan.item.cancelTitle')}
          label={t('common.reason')}
          submitLabel={t('workspace.plan.item.cancel')}
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => {
            await planApi.cancelItem(pairing.id, dialog.item.id, { reason });
            plan.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'return' ? (
        <TextDialog
          title={t('workspace.plan.returnTitle')}
          label={t('workspace.plan.comment')}
          submitLabel={t('workspace.plan.return')}
          onClose={() => setDialog(null)}
          onSubmit={async (comment) => plan.setData(await planApi.returnPlan(pairing.id, comment))}
        />
      ) : null}
    </div>
  );
}

/** A dialog that asks for one text (a reason, a comment) and sends it. */
function TextDialog({
  title,
  label,
  submitLabel,
  onSubmit,
  onClose,
}: {
  title: string;
  label: string;
  submitLabel: string;
  onSubmit: (text: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const { busy, error, run } = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      await onSubmit(text.trim());
      onClose();
    });
  }
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <TextAreaField
          label={label}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
          rows={3}
          hint={t('common.reasonHint')}
        />
        <ErrorAlert error={error} />
        <FormActions onCancel={onClose} submitLabel={submitLabel} busy={busy || text.trim().length < 3} />
      </form>
    </Dialog>
  );
}

interface TargetRow {
  name: string;
  unit: string;
  indicatorKey: string;
  baseline: string;
  target: string;
  targetDate: string;
}

function ItemDialog({
  pairingId,
  year,
  opdId,
  item,
  needsReason,
  onClose,
  onSaved,
}: {
  pairingId: number;
  year: number;
  opdId: number;
  item?: PlanItem | undefined;
  needsReason: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const problems = useLoad(() => planApi.problems(pairingId), [pairingId]);
  const opds = useLoad(() => api.opds(), []);
  const [v, setV] = useState({
    problemId: item ? String(item.problemId) : '',
    title: item?.title ?? '',
    description: item?.description ?? '',
    term: item?.term ?? 'short',
    startYear: String(item?.startYear ?? year),
    endYear: String(item?.endYear ?? year),
    responsibleOpdId: String(item?.responsibleOpdId ?? opdId),
    helpType: item?.helpType ?? '',
    outputVolume: item?.outputVolume != null ? String(item.outputVolume) : '',
    outputUnit: item?.outputUnit ?? '',
    estimatedCost: item?.estimatedCost != null ? String(item.estimatedCost) : '',
    fundingSource: item?.fundingSource ?? '',
    planningChannel: item?.planningChannel ?? '',
    dueOn: item?.dueOn ?? '',
    changeReason: '',
  });
  const [partners, setPartners] = useState(item?.partners ?? []);
  const [targets, setTargets] = useState<TargetRow[]>(
    item?.indicatorTargets.map((x) => ({
      name: x.name,
      unit: x.unit,
      indicatorKey: x.indicatorKey ?? '',
      baseline: String(x.baseline),
      target: String(x.target),
      targetDate: x.targetDate,
    })) ?? [],
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const { busy, error, setError, run } = useAction();
  const set = (k: keyof typeof v, value: string) => setV((x) => ({ ...x, [k]: value }));
  const field = fieldBinder(v, set, errors);
  const num = (s: string) => (s.trim() === '' ? null : Number(s));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const cost = v.estimatedCost.trim() === '' ? null : parseRupiah(v.estimatedCost);
    const input = {
      problemId: Number(v.problemId) || undefined,
      title: v.title,
      description: v.description.trim() || null,
      term: v.term,
      startYear: Number(v.startYear),
      endYear: Number(v.endYear),
      responsibleOpdId: Number(v.responsibleOpdId) || undefined,
      partners: partners.filter((x) => x.name.trim()),
      helpType: v.helpType,
      outputVolume: num(v.outputVolume),
      outputUnit: v.outputUnit.trim() || null,
      estimatedCost: cost === null && v.estimatedCost.trim() !== '' ? -1 : cost,
      fundingSource: v.fundingSource || null,
      planningChannel: v.planningChannel || null,
      dueOn: v.dueOn || null,
      indicatorTargets: targets.map((x) => ({
        name: x.name,
        unit: x.unit,
        indicatorKey: x.indicatorKey || undefined,
        baseline: x.baseline.trim() === '' ? undefined : Number(x.baseline),
        target: Number(x.target),
        targetDate: x.targetDate,
      })),
      changeReason: v.changeReason.trim() || undefined,
    };
    const schema = item ? PlanItemPatchSchema : PlanItemInputSchema;
    const checked = validate(schema, input);
    const errs: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (needsReason && !input.changeReason) errs.changeReason = t('workspace.plan.changeReasonHint');
    setErrors(errs);
    setError(null);
    if (!checked.ok || Object.keys(errs).length) return;
    await run(async () => {
      if (item) await planApi.updateItem(pairingId, item.id, checked.data as PlanItemPatch);
      else await planApi.createItem(pairingId, checked.data as PlanItemInput);
      onSaved();
    }, setErrors);
  }

  const opdList: Opd[] = opds.data?.items ?? [];
  return (
    <Dialog title={item ? t('workspace.plan.item.edit') : t('workspace.plan.item.new')} onClose={onClose} wide>
      {problems.data && problems.data.items.length === 0 ? <Notice kind="warning">{t('workspace.plan.noProblems')}</Notice> : null}
      <form onSubmit={submit} noValidate className="form-grid">
        <SelectField className="span-2" label={t('workspace.plan.problem')} {...field('problemId')} required>
          <option value="">—</option>
          {problems.data?.items.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </SelectField>
        <TextField className="span-2" label={t('workspace.plan.item.title')} {...field('title')} required />
        <TextAreaField className="span-2" label={t('workspace.plan.item.description')} {...field('description')} rows={2} />
        <OptionSelect
          label={t('workspace.plan.item.term')}
          value={v.term}
          onChange={(e) => {
            const term = e.target.value as PlanItem['term'];
            const y = yearsForTerm(term, year);
            setV((x) => ({ ...x, term, startYear: String(y.startYear), endYear: String(y.endYear) }));
          }}
          error={errors.term}
          options={TermSchema.options}
          optionLabel={(o) => t(`workspace.plan.term.${o}` as MessageKey)}
        />
        <div className="grid-2">
          <TextField label={t('workspace.plan.item.startYear')} type="number" {...field('startYear')} />
          <TextField label={t('workspace.plan.item.endYear')} type="number" {...field('endYear')} />
        </div>
        <OpdSelect label={t('workspace.plan.item.opd')} {...field('responsibleOpdId')} opds={opdList} fallbackId={opdId} />
        <TextField label={t('workspace.plan.item.helpType')} {...field('helpType')} hint={t('workspace.plan.item.helpTypeHint')} required />
        <TextField label={t('workspace.plan.item.output')} type="number" min={0} {...field('outputVolume')} />
        <TextField label={t('workspace.plan.item.unit')} {...field('outputUnit')} />
        <TextField label={t('workspace.plan.item.cost')} inputMode="numeric" {...field('estimatedCost')} />
        <OptionSelect
          label={t('workspace.plan.item.funding')}
          {...field('fundingSource')}
          options={FundingSourceSchema.options}
          optionLabel={(o) => t(`workspace.plan.funding.${o}` as MessageKey)}
          blank="—"
        />
        <OptionSelect
          label={t('workspace.plan.item.channel')}
          {...field('planningChannel')}
          options={PlanningChannelSchema.options}
          optionLabel={(o) => t(`workspace.plan.channel.${o}` as MessageKey)}
          blank="—"
        />
        <TextField label={t('workspace.plan.item.due')} type="date" {...field('dueOn')} />

        <fieldset className="span-2">
          <legend>{t('workspace.plan.item.partners')}</legend>
          {partners.map((x, idx) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
            <div key={idx} className="grid-2">
              <OptionSelect
                label={t('workspace.plan.item.partners')}
                value={x.kind}
                onChange={(e) => setPartners((ps) => patchRow(ps, idx, { kind: e.target.value as typeof x.kind }))}
                options={PartnerKindSchema.options}
                optionLabel={(o) => t(`workspace.plan.partner.${o}` as MessageKey)}
              />
              <TextField
                label={t('workspace.plan.item.partnerName')}
                value={x.name}
                error={errors[`partners.${idx}.name`]}
                onChange={(e) => setPartners((ps) => patchRow(ps, idx, { name: e.target.value }))}
              />
            </div>
          ))}
          <button type="button" className="button button-small" onClick={() => setPartners((ps) => [...ps, { kind: 'csr', name: '' }])}>
            {t('workspace.plan.item.addPartner')}
          </button>
        </fieldset>

        <fieldset className="span-2">
          <legend>{t('workspace.plan.item.indicators')}</legend>
          {targets.map((x, idx) => {
            const upd = (k: keyof TargetRow, value: string) => setTargets((ts) => patchRow(ts, idx, { [k]: value }));
            const rowField = fieldBinder(x, upd, errors, `indicatorTargets.${idx}.`);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
              <div key={idx} className="form-grid">
                <TextField label={t('workspace.plan.item.indicatorName')} {...rowField('name')} />
                <OptionSelect
                  label={t('workspace.plan.item.indicatorKey')}
                  value={x.indicatorKey}
                  onChange={(e) => upd('indicatorKey', e.target.value)}
                  options={IndicatorKeySchema.options}
                  optionLabel={(k) => k}
                  blank={t('workspace.plan.item.indicatorNone')}
                />
                <TextField label={t('workspace.plan.item.unit')} {...rowField('unit')} />
                <TextField
                  label={t('workspace.plan.item.baseline')}
                  type="number"
                  {...rowField('baseline')}
                  hint={x.indicatorKey ? t('workspace.plan.item.baselineHint') : undefined}
                />
                <TextField label={t('workspace.plan.item.target')} type="number" {...rowField('target')} />
                <TextField label={t('workspace.plan.item.targetDate')} type="date" {...rowField('targetDate')} />
              </div>
            );
          })}
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              setTargets((ts) => [
                ...ts,
                { name: '', unit: 'keluarga', indicatorKey: '', baseline: '', target: '', targetDate: `${year}-12-31` },
              ])
            }
          >
            {t('workspace.plan.item.addIndicator')}
          </button>
        </fieldset>

        {needsReason ? (
          <TextAreaField
            className="span-2"
            label={t('workspace.plan.changeReason')}
            hint={t('workspace.plan.changeReasonHint')}
            {...field('changeReason')}
            required
            rows={2}
          />
        ) : null}
        <div className="span-2">
          <ErrorAlert error={error} />
        </div>
        <FormActions onCancel={onClose} busy={busy} wide />
      </form>
    </Dialog>
  );
}

const CRITERIA_FLAGS = [
  'noOwnToilet',
  'unsafeWater',
  'unfitHouse',
  'noElectricity',
  'childOutOfSchool',
  'stuntedChild',
  'memberWithoutJkn',
] as const;

function criteriaText(c: FamilyCriteria | null, t: (k: MessageKey) => string): string {
  if (!c) return '—';
  const parts: string[] = [];
  if (c.desilMax !== undefined) parts.push(`${t('workspace.plan.picker.desilMax')} ${c.desilMax}`);
  if (c.rw) parts.push(`RW ${c.rw}`);
  if (c.rt) parts.push(`RT ${c.rt}`);
  for (const f of CRITERIA_FLAGS) if (c[f]) parts.push(t(`workspace.plan.picker.${f}`));
  return parts.join(', ') || '—';
}

function TargetsDialog({
  pairingId,
  item,
  needsReason,
  canSeeNames,
  onClose,
  onSaved,
}: {
  pairingId: number;
  item: PlanItem;
  needsReason: boolean;
  canSeeNames: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const init = item.targetFilter ?? { desilMax: 4 };
  const [form, setForm] = useState({
    desilMax: init.desilMax !== undefined ? String(init.desilMax) : '',
    rw: init.rw ?? '',
    rt: init.rt ?? '',
    ...Object.fromEntries(CRITERIA_FLAGS.map((f) => [f, !!init[f]])),
  } as { desilMax: string; rw: string; rt: string } & Record<(typeof CRITERIA_FLAGS)[number], boolean>);
  const [count, setCount] = useState<number | null>(null);
  const [changeReason, setChangeReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const current = useLoad<{ items: TargetFamily[] }>(
    () => (canSeeNames ? planApi.targets(pairingId, item.id) : Promise.resolve({ items: [] })),
    [pairingId, item.id, canSeeNames],
  );
  const criteria = cleanCriteria(form);

  async function preview() {
    setError(null);
    try {
      setCount((await planApi.eligible(pairingId, criteria)).count);
    } catch (err) {
      setError(err);
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      await planApi.setTargets(pairingId, item.id, { criteria, changeReason: changeReason.trim() || undefined });
      onSaved();
    });
  }

  return (
    <Dialog title={`${t('workspace.plan.picker.title')}: ${item.title}`} onClose={onClose} wide>
      <p>{t('workspace.plan.picker.intro')}</p>
      <form onSubmit={save} noValidate className="form-grid">
        <TextField
          label={t('workspace.plan.picker.desilMax')}
          type="number"
          min={1}
          max={10}
          value={form.desilMax}
          onChange={(e) => {
            setForm((f) => ({ ...f, desilMax: e.target.value }));
            setCount(null);
          }}
        />
        <div className="grid-2">
          <TextField
            label={t('workspace.plan.picker.rw')}
            value={form.rw}
            onChange={(e) => {
              setForm((f) => ({ ...f, rw: e.target.value }));
              setCount(null);
            }}
          />
          <TextField
            label={t('workspace.plan.picker.rt')}
            value={form.rt}
            onChange={(e) => {
              setForm((f) => ({ ...f, rt: e.target.value }));
              setCount(null);
            }}
          />
        </div>
        {CRITERIA_FLAGS.map((f) => (
          <CheckboxField
            key={f}
            label={t(`workspace.plan.picker.${f}`)}
            checked={form[f]}
            onChange={(e) => {
              setForm((x) => ({ ...x, [f]: e.target.checked }));
              setCount(null);
            }}
          />
        ))}
        <div className="span-2">
          <button type="button" className="button" onClick={preview}>
            {t('workspace.plan.picker.count')}
          </button>{' '}
          {count !== null ? <strong role="status">{t('workspace.plan.picker.matches', { n: count })}</strong> : null}
        </div>
        {needsReason ? (
          <TextAreaField
            className="span-2"
            label={t('workspace.plan.changeReason')}
            hint={t('workspace.plan.changeReasonHint')}
            value={changeReason}
            onChange={(e) => setChangeReason(e.target.value)}
            required
            rows={2}
          />
        ) : null}
        <div className="span-2">
          <ErrorAlert error={error} />
        </div>
        <FormActions
          onCancel={onClose}
          submitLabel={t('workspace.plan.picker.save', { n: count ?? 0 })}
          busy={busy || count === null || (needsReason && changeReason.trim().length < 3)}
          wide
        />
      </form>
      <h3>
        {t('workspace.plan.picker.current')} ({item.targetFamilyCount})
      </h3>
      <p className="muted">{t('workspace.plan.picker.filter', { filter: criteriaText(item.targetFilter, t) })}</p>
      {current.data?.items.length ? (
        <ul className="plain-list">
          {current.data.items.slice(0, 200).map((f) => (
            <li key={f.id}>
              <a href={`/keluarga/${f.id}`}>{f.headName ?? `#${f.id}`}</a> · RW {f.rw ?? '—'} / RT {f.rt ?? '—'} · desil {f.desil ?? '—'}
            </li>
          ))}
        </ul>
      ) : null}
    </Dialog>
  );
}

/** Approved versions, and what changed in each against the one before (and the open draft against the last). */
function VersionHistory({ plan, pairingId }: { plan: Plan; pairingId: number }) {
  const { t, locale } = useI18n();
  const [shown, setShown] = useState<number | null>(null);
  const last = plan.versions.at(-1);
  const draftOpen = !!last && plan.version > last.version;
  const compare = useLoad<{ title: string; diff: PlanDiff | null; firstCount?: number } | null>(async () => {
    if (shown === null) return null;
    if (shown === plan.version && draftOpen && last) {
      const prev = await planApi.version(pairingId, last.version);
      return {
        title: t('workspace.plan.history.compareCurrent', { n: plan.version, m: last.version }),
        diff: diffPlanVersions(prev.items, plan.items),
      };
    }
    const cur: PlanVersion = await planApi.version(pairingId, shown);
    if (shown === 1) return { title: t('workspace.plan.version', { n: 1 }), diff: null, firstCount: cur.items.length };
    const prev = await planApi.version(pairingId, shown - 1);
    return { title: t('workspace.plan.history.compare', { n: shown, m: shown - 1 }), diff: diffPlanVersions(prev.items, cur.items) };
  }, [shown, plan]);

  return (
    <section className="card" aria-labelledby="plan-history">
      <h2 id="plan-history">{t('workspace.plan.history')}</h2>
      {plan.versions.length === 0 ? <p className="muted">{t('workspace.plan.history.none')}</p> : null}
      <ul className="plain-list">
        {plan.versions.map((v) => (
          <li key={v.version}>
            {t('workspace.plan.history.row', {
              n: v.version,
              date: formatDateTime(v.approvedAt, locale),
              by: v.approvedByName ?? '—',
              count: v.itemCount,
            })}
            {v.changeReason ? <span className="muted"> · {t('workspace.plan.history.reason', { reason: v.changeReason })}</span> : null}{' '}
            <button type="button" className="button button-small" onClick={() => setShown(v.version)}>
              {t('workspace.plan.history.show')}
            </button>
          </li>
        ))}
        {draftOpen ? (
          <li>
            {t('workspace.plan.version', { n: plan.version })} ·{' '}
            <Badge tone="muted">{t(`workspace.plan.status.${plan.status}` as MessageKey)}</Badge>{' '}
            <button type="button" className="button button-small" onClick={() => setShown(plan.version)}>
              {t('workspace.plan.history.show')}
            </button>
          </li>
        ) : null}
      </ul>
      {compare.error ? <ErrorAlert error={compare.error} /> : null}
      {compare.data ? <DiffView {...compare.data} /> : null}
    </section>
  );
}

/** The items a version added or removed, under a heading; nothing when there are none. */
function DiffItems({ heading, mark, items }: { heading: string; mark: string; items: readonly { id: number; title: string }[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{heading}</h4>
      <ul className="plain-list">
        {items.map((i) => (
          <li key={i.id}>
            {mark} {i.title}
          </li>
        ))}
      </ul>
    </>
  );
}

function DiffView({ title, diff, firstCount }: { title: string; diff: PlanDiff | null; firstCount?: number | undefined }) {
  const { t } = useI18n();
  const show = (x: unknown) => (Array.isArray(x) ? x.join('; ') || '—' : x === null || x === undefined || x === '' ? '—' : String(x));
  return (
    <div>
      <h3>{title}</h3>
      {diff === null ? <p>{t('workspace.plan.history.first', { count: firstCount ?? 0 })}</p> : null}
      {diff && isEmptyDiff(diff) ? <p className="muted">{t('workspace.plan.history.noChange')}</p> : null}
      <DiffItems heading={t('workspace.plan.history.added')} mark="+" items={diff?.added ?? []} />
      <DiffItems heading={t('workspace.plan.history.removed')} mark="−" items={diff?.removed ?? []} />
      {diff?.changed.length ? (
        <>
          <h4>{t('workspace.plan.history.changed')}</h4>
          <ul className="plain-list">
            {diff.changed.map((c) => (
              <li key={c.item.id}>
                <strong>{c.item.title}</strong>
                <ul>
                  {c.changes.map((ch) => (
                    <li key={ch.field}>
                      {t(`workspace.plan.field.${ch.field}` as MessageKey)}: {show(ch.before)} → {show(ch.after)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
