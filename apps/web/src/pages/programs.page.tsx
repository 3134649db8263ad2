import { DecreeTypeSchema, type Program, ProgramInputSchema, ProgramYearInputSchema } from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api } from '../api/endpoints.ts';
import { isAdmin, useMe } from '../auth/session.tsx';
import { Dialog } from '../components/dialog.tsx';
import { Badge, ErrorAlert, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { CheckboxField, SelectField, TextField } from '../components/fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../lib/format.ts';
import type { ProgramYear } from '../lib/program-year.ts';
import { useForm } from '../lib/use-form.ts';
import { useLoad } from '../lib/use-load.ts';

type DecreeType = z.infer<typeof DecreeTypeSchema>;
type YearStatus = ProgramYear['status'];

export function ProgramsPage() {
  const { t } = useI18n();
  const admin = isAdmin(useMe().user.role);
  const programs = useLoad(() => api.programs(), []);
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const replace = (p: Program) => {
    if (programs.data) programs.setData({ items: programs.data.items.map((x) => (x.id === p.id ? p : x)) });
  };

  return (
    <>
      <PageHeader
        title={t('programs.title')}
        subtitle={t('programs.subtitle')}
        actions={
          admin ? (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {t('programs.add')}
            </button>
          ) : null
        }
      />
      {done ? <Notice kind="success">{done}</Notice> : null}
      {programs.loading && !programs.data ? <Loading /> : null}
      <ErrorAlert error={programs.error} />
      {programs.data?.items.length === 0 ? (
        <section className="card empty">
          <p>{t('programs.empty')}</p>
        </section>
      ) : null}
      {programs.data?.items.map((p) => (
        <ProgramCard
          key={p.id}
          program={p}
          admin={admin}
          onChanged={(next, message) => {
            replace(next);
            setDone(message);
          }}
        />
      ))}
      {creating ? (
        <CreateProgramDialog
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            setDone(t('programs.created', { name: p.name }));
            programs.reload();
          }}
        />
      ) : null}
    </>
  );
}

