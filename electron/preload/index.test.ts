import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../core/contract';
import { channelsArgument, INVOKE_CHANNEL, readChannelsArgument } from './bridge';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'from main' })),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke },
}));

type Invoke = (channel: unknown, input?: unknown) => Promise<unknown>;

/** Loads the preload afresh, as Electron does for each page, with the argv main would pass. */
async function loadPreload(argv: string[]): Promise<Record<string, unknown>> {
  const saved = process.argv;
  process.argv = [...saved, ...argv];
  try {
    vi.resetModules();
    electron.exposed.clear();
    await import('./index');
  } finally {
    process.argv = saved;
  }
  expect([...electron.exposed.keys()]).toEqual(['api']);
  return electron.exposed.get('api') as Record<string, unknown>;
}

describe('preload', () => {
  beforeEach(() => electron.invoke.mockClear());
  afterEach(() => electron.exposed.clear());

  it('exposes exactly one function, invoke, under window.api — no ipcRenderer', async () => {
    const api = await loadPreload([channelsArgument(CHANNELS)]);
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(typeof api.invoke).toBe('function');
    expect(Object.values(api)).not.toContain(electron.invoke);
  });

  it('forwards a contract channel over the one invoke channel', async () => {
    const api = await loadPreload([channelsArgument(CHANNELS)]);
    const input = { page: 1 };
    const result = await (api.invoke as Invoke)(CHANNELS[0], input);
    expect(electron.invoke).toHaveBeenCalledWith(INVOKE_CHANNEL, CHANNELS[0], input);
    expect(result).toEqual({ ok: true, value: 'from main' });
  });

  it('passes on only the one delivery option (open for printing), nothing else the page adds', async () => {
    const api = await loadPreload([channelsArgument(CHANNELS)]);
    const call = api.invoke as (channel: unknown, input?: unknown, options?: unknown) => Promise<unknown>;
    await call(CHANNELS[0], {}, { delivery: 'open', extra: 'x' });
    expect(electron.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNEL, CHANNELS[0], {}, { delivery: 'open' });
    await call(CHANNELS[0], {}, { delivery: 'save', extra: 'x' });
    expect(electron.invoke.mock.lastCall).toEqual([INVOKE_CHANNEL, CHANNELS[0], {}]);
  });

  it('refuses non-contract channels with NOT_FOUND and never reaches ipcRenderer', async () => {
    const api = await loadPreload([channelsArgument(CHANNELS)]);
    for (const channel of ['shell/openExternal', INVOKE_CHANNEL, 'constructor', '__proto__', '', 1, null, undefined, {}]) {
      const result = await (api.invoke as Invoke)(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('refuses everything when main passed no channel list', async () => {
    const api = await loadPreload([]);
    expect(await (api.invoke as Invoke)(CHANNELS[0], {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('resolves to a Result even when the input cannot be sent', async () => {
    const api = await loadPreload([channelsArgument(CHANNELS)]);
    electron.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    const result = await (api.invoke as Invoke)(CHANNELS[0], { f: () => 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('channel list argument', () => {
  it('round-trips the whole contract and ignores other switches', () => {
    const argv = ['/opt/app/electron', '--type=renderer', channelsArgument(CHANNELS), '--enable-sandbox'];
    expect(readChannelsArgument(argv)).toEqual(CHANNELS);
  });

  it('is empty without the switch', () => {
    expect(readChannelsArgument(['--type=renderer'])).toEqual([]);
  });

  it('contract channel names survive the comma-joined form', () => {
    for (const channel of CHANNELS) expect(channel).not.toMatch(/[,\s]/);
  });
});
