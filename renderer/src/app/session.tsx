import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { invoke, onUnauthenticated, prefetch } from '../api/client';
import { mayCall, type ChannelOutput, type Result, type SessionUser } from '../api/core';

/** 'recovery': the register could not be opened (damaged, moved aside); only the recovery page works. */
type Phase = 'loading' | 'setup' | 'signedOut' | 'signedIn' | 'recovery';

export type RecoveryStatus = ChannelOutput<'recovery/status'>;

export interface Session {
  phase: Phase;
  user: SessionUser | null;
  officeName: string;
  /** setup/init and auth/signIn both answer with the signed-in user */
  signedIn(user: SessionUser): void;
  /** `notice`: why, shown on the sign-in page (a restore signed everyone out) */
  signedOut(notice?: string): void;
  refreshOffice(): Promise<void>;
  /** what the sign-in page says above the form until the next sign-in, or null */
  notice: string | null;
  /** while phase is 'recovery': what happened to the register and the newest verified backup */
  recovery: RecoveryStatus | null;
  /**
   * Starts over as a cold start does (setup/status, then the session): after a recovery restore, or when a
   * call answered that the register is unavailable (CORRUPT), which leads to the recovery page.
   */
  restart(notice?: string): void;
}

/** A call's answer saying the register could not be opened: the app asks recovery/status what happened. */
export function isRegisterUnavailable(result: Result<unknown>): boolean {
  return !result.ok && result.error.code === 'CORRUPT';
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
  const [notice, setNotice] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<RecoveryStatus | null>(null);
  const [starts, setStarts] = useState(0);

  const refreshOffice = useCallback(async () => {
    const status = await invoke('setup/status', {});
    if (status.ok) setOfficeName(status.value.officeName);
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const status = await invoke('setup/status', {});
      if (cancelled) return;
      if (isRegisterUnavailable(status)) {
        const damaged = await invoke('recovery/status', {});
        if (cancelled) return;
        if (damaged.ok && damaged.value.damaged) {
          setRecovery(damaged.value);
          return setPhase('recovery');
        }
      }
      setRecovery(null);
      if (status.ok && status.value.needsSetup) return setPhase('setup');
      if (status.ok) setOfficeName(status.value.officeName);
      // auth/session answers null when nobody is signed in: a cold start is not an error (auth/me would
      // answer 401, which the browser logs in the console of every sign-in page).
      const current = await invoke('auth/session', {});
      if (cancelled) return;
      if (current.ok && current.value) {
        setNotice(null);
        loadAhead(current.value);
        setUser(current.value);
        setPhase('signedIn');
      } else setPhase('signedOut');
    })();
    return () => {
      cancelled = true;
    };
  }, [starts]);

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
      setNotice(null);
      setUser(u);
      setPhase('signedIn');
      void refreshOffice();
    },
    [refreshOffice],
  );
  const signedOut = useCallback((why?: string) => {
    setNotice(why ?? null);
    setUser(null);
    setPhase('signedOut');
  }, []);
  const restart = useCallback((why?: string) => {
    setNotice(why ?? null);
    setUser(null);
    setPhase('loading');
    setStarts((n) => n + 1);
  }, []);

  const value = useMemo(
    () => ({ phase, user, officeName, signedIn, signedOut, refreshOffice, notice, recovery, restart }),
    [phase, user, officeName, signedIn, signedOut, refreshOffice, notice, recovery, restart],
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
