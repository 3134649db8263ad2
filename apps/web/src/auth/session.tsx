import type { Me, Role } from '@dampingan/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, onUnauthenticated } from '../api/client.ts';
import { api } from '../api/endpoints.ts';

export interface Session {
  /** undefined while the first /auth/me is in flight; null when logged out. */
  me: Me | null | undefined;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setMe(await api.me());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else throw err;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setMe(null));
    return onUnauthenticated(() => setMe(null));
  }, [refresh]);

  const value = useMemo<Session>(
    () => ({
      me,
      refresh,
      login: async (username, password) => {
        const next = await api.login({ username, password });
        setMe(next);
        return next;
      },
      logout: async () => {
        try {
          await api.logout();
        } finally {
          setMe(null);
        }
      },
    }),
    [me, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}

/** The logged-in user; only for pages behind <RequireAuth>. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe used outside an authenticated page');
  return me;
}

export const isAdmin = (role: Role) => role === 'admin';
/** Admin and viewer see the whole city; mentors and operators only their own kelurahan. */
export const seesWholeScope = (role: Role) => role === 'admin' || role === 'viewer' || role === 'supervisor';
