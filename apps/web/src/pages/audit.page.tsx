import type { AuditEntry } from '@dampingan/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import { ErrorAlert, Loading, PageHeader } from '../components/feedback.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { type MessageKey, useI18n } from '../i18n/i18n.tsx';
import { diffRecords, formatValue } from '../lib/diff.ts';
import { formatDateTime } from '../lib/format.ts';
import { useLoad } from '../lib/use-load.ts';

const PAGE_SIZE = 25;
const ENTITY_TYPES = [
  'pairing',
  'opd',
  'user',
  'program',
  'program_year',
  'family',
  'person',
  'registry_import',
  'import_mapping',
  'registry',
] as const;
const FILTER_KEYS = ['entityType', 'entityId', 'actorId', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

const readFilters = (p: URLSearchParams): Filters => Object.fromEntries(FILTER_KEYS.map((k) => [k, p.get(k) ?? ''])) as Filters;

export function AuditPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [draft, setDraft] = useState<Filters>(applied);
  const users = useLoad(() => api.users(), []);
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the whole input
  useEffect(() => setDraft(readFilters(params)), [key]);

  const log = useLoad(
    () =>
      api.audit({
        entityType: applied.entityType || undefined,
        entityId: applied.entityId.trim() || undefined,
        actorId: Number(applied.actorId) || undefined,
        from: applied.from || undefined,
        to: applied.to || undefined,
        limit: PAGE_SIZE,
        offset,
      }),
    [key],
  );

  const go = (filters: Filters, nextOffset: number) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (filters[k].trim()) next.set(k, filters[k].trim());
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    setParams(next);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    go(draft, 0);
  }

  const page = log.data;
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <form className="card toolbar audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
        <SelectField
          label={t('audit.entityType')}
          value={draft.entityType}
          onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}
        >
          <option value="">{t('audit.allTypes')}</option>
          {ENTITY_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`entity.${ty}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('audit.entityId')}
          value={draft.entityId}
          onChange={(e) => setDraft({ ...draft, entityId: e.target.value })}
          inputMode="numeric"
        />
        <SelectField label={t('audit.user')} value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })}>
          <option value="">{t('audit.allUsers')}</option>
          {users.data?.items.map((u) => (
            <option key={u.id} value={u.id}>
              {u.fullName} ({u.username})
            </option>
          ))}
        </SelectField>
        <TextField label={t('audit.from')} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField label={t('audit.to')} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <div className="toolbar-buttons">
          <button type="submit" className="button button-primary">
            {t('audit.apply')}
          </button>
          <button type="button" className="button" onClick={() => go({ entityType: '', entityId: '', actorId: '', from: '', to: '' }, 0)}>
            {t('audit.clear')}
          </button>
        </div>
      </form>
      <ErrorAlert error={log.error} />
      {log.loading && !page ? <Loading /> : null}
      {page ? (
        <div className="card table-wrap">
          <table className="audit-table">
            <caption className="sr-only">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.user')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('common.reason')}</th>
                <th scope="col">{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.at, locale)}</td>
                  <td>{e.actorName ?? t('audit.system')}</td>
                  <td>
                    <ActionLabel action={e.action} />
                  </td>
                  <td className="nowrap">
                    <EntityLink entry={e} />
                  </td>
                  <td>{e.reason ?? '—'}</td>
                  <td>
                    <Diff before={e.before} after={e.after} />
                  </td>
                </tr>
              ))}
              {page.items.length === 0 ? (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('common.noRows')}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <nav className="pager" aria-label={t('audit.pagination')}>
            <span>
              {page.total === 0
                ? t('audit.none')
                : t('audit.showing', { from: page.offset + 1, to: page.offset + page.items.length, total: page.total })}
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
    </>
  );
}

const KNOWN_ACTIONS = new Set([
  'opd.create',
  'opd.update',
  'opd.delete',
  'opd.deactivate',
  'opd.reactivate',
  'pairing.create',
  'pairing.end',
  'pairing.mentors',
  'pairing.profile',
  'program.create',
  'program.update',
  'program_year.create',
  'program_year.status',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.reset_password',
  'user.change_password',
  'user.locked',
  'registry.reveal',
  'registry.export',
  'registry.import',
  'registry.import_dry_run',
  'family.status',
  'person.status',
  'import_mapping.create',
]);

function ActionLabel({ action }: { action: string }) {
  const { t } = useI18n();
  if (!KNOWN_ACTIONS.has(action)) return <code>{action}</code>;
  return <span title={action}>{t(`action.${action}` as MessageKey)}</span>;
}

function EntityLink({ entry: e }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const known = (ENTITY_TYPES as readonly string[]).includes(e.entityType);
  const label = `${known ? t(`entity.${e.entityType as (typeof ENTITY_TYPES)[number]}`) : e.entityType} #${e.entityId}`;
  if (e.entityType === 'pairing') return <Link to={`/pendampingan/${e.entityId}`}>{label}</Link>;
  if (e.entityType === 'family') return <Link to={`/keluarga/${e.entityId}`}>{label}</Link>;
  if (e.entityType === 'registry_import') return <Link to={`/impor/${e.entityId}`}>{label}</Link>;
  return <span>{label}</span>;
}

/** Before → after per changed field; a creation lists its filled fields compactly. */
function Diff({ before, after }: { before: unknown; after: unknown }) {
  const { t, has } = useI18n();
  const changes = diffRecords(before, after);
  if (changes.length === 0) return <span className="muted">—</span>;
  const words = { yes: t('common.yes'), no: t('common.no') };
  const label = (field: string) => {
    const key = `field.${field}`;
    return has(key) ? t(key) : field;
  };
  if (before == null) {
    return (
      <p className="diff diff-created">
        <span className="muted">{t('audit.created')}: </span>
        {changes.map((c, i) => (
          <span key={c.field}>
            {i > 0 ? ' · ' : null}
            <span className="diff-field">{label(c.field)}</span> {formatValue(c.after, words)}
          </span>
        ))}
      </p>
    );
  }
  return (
    <ul className="diff">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="diff-field">{label(c.field)}:</span> <del>{formatValue(c.before, words)}</del>{' '}
          <span role="img" aria-label={t('audit.becomes')}>
            →
          </span>{' '}
          <ins>{formatValue(c.after, words)}</ins>
        </li>
      ))}
    </ul>
  );
}
