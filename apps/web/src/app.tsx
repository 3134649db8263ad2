import type { Role } from '@dampingan/contracts';
import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { SessionProvider, useSession } from './auth/session.tsx';
import { Loading } from './components/feedback.tsx';
import { Layout } from './components/layout.tsx';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import { AccountPage } from './pages/account.page.tsx';
import { AttentionPage } from './pages/attention.page.tsx';
import { AuditPage } from './pages/audit.page.tsx';
import { FamiliesPage } from './pages/families.page.tsx';
import { FamilyPage } from './pages/family.page.tsx';
import { FamilySnapshotPage } from './pages/family-snapshot.page.tsx';
import { HomePage } from './pages/home.page.tsx';
import { ImportPage } from './pages/import.page.tsx';
import { ImportResultPage } from './pages/import-result.page.tsx';
import { LoginPage } from './pages/login.page.tsx';
import { OpdsPage } from './pages/opds.page.tsx';
import { PairingPage } from './pages/pairing.page.tsx';
import { PairingsPage } from './pages/pairings.page.tsx';
import { ProgramsPage } from './pages/programs.page.tsx';
import { RegionsPage } from './pages/regions.page.tsx';
import { UsersPage } from './pages/users.page.tsx';

/** Sends visitors to the login page, and users who must change their password to the account page first. */
function RequireAuth({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me === null) return <Navigate to="/masuk" replace state={{ from: location.pathname + location.search }} />;
  if (me.user.mustChangePassword && location.pathname !== '/akun') return <Navigate to="/akun" replace />;
  if (roles && !roles.includes(me.user.role)) return <Forbidden />;
  return <>{children}</>;
}

function Forbidden() {
  const { t } = useI18n();
  return (
    <section className="card empty">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
    </section>
  );
}

function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card empty">
      <h1>{t('notFound.pageTitle')}</h1>
      <p>{t('notFound.pageBody')}</p>
    </section>
  );
}

// Leaflet is only needed on the board: load it on demand so login and phone pages stay light.
const BoardPage = lazy(() => import('./pages/board.page.tsx').then((m) => ({ default: m.BoardPage })));

const guarded = (node: ReactNode, roles?: Role[]) => <RequireAuth roles={roles}>{node}</RequireAuth>;

/** Names in the family registry: admins (whole scope), mentors and operators (their kelurahan). Viewers see aggregates only. */
const NAMED_REGISTRY: Role[] = ['admin', 'mentor', 'operator'];

function AppRoutes() {
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/masuk" element={<LoginPage />} />
          <Route path="/" element={guarded(<HomePage />)} />
          <Route path="/wilayah" element={guarded(<RegionsPage />)} />
          <Route path="/wilayah/:code" element={guarded(<RegionsPage />)} />
          <Route path="/opd" element={guarded(<OpdsPage />, ['admin', 'viewer', 'supervisor'])} />
          <Route path="/pengguna" element={guarded(<UsersPage />, ['admin'])} />
          <Route path="/program" element={guarded(<ProgramsPage />, ['admin', 'viewer', 'supervisor'])} />
          <Route path="/papan" element={guarded(<BoardPage />, ['admin', 'viewer', 'supervisor'])} />
          <Route path="/pendampingan" element={guarded(<PairingsPage />)} />
          <Route path="/pendampingan/:id/:tab?" element={guarded(<PairingPage />)} />
          <Route path="/perhatian" element={guarded(<AttentionPage />)} />
          <Route path="/keluarga" element={guarded(<FamiliesPage />, NAMED_REGISTRY)} />
          <Route path="/keluarga/:id" element={guarded(<FamilyPage />, NAMED_REGISTRY)} />
          <Route path="/keluarga/:id/snapshot/:snapshotId" element={guarded(<FamilySnapshotPage />, NAMED_REGISTRY)} />
          <Route path="/impor" element={guarded(<ImportPage />, ['admin'])} />
          <Route path="/impor/:id" element={guarded(<ImportResultPage />, ['admin'])} />
          <Route path="/audit" element={guarded(<AuditPage />, ['admin'])} />
          <Route path="/akun" element={guarded(<AccountPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
