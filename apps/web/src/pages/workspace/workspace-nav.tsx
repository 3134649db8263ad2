import type { WorkspaceSummary } from '@dampingan/contracts';
import { NavLink } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatNumber } from '../../lib/format.ts';
import { TABS } from './workspace-tabs.ts';

/** The tab bar of a pairing workspace: one link per step of the cycle (bookmarkable URLs). */
export function WorkspaceNav({ pairingId }: { pairingId: number }) {
  const { t } = useI18n();
  return (
    <nav className="tabs" aria-label={t('workspace.tabs')}>
      {TABS.map((tab) => (
        <NavLink
          key={tab.slug}
          to={`/pendampingan/${pairingId}/${tab.slug}`}
          className={({ isActive }) => `tab${isActive ? ' tab-active' : ''}`}
        >
          {t(tab.label)}
        </NavLink>
      ))}
    </nav>
  );
}

/** The village's registry indicators now, as the workspace's opening figures. */
export function IndicatorStrip({ ws }: { ws: WorkspaceSummary }) {
  const { t, lang, locale } = useI18n();
  return (
    <section className="card" aria-labelledby="ws-indicators">
      <h2 id="ws-indicators">{t('workspace.indicators')}</h2>
      <p className="muted">{t('workspace.indicatorsNote', { village: ws.villageName })}</p>
      <dl className="facts facts-grid">
        {ws.indicators.map((i) => (
          <div key={i.key}>
            <dt>{lang === 'en' ? i.labelEn : i.label}</dt>
            <dd className="figure">{formatNumber(i.value, locale)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
