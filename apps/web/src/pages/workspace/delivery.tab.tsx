import {
  type DuplicateFlag,
  FundingSourceSchema,
  type Intervention,
  InterventionInputSchema,
  type InterventionStatus,
  InterventionStatusSchema,
  type Opd,
} from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { currentPosition, deliveryApi, evidenceUrl, uploadEvidence } from '../../api/workspace-delivery.ts';
import { planApi } from '../../api/workspace-plan.ts';
import { OpdSelect, OptionSelect } from '../../components/choice-fields.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Badge, ErrorAlert, LoadFailure, Loading, Notice } from '../../components/feedback.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { InterventionCostCell, InterventionStatusBadge } from '../../components/intervention-cells.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.id.ts';
import { type CostRow, costsFromRows, monthsOfYear } from '../../lib/delivery-costs.ts';
import { fieldBinder } from '../../lib/field-binding.ts';
import { formatDate, todayIso } from '../../lib/format.ts';
import { patchRow } from '../../lib/list-rows.ts';
import { useAction } from '../../lib/use-action.ts';
import { useLoad } from '../../lib/use-load.ts';
import { type FieldErrors, validate } from '../../lib/validate.ts';
import type { TabProps } from './workspace-tabs.ts';

type Dialogs = { kind: 'record' } | { kind: 'evidence'; item: Intervention } | { kind: 'status'; item: Intervention } | null;

