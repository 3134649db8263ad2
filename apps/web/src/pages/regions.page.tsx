import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import { Badge, ErrorAlert, LoadFailure, Loading, PageHeader } from '../components/feedback.tsx';
import { TextField } from '../components/fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/use-load.ts';

export function RegionsPage() {
  const { t } = useI18n();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const scope = useLoad(() => api.scope(), []);
  const code = params.code ?? scope.data?.code;
  const q = search.get('q') ?? '';

  return (
    <>
      <PageHeader title={t('regions.title')} subtitle={t('regions.subtitle')} />
      <SearchBox
        initial={q}
        onSearch={(next) => {
          const p = new URLSearchParams(search);
          if (next) p.set('q', next);
          else p.delete('q');
          setSearch(p, { replace: true });
        }}
      />
      {q.trim().length >= 2 ? <SearchResults q={q.trim()} within={scope.data?.code} /> : null}
      <ErrorAlert error={scope.error} />
      {code ? <RegionBrowser code={code} scopeCode={scope.data?.code} /> : <Loading />}
    </>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setValue(initial), [initial]);
  function submit(e: FormEvent) {
    e.preventDefault();
    const v = value.trim();
    if (v.length === 1) {
      setError(t('regions.searchMin'));
      return;
    }
    setError(undefined);
    onSearch(v);
  }
  return (
    <search className="card toolbar">
      <form onSubmit={submit} className="inline-form">
        <TextField
          label={t('regions.searchLabel')}
          type="search"
          name="q"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={t('regions.searchPlaceholder')}
          error={error}
        />
        <button type="submit" className="button button-primary">
          {t('common.search')}
        </button>
      </form>
      <p className="hint search-hint">{t('regions.searchHint')}</p>
    </search>
  );
}

function SearchResults({ q, within }: { q: string; within: string | undefined }) {
  const { t } = useI18n();
  const res = useLoad(() => api.searchRegions(q, { limit: 30 }), [q]);
  return (
    <section className="card" aria-labelledby="search-results">
      <h2 id="search-results">{t('regions.results', { q })}</h2>
      {res.loading ? <Loading /> : null}
      <ErrorAlert error={res.error} />
      {res.data && res.data.items.length === 0 ? <p className="muted">{t('regions.noResults')}</p> : null}
      {res.data && res.data.items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('regions.code')}</th>
                <th scope="col">{t('regions.type')}</th>
                <th scope="col">{t('regions.aliases')}</th>
              </tr>
            </thead>
            <tbody>
              {res.data.items.map((r) => (
                <tr key={r.code}>
                  <td>
                    <Link to={`/wilayah/${r.code}`}>{r.name}</Link>{' '}
                    {within && (r.code === within || r.code.startsWith(`${within}.`)) ? (
                      <Badge tone="info">{t('regions.inScope')}</Badge>
                    ) : null}
                  </td>
                  <td className="mono">{r.code}</td>
                  <td>{t(`regionType.${r.type}`)}</td>
                  <td>{r.aliases.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function RegionBrowser({ code, scopeCode }: { code: string; scopeCode: string | undefined }) {
  const { t } = useI18n();
  const region = useLoad(() => api.region(code), [code]);
  const children = useLoad(() => api.regionChildren(code), [code]);
  const r = region.data;
  if (region.error) return <LoadFailure error={region.error} notFoundTitle={t('regions.notFound')} />;
  if (!r) return <Loading />;
  return (
    <section className="card" aria-labelledby="region-name">
      <nav aria-label={t('regions.breadcrumb')} className="breadcrumb">
        <ol>
          {r.ancestors.map((a) => (
            <li key={a.code}>
              <Link to={`/wilayah/${a.code}`}>{a.name}</Link>
            </li>
          ))}
          <li aria-current="page">{r.name}</li>
        </ol>
      </nav>
      <h2 id="region-name">
        {r.name} {r.inScope ? <Badge tone="info">{t('regions.inScope')}</Badge> : null}
      </h2>
      <p className="muted region-type">{t(`regionType.${r.type}`)}</p>
      <dl className="facts">
        <div>
          <dt>{t('regions.code')}</dt>
          <dd className="mono">{r.code}</dd>
        </div>
        {r.aliases.length > 0 ? (
          <div>
            <dt>{t('regions.aliases')}</dt>
            <dd>{r.aliases.join(', ')}</dd>
          </div>
        ) : null}
        {r.level < 4 ? (
          <div>
            <dt>{t('regions.childCount')}</dt>
            <dd>{r.childCount}</dd>
          </div>
        ) : null}
      </dl>
      {scopeCode && code !== scopeCode && !r.ancestors.some((a) => a.code === scopeCode) ? (
        <p>
          <Link to={`/wilayah/${scopeCode}`}>{t('regions.backToScope')}</Link>
        </p>
      ) : null}
      {r.level < 4 ? (
        <>
          <h3>{t('regions.children')}</h3>
          {children.loading ? <Loading /> : null}
          <ErrorAlert error={children.error} />
          {children.data ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('regions.code')}</th>
                    <th scope="col">{t('common.name')}</th>
                    <th scope="col">{t('regions.type')}</th>
                    <th scope="col">{t('regions.aliases')}</th>
                  </tr>
                </thead>
                <tbody>
                  {children.data.items.map((c) => (
                    <tr key={c.code}>
                      <td className="mono">{c.code}</td>
                      <td>
                        <Link to={`/wilayah/${c.code}`}>{c.name}</Link>
                      </td>
                      <td>{t(`regionType.${c.type}`)}</td>
                      <td>{c.aliases.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
