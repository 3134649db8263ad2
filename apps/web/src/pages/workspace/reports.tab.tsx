import { type Report, type ReportMonth, ReportPatchSchema, ReportReturnSchema } from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { reportsApi } from '../../api/workspace-reports.ts';
import { Dialog } from '../../components/dialog.tsx';
import { Badge, ErrorAlert, Loading, Notice } from '../../components/feedback.tsx';
import { TextAreaField } from '../../components/fields.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { ReasonDialog } from '../../components/reason-dialog.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldBinder } from '../../lib/field-binding.ts';
import { formatDate, formatDateTime, formatNumber, formatRupiah } from '../../lib/format.ts';
import { monthLabel, monthTone, reportActions } from '../../lib/report-status.ts';
import { useAction } from '../../lib/use-action.ts';
import { useForm } from '../../lib/use-form.ts';
import { useLoad } from '../../lib/use-load.ts';
import type { TabProps } from './workspace-tabs.ts';

/** Laporan bulanan: draf dari data bulan itu, kirim, terima (terkunci) atau kembalikan, buka kunci dengan alasan. */
export function ReportsTab({ pairing, ws }: TabProps) {
  const { t, locale } = useI18n();
  const list = useLoad(() => reportsApi.list(pairing.id), [pairing.id]);
  const [open, setOpen] = useState<string | null>(null);
  const { busy, error: createError, run } = useAction();
  const months = list.data ? [...list.data.months].reverse() : [];
  const selected = months.find((m) => m.month === open) ?? null;

  async function draft(m: ReportMonth) {
    await run(async () => {
      await reportsApi.create(pairing.id, m.month);
      list.reload();
      setOpen(m.month);
    });
  }

  return (
    <section aria-labelledby="reports-title">
      <div className="card-head">
        <h2 id="reports-title">{t('workspace.reports.title')}</h2>
      </div>
      <p className="hint">{t('workspace.reports.intro', { day: list.data?.dueDay ?? 10 })}</p>
      <ErrorAlert error={list.error ?? createError} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && months.length === 0 ? <p className="muted">{t('workspace.reports.noMonths')}</p> : null}
      {months.length ? (
        <div className="table-wrap card">
          <table>
            <caption className="sr-only">{t('workspace.reports.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workspace.reports.month')}</th>
                <th scope="col">{t('workspace.reports.dueOn')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('workspace.reports.submittedAt')}</th>
                <th scope="col" className="cell-actions">
                  {t('common.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month} aria-current={m.month === open ? 'true' : undefined}>
                  <th scope="row">{monthLabel(m.month, locale)}</th>
                  <td>{formatDate(m.dueOn, locale)}</td>
                  <td>
                    <MonthBadges m={m} />
                  </td>
                  <td>{m.submittedAt ? formatDateTime(m.submittedAt, locale) : '—'}</td>
                  <td className="cell-actions">
                    {m.reportId ? (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('workspace.reports.openNamed', { month: monthLabel(m.month, locale) })}
                        onClick={() => setOpen(m.month === open ? null : m.month)}
                      >
                        {m.month === open ? t('common.close') : t('workspace.reports.open')}
                      </button>
                    ) : ws.access.author ? (
                      <button
                        type="button"
                        className="button button-small button-primary"
                        disabled={busy}
                        aria-label={t('workspace.reports.draftNamed', { month: monthLabel(m.month, locale) })}
                        onClick={() => draft(m)}
                      >
                        {t('workspace.reports.draft')}
                      </button>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {selected?.reportId ? (
        <ReportDetail
          key={selected.reportId}
          pairingId={pairing.id}
          reportId={selected.reportId}
          access={ws.access}
          onChanged={list.reload}
        />
      ) : null}
    </section>
  );
}

function MonthBadges({ m }: { m: Pick<ReportMonth, 'status' | 'late' | 'locked'> }) {
  const { t } = useI18n();
  return (
    <span className="badges">
      <Badge tone={monthTone(m.status, m.late)}>
        {t(`workspace.reports.status.${m.status}`)}
        {m.locked ? ' 🔒' : ''}
      </Badge>
      {m.late ? (
        <>
          {' '}
          <Badge tone="danger">{t('workspace.reports.late')}</Badge>
        </>
      ) : null}
    </span>
  );
}

function ReportDetail({
  pairingId,
  reportId,
  access,
  onChanged,
}: {
  pairingId: number;
  reportId: number;
  access: { author: boolean; review: boolean };
  onChanged: () => void;
}) {
  const { t, has, locale } = useI18n();
  const report = useLoad(() => reportsApi.get(pairingId, reportId), [pairingId, reportId]);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'return' | 'unlock' | null>(null);
  const r = report.data;

  async function act(fn: () => Promise<Report>, message: string) {
    setDone(null);
    await run(async () => {
      report.setData(await fn());
      setDone(message);
      onChanged();
    });
  }

  if (!r) return report.loading ? <Loading /> : <ErrorAlert error={report.error} />;
  const can = reportActions(r.status, access);
  const s = r.summary;

  return (
    <article className="card" aria-labelledby="report-detail-title">
      <div className="card-head">
        <h3 id="report-detail-title">
          {t('workspace.reports.detailTitle', { month: monthLabel(r.month, locale) })} <MonthBadges m={r} />
        </h3>
        <span className="page-actions">
          {can.refresh ? (
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => act(() => reportsApi.refresh(pairingId, r.id), t('workspace.reports.refreshed'))}
            >
              {t('workspace.reports.refresh')}
            </button>
          ) : null}
          {can.submit ? (
            <button
              type="button"
              className="button button-small button-primary"
              disabled={busy}
              onClick={() => act(() => reportsApi.submit(pairingId, r.id), t('workspace.reports.submitted'))}
            >
              {t('workspace.reports.submit')}
            </button>
          ) : null}
          {can.accept ? (
            <button
              type="button"
              className="button button-small button-primary"
              disabled={busy}
              onClick={() => act(() => reportsApi.accept(pairingId, r.id), t('workspace.reports.accepted'))}
            >
              {t('workspace.reports.accept')}
            </button>
          ) : null}
          {can.returnIt ? (
            <button type="button" className="button button-small button-danger-outline" onClick={() => setDialog('return')}>
              {t('workspace.reports.return')}
            </button>
          ) : null}
          {can.unlock ? (
            <button type="button" className="button button-small button-danger-outline" onClick={() => setDialog('unlock')}>
              {t('workspace.reports.unlock')}
            </button>
          ) : null}
        </span>
      </div>
      {done ? <Notice kind="success">{done}</Notice> : null}
      <ErrorAlert error={error} />
      {r.status === 'returned' && r.reviewComment ? (
        <Notice kind="warning">
          <strong>{t('workspace.reports.reviewComment')}:</strong> {r.reviewComment}
        </Notice>
      ) : null}
      {r.locked ? <p className="hint">{t('workspace.reports.lockedHint')}</p> : null}

      <h4>{t('workspace.reports.figures')}</h4>
      <p className="hint">{t('workspace.reports.figuresHint', { at: formatDateTime(s.draftedAt, locale) })}</p>
      <dl className="facts facts-grid">
        <div>
          <dt>{t('workspace.reports.fig.interventions')}</dt>
          <dd>{formatNumber(s.interventions.count, locale)}</dd>
        </div>
        <div>
          <dt>{t('workspace.reports.fig.byStatus')}</dt>
          <dd>
            {(['done', 'in_progress', 'planned', 'cancelled'] as const)
              .map((k) => `${t(`workspace.reports.ivStatus.${k}`)} ${s.interventions.byStatus[k]}`)
              .join(' · ')}
          </dd>
        </div>
        <div>
          <dt>{t('workspace.reports.fig.families')}</dt>
          <dd>{formatNumber(s.interventions.familiesReached, locale)}</dd>
        </div>
        <div>
          <dt>{t('workspace.reports.fig.villageWide')}</dt>
          <dd>{formatNumber(s.interventions.villageWide, locale)}</dd>
        </div>
        <div>
          <dt>{t('workspace.reports.fig.outputs')}</dt>
          <dd>{s.interventions.outputs.map((o) => `${formatNumber(o.volume, locale)} ${o.unit}`).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('workspace.reports.fig.cost')}</dt>
          <dd>
            {formatRupiah(s.interventions.totalCost, locale)}
            {s.interventions.costs.length ? (
              <span className="muted">
                {' '}
                (
                {s.interventions.costs
                  .map((c) => {
                    const key = `workspace.plan.funding.${c.fundingSource}`;
                    return `${has(key) ? t(key) : c.fundingSource} ${formatRupiah(c.amount, locale)}`;
                  })
                  .join('; ')}
                )
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('workspace.reports.fig.visits')}</dt>
          <dd>
            {formatNumber(s.visits.count, locale)}
            {s.visits.dates.length ? <span className="muted"> ({s.visits.dates.map((d) => formatDate(d, locale)).join(', ')})</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('workspace.reports.fig.followUps')}</dt>
          <dd>{t('workspace.reports.fig.followUpsValue', { opened: s.followUps.opened, closed: s.followUps.closed })}</dd>
        </div>
      </dl>
      {s.interventions.items.length ? (
        <ul className="plain-list">
          {s.interventions.items.map((i) => (
            <li key={i.id}>
              {formatDate(i.deliveredOn, locale)} · <strong>{i.title}</strong> · {t(`workspace.reports.ivStatus.${ivStatus(i.status)}`)}
              {i.families ? ` · ${t('workspace.reports.familiesN', { n: i.families })}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('workspace.reports.noInterventions')}</p>
      )}

      {can.edit ? (
        <NarrativeEditor key={`${r.id}:${r.status}`} report={r} onSaved={(x) => report.setData(x)} pairingId={pairingId} />
      ) : (
        <dl className="facts">
          <div>
            <dt>{t('workspace.reports.narrative')}</dt>
            <dd className="prewrap">{r.narrative || '—'}</dd>
          </div>
          <div>
            <dt>{t('workspace.reports.obstacles')}</dt>
            <dd className="prewrap">{r.obstacles || '—'}</dd>
          </div>
          <div>
            <dt>{t('workspace.reports.nextSteps')}</dt>
            <dd className="prewrap">{r.nextSteps || '—'}</dd>
          </div>
        </dl>
      )}

      <h4>{t('workspace.reports.history')}</h4>
      {r.events.length === 0 ? <p className="muted">{t('workspace.reports.noEvents')}</p> : null}
      <ol className="plain-list">
        {r.events.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.at, locale)} · <strong>{t(`workspace.reports.event.${e.action}`)}</strong>
            {e.actorName ? ` · ${e.actorName}` : ''}
            {e.comment ? <span className="muted"> — {e.comment}</span> : null}
          </li>
        ))}
      </ol>

      {dialog === 'return' ? (
        <ReturnDialog
          onClose={() => setDialog(null)}
          onSubmit={(comment) => act(() => reportsApi.returnReport(pairingId, r.id, comment), t('workspace.reports.returned'))}
        />
      ) : null}
      {dialog === 'unlock' ? (
        <ReasonDialog
          title={t('workspace.reports.unlockTitle')}
          intro={t('workspace.reports.unlockIntro')}
          submitLabel={t('workspace.reports.unlock')}
          onClose={() => setDialog(null)}
          onSubmit={async ({ reason }) => {
            report.setData(await reportsApi.unlock(pairingId, r.id, reason));
            setDone(t('workspace.reports.unlocked'));
            onChanged();
          }}
        />
      ) : null}
    </article>
  );
}

const IV_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
const ivStatus = (s: string) => ((IV_STATUSES as readonly string[]).includes(s) ? (s as (typeof IV_STATUSES)[number]) : 'done');

function NarrativeEditor({ report, pairingId, onSaved }: { report: Report; pairingId: number; onSaved: (r: Report) => void }) {
  const { t } = useI18n();
  const form = useForm({ narrative: report.narrative ?? '', obstacles: report.obstacles ?? '', nextSteps: report.nextSteps ?? '' });
  const field = fieldBinder(form.values, form.set, form.errors);
  const [saved, setSaved] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const ok = await form.submit(ReportPatchSchema, form.values, async (data) => {
      onSaved(await reportsApi.update(pairingId, report.id, data));
    });
    setSaved(ok);
  }

  return (
    <form onSubmit={save} noValidate className="form-grid">
      <TextAreaField
        className="span-2"
        label={t('workspace.reports.narrative')}
        hint={t('workspace.reports.narrativeHint')}
        {...field('narrative')}
        rows={5}
        required
      />
      <TextAreaField label={t('workspace.reports.obstacles')} {...field('obstacles')} rows={3} />
      <TextAreaField label={t('workspace.reports.nextSteps')} {...field('nextSteps')} rows={3} />
      <ErrorAlert error={form.error} />
      <div className="form-actions span-2">
        {saved ? <span role="status">{t('workspace.reports.saved')}</span> : null}
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function ReturnDialog({ onClose, onSubmit }: { onClose: () => void; onSubmit: (comment: string) => Promise<void> }) {
  const { t } = useI18n();
  const form = useForm({ comment: '' });
  const field = fieldBinder(form.values, form.set, form.errors);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await form.submit(ReportReturnSchema, form.values, async (d) => onSubmit(d.comment));
    if (ok) onClose();
  }
  return (
    <Dialog title={t('workspace.reports.returnTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <TextAreaField
          label={t('workspace.reports.comment')}
          hint={t('workspace.reports.commentHint')}
          {...field('comment')}
          rows={4}
          required
        />
        <ErrorAlert error={form.error} />
        <FormActions onCancel={onClose} submitLabel={t('workspace.reports.return')} busy={form.busy} danger />
      </form>
    </Dialog>
  );
}