function ProgramCard({
  program: p,
  admin,
  onChanged,
}: {
  program: Program;
  admin: boolean;
  onChanged: (p: Program, message: string) => void;
}) {
  const { t, locale } = useI18n();
  const headingId = `program-${p.id}`;
  const years = [...p.years].sort((a, b) => b.year - a.year);
  return (
    <section className="card program-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{p.name}</h2>
      <dl className="facts">
        <div>
          <dt>{t('programs.decree')}</dt>
          <dd>
            {t(`decreeType.${p.decreeType}`)} {p.decreeNumber} · {formatDate(p.decreeDate, locale)} · {p.decreeIssuer}
          </dd>
        </div>
        <div>
          <dt>{t('programs.period')}</dt>
          <dd>
            {p.startYear} – {p.endYear ?? t('common.now')}
          </dd>
        </div>
        <div>
          <dt>{t('programs.rule')}</dt>
          <dd>{p.oneVillagePerOpd ? t('programs.ruleOne') : t('programs.ruleMany')}</dd>
        </div>
      </dl>
      <div className="table-wrap">
        <table>
          <caption>{t('programs.yearsCaption', { name: p.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.year')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col" className="num">
                {t('programs.activePairings')}
              </th>
              <th scope="col" className="cell-actions">
                {t('common.actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <YearRow key={y.id} programId={p.id} year={y} admin={admin} onChanged={onChanged} />
            ))}
            {years.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  {t('programs.noYears')}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {admin ? <AddYearForm program={p} onAdded={(next, year) => onChanged(next, t('programs.yearAdded', { year }))} /> : null}
    </section>
  );
}

function YearRow({
  programId,
  year: y,
  admin,
  onChanged,
}: {
  programId: number;
  year: ProgramYear;
  admin: boolean;
  onChanged: (p: Program, message: string) => void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<YearStatus>(y.status);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const tone = y.status === 'active' ? 'ok' : y.status === 'planned' ? 'info' : 'muted';
  return (
    <tr>
      <th scope="row">{y.year}</th>
      <td>
        <Badge tone={tone}>{t(`yearStatus.${y.status}`)}</Badge>
      </td>
      <td className="num">{y.activePairings}</td>
      <td className="cell-actions">
        <div className="row-actions">
          <Link className="button button-small" to={`/papan?program=${programId}&tahun=${y.id}`}>
            {t('programs.openBoard')}
          </Link>
          {admin ? (
            <form
              className="inline-form compact"
              onSubmit={async (e) => {
                e.preventDefault();
                setBusy(true);
                setError(null);
                try {
                  const p = await api.setProgramYearStatus(y.id, { status });
                  onChanged(p, t('programs.statusChanged', { year: y.year, status: t(`yearStatus.${status}`) }));
                } catch (err) {
                  setError(err);
                } finally {
                  setBusy(false);
                }
              }}
            >
              <SelectField
                className="field-compact"
                label={t('programs.statusOf', { year: y.year })}
                value={status}
                onChange={(e) => setStatus(e.target.value as YearStatus)}
              >
                {(['planned', 'active', 'closed'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`yearStatus.${s}`)}
                  </option>
                ))}
              </SelectField>
              <button
                type="submit"
                className="button button-small"
                disabled={busy || status === y.status}
                aria-label={t('programs.saveStatusOf', { year: y.year })}
              >
                {t('common.save')}
              </button>
            </form>
          ) : null}
        </div>
        <ErrorAlert error={error} />
      </td>
    </tr>
  );
}

function AddYearForm({ program, onAdded }: { program: Program; onAdded: (p: Program, year: number) => void }) {
  const { t } = useI18n();
  const nextYear = Math.max(program.startYear - 1, ...program.years.map((y) => y.year)) + 1;
  const form = useForm({ year: String(nextYear), status: 'active' as 'planned' | 'active' });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { year: Number(form.values.year), status: form.values.status };
    await form.submit(ProgramYearInputSchema, input, async (data) => {
      const p = await api.addProgramYear(program.id, data);
      onAdded(p, data.year);
      const added = Math.max(...p.years.map((y) => y.year));
      form.setValues({ year: String(added + 1), status: 'active' });
    });
  }
  return (
    <form className="inline-form add-year" onSubmit={submit} noValidate aria-label={t('programs.addYearFor', { name: program.name })}>
      <TextField
        label={t('programs.newYear')}
        type="number"
        inputMode="numeric"
        min={2000}
        max={2100}
        value={form.values.year}
        onChange={(e) => form.set('year', e.target.value)}
        error={form.errors.year}
      />
      <SelectField
        label={t('programs.newYearStatus')}
        value={form.values.status}
        onChange={(e) => form.set('status', e.target.value as 'planned' | 'active')}
      >
        <option value="active">{t('yearStatus.active')}</option>
        <option value="planned">{t('yearStatus.planned')}</option>
      </SelectField>
      <button type="submit" className="button button-primary" disabled={form.busy}>
        {t('programs.addYear')}
      </button>
      <ErrorAlert error={form.error} />
    </form>
  );
}

interface ProgramForm {
  name: string;
  decreeType: DecreeType;
  decreeNumber: string;
  decreeDate: string;
  decreeIssuer: string;
  startYear: string;
  endYear: string;
  oneVillagePerOpd: boolean;
}

function CreateProgramDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (p: Program) => void }) {
  const { t } = useI18n();
  const form = useForm<ProgramForm>({
    name: '',
    decreeType: 'sk_wali_kota',
    decreeNumber: '',
    decreeDate: '',
    decreeIssuer: '',
    startYear: String(new Date().getFullYear()),
    endYear: '',
    oneVillagePerOpd: true,
  });
  const v = form.values;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      ...v,
      startYear: Number(v.startYear),
      endYear: v.endYear.trim() ? Number(v.endYear) : null,
    };
    await form.submit(ProgramInputSchema, input, async (data) => onCreated(await api.createProgram(data)));
  }
  return (
    <Dialog title={t('programs.createTitle')} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="form-grid">
        <TextField
          className="span-2"
          label={t('programs.name')}
          value={v.name}
          onChange={(e) => form.set('name', e.target.value)}
          error={form.errors.name}
          required
        />
        <SelectField
          label={t('programs.decreeType')}
          value={v.decreeType}
          onChange={(e) => form.set('decreeType', e.target.value as DecreeType)}
          error={form.errors.decreeType}
          required
        >
          {DecreeTypeSchema.options.map((d) => (
            <option key={d} value={d}>
              {t(`decreeType.${d}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('programs.decreeNumber')}
          value={v.decreeNumber}
          onChange={(e) => form.set('decreeNumber', e.target.value)}
          error={form.errors.decreeNumber}
          required
        />
        <TextField
          label={t('programs.decreeDate')}
          type="date"
          value={v.decreeDate}
          onChange={(e) => form.set('decreeDate', e.target.value)}
          error={form.errors.decreeDate}
          required
        />
        <TextField
          label={t('programs.decreeIssuer')}
          value={v.decreeIssuer}
          onChange={(e) => form.set('decreeIssuer', e.target.value)}
          error={form.errors.decreeIssuer}
          required
          placeholder={t('programs.decreeIssuerPlaceholder')}
        />
        <TextField
          label={t('programs.startYear')}
          type="number"
          inputMode="numeric"
          value={v.startYear}
          onChange={(e) => form.set('startYear', e.target.value)}
          error={form.errors.startYear}
          required
        />
        <TextField
          label={t('programs.endYear')}
          type="number"
          inputMode="numeric"
          value={v.endYear}
          onChange={(e) => form.set('endYear', e.target.value)}
          error={form.errors.endYear}
          hint={t('programs.endYearHint')}
        />
        <CheckboxField
          className="span-2"
          label={t('programs.oneVillagePerOpd')}
          checked={v.oneVillagePerOpd}
          onChange={(e) => form.set('oneVillagePerOpd', e.target.checked)}
          hint={t('programs.oneVillagePerOpdHint')}
        />
        <div className="span-2">
          <ErrorAlert error={form.error} />
        </div>
        <div className="form-actions span-2">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('programs.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
