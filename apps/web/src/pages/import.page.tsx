import {
  ImportMappingInputSchema,
  type ImportMappingSchema,
  ImportStartQuerySchema,
  type ImportView,
  SourceKindSchema,
} from '@dampingan/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { type Upload, UploadAborted, type UploadProgress, uploadImport } from '../api/upload.ts';
import { Badge, ErrorAlert, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../components/fields.tsx';
import { ProgressBar, SyntheticBadge, useCodes } from '../components/registry.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/format.ts';
import { formatBytes, percent } from '../lib/import-progress.ts';
import { MAPPING_TARGETS, parseMappingText } from '../lib/mapping.ts';
import { useForm } from '../lib/use-form.ts';
import { type Loaded, useLoad } from '../lib/use-load.ts';
import { type FieldErrors, validate } from '../lib/validate.ts';

const ACCEPT = '.csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Mappings = Loaded<{ items: z.infer<typeof ImportMappingSchema>[] }>;

export function ImportPage() {
  const { t } = useI18n();
  const mappings = useLoad(() => api.importMappings(), []);
  const [mappingId, setMappingId] = useState('');
  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <ImportForm mappings={mappings} mappingId={mappingId} onMappingId={setMappingId} />
      <MappingForm
        onSaved={(id) => {
          mappings.reload();
          setMappingId(String(id));
        }}
      />
      <ImportHistory />
    </>
  );
}

interface Values {
  sourceKind: string;
  period: string;
  datasetLabel: string;
  dryRun: boolean;
  partial: boolean;
}

