import {
  DrinkingWaterSchema,
  type FamilyListItem,
  FamilySearchQuerySchema,
  FloorTypeSchema,
  type Region,
  RevealInputSchema,
  ToiletSchema,
} from '@dampingan/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { api, type FamilyFilter } from '../api/endpoints.ts';
import { type DistrictVillages, listScopeVillages } from '../api/scope-villages.ts';
import { isAdmin, useMe } from '../auth/session.tsx';
import { Dialog } from '../components/dialog.tsx';
import { ErrorAlert, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../components/fields.tsx';
import { DesilBadge, FamilyStatusBadge, ReviewBadge, SyntheticBadge, SyntheticBanner, useCodes } from '../components/registry.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { todayIso } from '../lib/format.ts';
import { useLoad } from '../lib/use-load.ts';
import { type FieldErrors, validate } from '../lib/validate.ts';

const PAGE_SIZE = 25;
const FILTER_KEYS = [
  'q',
  'villageCode',
  'rt',
  'rw',
  'desilMin',
  'desilMax',
  'noOwnToilet',
  'needsReview',
  'toilet',
  'drinkingWater',
  'floorType',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;
const EMPTY: Filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as Filters;
const DESILS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

const readFilters = (p: URLSearchParams): Filters => Object.fromEntries(FILTER_KEYS.map((k) => [k, p.get(k) ?? ''])) as Filters;

/** The API query for the filters (empty values left out). */
export function toQuery(f: Filters): FamilyFilter {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = f[k].trim();
    if (v) out[k] = v;
  }
  return out as FamilyFilter;
}

/** Checks the filters in the browser with the API's own schema, plus the two rules it cannot say in words. */
function checkFilters(f: Filters, t: ReturnType<typeof useI18n>['t']): FieldErrors {
  const errors: FieldErrors = {};
  const v = validate(FamilySearchQuerySchema, toQuery(f));
  if (!v.ok) {
    for (const [k, msg] of Object.entries(v.errors)) errors[k] = k === 'rt' || k === 'rw' ? t('families.rtRwInvalid') : msg;
  }
  const q = f.q.trim().replace(/[\s.-]/g, '');
  if (/^\d+$/.test(q) && q.length !== 16) errors.q = t('families.idLength', { n: q.length });
  if (f.desilMin && f.desilMax && Number(f.desilMin) > Number(f.desilMax)) errors.desilMax = t('families.desilRange');
  return errors;
}

export function FamiliesPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const admin = isAdmin(me.user.role);
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const key = params.toString();
  const [exporting, setExporting] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const list = useLoad(() => api.families({ ...toQuery(applied), limit: PAGE_SIZE, offset }), [key]);
  const page = list.data;

  const go = (filters: Filters, nextOffset: number) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (filters[k].trim()) next.set(k, filters[k].trim());
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title={t('families.title')}
        subtitle={t('families.subtitle')}
        actions={
          admin ? (
            <>
              <Link className="button" to="/impor">
                {t('nav.import')}
              </Link>
              <button
                type="button"
                className="button button-primary"
                onClick={() => setExporting(true)}
                disabled={!page || page.total === 0}
              >
                {t('families.export')}
              </button>
            </>
          ) : null
        }
      />
      {done ? <Notice kind="success">{done}</Notice> : null}
      <FilterForm applied={applied} onApply={(f) => go(f, 0)} />
      {page?.items.some((f) => f.synthetic) ? <SyntheticBanner /> : null}
      <ErrorAlert error={list.error} />
      {list.loading && !page ? <Loading /> : null}
      {page ? (
        <div className={`card table-wrap ${list.loading ? 'is-loading' : ''}`} aria-busy={list.loading}>
          <FamilyTable items={page.items} onlyNeedingReview={applied.needsReview === 'true'} />
          <nav className="pager" aria-label={t('families.pagination')}>
            <span>
              {page.total === 0
                ? t('families.none')
                : t(page.totalCapped ? 'families.showingCapped' : 'families.showing', {
                    from: page.offset + 1,
                    to: page.offset + page.items.length,
                    total: new Intl.NumberFormat(locale).format(page.total),
                  })}
            </span>
            <span className="pager-buttons">
              <button
                type="button"
                className="button button-small"
                disabled={offset === 0}
                onClick={() => go(applied, Math.max(0, offset - PAGE_SIZE))}
              >
                {t('audit.prev')}
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={page.offset + page.items.length >= page.total}
                onClick={() => go(applied, offset + PAGE_SIZE)}
              >
                {t('audit.next')}
              </button>
            </span>
          </nav>
        </div>
      ) : null}
      {exporting && page ? (
        <ExportDialog
          filter={toQuery(applied)}
          count={page.total}
          capped={page.totalCapped}
          onClose={() => setExporting(false)}
          onDone={(rows) => setDone(t('families.exported', { rows }))}
        />
      ) : null}
    </>
  );
}

