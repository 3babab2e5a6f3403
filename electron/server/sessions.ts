import { randomBytes } from 'node:crypto';
import type { CoreSession } from '../core/core';

export const SESSION_COOKIE = 'cr_session';
const IDLE_MS = 8 * 60 * 60 * 1000;

interface Entry {
  session: CoreSession;
  lastSeen: number;
}

/** In-memory sessions keyed by an unguessable token carried in an HttpOnly cookie. */
export class SessionStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** The session for a cookie token, or a fresh anonymous one (with its new token). */
  get(token: string | undefined): { token: string; session: CoreSession; isNew: boolean } {
    const now = this.clock();
    const entry = token ? this.entries.get(token) : undefined;
    if (entry && now - entry.lastSeen < IDLE_MS) {
      entry.lastSeen = now;
      return { token: token!, session: entry.session, isNew: false };
    }
    if (token) this.entries.delete(token);
    this.sweep(now);
    const fresh = randomBytes(32).toString('base64url');
    const session: CoreSession = { userId: null };
    this.entries.set(fresh, { session, lastSeen: now });
    return { token: fresh, session, isNew: true };
  }

  /** Moves a session to a new token and forgets the old one. */
  rotate(token: string): string {
    const entry = this.entries.get(token);
    this.entries.delete(token);
    const fresh = randomBytes(32).toString('base64url');
    if (entry) this.entries.set(fresh, entry);
    return fresh;
  }

  private sweep(now: number): void {
    for (const [token, entry] of this.entries) if (now - entry.lastSeen >= IDLE_MS) this.entries.delete(token);
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
