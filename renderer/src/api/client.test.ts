// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke, onUnauthenticated } from './client';

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  delete window.api;
});

describe('invoke over http', () => {
  it('posts JSON to /api/<channel> with the session cookie', async () => {
    const fetch = answer(200, { ok: true, value: { needsSetup: false, officeName: '某某中心' } });
    vi.stubGlobal('fetch', fetch);
    const r = await invoke('setup/status', {});
    expect(r).toEqual({ ok: true, value: { needsSetup: false, officeName: '某某中心' } });
    expect(fetch).toHaveBeenCalledWith('/api/setup/status', expect.objectContaining({ method: 'POST', credentials: 'same-origin', body: '{}' }));
  });

  it('reads the Result from a 4xx body', async () => {
    vi.stubGlobal('fetch', answer(422, { ok: false, error: { code: 'VALIDATION', message: '请填写「事由」', field: 'subject' } }));
    const r = await invoke('cases/get', { id: 1 });
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION', message: '请填写「事由」', field: 'subject' } });
  });

  it('tells the session when the sign-in is gone', async () => {
    vi.stubGlobal('fetch', answer(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }));
    const listener = vi.fn();
    const off = onUnauthenticated(listener);
    await invoke('dashboard/get', {});
    expect(listener).toHaveBeenCalledTimes(1);
    await invoke('auth/signIn', { username: 'a', password: 'b' }); // a wrong password is not a lost session
    expect(listener).toHaveBeenCalledTimes(1);
    off();
  });

  it('never throws: an unreachable server or a garbled answer becomes INTERNAL', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    expect((await invoke('dashboard/get', {})).ok).toBe(false);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>502</html>', { status: 502 })));
    const r = await invoke('dashboard/get', {});
    expect(!r.ok && r.error.code).toBe('INTERNAL');
  });
});

describe('invoke in the desktop app', () => {
  it('uses window.api when the preload exposes it', async () => {
    const api = { invoke: vi.fn(async () => ({ ok: true, value: null })) };
    window.api = api;
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    expect(await invoke('auth/signOut', {})).toEqual({ ok: true, value: null });
    expect(api.invoke).toHaveBeenCalledWith('auth/signOut', {});
    expect(fetch).not.toHaveBeenCalled();
  });
});
