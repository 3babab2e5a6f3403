import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../core/contract';
import type { CoreSession } from '../core/session';
import type { Result } from '../core/errors';
import type { FileDelivery, FileResult } from '../core/types';
import { INVOKE_CHANNEL } from '../preload/bridge';
import { registerIpc } from './ipc';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));

const APP = 'file:///opt/complaint-register/resources/app.asar/out/renderer/index.html';
const CHANNEL = CHANNELS[0];

type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
}

class FakeWebContents extends EventEmitter {
  constructor(readonly id: number) {
    super();
  }
}

function eventFrom(sender: FakeWebContents, url: string | null = `${APP}#/register`, parent: unknown = null) {
  return { sender, senderFrame: url === null ? null : { url, parent } };
}

/** A fake core that records the session object of each call and signs in on its first call. */
function fakeCore() {
  const sessions: CoreSession[] = [];
  let nextUserId = 100;
  const call = vi.fn(async (channel: string, input: unknown, session: CoreSession): Promise<Result<unknown>> => {
    sessions.push(session);
    if (session.userId === null) session.userId = nextUserId++;
    return { ok: true, value: { channel, input, userId: session.userId } };
  });
  return { call, sessions };
}

describe('registerIpc', () => {
  let ipcMain: ReturnType<typeof fakeIpcMain>;
  let core: ReturnType<typeof fakeCore>;
  let mainWindow: { webContents: FakeWebContents } | null;
  let invoke: Handler;
  const log = vi.fn();
  const deliverFile = vi.fn(async (file: FileResult, _window: unknown, _mode: string): Promise<Result<FileDelivery>> => ({ ok: true, value: { name: file.name, saved: true } }));

  beforeEach(() => {
    ipcMain = fakeIpcMain();
    core = fakeCore();
    mainWindow = { webContents: new FakeWebContents(1) };
    log.mockClear();
    deliverFile.mockClear();
    registerIpc(ipcMain as never, core as never, () => mainWindow as never, APP, deliverFile, log);
    invoke = ipcMain.handlers.get(INVOKE_CHANNEL)!;
  });

  it('registers exactly one handler', () => {
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect([...ipcMain.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
  });

  it('forwards a good call to the core and returns its Result', async () => {
    const result = await invoke(eventFrom(mainWindow!.webContents), CHANNEL, { a: 1 });
    expect(core.call).toHaveBeenCalledTimes(1);
    expect(core.call.mock.calls[0].slice(0, 2)).toEqual([CHANNEL, { a: 1 }]);
    expect(result).toEqual({ ok: true, value: { channel: CHANNEL, input: { a: 1 }, userId: 100 } });
  });

  it('refuses a sender that is not the main window', async () => {
    const stranger = new FakeWebContents(2);
    const result = await invoke(eventFrom(stranger, APP), CHANNEL, {});
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } });
    expect(core.call).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('refuses the main window when its frame shows a foreign page, a subframe, or no frame', async () => {
    const wc = mainWindow!.webContents;
    for (const event of [
      eventFrom(wc, 'https://evil.example/'),
      eventFrom(wc, 'file:///tmp/evil.html'),
      eventFrom(wc, APP, { url: APP }),
      eventFrom(wc, null),
    ]) {
      const result = await invoke(event, CHANNEL, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(core.call).not.toHaveBeenCalled();
  });

  it('refuses everything when there is no main window', async () => {
    const wc = mainWindow!.webContents;
    mainWindow = null;
    expect(await invoke(eventFrom(wc), CHANNEL, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.call).not.toHaveBeenCalled();
  });

  it('refuses channels that are not in the contract', async () => {
    const wc = mainWindow!.webContents;
    for (const channel of ['shell/openExternal', 'constructor', '__proto__', 'toString', '', 42, null, { channel: CHANNEL }]) {
      const result = await invoke(eventFrom(wc), channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(core.call).not.toHaveBeenCalled();
  });

  it('keeps one session per webContents and the core\'s sign-in sticks to it', async () => {
    const first = mainWindow!.webContents;
    await invoke(eventFrom(first), CHANNEL, {});
    await invoke(eventFrom(first), CHANNEL, {});
    expect(core.sessions[0]).toBe(core.sessions[1]);
    expect(core.sessions[1].userId).toBe(100);

    // The window is replaced (e.g. closed and reopened on macOS): a new webContents starts signed out.
    const second = new FakeWebContents(2);
    mainWindow = { webContents: second };
    const result = await invoke(eventFrom(second), CHANNEL, {});
    expect(core.sessions[2]).not.toBe(core.sessions[0]);
    expect(result).toMatchObject({ ok: true, value: { userId: 101 } });
  });

  it('drops a session when its webContents is destroyed', async () => {
    const wc = mainWindow!.webContents;
    await invoke(eventFrom(wc), CHANNEL, {});
    expect(wc.listenerCount('destroyed')).toBe(1);
    wc.emit('destroyed');
    // Same id again (cannot happen in Electron, but proves the map entry is gone).
    await invoke(eventFrom(wc), CHANNEL, {});
    expect(core.sessions[1]).not.toBe(core.sessions[0]);
    expect(core.sessions[1].userId).toBe(101);
  });

  it('hands a file channel\'s file to the save dialog over the main window and answers the page whether it was saved', async () => {
    const file: FileResult = { name: '工作日历-2026.csv', mimeType: 'text/csv; charset=utf-8', bytes: Uint8Array.from([1, 2, 3]) };
    core.call.mockResolvedValueOnce({ ok: true, value: file });
    const result = await invoke(eventFrom(mainWindow!.webContents), 'calendar/exportYear', { year: 2026 });
    expect(deliverFile).toHaveBeenCalledTimes(1);
    expect(deliverFile.mock.calls[0][0]).toBe(file);
    expect(deliverFile.mock.calls[0][1]).toBe(mainWindow);
    expect(result).toEqual({ ok: true, value: { name: '工作日历-2026.csv', saved: true } });
    expect(JSON.stringify(result)).not.toContain('bytes');
  });

  it('opens a file for printing only when the page asks exactly { delivery: \'open\' }; anything else is the save dialog', async () => {
    const file: FileResult = { name: '受理告知书.pdf', mimeType: 'application/pdf', bytes: Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d]) };
    for (const [options, mode] of [[{ delivery: 'open' }, 'open'], [undefined, 'save'], [{ delivery: 'print' }, 'save'], ['open', 'save']] as const) {
      core.call.mockResolvedValueOnce({ ok: true, value: file });
      deliverFile.mockClear();
      await invoke(eventFrom(mainWindow!.webContents), 'calendar/exportYear', { year: 2026 }, options);
      expect(deliverFile.mock.calls[0][2]).toBe(mode);
    }
  });

  it('sends a file channel\'s error to the page as it is, and other channels\' answers never to the dialog', async () => {
    core.call.mockResolvedValueOnce({ ok: false, error: { code: 'CALENDAR_MISSING', message: '2031 年尚未导入工作日历' } });
    expect(await invoke(eventFrom(mainWindow!.webContents), 'calendar/exportYear', { year: 2031 })).toMatchObject({ ok: false, error: { code: 'CALENDAR_MISSING' } });
    await invoke(eventFrom(mainWindow!.webContents), 'calendar/get', { year: 2026 });
    expect(deliverFile).not.toHaveBeenCalled();
  });

  it('turns a throwing core into an INTERNAL Result instead of rejecting', async () => {
    core.call.mockRejectedValueOnce(new Error('disk on fire'));
    const result = await invoke(eventFrom(mainWindow!.webContents), CHANNEL, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('disk on fire');
  });

  it('can be unregistered', () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpc(ipc as never, core as never, () => null, APP, deliverFile, log);
    unregister();
    expect(ipc.removeHandler).toHaveBeenCalledWith(INVOKE_CHANNEL);
    expect(ipc.handlers.size).toBe(0);
  });
});
