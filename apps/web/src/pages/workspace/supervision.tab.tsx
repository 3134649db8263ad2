import {
  type FollowUp,
  FollowUpCloseSchema,
  FollowUpInputSchema,
  type Opd,
  SpotCheckInputSchema,
  type SpotCheckItem,
  SpotCheckItemPatchSchema,
  type SpotCheckOutcome,
  type Visit,
  VisitInputSchema,
} from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { supervisionApi } from '../../api/workspace-supervision.ts';
import { Dialog } from '../../components/dialog.tsx';
import { Badge, ErrorAlert, Loading, Notice } from '../../components/feedback.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.id.ts';
import { fieldBinder } from '../../lib/field-binding.ts';
import { formatDate, formatDateTime, todayIso } from '../../lib/format.ts';
import { patchRow, removeRow } from '../../lib/list-rows.ts';
import { useForm } from '../../lib/use-form.ts';
import { useLoad } from '../../lib/use-load.ts';
import type { TabProps } from './workspace-tabs.ts';

/** Pengawasan: kunjungan dengan temuan dan tindak lanjut sampai tuntas, dan uji petik acak intervensi. */
export function SupervisionTab({ pairing, ws }: TabProps) {
  const { t } = useI18n();
  const visits = useLoad(() => supervisionApi.visits(pairing.id), [pairing.id]);
  const [dialog, setDialog] = useState<{ kind: 'visit' } | { kind: 'followUp'; visit: Visit } | { kind: 'close'; fu: FollowUp } | null>(
    null,
  );
  const [done, setDone] = useState<string | null>(null);
  /** A dialog saved: say so and show the visits again. */
  const savedWith = (key: MessageKey) => {
    setDone(t(key));
    visits.reload();
  };
  const supervise = ws.access.supervise;
  const canClose = ws.access.supervise || ws.access.author;

  return (
    <>
      <section aria-labelledby="visits-title">
        <div className="card-head">
          <h2 id="visits-title">{t('workspace.supervision.visits')}</h2>
          {supervise ? (
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'visit' })}>
              {t('workspace.supervision.recordVisit')}
            </button>
          ) : null}
        </div>
        <p className="hint">{t('workspace.supervision.intro')}</p>
        {done ? <Notice kind="success">{done}</Notice> : null}
        <ErrorAlert error={visits.error} />
        {visits.loading && !visits.data ? <Loading /> : null}
        {visits.data && visits.data.items.length === 0 ? <p className="muted">{t('workspace.supervision.noVisits')}</p> : null}
        {visits.data?.items.map((v) => (
          <VisitCard
            key={v.id}
            visit={v}
            supervise={supervise}
            canClose={canClose}
            onAddFollowUp={() => setDialog({ kind: 'followUp', visit: v })}
            onClose={(fu) => setDialog({ kind: 'close', fu })}
          />
        ))}
      </section>
      <SpotChecks pairingId={pairing.id} supervise={supervise} />

      {dialog?.kind === 'visit' ? (
        <VisitDialog pairingId={pairing.id} onClose={() => setDialog(null)} onSaved={() => savedWith('workspace.supervision.visitSaved')} />
      ) : null}
      {dialog?.kind === 'followUp' ? (
        <FollowUpDialog
          pairingId={pairing.id}
          visit={dialog.visit}
          onClose={() => setDialog(null)}
          onSaved={() => savedWith('workspace.supervision.followUpSaved')}
        />
      ) : null}
      {dialog?.kind === 'close' ? (
        <CloseDialog
          pairingId={pairing.id}
          fu={dialog.fu}
          onClose={() => setDialog(null)}
          onSaved={() => savedWith('workspace.supervision.closed')}
        />
      ) : null}
    </>
  );
}

function FollowUpBadge({ fu }: { fu: FollowUp }) {
  const { t } = useI18n();
  if (fu.status === 'done') return <Badge tone="ok">{t('workspace.supervision.fu.done')}</Badge>;
  if (fu.overdue) return <Badge tone="danger">{t('workspace.supervision.fu.overdue')}</Badge>;
  return <Badge tone="warn">{t('workspace.supervision.fu.open')}</Badge>;
}

