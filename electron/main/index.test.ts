import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../core/errors';
import { defaultDataDir } from '../core/paths';
import { INVOKE_CHANNEL } from '../preload/bridge';

/**
 * The lifecycle in index.ts runs against a fake electron: order of start-up, single instance, the startup
 * error dialog, and closing the core before quitting. Electron itself never runs on the build machines.
 */
const h = vi.hoisted(() => {
  const calls: string[] = [];
  return {
    calls,
    state: { hasLock: true, openError: null as unknown, damage: null as unknown },
    windows: [] as Array<{ options: unknown; minimized: boolean; focused: number; loaded: string }>,
    handlers: new Map<string, unknown>(),
    closeCore: { fn: null as null | (() => Promise<void>) },
    errorBox: [] as Array<[string, string]>,
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    setPath: vi.fn((name: string, value: string) => h.calls.push(`setPath:${name}:${value}`)),
    enableSandbox: vi.fn(() => h.calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      h.calls.push('requestSingleInstanceLock');
      return h.state.hasLock;
    }),
    quit: vi.fn(() => {
      h.calls.push('quit');
      let prevented = false;
      app.emit('will-quit', { preventDefault: () => { prevented = true; } });
      if (!prevented) h.calls.push('quitted');
    }),
    whenReady: vi.fn(() => Promise.resolve()),
  });
  class BrowserWindow extends Emitter {
    webContents = { id: 1 };
    minimized = false;
    focused = 0;
    loaded = '';
    constructor(readonly options: unknown) {
      super();
      h.windows.push(this);
      h.calls.push('BrowserWindow');
    }
    isMinimized() { return this.minimized; }
    restore() { this.minimized = false; }
    show() {}
    focus() { this.focused++; }
    loadFile(file: string) { this.loaded = file; return Promise.resolve(); }
    loadURL(url: string) { this.loaded = url; return Promise.resolve(); }
  }
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    },
  };
  return {
    app,
    BrowserWindow,
    session,
    shell: { openExternal: vi.fn() },
    dialog: { showErrorBox: vi.fn((title: string, body: string) => h.errorBox.push([title, body])) },
    ipcMain: { handle: vi.fn((channel: string, fn: unknown) => h.handlers.set(channel, fn)), removeHandler: vi.fn() },
  };
});

vi.mock('../core/core', () => ({
  // the desktop app opens the folder with openCoreOrRecovery (a damaged register: recovery mode, still a window)
  openCoreOrRecovery: vi.fn(async (dir: string) => {
    h.calls.push(`openCore:${dir}`);
    if (h.state.openError) throw h.state.openError;
    h.closeCore.fn = vi.fn(async () => void h.calls.push('core.close'));
    return { call: vi.fn(), close: h.closeCore.fn, damage: h.state.damage };
  }),
}));

async function boot(): Promise<{ app: EventEmitter & Record<string, any> }> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as { app: EventEmitter & Record<string, any> };
  electron.app.removeAllListeners();
  await import('./index');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady().then(start) finish
  return electron;
}

describe('main process lifecycle', () => {
  beforeEach(() => {
    h.calls.length = 0;
    h.windows.length = 0;
    h.errorBox.length = 0;
    h.handlers.clear();
    h.state.hasLock = true;
    h.state.openError = null;
    h.state.damage = null;
  });

  it('uses defaultDataDir() as userData before taking the single-instance lock, then opens the core there', async () => {
    await boot();
    const dir = defaultDataDir();
    expect(h.calls.indexOf(`setPath:userData:${dir}`)).toBe(0);
    expect(h.calls.indexOf('requestSingleInstanceLock')).toBeGreaterThan(0);
    expect(h.calls).toContain(`openCore:${dir}`);
    expect(h.calls.indexOf(`openCore:${dir}`)).toBeLessThan(h.calls.indexOf('BrowserWindow'));
    expect(h.handlers.has(INVOKE_CHANNEL)).toBe(true);
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0].loaded.replace(/\\/g, '/')).toMatch(/renderer\/index\.html$/);
    const prefs = (h.windows[0].options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs.sandbox).toBe(true);
    expect(String(prefs.preload).replace(/\\/g, '/')).toMatch(/preload\/index\.js$/);
  });

  it('a second instance quits at once and opens nothing', async () => {
    h.state.hasLock = false;
    await boot();
    expect(h.calls).toContain('quit');
    expect(h.calls.some((c) => c.startsWith('openCore'))).toBe(false);
    expect(h.windows).toHaveLength(0);
  });

  it('focuses (and restores) the first window when a second instance starts', async () => {
    const { app } = await boot();
    h.windows[0].minimized = true;
    app.emit('second-instance');
    expect(h.windows[0].minimized).toBe(false);
    expect(h.windows[0].focused).toBe(1);
    expect(h.windows).toHaveLength(1);
  });

  it('shows a Chinese error and quits when the data folder is locked', async () => {
    h.state.openError = new AppError('LOCKED', '数据目录“X”正在被另一个程序（进程号 42）使用。');
    await boot();
    expect(h.errorBox).toHaveLength(1);
    expect(h.errorBox[0][0]).toBe('投诉登记册无法启动');
    expect(h.errorBox[0][1]).toContain('进程号 42');
    expect(h.errorBox[0][1]).toContain('请先关闭它');
    expect(h.calls).toContain('quitted');
    expect(h.windows).toHaveLength(0);
  });

  it('opens the window on a damaged register too (the core answers recovery/* and the page offers the restore), without an error box', async () => {
    h.state.damage = { movedTo: '/x/register.sqlite.corrupt-20260302-100000', problem: '损坏', message: '登记册文件已损坏，无法打开' };
    await boot();
    expect(h.errorBox).toHaveLength(0);
    expect(h.windows).toHaveLength(1);
    expect(h.handlers.has(INVOKE_CHANNEL)).toBe(true);
  });

  it('shows a Chinese error naming the folder on any other open failure', async () => {
    h.state.openError = new Error('SQLITE_CANTOPEN');
    await boot();
    expect(h.errorBox[0][1]).toContain('无法打开数据文件夹');
    expect(h.errorBox[0][1]).toContain(defaultDataDir());
    expect(h.calls).toContain('quitted');
  });

  it('closes the core before the process quits', async () => {
    const { app } = await boot();
    h.calls.length = 0;
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(h.calls).toContain('quitted'));
    expect(h.calls).toEqual(['quit', 'core.close', 'quit', 'quitted']);
  });
});
