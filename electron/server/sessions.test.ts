import { describe, expect, it } from 'vitest';
import { readCookie, SESSION_COOKIE, SessionStore } from './sessions';

const HOUR = 60 * 60 * 1000;
const IDLE = 8 * HOUR;

function storeWithClock(start = 1_000_000) {
  const clock = { now: start };
  return { clock, store: new SessionStore(() => clock.now) };
}

describe('SessionStore', () => {
  it('issues a fresh anonymous session with an unguessable token for no cookie or an unknown one', () => {
    const { store } = storeWithClock();
    const a = store.get(undefined);
    const b = store.get('made-up-by-someone');
    for (const s of [a, b]) {
      expect(s.isNew).toBe(true);
      expect(s.session).toEqual({ userId: null });
      expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    }
    expect(b.token).not.toBe('made-up-by-someone');
    expect(a.token).not.toBe(b.token);
    expect(store.get('').isNew).toBe(true);
  });

  it('returns the same session object for its token, so sign-in through the core sticks', () => {
    const { store } = storeWithClock();
    const first = store.get(undefined);
    first.session.userId = 7;
    const again = store.get(first.token);
    expect(again).toEqual({ token: first.token, session: { userId: 7 }, isNew: false });
    expect(again.session).toBe(first.session);
  });

  it('expires a session after 8 hours idle, and each use restarts the idle clock', () => {
    const { clock, store } = storeWithClock();
    const { token, session } = store.get(undefined);
    session.userId = 3;
    clock.now += IDLE - 1;
    expect(store.get(token).isNew).toBe(false); // just in time, and this use counts as activity
    clock.now += IDLE - 1;
    expect(store.get(token).session.userId).toBe(3);
    clock.now += IDLE;
    const expired = store.get(token);
    expect(expired.isNew).toBe(true);
    expect(expired.token).not.toBe(token);
    expect(expired.session).toEqual({ userId: null });
    // The expired token stays dead even if the clock went back.
    clock.now -= IDLE;
    expect(store.get(token).isNew).toBe(true);
  });

  it('sweeps other idle sessions when it creates a new one', () => {
    const { clock, store } = storeWithClock();
    const old = store.get(undefined);
    old.session.userId = 1;
    clock.now += IDLE;
    store.get(undefined); // creating a session sweeps
    clock.now -= 1; // even measured from a moment when `old` would still have been fresh
    expect(store.get(old.token).isNew).toBe(true);
  });

  it('rotate moves the session to a new token and forgets the old one', () => {
    const { store } = storeWithClock();
    const { token, session } = store.get(undefined);
    session.userId = 42;
    const rotated = store.rotate(token);
    expect(rotated).not.toBe(token);
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const moved = store.get(rotated);
    expect(moved.isNew).toBe(false);
    expect(moved.session).toBe(session);
    const old = store.get(token);
    expect(old.isNew).toBe(true);
    expect(old.session.userId).toBeNull();
  });

  it('rotate of an unknown token gives a token that holds nothing', () => {
    const { store } = storeWithClock();
    const fresh = store.rotate('never-issued');
    expect(store.get(fresh).isNew).toBe(true);
  });
});

describe('readCookie', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    [`${SESSION_COOKIE}=abc`, 'abc'],
    [`theme=dark; ${SESSION_COOKIE}=abc; lang=zh`, 'abc'],
    [`theme=dark;${SESSION_COOKIE}=abc`, 'abc'],
    [`  ${SESSION_COOKIE}=abc  `, 'abc'],
    [`${SESSION_COOKIE}=a=b==`, 'a=b=='], // '=' inside the value survives
    [`${SESSION_COOKIE}=`, ''],
    [`${SESSION_COOKIE}=first; ${SESSION_COOKIE}=second`, 'first'],
    [`x${SESSION_COOKIE}=abc; ${SESSION_COOKIE}x=def`, undefined], // names must match exactly
    ['theme=dark', undefined],
    [SESSION_COOKIE, ''],
  ])('%j -> %j', (header, expected) => {
    expect(readCookie(header, SESSION_COOKIE)).toBe(expected);
  });
});
