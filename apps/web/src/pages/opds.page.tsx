import { type Opd, OpdInputSchema, type OpdType, OpdTypeSchema } from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { isAdmin, useMe } from '../auth/session.tsx';
import { Dialog } from '../components/dialog.tsx';
import { Badge, ErrorAlert, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { CheckboxField, SelectField, TextField } from '../components/fields.tsx';
import { ReasonDialog } from '../components/reason-dialog.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../lib/format.ts';
import { useForm } from '../lib/use-form.ts';
import { useLoad } from '../lib/use-load.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; opd: Opd };
type Toggling = { opd: Opd; to: 'deactivate' | 'reactivate' };

export function OpdsPage() {
  const { t, locale } = useI18n();
  const admin = isAdmin(useMe().user.role);
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const opds = useLoad(
    () => api.opds({ q: q.trim() || undefined, includeInactive: includeInactive ? 'true' : undefined }),
    [q, includeInactive],
  );
  const [editing, setEditing] = useState<Editing | null>(null);
  const [toggling, setToggling] = useState<Toggling | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title={t('opds.title')}
        subtitle={t('opds.subtitle')}
        actions={
          admin ? (
            <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'create' })}>
              {t('opds.add')}
            </button>
          ) : null
        }
      />
      {done ? <Notice kind="success">{done}</Notice> : null}
      <search className="toolbar card">
        <TextField
          label={t('opds.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('opds.searchPlaceholder')}
        />
        <CheckboxField label={t('opds.includeInactive')} checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
      </search>
      <ErrorAlert error={opds.error} />
      {opds.loading && !opds.data ? <Loading /> : null}
      {opds.data ? (
        <div className="table-wrap card">
          <table>
            <caption className="sr-only">{t('opds.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('opds.abbreviation')}</th>
                <th scope="col">{t('opds.type')}</th>
                <th scope="col">{t('opds.head')}</th>
                <th scope="col">{t('opds.contact')}</th>
                <th scope="col">{t('opds.validity')}</th>
                <th scope="col" className="num">
                  {t('opds.activePairings')}
                </th>
                <th scope="col">{t('common.status')}</th>
                {admin ? (
                  <th scope="col" className="cell-actions">
                    {t('common.actions')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {opds.data.items.map((o) => (
                <tr key={o.id} className={o.active ? '' : 'row-inactive'}>
                  <th scope="row" className="cell-name">
                    {o.name}
                  </th>
                  <td>{o.abbreviation ?? '—'}</td>
                  <td>{t(`opdType.${o.type}`)}</td>
                  <td>{o.headName ?? '—'}</td>
                  <td>{[o.contactPhone, o.contactEmail].filter(Boolean).join(' · ') || '—'}</td>
                  <td>
                    {o.validFrom || o.validTo
                      ? `${formatDate(o.validFrom, locale)} – ${o.validTo ? formatDate(o.validTo, locale) : t('common.now')}`
                      : '—'}
                  </td>
                  <td className="num">{o.activePairingCount}</td>
                  <td>{o.active ? <Badge tone="ok">{t('common.active')}</Badge> : <Badge tone="muted">{t('common.inactive')}</Badge>}</td>
                  {admin ? (
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('opds.editNamed', { name: o.abbreviation ?? o.name })}
                        onClick={() => setEditing({ mode: 'edit', opd: o })}
                      >
                        {t('common.edit')}
                      </button>
                      {o.active ? (
                        <button
                          type="button"
                          className="button button-small button-danger-outline"
                          aria-label={t('opds.deactivateNamed', { name: o.abbreviation ?? o.name })}
                          onClick={() => setToggling({ opd: o, to: 'deactivate' })}
                        >
                          {t('common.deactivate')}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('opds.reactivateNamed', { name: o.abbreviation ?? o.name })}
                          onClick={() => setToggling({ opd: o, to: 'reactivate' })}
                        >
                          {t('common.reactivate')}
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
              {opds.data.items.length === 0 ? (
                <tr>
                  <td colSpan={admin ? 9 : 8} className="muted">
                    {t('common.noRows')}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? (
        <OpdFormDialog
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={(o) => {
            setEditing(null);
            setDone(t(editing.mode === 'create' ? 'opds.created' : 'opds.saved', { name: o.name }));
            opds.reload();
          }}
        />
      ) : null}
      {toggling ? (
        <ReasonDialog
          title={t(toggling.to === 'deactivate' ? 'opds.deactivateTitle' : 'opds.reactivateTitle', { name: toggling.opd.name })}
          intro={toggling.to === 'deactivate' ? t('opds.deactivateIntro') : undefined}
          submitLabel={t(toggling.to === 'deactivate' ? 'common.deactivate' : 'common.reactivate')}
          danger={toggling.to === 'deactivate'}
          withDate
          onClose={() => setToggling(null)}
          onSubmit={async (body) => {
            const o =
              toggling.to === 'deactivate'
                ? await api.deactivateOpd(toggling.opd.id, body)
                : await api.reactivateOpd(toggling.opd.id, body);
            setDone(t(toggling.to === 'deactivate' ? 'opds.deactivated' : 'opds.reactivated', { name: o.name }));
            opds.reload();
          }}
        />
      ) : null}
    </>
  );
}

interface OpdForm {
  name: string;
  abbreviation: string;
  type: OpdType;
  headName: string;
  contactPhone: string;
  contactEmail: string;
  validFrom: string;
  validTo: string;
}

function OpdFormDialog({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: (o: Opd) => void }) {
  const { t } = useI18n();
  const o = editing.mode === 'edit' ? editing.opd : undefined;
  const form = useForm<OpdForm>({
    name: o?.name ?? '',
    abbreviation: o?.abbreviation ?? '',
    type: o?.type ?? 'dinas',
    headName: o?.headName ?? '',
    contactPhone: o?.contactPhone ?? '',
    contactEmail: o?.contactEmail ?? '',
    validFrom: o?.validFrom ?? '',
    validTo: o?.validTo ?? '',
  });
  const v = form.values;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { ...v, validFrom: v.validFrom || null, validTo: v.validTo || null };
    await form.submit(OpdInputSchema, input, async (data) => {
      onSaved(o ? await api.updateOpd(o.id, data) : await api.createOpd(data));
    });
  }

  return (
    <Dialog title={o ? t('opds.editTitle', { name: o.name }) : t('opds.createTitle')} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="form-grid">
        <TextField
          className="span-2"
          label={t('common.name')}
          value={v.name}
          onChange={(e) => form.set('name', e.target.value)}
          error={form.errors.name}
          required
        />
        <TextField
          label={t('opds.abbreviation')}
          value={v.abbreviation}
          onChange={(e) => form.set('abbreviation', e.target.value)}
          error={form.errors.abbreviation}
        />
        <SelectField
          label={t('opds.type')}
          value={v.type}
          onChange={(e) => form.set('type', e.target.value as OpdType)}
          error={form.errors.type}
          required
        >
          {OpdTypeSchema.options.map((ty) => (
            <option key={ty} value={ty}>
              {t(`opdType.${ty}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          className="span-2"
          label={t('opds.head')}
          value={v.headName}
          onChange={(e) => form.set('headName', e.target.value)}
          error={form.errors.headName}
        />
        <TextField
          label={t('common.phone')}
          type="tel"
          value={v.contactPhone}
          onChange={(e) => form.set('contactPhone', e.target.value)}
          error={form.errors.contactPhone}
        />
        <TextField
          label={t('common.email')}
          type="email"
          value={v.contactEmail}
          onChange={(e) => form.set('contactEmail', e.target.value)}
          error={form.errors.contactEmail}
        />
        <TextField
          label={t('opds.validFrom')}
          type="date"
          value={v.validFrom}
          onChange={(e) => form.set('validFrom', e.target.value)}
          error={form.errors.validFrom}
        />
        <TextField
          label={t('opds.validTo')}
          type="date"
          value={v.validTo}
          onChange={(e) => form.set('validTo', e.target.value)}
          error={form.errors.validTo}
        />
        <div className="span-2">
          <ErrorAlert error={form.error} />
        </div>
        <div className="form-actions span-2">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