/** Intervensi: bantuan kepada keluarga bernama, biaya per sumber dana, bukti foto/dokumen. */
export function DeliveryTab({ pairing, ws }: TabProps) {
  const { t, locale } = useI18n();
  const [month, setMonth] = useState('');
  const list = useLoad(() => deliveryApi.list(pairing.id, month || undefined), [pairing.id, month]);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [warnings, setWarnings] = useState<DuplicateFlag[] | null>(null);

  const months = monthsOfYear(ws.year, todayIso());
  return (
    <div className="stack">
      <section className="toolbar card">
        <SelectField label={t('workspace.delivery.month')} value={month} onChange={(e) => setMonth(e.target.value)}>
          <option value="">{t('workspace.delivery.allMonths')}</option>
          {months.map((m) => (
            <option key={m} value={m}>
              {new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`))}
            </option>
          ))}
        </SelectField>
        {ws.access.author ? (
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'record' })}>
            {t('workspace.delivery.record')}
          </button>
        ) : null}
      </section>

      {warnings ? (
        <Notice kind={warnings.length ? 'warning' : 'success'}>
          {warnings.length ? (
            <>
              {t('workspace.delivery.warnings')}
              <ul>
                {warnings.map((w) => (
                  <li key={`${w.familyId}-${w.otherInterventionId}`}>
                    <DuplicateLine w={w} />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            t('workspace.delivery.saved')
          )}
        </Notice>
      ) : null}

      {list.error ? <LoadFailure error={list.error} /> : null}
      {!list.data && !list.error ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('workspace.delivery.empty')}</p> : null}
      {list.data?.items.length ? (
        <section className="table-wrap card">
          <table>
            <caption className="sr-only">{t('workspace.delivery.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workspace.delivery.date')}</th>
                <th scope="col">{t('workspace.delivery.activity')}</th>
                <th scope="col">{t('workspace.delivery.beneficiaries')}</th>
                <th scope="col" className="num">
                  {t('workspace.delivery.cost')}
                </th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('workspace.delivery.evidence')}</th>
                {ws.access.author ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((i) => (
                <tr key={i.id}>
                  <td>{formatDate(i.deliveredOn, locale)}</td>
                  <td>
                    <strong>{i.title}</strong>
                    <div className="muted">
                      <code>{i.helpType}</code> · {i.opdName}
                      {i.planItemTitle ? ` · ${i.planItemTitle}` : ''}
                    </div>
                    {i.duplicates.length ? (
                      <div>
                        <Badge tone="warn">{t('workspace.delivery.duplicate')}</Badge>
                        <ul className="plain-list muted">
                          {i.duplicates.map((d) => (
                            <li key={`${d.familyId}-${d.otherInterventionId}`}>
                              <DuplicateLine w={d} />
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {i.reach === 'village' ? (
                      t('workspace.delivery.villageWide')
                    ) : (
                      <>
                        {t('workspace.delivery.familiesCount', { n: i.beneficiaries.length })}
                        <ul className="plain-list">
                          {i.beneficiaries.slice(0, 5).map((b) => (
                            <li key={`${b.familyId}-${b.personId ?? 0}`}>
                              {b.headName ? <a href={`/keluarga/${b.familyId}`}>{b.headName}</a> : `RW ${b.rw ?? '—'} / RT ${b.rt ?? '—'}`}
                              {b.personName ? ` (${b.personName})` : ''}
                            </li>
                          ))}
                          {i.beneficiaries.length > 5 ? <li>…</li> : null}
                        </ul>
                      </>
                    )}
                  </td>
                  <InterventionCostCell totalCost={i.totalCost} costs={i.costs} />
                  <td>
                    <InterventionStatusBadge status={i.status} />
                  </td>
                  <td>
                    <ul className="plain-list">
                      {i.evidence.map((e) => (
                        <li key={e.id}>
                          <a href={evidenceUrl(e)} target="_blank" rel="noreferrer">
                            {e.mimeType.startsWith('image/') ? (
                              <img
                                src={evidenceUrl(e)}
                                alt={e.fileName}
                                width={64}
                                height={64}
                                style={{ objectFit: 'cover' }}
                                loading="lazy"
                              />
                            ) : (
                              e.fileName
                            )}
                          </a>
                          {e.lat !== null && e.lng !== null ? (
                            <div className="muted">
                              {e.lat.toFixed(5)}, {e.lng.toFixed(5)}
                            </div>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                  {ws.access.author ? (
                    <td className="cell-actions">
                      {i.status !== 'cancelled' ? (
                        <>
                          <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'evidence', item: i })}>
                            {t('workspace.delivery.upload')}
                          </button>
                          <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'status', item: i })}>
                            {t('workspace.delivery.changeStatus')}
                          </button>
                        </>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {dialog?.kind === 'record' ? (
        <RecordDialog
          pairingId={pairing.id}
          villageCode={ws.villageCode}
          opdId={ws.opdId}
          onClose={() => setDialog(null)}
          onSaved={(w) => {
            setDialog(null);
            setWarnings(w);
            list.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'evidence' ? (
        <EvidenceDialog pairingId={pairing.id} item={dialog.item} onClose={() => setDialog(null)} onSaved={() => list.reload()} />
      ) : null}
      {dialog?.kind === 'status' ? (
        <StatusDialog
          pairingId={pairing.id}
          item={dialog.item}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            list.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function DuplicateLine({ w }: { w: DuplicateFlag }) {
  const { t, locale } = useI18n();
  return (
    <>
      {t('workspace.delivery.duplicateLine', {
        name: w.headName ?? `#${w.familyId}`,
        help: w.helpType,
        opd: w.otherOpdName,
        date: formatDate(w.otherDeliveredOn, locale),
      })}
    </>
  );
}

interface Pick {
  familyId: number;
  label: string;
}

function RecordDialog({
  pairingId,
  villageCode,
  opdId,
  onClose,
  onSaved,
}: {
  pairingId: number;
  villageCode: string;
  opdId: number;
  onClose: () => void;
  onSaved: (warnings: DuplicateFlag[]) => void;
}) {
  const { t } = useI18n();
  const plan = useLoad(() => planApi.get(pairingId), [pairingId]);
  const opds = useLoad(() => api.opds(), []);
  const [v, setV] = useState({
    planItemId: '',
    opdId: String(opdId),
    title: '',
    helpType: '',
    reach: 'families' as 'families' | 'village',
    deliveredOn: todayIso(),
    status: 'done' as InterventionStatus,
    outputVolume: '',
    outputUnit: '',
    notes: '',
  });
  const [chosen, setChosen] = useState<Pick[]>([]);
  const [costs, setCosts] = useState<CostRow[]>([{ fundingSource: '', amount: '' }]);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState<Pick[] | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { busy, error, setError, run } = useAction();
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((x) => ({ ...x, [k]: value }));
  const field = fieldBinder(v, set, errors);
  const item = plan.data?.items.find((i) => String(i.id) === v.planItemId);
  const targets = useLoad(() => (item ? planApi.targets(pairingId, item.id) : Promise.resolve({ items: [] })), [pairingId, item?.id]);
  const isChosen = (id: number) => chosen.some((c) => c.familyId === id);
  const toggle = (p: Pick) =>
    setChosen((cs) => (cs.some((c) => c.familyId === p.familyId) ? cs.filter((c) => c.familyId !== p.familyId) : [...cs, p]));

  async function runSearch() {
    setError(null);
    try {
      const r = await deliveryApi.villageFamilies(villageCode, q.trim());
      setSearch(r.items.map((f) => ({ familyId: f.id, label: `${f.headName ?? f.noKkMasked} · RW ${f.rw ?? '—'} / RT ${f.rt ?? '—'}` })));
    } catch (err) {
      setError(err);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const c = costsFromRows(costs);
    if (!c.ok) {
      setErrors({ costs: t('workspace.delivery.costRowInvalid', { n: c.index + 1 }) });
      return;
    }
    const input = {
      planItemId: v.planItemId ? Number(v.planItemId) : null,
      opdId: Number(v.opdId) || undefined,
      title: v.title,
      helpType: v.helpType,
      reach: v.reach,
      deliveredOn: v.deliveredOn,
      status: v.status,
      outputVolume: v.outputVolume.trim() === '' ? null : Number(v.outputVolume),
      outputUnit: v.outputUnit.trim() || null,
      notes: v.notes.trim() || null,
      beneficiaries: v.reach === 'village' ? [] : chosen.map((x) => ({ familyId: x.familyId })),
      costs: c.costs,
    };
    const checked = validate(InterventionInputSchema, input);
    setErrors(checked.ok ? {} : checked.errors);
    setError(null);
    if (!checked.ok) return;
    await run(async () => {
      const res = await deliveryApi.create(pairingId, checked.data);
      onSaved(res.warnings);
    }, setErrors);
  }

  const opdList: Opd[] = opds.data?.items ?? [];
  return (
    <Dialog title={t('workspace.delivery.record')} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="form-grid">
        <SelectField
          className="span-2"
          label={t('workspace.delivery.planItem')}
          value={v.planItemId}
          error={errors.planItemId}
          onChange={(e) => {
            const it = plan.data?.items.find((i) => String(i.id) === e.target.value);
            setV((x) => ({ ...x, planItemId: e.target.value, helpType: it?.helpType ?? x.helpType, title: x.title || it?.title || '' }));
          }}
        >
          <option value="">{t('workspace.delivery.noPlanItem')}</option>
          {plan.data?.items
            .filter((i) => i.status === 'active')
            .map((i) => (
              <option key={i.id} value={i.id}>
                {i.problemTitle} — {i.title}
              </option>
            ))}
        </SelectField>
        <TextField className="span-2" label={t('workspace.delivery.activity')} {...field('title')} required />
        <TextField label={t('workspace.delivery.helpType')} {...field('helpType')} hint={t('workspace.plan.item.helpTypeHint')} required />
        <OpdSelect label={t('workspace.delivery.opd')} {...field('opdId')} opds={opdList} fallbackId={opdId} />
        <TextField label={t('workspace.delivery.date')} type="date" {...field('deliveredOn')} required />
        <SelectField
          label={t('common.status')}
          value={v.status}
          onChange={(e) => set('status', e.target.value as InterventionStatus)}
          error={errors.status}
        >
          {InterventionStatusSchema.options
            .filter((s) => s !== 'cancelled')
            .map((s) => (
              <option key={s} value={s}>
                {t(`workspace.delivery.status.${s}` as MessageKey)}
              </option>
            ))}
        </SelectField>
        <TextField label={t('workspace.delivery.output')} type="number" min={0} {...field('outputVolume')} />
        <TextField label={t('workspace.delivery.unit')} {...field('outputUnit')} />
        <SelectField
          className="span-2"
          label={t('workspace.delivery.reach')}
          value={v.reach}
          onChange={(e) => set('reach', e.target.value as 'families' | 'village')}
        >
          <option value="families">{t('workspace.delivery.reach.families')}</option>
          <option value="village">{t('workspace.delivery.reach.village')}</option>
        </SelectField>

        {v.reach === 'families' ? (
          <fieldset className="span-2">
            <legend>
              {t('workspace.delivery.beneficiaries')} — {t('workspace.delivery.chosen', { n: chosen.length })}
            </legend>
            {errors.beneficiaries ? <p className="field-error">{errors.beneficiaries}</p> : null}
            {item ? (
              <>
                <h4>{t('workspace.delivery.fromTargets')}</h4>
                {targets.data && targets.data.items.length === 0 ? <p className="muted">{t('workspace.delivery.noTargets')}</p> : null}
                <ul className="plain-list">
                  {targets.data?.items.map((f) => {
                    const p = { familyId: f.id, label: `${f.headName ?? `#${f.id}`} · RW ${f.rw ?? '—'} / RT ${f.rt ?? '—'}` };
                    return (
                      <li key={f.id}>
                        <label className="inline-check">
                          <input type="checkbox" checked={isChosen(f.id)} onChange={() => toggle(p)} /> {p.label}
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : null}
            <div className="grid-2">
              <TextField label={t('workspace.delivery.searchVillage')} value={q} onChange={(e) => setQ(e.target.value)} />
              <div>
                <button type="button" className="button" onClick={runSearch}>
                  {t('workspace.delivery.search')}
                </button>
              </div>
            </div>
            <ul className="plain-list">
              {search?.map((p) => (
                <li key={p.familyId}>
                  <label className="inline-check">
                    <input type="checkbox" checked={isChosen(p.familyId)} onChange={() => toggle(p)} /> {p.label}
                  </label>
                </li>
              ))}
              {chosen
                .filter((c) => !search?.some((s) => s.familyId === c.familyId) && !targets.data?.items.some((f) => f.id === c.familyId))
                .map((p) => (
                  <li key={p.familyId}>
                    <label className="inline-check">
                      <input type="checkbox" checked onChange={() => toggle(p)} /> {p.label}
                    </label>
                  </li>
                ))}
            </ul>
          </fieldset>
        ) : null}

        <fieldset className="span-2">
          <legend>{t('workspace.delivery.costs')}</legend>
          {errors.costs ? <p className="field-error">{errors.costs}</p> : null}
          {costs.map((c, idx) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
            <div key={idx} className="grid-2">
              <OptionSelect
                label={t('workspace.plan.item.funding')}
                value={c.fundingSource}
                error={errors[`costs.${idx}.fundingSource`]}
                onChange={(e) => setCosts((cs) => patchRow(cs, idx, { fundingSource: e.target.value as CostRow['fundingSource'] }))}
                options={FundingSourceSchema.options}
                optionLabel={(o) => t(`workspace.plan.funding.${o}` as MessageKey)}
                blank="—"
              />
              <TextField
                label={t('workspace.delivery.amount')}
                inputMode="numeric"
                value={c.amount}
                error={errors[`costs.${idx}.amount`]}
                onChange={(e) => setCosts((cs) => patchRow(cs, idx, { amount: e.target.value }))}
              />
            </div>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() => setCosts((cs) => [...cs, { fundingSource: '', amount: '' }])}
          >
            {t('workspace.delivery.addCost')}
          </button>
        </fieldset>
        <TextAreaField
          className="span-2"
          label={t('workspace.delivery.notes')}
          value={v.notes}
          onChange={(e) => set('notes', e.target.value)}
          rows={2}
        />
        <div className="span-2">
          <ErrorAlert error={error} />
        </div>
        <FormActions onCancel={onClose} busy={busy} wide />
      </form>
    </Dialog>
  );
}

/** What the dialogs about one intervention (evidence, status) are given. */
interface InterventionDialogProps {
  pairingId: number;
  item: Intervention;
  onClose: () => void;
  onSaved: () => void;
}

function EvidenceDialog({ pairingId, item, onClose, onSaved }: InterventionDialogProps) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, setError, run } = useAction();
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setError(new Error(t('workspace.delivery.chooseFile')));
      return;
    }
    setDone(null);
    await run(async () => {
      const pos = await currentPosition();
      const res = await uploadEvidence(pairingId, item.id, file, {
        ...(pos ?? {}),
        ...(file.lastModified ? { takenAt: new Date(file.lastModified).toISOString() } : {}),
      });
      setDone(res.newContent ? t('workspace.delivery.uploaded') : t('workspace.delivery.uploadedSame'));
      setFile(null);
      onSaved();
    });
  }

  return (
    <Dialog title={`${t('workspace.delivery.uploadTitle')}: ${item.title}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('workspace.delivery.file')}
          type="file"
          accept="image/*,application/pdf"
          capture="environment"
          hint={t('workspace.delivery.gpsHint')}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {done ? <Notice kind="success">{done}</Notice> : null}
        <ErrorAlert error={error} />
        <FormActions onCancel={onClose} cancelLabel={t('common.close')} submitLabel={t('workspace.delivery.upload')} busy={busy || !file} />
      </form>
    </Dialog>
  );
}

function StatusDialog({ pairingId, item, onClose, onSaved }: InterventionDialogProps) {
  const { t } = useI18n();
  const [status, setStatus] = useState<InterventionStatus>(item.status);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      await deliveryApi.update(pairingId, item.id, { status, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      onSaved();
    }, setErrors);
  }

  return (
    <Dialog title={t('workspace.delivery.statusTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <OptionSelect
          label={t('common.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as InterventionStatus)}
          error={errors.status}
          options={InterventionStatusSchema.options}
          optionLabel={(s) => t(`workspace.delivery.status.${s}` as MessageKey)}
        />
        {status === 'cancelled' ? (
          <TextAreaField
            label={t('workspace.delivery.cancelReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.reason}
            required
            rows={2}
          />
        ) : null}
        <ErrorAlert error={error} />
        <FormActions onCancel={onClose} busy={busy || (status === 'cancelled' && reason.trim().length < 3)} />
      </form>
    </Dialog>
  );
}
