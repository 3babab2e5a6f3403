import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { invoke, onUnauthenticated, prefetch } from '../api/client';
import { mayCall, type SessionUser } from '../api/core';

type Phase = 'loading' | 'setup' | 'signedOut' | 'signedIn';

export interface Session {
  phase: Phase;
  user: SessionUser | null;
  officeName: string;
  /** setup/init and auth/signIn both answer with the signed-in user */
  signedIn(user: SessionUser): void;
  signedOut(): void;
  refreshOffice(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Who is signed in, and whether the office still needs its first setup. Any call that answers
 * UNAUTHENTICATED (an expired cookie, a deactivated account) drops back to the login screen.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [officeName, setOfficeName] = useState('');

  const refreshOffice = useCallback(async () => {
    const status = await invoke('setup/status', {});
    if (status.ok) setOfficeName(status.value.officeName);
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const status = await invoke('setup/status', {});
      if (cancelled) return;
      if (status.ok && status.value.needsSetup) return setPhase('setup');
      if (status.ok) setOfficeName(status.value.officeName);
      // auth/session answers null when nobody is signed in: a cold start is not an error (auth/me would
      // answer 401, which the browser logs in the console of every sign-in page).
      const current = await invoke('auth/session', {});
      if (cancelled) return;
      if (current.ok && current.value) {
        loadAhead(current.value);
        setUser(current.value);
        setPhase('signedIn');
      } else setPhase('signedOut');
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setUser(null);
        setPhase((p) => (p === 'setup' ? p : 'signedOut'));
      }),
    [],
  );

  const signedIn = useCallback(
    (u: SessionUser) => {
      loadAhead(u);
      setUser(u);
      setPhase('signedIn');
      void refreshOffice();
    },
    [refreshOffice],
  );
  const signedOut = useCallback(() => {
    setUser(null);
    setPhase('signedOut');
  }, []);

  const value = useMemo(
    () => ({ phase, user, officeName, signedIn, signedOut, refreshOffice }),
    [phase, user, officeName, signedIn, signedOut, refreshOffice],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * What the signed-in frame asks for first, sent at once: the directory (DirectoryProvider) and the
 * 工作台 (the home page of every role that has one) used to load one after the other, the directory's
 * render in between.
 */
function loadAhead(user: SessionUser): void {
  prefetch('directory/get', {});
  if (mayCall('dashboard/get', user.role)) prefetch('dashboard/get', {});
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** For pages under the signed-in layout, where a user always exists. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
