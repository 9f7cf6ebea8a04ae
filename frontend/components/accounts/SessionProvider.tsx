import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UserDto } from '../../../shared/api/auth';
import { getSession, logOut } from '../../api/accounts';

/** The logged-in user as the whole app sees it. `user` is undefined while it is being asked. */
export interface SessionState {
  user: UserDto | null | undefined;
  setUser(user: UserDto | null): void;
  logOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Asks the API once who is logged in and shares the answer (header, pages). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserDto | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    getSession(controller.signal).then(
      (s) => setUser(s.user),
      () => {
        if (!controller.signal.aborted) setUser(null);
      },
    );
    return () => controller.abort();
  }, []);
  const doLogOut = useCallback(async () => {
    await logOut().catch(() => undefined);
    setUser(null);
    window.location.assign('/');
  }, []);
  const value = useMemo<SessionState>(() => ({ user, setUser, logOut: doLogOut }), [user, doLogOut]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** The session shared by SessionProvider. */
export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}
