import { contextBridge, ipcRenderer } from 'electron';
import type { Channel, ChannelInput, PageOutput } from '../core/contract';
import type { Result } from '../core/errors';
import { INVOKE_CHANNEL, readChannelsArgument } from './bridge';

/**
 * The page's whole view of the desktop shell: `window.api.invoke(channel, input)`. ipcRenderer itself is
 * never exposed. Only type imports from the contract: this file runs in a sandbox and must stay one
 * bundle with no npm requires (see bridge.ts for how the channel list arrives). A file channel answers
 * the page with its FileDelivery (name, saved): main shows the save dialog and keeps the bytes.
 */
export interface PreloadApi {
  invoke<C extends Channel>(
    channel: C,
    ...input: undefined extends ChannelInput<C> ? [input?: ChannelInput<C>, options?: InvokeOptions] : [input: ChannelInput<C>, options?: InvokeOptions]
  ): Promise<Result<PageOutput<C>>>;
}

/** How a file answer is delivered: `open` = the system's PDF viewer, to print (main/open-file.ts); default the save dialog. */
export interface InvokeOptions {
  delivery?: 'open';
}

const allowedChannels: ReadonlySet<string> = new Set(readChannelsArgument(process.argv));

function invoke(channel: unknown, input?: unknown, options?: unknown): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !allowedChannels.has(channel)) {
    const name = typeof channel === 'string' ? channel.slice(0, 60) : typeof channel;
    return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `未知的接口：${name}` } });
  }
  // Only the one known option travels on: nothing else the page passes reaches main.
  const open = typeof options === 'object' && options !== null && (options as InvokeOptions).delivery === 'open';
  const sent = open ? ipcRenderer.invoke(INVOKE_CHANNEL, channel, input, { delivery: 'open' }) : ipcRenderer.invoke(INVOKE_CHANNEL, channel, input);
  return (sent as Promise<Result<unknown>>).catch(() => ({
    // Only when the input cannot be sent at all (e.g. it holds a function): the main side never rejects.
    ok: false as const,
    error: { code: 'INTERNAL' as const, message: '请求无法发送，请刷新页面后重试' },
  }));
}

const api = { invoke } as PreloadApi;

contextBridge.exposeInMainWorld('api', api);
