// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke, onUnauthenticated } from './client';
import { fileNameOf } from './deliver-file';

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

describe('a file answer over http', () => {
  it('becomes a download named from Content-Disposition, and the page learns the name', async () => {
    const csv = '\uFEFF日期,类型,名称\r\n';
    vi.stubGlobal('fetch', vi.fn(async () => new Response(csv, {
      status: 200,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="_-2026.csv"; filename*=UTF-8''${encodeURIComponent('工作日历-2026.csv')}` },
    })));
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:x'));
    vi.stubGlobal('URL', Object.assign(globalThis.URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this); });
    try {
      const r = await invoke('calendar/exportYear', { year: 2026 });
      expect(r).toEqual({ ok: true, value: { name: '工作日历-2026.csv', saved: true } });
      expect(clicked.map((a) => [a.download, a.href])).toEqual([['工作日历-2026.csv', 'blob:x']]);
      // the bytes as sent, BOM included (Excel needs it)
      expect([...new Uint8Array(await blobs[0].arrayBuffer())]).toEqual([...new TextEncoder().encode(csv)]);
      expect(document.querySelectorAll('a[download]')).toHaveLength(0);
    } finally {
      click.mockRestore();
    }
  });

  it('opened for printing: a tab opened before the answer arrives, then the PDF shown in it (no download)', async () => {
    const pdf = '%PDF-1.7\n';
    let tabAtFetch: unknown = null;
    const tab = { closed: false, close: vi.fn(), location: { href: '' }, document: { title: '', body: { textContent: '' } } };
    const open = vi.spyOn(window, 'open').mockImplementation(() => tab as unknown as Window);
    vi.stubGlobal('fetch', vi.fn(async () => {
      tabAtFetch = open.mock.calls.length;
      return new Response(pdf, { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('受理告知书.pdf')}` } });
    }));
    vi.stubGlobal('URL', Object.assign(globalThis.URL, { createObjectURL: vi.fn(() => 'blob:pdf'), revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    try {
      const r = await invoke('calendar/exportYear', { year: 2026 }, { delivery: 'open' });
      expect(r).toEqual({ ok: true, value: { name: '受理告知书.pdf', saved: true } });
      expect(tabAtFetch).toBe(1);
      expect(tab.location.href).toBe('blob:pdf');
      expect(tab.close).not.toHaveBeenCalled();
      expect(click).not.toHaveBeenCalled();
    } finally {
      open.mockRestore();
      click.mockRestore();
    }
  });

  it('opened for printing: an error closes the waiting tab and answers the Result', async () => {
    const tab = { closed: false, close: vi.fn(), location: { href: '' }, document: { title: '', body: { textContent: '' } } };
    const open = vi.spyOn(window, 'open').mockImplementation(() => tab as unknown as Window);
    vi.stubGlobal('fetch', answer(422, { ok: false, error: { code: 'VALIDATION', message: '尚有待填写的内容：调查核实情况' } }));
    try {
      expect(await invoke('calendar/exportYear', { year: 2026 }, { delivery: 'open' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(tab.close).toHaveBeenCalledTimes(1);
      expect(tab.location.href).toBe('');
    } finally {
      open.mockRestore();
    }
  });

  it('keeps errors as the Result envelope', async () => {
    vi.stubGlobal('fetch', answer(422, { ok: false, error: { code: 'CALENDAR_MISSING', message: '2031 年尚未导入工作日历', field: 'year' } }));
    expect(await invoke('calendar/exportYear', { year: 2031 })).toMatchObject({ ok: false, error: { code: 'CALENDAR_MISSING' } });
  });
});

describe('fileNameOf', () => {
  it.each([
    [`attachment; filename="_-2026.csv"; filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E6%97%A5%E5%8E%86-2026.csv`, '工作日历-2026.csv'],
    ['attachment; filename="plain \\"quoted\\".csv"', 'plain "quoted".csv'],
    ['attachment; filename=bare.csv', 'bare.csv'],
    [`attachment; filename="fallback.csv"; filename*=UTF-8''%E5%ZZ`, 'fallback.csv'],
    ['inline', null],
    [null, null],
  ])('%s → %s', (header, name) => {
    expect(fileNameOf(header)).toBe(name);
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

  it('asks main to open a file for printing, and passes no option otherwise', async () => {
    const api = { invoke: vi.fn(async () => ({ ok: true, value: { name: 'a.pdf', saved: true } })) };
    window.api = api;
    await invoke('calendar/exportYear', { year: 2026 }, { delivery: 'open' });
    expect(api.invoke).toHaveBeenLastCalledWith('calendar/exportYear', { year: 2026 }, { delivery: 'open' });
    await invoke('calendar/exportYear', { year: 2026 });
    expect((api.invoke.mock.lastCall as unknown[]).length).toBe(2);
  });
});
