import { describe, expect, it } from 'vitest';
import { IDLE_MS, MAX_AGE_MS, readCookie, SessionStore } from './sessions';

function store() {
  let now = 1_000_000;
  const s = new SessionStore(() => now);
  return { s, advance: (ms: number) => { now += ms; } };
}

describe('session store', () => {
  it('issues unguessable tokens only for sessions it is given', () => {
    const { s } = store();
    expect(s.size).toBe(0);
    expect(s.find(undefined)).toBeUndefined();
    expect(s.find('made-up-by-someone')).toBeUndefined();
    const session = { userId: 3 };
    const a = s.add(session);
    const b = s.add({ userId: 4 });
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(s.find(a)).toBe(session);
  });

  it('ends a session after 8 idle hours; each use restarts that clock', () => {
    const { s, advance } = store();
    const token = s.add({ userId: 1 });
    advance(IDLE_MS - 1);
    expect(s.find(token)).toBeDefined();
    advance(IDLE_MS - 1);
    expect(s.find(token)).toBeDefined();
    advance(IDLE_MS);
    expect(s.find(token)).toBeUndefined();
  });

  it('ends every session after 24 hours however busy', () => {
    const { s, advance } = store();
    const token = s.add({ userId: 1 });
    for (let t = 0; t < MAX_AGE_MS - IDLE_MS; t += IDLE_MS / 2) {
      advance(IDLE_MS / 2);
      s.find(token);
    }
    advance(IDLE_MS);
    expect(s.find(token)).toBeUndefined();
  });

  it('forgets removed tokens and sweeps expired ones when adding', () => {
    const { s, advance } = store();
    const old = s.add({ userId: 1 });
    const gone = s.add({ userId: 2 });
    s.remove(gone);
    expect(s.find(gone)).toBeUndefined();
    advance(IDLE_MS);
    s.add({ userId: 3 });
    expect(s.size).toBe(1);
    expect(s.find(old)).toBeUndefined();
  });
});

describe('readCookie', () => {
  it.each([
    ['cr_session=abc', 'abc'],
    ['a=1; cr_session=abc; b=2', 'abc'],
    ['cr_session=a=b=c', 'a=b=c'],
    ['cr_sessionX=1; cr_session=2', '2'],
    ['x_cr_session=1', undefined],
    ['cr_session=', ''],
    ['', undefined],
  ])('%s', (header, expected) => {
    expect(readCookie(header, 'cr_session')).toBe(expected);
  });
});