function VisitCard({
  visit: v,
  supervise,
  canClose,
  onAddFollowUp,
  onClose,
}: {
  visit: Visit;
  supervise: boolean;
  canClose: boolean;
  onAddFollowUp: () => void;
  onClose: (fu: FollowUp) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <article className="card" aria-labelledby={`visit-${v.id}`}>
      <div className="card-head">
        <h3 id={`visit-${v.id}`}>{t('workspace.supervision.visitOn', { date: formatDate(v.visitedOn, locale) })}</h3>
        {supervise ? (
          <button type="button" className="button button-small" onClick={onAddFollowUp}>
            {t('workspace.supervision.addFollowUp')}
          </button>
        ) : null}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('workspace.supervision.visitors')}</dt>
          <dd>{v.visitors}</dd>
        </div>
        <div>
          <dt>{t('workspace.supervision.findings')}</dt>
          <dd className="prewrap">{v.findings}</dd>
        </div>
        {v.createdByName ? (
          <div>
            <dt>{t('workspace.supervision.recordedBy')}</dt>
            <dd>
              {v.createdByName} · {formatDateTime(v.createdAt, locale)}
            </dd>
          </div>
        ) : null}
      </dl>
      {v.followUps.length ? (
        <div className="table-wrap">
          <table>
            <caption>{t('workspace.supervision.followUps')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workspace.supervision.fu.action')}</th>
                <th scope="col">{t('workspace.supervision.fu.owner')}</th>
                <th scope="col">{t('workspace.supervision.fu.dueOn')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col" className="cell-actions">
                  {t('common.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {v.followUps.map((f) => (
                <tr key={f.id}>
                  <th scope="row">{f.action}</th>
                  <td>{[f.ownerOpdName, f.ownerName].filter(Boolean).join(' · ') || '—'}</td>
                  <td>{formatDate(f.dueOn, locale)}</td>
                  <td>
                    <FollowUpBadge fu={f} />
                    {f.status === 'done' ? (
                      <span className="muted">
                        {' '}
                        {formatDate(f.closedOn, locale)} — {f.closingNote}
                      </span>
                    ) : null}
                  </td>
                  <td className="cell-actions">
                    {canClose && f.status === 'open' ? (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('workspace.supervision.closeNamed', { action: f.action })}
                        onClick={() => onClose(f)}
                      >
                        {t('workspace.supervision.close')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('workspace.supervision.noFollowUps')}</p>
      )}
    </article>
  );
}

interface FollowUpRowValues {
  action: string;
  ownerOpdId: string;
  ownerName: string;
  dueOn: string;
}
const emptyRow = (): FollowUpRowValues => ({ action: '', ownerOpdId: '', ownerName: '', dueOn: '' });
const rowInput = (r: FollowUpRowValues) => ({
  action: r.action,
  ownerOpdId: r.ownerOpdId ? Number(r.ownerOpdId) : null,
  ownerName: r.ownerName.trim() || null,
  dueOn: r.dueOn,
});

function FollowUpFields({
  row,
  opds,
  errors,
  prefix,
  onChange,
}: {
  row: FollowUpRowValues;
  opds: Opd[];
  errors: Record<string, string>;
  prefix: string;
  onChange: (r: FollowUpRowValues) => void;
}) {
  const { t } = useI18n();
  const field = fieldBinder(row, (k, value) => onChange({ ...row, [k]: value }), errors, prefix);
  return (
    <div className="form-grid">
      <TextField className="span-2" label={t('workspace.supervision.fu.action')} {...field('action')} required />
      <SelectField label={t('workspace.supervision.fu.ownerOpd')} {...field('ownerOpdId')}>
        <option value="">{t('common.choose')}</option>
        {opds.map((o) => (
          <option key={o.id} value={o.id}>
            {o.abbreviation ?? o.name}
          </option>
        ))}
      </SelectField>
      <TextField label={t('workspace.supervision.fu.ownerName')} hint={t('workspace.supervision.fu.ownerHint')} {...field('ownerName')} />
      <TextField label={t('workspace.supervision.fu.dueOn')} type="date" {...field('dueOn')} required />
    </div>
  );
}

function useOpds() {
  return useLoad(() => api.opds(), []);
}

function VisitDialog({ pairingId, onClose, onSaved }: { pairingId: number; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const opds = useOpds();
  const form = useForm({ visitedOn: todayIso(), visitors: '', findings: '', followUps: [] as FollowUpRowValues[] });
  const field = fieldBinder(form.values, form.set, form.errors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { ...form.values, followUps: form.values.followUps.map(rowInput) };
    const ok = await form.submit(VisitInputSchema, input, async (data) => {
      await supervisionApi.createVisit(pairingId, data);
    });
    if (ok) {
      onSaved();
      onClose();
    }
  }

  const setRow = (i: number, r: FollowUpRowValues) => form.set('followUps', patchRow(form.values.followUps, i, r));

  return (
    <Dialog title={t('workspace.supervision.recordVisit')} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <TextField label={t('workspace.supervision.visitedOn')} type="date" max={todayIso()} {...field('visitedOn')} required />
          <TextField
            label={t('workspace.supervision.visitors')}
            hint={t('workspace.supervision.visitorsHint')}
            {...field('visitors')}
            required
          />
          <TextAreaField className="span-2" label={t('workspace.supervision.findings')} {...field('findings')} rows={4} required />
        </div>
        <h3>{t('workspace.supervision.followUps')}</h3>
        {form.values.followUps.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
          <fieldset key={i} className="card">
            <legend>{t('workspace.supervision.followUpN', { n: i + 1 })}</legend>
            <FollowUpFields
              row={r}
              opds={opds.data?.items ?? []}
              errors={form.errors}
              prefix={`followUps.${i}.`}
              onChange={(x) => setRow(i, x)}
            />
            <button
              type="button"
              className="button button-small button-danger-outline"
              onClick={() => form.set('followUps', removeRow(form.values.followUps, i))}
            >
              {t('workspace.supervision.removeRow')}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button-small" onClick={() => form.set('followUps', [...form.values.followUps, emptyRow()])}>
          {t('workspace.supervision.addFollowUp')}
        </button>
        <ErrorAlert error={form.error} />
        <FormActions onCancel={onClose} busy={form.busy} />
      </form>
    </Dialog>
  );
}

function FollowUpDialog({
  pairingId,
  visit,
  onClose,
  onSaved,
}: {
  pairingId: number;
  visit: Visit;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, locale } = useI18n();
  const opds = useOpds();
  const form = useForm({ row: emptyRow() });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await form.submit(FollowUpInputSchema, rowInput(form.values.row), async (data) => {
      await supervisionApi.addFollowUp(pairingId, visit.id, data);
    });
    if (ok) {
      onSaved();
      onClose();
    }
  }
  return (
    <Dialog title={t('workspace.supervision.addFollowUpTo', { date: formatDate(visit.visitedOn, locale) })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FollowUpFields
          row={form.values.row}
          opds={opds.data?.items ?? []}
          errors={form.errors}
          prefix=""
          onChange={(r) => form.set('row', r)}
        />
        <ErrorAlert error={form.error} />
        <FormActions onCancel={onClose} busy={form.busy} />
      </form>
    </Dialog>
  );
}

function CloseDialog({ pairingId, fu, onClose, onSaved }: { pairingId: number; fu: FollowUp; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const form = useForm({ closedOn: todayIso(), closingNote: '' });
  const field = fieldBinder(form.values, form.set, form.errors);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await form.submit(FollowUpCloseSchema, form.values, async (data) => {
      await supervisionApi.closeFollowUp(pairingId, fu.id, data);
    });
    if (ok) {
      onSaved();
      onClose();
    }
  }
  return (
    <Dialog title={t('workspace.supervision.closeTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>
          <strong>{fu.action}</strong>
        </p>
        <TextField label={t('workspace.supervision.closedOn')} type="date" max={todayIso()} {...field('closedOn')} required />
        <TextAreaField
          label={t('workspace.supervision.closingNote')}
          hint={t('workspace.supervision.closingNoteHint')}
          {...field('closingNote')}
          rows={3}
          required
        />
        <ErrorAlert error={form.error} />
        <FormActions onCancel={onClose} submitLabel={t('workspace.supervision.close')} busy={form.busy} />
      </form>
    </Dialog>
  );
}

// ---- spot-checks ---------------------------------------------------------------------------------

function outcomeTone(o: SpotCheckOutcome): 'ok' | 'warn' | 'danger' | 'muted' {
  return o === 'verified' ? 'ok' : o === 'discrepancy' ? 'warn' : o === 'not_found' ? 'danger' : 'muted';
}

function SpotChecks({ pairingId, supervise }: { pairingId: number; supervise: boolean }) {
  const { t, locale } = useI18n();
  const checks = useLoad(() => supervisionApi.spotChecks(pairingId), [pairingId]);
  const form = useForm({ sampleSize: '5', seed: '' });
  const field = fieldBinder(form.values, form.set, form.errors);
  const [recording, setRecording] = useState<SpotCheckItem | null>(null);

  async function draw(e: FormEvent) {
    e.preventDefault();
    const input = { sampleSize: form.values.sampleSize, seed: form.values.seed.trim() || undefined };
    const ok = await form.submit(SpotCheckInputSchema, input, async (data) => {
      await supervisionApi.drawSpotCheck(pairingId, data);
    });
    if (ok) checks.reload();
  }

  return (
    <section aria-labelledby="spot-title">
      <h2 id="spot-title">{t('workspace.supervision.spotChecks')}</h2>
      <p className="hint">{t('workspace.supervision.spotIntro')}</p>
      {supervise ? (
        <form onSubmit={draw} noValidate className="toolbar card">
          <TextField label={t('workspace.supervision.sampleSize')} type="number" min={1} max={50} {...field('sampleSize')} required />
          <TextField label={t('workspace.supervision.seed')} hint={t('workspace.supervision.seedHint')} {...field('seed')} />
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('workspace.supervision.draw')}
          </button>
        </form>
      ) : null}
      <ErrorAlert error={form.error ?? checks.error} />
      {checks.loading && !checks.data ? <Loading /> : null}
      {checks.data && checks.data.items.length === 0 ? <p className="muted">{t('workspace.supervision.noSpotChecks')}</p> : null}
      {checks.data?.items.map((c) => (
        <article key={c.id} className="card" aria-labelledby={`spot-${c.id}`}>
          <h3 id={`spot-${c.id}`}>
            {t('workspace.supervision.spotTitle', {
              date: formatDateTime(c.drawnAt, locale),
              n: c.sampleSize,
              population: c.population,
            })}
          </h3>
          <p className="hint">
            {t('workspace.supervision.seedUsed')}: <code>{c.seed}</code>
          </p>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('workspace.supervision.spotChecks')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('workspace.supervision.item.intervention')}</th>
                  <th scope="col">{t('workspace.supervision.item.beneficiaries')}</th>
                  <th scope="col">{t('workspace.supervision.item.outcome')}</th>
                  {supervise ? (
                    <th scope="col" className="cell-actions">
                      {t('common.actions')}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {c.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      {i.title}
                      <span className="muted">
                        {' '}
                        · {formatDate(i.deliveredOn, locale)} · {i.helpType}
                      </span>
                    </th>
                    <td>
                      {i.reach === 'village' ? (
                        <span className="muted">{t('workspace.supervision.item.villageWide')}</span>
                      ) : (
                        <ul className="plain-list">
                          {i.beneficiaries.map((b) => (
                            <li key={b.familyId}>
                              {b.headName ?? '—'}{' '}
                              <span className="muted">{t('workspace.supervision.item.rtRw', { rt: b.rt ?? '—', rw: b.rw ?? '—' })}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <Badge tone={outcomeTone(i.outcome)}>{t(`workspace.supervision.outcome.${i.outcome}`)}</Badge>
                      {i.checkedOn ? <span className="muted"> {formatDate(i.checkedOn, locale)}</span> : null}
                      {i.note ? <span className="muted"> — {i.note}</span> : null}
                    </td>
                    {supervise ? (
                      <td className="cell-actions">
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('workspace.supervision.recordNamed', { title: i.title })}
                          onClick={() => setRecording(i)}
                        >
                          {t('workspace.supervision.record')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </article>
      ))}
      {recording ? (
        <OutcomeDialog pairingId={pairingId} item={recording} onClose={() => setRecording(null)} onSaved={checks.reload} />
      ) : null}
    </section>
  );
}

function OutcomeDialog({
  pairingId,
  item,
  onClose,
  onSaved,
}: {
  pairingId: number;
  item: SpotCheckItem;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const form = useForm({
    outcome: item.outcome === 'pending' ? 'verified' : item.outcome,
    note: item.note ?? '',
    checkedOn: item.checkedOn ?? todayIso(),
  });
  const field = fieldBinder(form.values, form.set, form.errors);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { ...form.values, note: form.values.note.trim() || null };
    const ok = await form.submit(SpotCheckItemPatchSchema, input, async (data) => {
      await supervisionApi.recordItem(pairingId, item.id, { ...data, note: data.note ?? null });
    });
    if (ok) {
      onSaved();
      onClose();
    }
  }
  return (
    <Dialog title={t('workspace.supervision.recordTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>
          <strong>{item.title}</strong>
        </p>
        <SelectField
          label={t('workspace.supervision.item.outcome')}
          value={form.values.outcome}
          onChange={(e) => form.set('outcome', e.target.value as typeof form.values.outcome)}
          error={form.errors.outcome}
          required
        >
          {(['verified', 'discrepancy', 'not_found'] as const).map((o) => (
            <option key={o} value={o}>
              {t(`workspace.supervision.outcome.${o}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('workspace.supervision.item.note')}
          hint={t('workspace.supervision.item.noteHint')}
          {...field('note')}
          rows={3}
        />
        <TextField label={t('workspace.supervision.item.checkedOn')} type="date" max={todayIso()} {...field('checkedOn')} required />
        <ErrorAlert error={form.error} />
        <FormActions onCancel={onClose} busy={form.busy} />
      </form>
    </Dialog>
  );
}
