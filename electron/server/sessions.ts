import { randomBytes } from 'node:crypto';
import type { CoreSession } from '../core/session';

export const SESSION_COOKIE = 'cr_session';
export const IDLE_MS = 8 * 60 * 60 * 1000;
export const MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface Entry {
  session: CoreSession;
  created: number;
  lastSeen: number;
}

/**
 * In-memory sessions keyed by an unguessable token carried in an HttpOnly cookie. A session exists only
 * once someone has signed in (visitors before that hold nothing), ends after 8 idle hours or 24 hours in
 * all, and gets a new token at every sign-in so a planted cookie is worth nothing.
 */
export class SessionStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: () => number = Date.now) {}

  find(token: string | undefined): CoreSession | undefined {
    if (!token) return undefined;
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const now = this.clock();
    if (now - entry.lastSeen >= IDLE_MS || now - entry.created >= MAX_AGE_MS) {
      this.entries.delete(token);
      return undefined;
    }
    entry.lastSeen = now;
    return entry.session;
  }

  add(session: CoreSession): string {
    const now = this.clock();
    this.sweep(now);
    const token = randomBytes(32).toString('base64url');
    this.entries.set(token, { session, created: now, lastSeen: now });
    return token;
  }

  remove(token: string | undefined): void {
    if (token) this.entries.delete(token);
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    for (const [token, e] of this.entries) if (now - e.lastSeen >= IDLE_MS || now - e.created >= MAX_AGE_MS) this.entries.delete(token);
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
