import type { SessionUser } from './types';

/**
 * Who is calling, in the two shapes the core needs. Kept apart from core.ts so that the handlers and the
 * user service can name a session without importing the core that imports them.
 */

/**
 * A session is a small mutable object the adapter keeps per window / cookie / command; sign-in and
 * sign-out change it inside the core, so no adapter can forget to.
 */
export interface CoreSession {
  userId: number | null;
  /** fingerprint of the password the session signed in with: a password reset ends other sessions */
  credential?: string;
  /** changes at every sign-in: adapters issue a fresh token when it does */
  signInId?: string;
  /**
   * Who is knocking, for counting failed sign-ins per client: the HTTP adapter sets the peer's address
   * for each request; the desktop window and the command line leave it out and count as one local client.
   */
  client?: string;
  /** the core's generation when this session signed in: a restore changes it, and signs the session out */
  generation?: number;
}

/** The signed-in user a service acts for: permission checks and history rows name them. */
export type Actor = SessionUser;

/** A stand-in actor for the operator at the command line (user add, seed): recorded as such in history. */
export const COMMAND_LINE_ACTOR: Actor = { id: 0, username: 'cli', displayName: '命令行', role: 'admin', staffId: null };
