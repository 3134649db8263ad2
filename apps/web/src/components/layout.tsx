import type { Role } from '@dampingan/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { type MessageKey, useI18n } from '../i18n/i18n.tsx';

interface NavItem {
  to: string;
  label: MessageKey;
  end?: boolean;
}

/** What each role can reach. Mentors and operators work on their own kelurahan only; viewers see registry aggregates, not names. */
export function navFor(role: Role): NavItem[] {
  const home: NavItem = { to: '/', label: 'nav.home', end: true };
  const regions: NavItem = { to: '/wilayah', label: 'nav.regions' };
  const account: NavItem = { to: '/akun', label: 'nav.account' };
  const families: NavItem = { to: '/keluarga', label: 'nav.families' };
  const attention: NavItem = { to: '/perhatian', label: 'nav.attention' };
  switch (role) {
    case 'admin':
      return [
        home,
        { to: '/papan', label: 'nav.board' },
        { to: '/pendampingan', label: 'nav.pairings' },
        attention,
        families,
        { to: '/impor', label: 'nav.import' },
        { to: '/program', label: 'nav.programs' },
        { to: '/opd', label: 'nav.opds' },
        { to: '/pengguna', label: 'nav.users' },
        regions,
        { to: '/audit', label: 'nav.audit' },
        account,
      ];
    case 'viewer':
    case 'supervisor':
      return [
        home,
        { to: '/papan', label: 'nav.board' },
        { to: '/pendampingan', label: 'nav.pairings' },
        attention,
        { to: '/program', label: 'nav.programs' },
        { to: '/opd', label: 'nav.opds' },
        regions,
        account,
      ];
    default:
      return [home, { to: '/pendampingan', label: 'nav.myVillages' }, attention, families, regions, account];
  }
}

export function LanguageSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      className={`lang-switch ${className ?? ''}`}
      lang={next}
      onClick={() => setLang(next)}
      title={t('lang.switchTitle')}
    >
      {lang === 'id' ? 'English' : 'Bahasa Indonesia'}
    </button>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { me, logout } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  // Close the phone menu after navigating.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every route change on purpose
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const items = me ? navFor(me.user.role) : [];
  const signOut = async () => {
    await logout();
    navigate('/masuk');
  };
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              D
            </span>
            <span className="brand-text">
              <span className="brand-name">Dampingan</span>
              <span className="brand-sub">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="topbar-actions">
            <LanguageSwitch />
            {me ? (
              <>
                <Link to="/akun" className="topbar-user" title={t('nav.account')}>
                  <span className="user-name">{me.user.fullName}</span>
                  <span className="user-role">{t(`role.${me.user.role}`)}</span>
                </Link>
                <button type="button" className="button-ghost-light topbar-logout" onClick={signOut}>
                  {t('nav.logout')}
                </button>
              </>
            ) : null}
            {me ? (
              <button
                type="button"
                className="menu-button"
                aria-expanded={menuOpen}
                aria-controls="main-nav"
                onClick={() => setMenuOpen((o) => !o)}
              >
                <span className="menu-icon" aria-hidden="true" />
                {t('nav.menu')}
              </button>
            ) : null}
          </div>
        </div>
        {me ? (
          <nav id="main-nav" className={`mainnav ${menuOpen ? 'open' : ''}`} aria-label={t('nav.label')}>
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end ?? false}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
              <li className="nav-logout">
                <button type="button" className="nav-button" onClick={signOut}>
                  {t('nav.logout')} <span className="nav-button-user">· {me.user.fullName}</span>
                </button>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