/** Kelurahan the user may see: the whole scope for admins, their own for mentors and operators. */
function useVisibleVillages() {
  const me = useMe();
  const admin = isAdmin(me.user.role);
  const codes = me.villageCodes.join(',');
  return useLoad<DistrictVillages[] | Region[]>(
    () => (admin ? listScopeVillages() : Promise.all(me.villageCodes.map((c) => api.region(c)))),
    [admin, codes],
  );
}

function FilterForm({ applied, onApply }: { applied: Filters; onApply: (f: Filters) => void }) {
  const { t } = useI18n();
  const { label } = useCodes();
  const [draft, setDraft] = useState<Filters>(applied);
  const [errors, setErrors] = useState<FieldErrors>({});
  const villages = useVisibleVillages();
  const appliedKey = JSON.stringify(applied);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the applied filters (from the URL) are the input
  useEffect(() => setDraft(applied), [appliedKey]);
  const set = (k: FilterKey, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const moreOpen = !!(applied.toilet || applied.drinkingWater || applied.floorType);

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs = checkFilters(draft, t);
    setErrors(errs);
    if (Object.keys(errs).length === 0) onApply(draft);
  }

  return (
    <search className="card family-search">
      <form onSubmit={submit} noValidate aria-label={t('families.filters')}>
        <div className="toolbar toolbar-top">
          <TextField
            className="field-grow"
            label={t('families.searchLabel')}
            type="search"
            value={draft.q}
            onChange={(e) => set('q', e.target.value)}
            placeholder={t('families.searchPlaceholder')}
            hint={t('families.searchHint')}
            error={errors.q}
          />
          <SelectField label={t('common.kelurahan')} value={draft.villageCode} onChange={(e) => set('villageCode', e.target.value)}>
            <option value="">{t('families.allVillages')}</option>
            {villages.data?.map((g) =>
              'district' in g ? (
                <optgroup key={g.district.code} label={`${t('common.kecamatan')} ${g.district.name}`}>
                  {g.villages.map((v) => (
                    <option key={v.code} value={v.code}>
                      {v.name}
                    </option>
                  ))}
                </optgroup>
              ) : (
                <option key={g.code} value={g.code}>
                  {g.name}
                </option>
              ),
            )}
          </SelectField>
          <TextField
            className="field-narrow"
            label="RT"
            inputMode="numeric"
            value={draft.rt}
            onChange={(e) => set('rt', e.target.value)}
            error={errors.rt}
            maxLength={3}
          />
          <TextField
            className="field-narrow"
            label="RW"
            inputMode="numeric"
            value={draft.rw}
            onChange={(e) => set('rw', e.target.value)}
            error={errors.rw}
            maxLength={3}
          />
          <SelectField
            className="field-narrow"
            label={t('families.desilMin')}
            value={draft.desilMin}
            onChange={(e) => set('desilMin', e.target.value)}
          >
            <option value="">–</option>
            {DESILS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </SelectField>
          <SelectField
            className="field-narrow"
            label={t('families.desilMax')}
            value={draft.desilMax}
            onChange={(e) => set('desilMax', e.target.value)}
            error={errors.desilMax}
          >
            <option value="">–</option>
            {DESILS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="toolbar">
          <CheckboxField
            label={t('families.noOwnToilet')}
            checked={draft.noOwnToilet === 'true'}
            onChange={(e) => set('noOwnToilet', e.target.checked ? 'true' : '')}
          />
          <CheckboxField
            label={t('families.needsReview')}
            checked={draft.needsReview === 'true'}
            onChange={(e) => set('needsReview', e.target.checked ? 'true' : '')}
          />
          <details className="more-filters" open={moreOpen}>
            <summary>{t('families.moreFilters')}</summary>
            <div className="toolbar">
              <SelectField label={t('regField.toilet')} value={draft.toilet} onChange={(e) => set('toilet', e.target.value)}>
                <option value="">{t('families.any')}</option>
                {ToiletSchema.options.map((v) => (
                  <option key={v} value={v}>
                    {label('toilet', v)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('regField.drinkingWater')}
                value={draft.drinkingWater}
                onChange={(e) => set('drinkingWater', e.target.value)}
              >
                <option value="">{t('families.any')}</option>
                {DrinkingWaterSchema.options.map((v) => (
                  <option key={v} value={v}>
                    {label('drinkingWater', v)}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('regField.floorType')} value={draft.floorType} onChange={(e) => set('floorType', e.target.value)}>
                <option value="">{t('families.any')}</option>
                {FloorTypeSchema.options.map((v) => (
                  <option key={v} value={v}>
                    {label('floorType', v)}
                  </option>
                ))}
              </SelectField>
            </div>
          </details>
          <div className="toolbar-buttons">
            <button type="submit" className="button button-primary">
              {t('common.search')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setErrors({});
                onApply(EMPTY);
              }}
            >
              {t('audit.clear')}
            </button>
          </div>
        </div>
      </form>
    </search>
  );
}

/** `onlyNeedingReview`: the list is filtered to families needing review (theirs or a member's flag). */
function FamilyTable({ items, onlyNeedingReview }: { items: FamilyListItem[]; onlyNeedingReview: boolean }) {
  const { t } = useI18n();
  const { label } = useCodes();
  return (
    <table className="family-table stack-phone">
      <caption className="sr-only">{t('families.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('regField.noKk')}</th>
          <th scope="col">{t('families.head')}</th>
          <th scope="col">{t('common.kelurahan')}</th>
          <th scope="col">RT/RW</th>
          <th scope="col" className="num">
            {t('regField.desil')}
          </th>
          <th scope="col" className="num">
            {t('families.members')}
          </th>
          <th scope="col">{t('families.toilet')}</th>
          <th scope="col">{t('common.status')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((f) => (
          <tr key={f.id}>
            <td className="mono nowrap" data-label={t('regField.noKk')}>
              {f.noKkMasked}
            </td>
            <th scope="row" className="cell-name" data-label={t('families.head')}>
              <Link to={`/keluarga/${f.id}`}>{f.headName ?? t('families.noHead')}</Link>
              {f.address ? <span className="cell-sub">{f.address}</span> : null}
            </th>
            <td data-label={t('common.kelurahan')}>{f.villageName}</td>
            <td className="nowrap" data-label="RT/RW">
              {f.rt ?? '—'}/{f.rw ?? '—'}
            </td>
            <td className="num" data-label={t('regField.desil')}>
              <DesilBadge desil={f.desil} />
            </td>
            <td className="num" data-label={t('families.members')}>
              {f.members}
            </td>
            <td data-label={t('families.toilet')}>{f.toilet ? label('toilet', f.toilet) : '—'}</td>
            <td data-label={t('common.status')}>
              <span className="badges">
                {f.status !== 'active' ? <FamilyStatusBadge status={f.status} /> : null}
                {f.reviewReason ? <ReviewBadge reason={f.reviewReason} /> : null}
                {!f.reviewReason && onlyNeedingReview ? (
                  <span className="badge badge-warn" title={t('registry.memberNeedsReview')}>
                    {t('registry.needsReview')}
                  </span>
                ) : null}
                {f.synthetic ? <SyntheticBadge /> : null}
                {f.status === 'active' && !f.reviewReason && !onlyNeedingReview && !f.synthetic ? (
                  <FamilyStatusBadge status={f.status} />
                ) : null}
              </span>
            </td>
          </tr>
        ))}
        {items.length === 0 ? (
          <tr>
            <td colSpan={8} className="muted">
              {t('families.noMatch')}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/** Bulk export of names: admin only, with a reason the audit log keeps; the file downloads here. */
function ExportDialog({
  filter,
  count,
  capped,
  onClose,
  onDone,
}: {
  filter: FamilyFilter;
  count: number;
  capped: boolean;
  onClose: () => void;
  onDone: (rows: string) => void;
}) {
  const { t, locale } = useI18n();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = validate(RevealInputSchema, { reason });
    setErrors(v.ok ? {} : v.errors);
    setError(null);
    if (!v.ok) return;
    setBusy(true);
    try {
      const csv = await api.exportFamilies(filter, v.data.reason);
      downloadText(csv, `keluarga-${todayIso()}.csv`, 'text/csv;charset=utf-8');
      onDone(new Intl.NumberFormat(locale).format(count));
      onClose();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setErrors(err.fieldErrors());
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('families.exportTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t(capped ? 'families.exportIntroCapped' : 'families.exportIntro', { count: new Intl.NumberFormat(locale).format(count) })}</p>
        <TextAreaField
          label={t('reveal.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason}
          hint={t('families.exportReasonHint')}
          required
          rows={3}
        />
        <ErrorAlert error={error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('families.exporting') : t('families.exportSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Saves text as a file through a temporary link (the download attribute names it). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