function ImportForm({ mappings, mappingId, onMappingId }: { mappings: Mappings; mappingId: string; onMappingId: (id: string) => void }) {
  const { t, locale } = useI18n();
  const { label } = useCodes();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [values, setValues] = useState<Values>({
    sourceKind: 'dtsen',
    period: '',
    datasetLabel: '',
    dryRun: false,
    partial: false,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [aborted, setAborted] = useState(false);
  const upload = useRef<Upload | null>(null);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((x) => ({ ...x, [k]: v }));
  const busy = progress !== null;

  // Leaving the page cancels an upload still in flight.
  useEffect(() => () => upload.current?.abort(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setAborted(false);
    const query = {
      fileName: file?.name ?? '',
      sourceKind: values.sourceKind,
      period: values.period,
      datasetLabel: values.datasetLabel.trim() || undefined,
      dryRun: values.dryRun ? 'true' : 'false',
      fullSnapshot: values.partial ? 'false' : 'true',
      mappingId: mappingId || undefined,
    };
    const v = validate(ImportStartQuerySchema, query);
    const errs: FieldErrors = v.ok ? {} : { ...v.errors };
    if (!file) errs.file = t('import.fileRequired');
    else if (file.size === 0) errs.file = t('import.fileEmpty');
    delete errs.fileName;
    setErrors(errs);
    if (!file || Object.keys(errs).length > 0) return;
    setProgress({ loaded: 0, total: file.size });
    const u = uploadImport(file, query, setProgress);
    upload.current = u;
    try {
      const view = await u.done;
      navigate(`/impor/${view.id}`, { state: { view } });
    } catch (err) {
      if (err instanceof UploadAborted) setAborted(true);
      else {
        setError(err);
        if (err instanceof ApiError) setErrors(err.fieldErrors());
      }
      setProgress(null);
    } finally {
      upload.current = null;
    }
  }

  const pct = progress ? percent(progress.loaded, progress.total) : null;
  const uploaded = progress && progress.loaded >= progress.total;

  return (
    <section className="card" aria-labelledby="import-form">
      <h2 id="import-form">{t('import.formTitle')}</h2>
      <form onSubmit={submit} noValidate className="form-grid import-form">
        <TextField
          className="span-2"
          label={t('import.file')}
          type="file"
          accept={ACCEPT}
          required
          disabled={busy}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          error={errors.file}
          hint={file ? t('import.fileChosen', { name: file.name, size: formatBytes(file.size, locale) }) : t('import.fileHint')}
        />
        <SelectField
          label={t('import.sourceKind')}
          value={values.sourceKind}
          onChange={(e) => set('sourceKind', e.target.value)}
          error={errors.sourceKind}
          required
          disabled={busy}
        >
          {SourceKindSchema.options.map((k) => (
            <option key={k} value={k}>
              {label('sourceKind', k)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('import.period')}
          type="date"
          value={values.period}
          onChange={(e) => set('period', e.target.value)}
          error={errors.period}
          hint={t('import.periodHint')}
          required
          disabled={busy}
        />
        <TextField
          label={t('import.datasetLabel')}
          value={values.datasetLabel}
          onChange={(e) => set('datasetLabel', e.target.value)}
          error={errors.datasetLabel}
          placeholder={t('import.datasetLabelPlaceholder')}
          maxLength={200}
          disabled={busy}
        />
        <SelectField
          label={t('import.mapping')}
          value={mappingId}
          onChange={(e) => onMappingId(e.target.value)}
          error={errors.mappingId}
          hint={t('import.mappingHint')}
          disabled={busy}
        >
          <option value="">{t('import.noMapping')}</option>
          {mappings.data?.items.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({label('sourceKind', m.sourceKind)})
            </option>
          ))}
        </SelectField>
        <CheckboxField
          className="span-2"
          label={t('import.dryRun')}
          hint={t('import.dryRunHint')}
          checked={values.dryRun}
          onChange={(e) => set('dryRun', e.target.checked)}
          disabled={busy}
        />
        <CheckboxField
          className="span-2"
          label={t('import.partial')}
          hint={t('import.partialHint')}
          checked={values.partial}
          onChange={(e) => set('partial', e.target.checked)}
          disabled={busy}
        />
        {values.sourceKind === 'synthetic' ? (
          <div className="span-2">
            <Notice kind="warning">{t('import.syntheticNote')}</Notice>
          </div>
        ) : null}
        <div className="span-2">
          <ErrorAlert error={mappings.error} />
          <ErrorAlert error={error} title={t('import.refused')} />
          {aborted ? <Notice kind="info">{t('import.aborted')}</Notice> : null}
        </div>
        {progress ? (
          <div className="span-2 upload-progress">
            <ProgressBar
              label={t('import.uploading')}
              value={pct}
              text={
                uploaded
                  ? t('import.uploadedWaiting')
                  : t('import.uploadedOf', { done: formatBytes(progress.loaded, locale), total: formatBytes(progress.total, locale) })
              }
            />
          </div>
        ) : null}
        <div className="form-actions span-2">
          {busy ? (
            <button type="button" className="button" onClick={() => upload.current?.abort()}>
              {t('import.cancelUpload')}
            </button>
          ) : null}
          <button type="submit" className="button button-primary" disabled={busy}>
            {values.dryRun ? t('import.submitDryRun') : t('import.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Saves a header → field mapping for a file layout the importer does not recognise by itself. */
function MappingForm({ onSaved }: { onSaved: (id: number) => void }) {
  const { t } = useI18n();
  const { label } = useCodes();
  const form = useForm({ name: '', sourceKind: 'dtks', text: '' });
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const parsed = parseMappingText(form.values.text);
    const input = { name: form.values.name, sourceKind: form.values.sourceKind, columns: parsed.columns };
    if (parsed.badLines.length > 0 || Object.keys(parsed.columns).length === 0) {
      form.setErrors({
        text: parsed.badLines.length > 0 ? t('mapping.badLines', { lines: parsed.badLines.join(', ') }) : t('mapping.empty'),
      });
      return;
    }
    await form.submit(ImportMappingInputSchema, input, async (data) => {
      const m = await api.createImportMapping(data);
      setSaved(t('mapping.saved', { name: m.name }));
      form.setValues({ name: '', sourceKind: form.values.sourceKind, text: '' });
      onSaved(m.id);
    });
  }

  return (
    <section className="card" aria-labelledby="mapping-form">
      <details className="mapping-details">
        <summary>
          <h2 id="mapping-form">{t('mapping.title')}</h2>
        </summary>
        <p className="muted small">{t('mapping.intro')}</p>
        <form onSubmit={submit} noValidate className="form-grid">
          <TextField
            label={t('mapping.name')}
            value={form.values.name}
            onChange={(e) => form.set('name', e.target.value)}
            error={form.errors.name}
            placeholder={t('mapping.namePlaceholder')}
            required
          />
          <SelectField
            label={t('import.sourceKind')}
            value={form.values.sourceKind}
            onChange={(e) => form.set('sourceKind', e.target.value)}
            error={form.errors.sourceKind}
            required
          >
            {SourceKindSchema.options.map((k) => (
              <option key={k} value={k}>
                {label('sourceKind', k)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            className="span-2 mono-input"
            label={t('mapping.columns')}
            rows={7}
            value={form.values.text}
            onChange={(e) => form.set('text', e.target.value)}
            error={form.errors.text ?? form.errors.columns}
            hint={t('mapping.columnsHint')}
            placeholder={'NO_KK_KEL = noKk\nNIK_ART = nik\nNAMA_ART = name\nKODE_DESA = villageCode\nKETERANGAN = -'}
            required
          />
          <details className="span-2 mapping-targets">
            <summary>{t('mapping.targets')}</summary>
            <p className="mono small">{MAPPING_TARGETS.join(', ')}</p>
          </details>
          <div className="span-2">
            <ErrorAlert error={form.error} />
            {saved ? <Notice kind="success">{saved}</Notice> : null}
          </div>
          <div className="form-actions span-2">
            <button type="submit" className="button button-primary" disabled={form.busy}>
              {t('mapping.save')}
            </button>
          </div>
        </form>
      </details>
    </section>
  );
}

export function ImportStatusBadge({ view }: { view: Pick<ImportView, 'status'> }) {
  const { label } = useCodes();
  const tone = (
    { running: 'info', completed: 'ok', dry_run: 'muted', failed: 'danger', aborted: 'warn' } as const satisfies Record<
      ImportView['status'],
      'info' | 'ok' | 'muted' | 'danger' | 'warn'
    >
  )[view.status];
  return <Badge tone={tone}>{label('importStatus', view.status)}</Badge>;
}

function ImportHistory() {
  const { t, locale } = useI18n();
  const { label } = useCodes();
  const list = useLoad(() => api.imports(), []);
  const nf = new Intl.NumberFormat(locale);
  return (
    <section className="card table-card" aria-labelledby="import-history">
      <div className="card-head">
        <h2 id="import-history">{t('import.history')}</h2>
        <button type="button" className="button button-small" onClick={list.reload}>
          {t('import.refresh')}
        </button>
      </div>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('import.noHistory')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="stack-phone">
            <caption className="sr-only">{t('import.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.started')}</th>
                <th scope="col">{t('import.fileName')}</th>
                <th scope="col">{t('import.sourceKind')}</th>
                <th scope="col">{t('import.periodShort')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col" className="num">
                  {t('import.rowsRead')}
                </th>
                <th scope="col" className="num">
                  {t('import.rejected')}
                </th>
                <th scope="col">{t('import.startedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((i) => (
                <tr key={i.id}>
                  <td className="nowrap" data-label={t('import.started')}>
                    {formatDateTime(i.startedAt, locale)}
                  </td>
                  <th scope="row" className="cell-name" data-label={t('import.fileName')}>
                    <Link to={`/impor/${i.id}`}>{i.fileName}</Link>
                    {i.datasetLabel ? <span className="cell-sub">{i.datasetLabel}</span> : null}
                  </th>
                  <td data-label={t('import.sourceKind')}>
                    {label('sourceKind', i.sourceKind)} {i.synthetic ? <SyntheticBadge /> : null}
                  </td>
                  <td className="nowrap" data-label={t('import.periodShort')}>
                    {i.period}
                  </td>
                  <td data-label={t('common.status')}>
                    <ImportStatusBadge view={i} />
                  </td>
                  <td className="num" data-label={t('import.rowsRead')}>
                    {nf.format(i.rowsRead)}
                  </td>
                  <td className="num" data-label={t('import.rejected')}>
                    {nf.format(i.rejectedRows)}
                  </td>
                  <td data-label={t('import.startedBy')}>{i.startedByName ?? t('audit.system')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
