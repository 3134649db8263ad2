import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import { isAdmin, useMe } from '../auth/session.tsx';
import { BoardMap } from '../components/board-map.tsx';
import { Badge, ErrorAlert, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { CheckboxField, SelectField } from '../components/fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { type BoardRow, groupByDistrict } from '../lib/board.ts';
import { currentYear, defaultSelection } from '../lib/program-year.ts';
import { useLoad } from '../lib/use-load.ts';
import { PairDialog } from './pair-dialog.tsx';

export function BoardPage() {
  const { t } = useI18n();
  const admin = isAdmin(useMe().user.role);
  const [params, setParams] = useSearchParams();
  const programs = useLoad(() => api.programs(), []);
  const scope = useLoad(() => api.scope(), []);
  const boundaries = useLoad(() => (scope.data ? api.boundaries(scope.data.code, 4) : Promise.resolve(undefined)), [scope.data?.code]);

  const list = programs.data?.items ?? [];
  const fallback = defaultSelection(list);
  const program = list.find((p) => p.id === Number(params.get('program'))) ?? fallback?.program;
  const year = program?.years.find((y) => y.id === Number(params.get('tahun'))) ?? (program ? currentYear(program) : undefined);

  const board = useLoad(() => (year ? api.board(year.id) : Promise.resolve(undefined)), [year?.id]);
  const [onlyUnpaired, setOnlyUnpaired] = useState(params.get('belum') === '1');
  const [pairing, setPairing] = useState<BoardRow | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const select = (programId: number, programYearId: number | undefined) => {
    const next = new URLSearchParams(params);
    next.set('program', String(programId));
    if (programYearId) next.set('tahun', String(programYearId));
    else next.delete('tahun');
    setParams(next, { replace: true });
    setDone(null);
  };

  useEffect(() => {
    if (!selected) return;
    document.getElementById(`row-${selected}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);

  const b = board.data;
  const groups = useMemo(() => groupByDistrict(b?.rows ?? []), [b]);
  const pairedOpds = useMemo(
    () => new Map((b?.rows ?? []).flatMap((r) => (r.pairing ? [[r.pairing.opdId, r.villageName] as const] : []))),
    [b],
  );

  return (
    <>
      <PageHeader title={t('board.title')} subtitle={t('board.subtitle')} />
      <ErrorAlert error={programs.error ?? scope.error} />
      {programs.loading ? <Loading /> : null}
      {programs.data && list.length === 0 ? <Notice>{t('board.noPrograms')}</Notice> : null}
      {program ? (
        <div className="toolbar card board-toolbar">
          {list.length > 1 ? (
            <SelectField label={t('board.program')} value={program.id} onChange={(e) => select(Number(e.target.value), undefined)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
          ) : (
            <div className="field">
              <span className="field-static-label">{t('board.program')}</span>
              <span className="field-static">{program.name}</span>
            </div>
          )}
          <SelectField label={t('board.year')} value={year?.id ?? ''} onChange={(e) => select(program.id, Number(e.target.value))}>
            {program.years.length === 0 ? <option value="">{t('programs.noYears')}</option> : null}
            {[...program.years]
              .sort((a, c) => c.year - a.year)
              .map((y) => (
                <option key={y.id} value={y.id}>
                  {y.year} · {t(`yearStatus.${y.status}`)}
                </option>
              ))}
          </SelectField>
          {b ? (
            <div className="board-counter" aria-live="polite">
              <span className="counter-text">{t('board.counter', { paired: b.paired, total: b.total })}</span>
              <span className="progress" aria-hidden="true">
                <span className="progress-bar" style={{ width: `${b.total ? (100 * b.paired) / b.total : 0}%` }} />
              </span>
            </div>
          ) : null}
          <CheckboxField
            label={t('board.onlyUnpaired')}
            checked={onlyUnpaired}
            onChange={(e) => {
              setOnlyUnpaired(e.target.checked);
              const next = new URLSearchParams(params);
              if (e.target.checked) next.set('belum', '1');
              else next.delete('belum');
              setParams(next, { replace: true });
            }}
          />
        </div>
      ) : null}
      {year?.status === 'closed' ? <Notice kind="warning">{t('board.closedYear', { year: year.year })}</Notice> : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      <ErrorAlert error={board.error} />
      {board.loading && !b ? <Loading /> : null}
      {b ? (
        <div className="board-layout">
          <div className="board-table card table-wrap">
            <table>
              <caption className="sr-only">{t('board.tableCaption', { year: b.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.kelurahan')}</th>
                  <th scope="col">{t('board.opd')}</th>
                </tr>
              </thead>
              {groups.map((g) => {
                const rows = onlyUnpaired ? g.rows.filter((r) => !r.pairing) : g.rows;
                if (rows.length === 0) return null;
                return (
                  <tbody key={g.code}>
                    <tr className="group-row">
                      <th scope="colgroup" colSpan={2}>
                        {t('common.kecamatan')} {g.name}
                        <span className="group-count">{t('board.groupCount', { paired: g.paired, total: g.rows.length })}</span>
                      </th>
                    </tr>
                    {rows.map((r) => (
                      <tr key={r.villageCode} id={`row-${r.villageCode}`} className={selected === r.villageCode ? 'row-selected' : ''}>
                        <th scope="row" className="cell-name">
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => setSelected(r.villageCode)}
                            title={t('board.showOnMap')}
                          >
                            {r.villageName}
                          </button>
                          <span className="code">{r.villageCode}</span>
                        </th>
                        <td>
                          {/* OPD and the row's action share one cell so the table fits a phone without scrolling sideways. */}
                          <div className="opd-cell">
                            <div className="opd-info">
                              {r.pairing ? (
                                <>
                                  <Link to={`/pendampingan/${r.pairing.id}`} title={r.pairing.opdName} className="opd-link">
                                    {r.pairing.opdAbbreviation ?? r.pairing.opdName}
                                  </Link>
                                  {r.pairing.continuation ? (
                                    <>
                                      {' '}
                                      <Badge tone="info">{t('pairing.continuation')}</Badge>
                                    </>
                                  ) : null}
                                  <span className="code">
                                    {t('pairing.decree')} {r.pairing.decreeNumber}
                                  </span>
                                </>
                              ) : (
                                <Badge tone="warn">{t('board.unpaired')}</Badge>
                              )}
                            </div>
                            {r.pairing ? (
                              <Link
                                to={`/pendampingan/${r.pairing.id}`}
                                className="button button-small"
                                aria-label={t('board.detailOf', { name: r.villageName })}
                              >
                                {t('common.detail')}
                              </Link>
                            ) : admin && year?.status !== 'closed' ? (
                              <button
                                type="button"
                                className="button button-small button-primary"
                                aria-label={t('board.pairNamed', { name: r.villageName })}
                                onClick={() => setPairing(r)}
                              >
                                {t('board.pair')}
                              </button>
                            ) : null}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                );
              })}
            </table>
            {onlyUnpaired && b.paired === b.total ? <p className="muted pad">{t('board.allPaired')}</p> : null}
          </div>
          <div className="board-side">
            {boundaries.data ? (
              <BoardMap boundaries={boundaries.data} rows={b.rows} selected={selected} onSelect={setSelected} />
            ) : boundaries.error ? (
              <ErrorAlert error={boundaries.error} />
            ) : (
              <Loading />
            )}
          </div>
        </div>
      ) : null}
      {pairing && year && program ? (
        <PairDialog
          row={pairing}
          programYearId={year.id}
          year={year.year}
          oneVillagePerOpd={program.oneVillagePerOpd}
          pairedOpds={pairedOpds}
          onClose={() => setPairing(null)}
          onConflict={() => board.reload()}
          onPaired={(p) => {
            setPairing(null);
            setSelected(p.villageCode);
            setDone(t('board.paired', { village: p.villageName, opd: p.opdName }));
            board.reload();
          }}
        />
      ) : null}
    </>
  );
}
