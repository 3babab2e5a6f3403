import { t } from '../i18n/zh-CN';
import type { AppErrorData, Channel, ChannelInput, ChannelOutput, Result } from './core';
import { deliverFile, fileNameOf, openFileTab, type OpenTab } from './deliver-file';

/**
 * The one module that talks to the core. In the desktop app the preload exposes `window.api.invoke`;
 * in a browser (the `serve` command) the same contract answers at POST /api/<channel>. Either way the
 * answer is a Result: this function never throws.
 */
export interface PreloadApi {
  invoke(channel: string, input: unknown, options?: InvokeOptions): Promise<unknown>;
}

/**
 * How a file answer is delivered: by default saved (a download, the desktop's save dialog); `open` opens
 * a PDF for printing instead (a new tab with the browser's PDF viewer; the desktop's system PDF viewer).
 */
export interface InvokeOptions {
  delivery?: 'open';
}

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

const OFFLINE: AppErrorData = { code: 'INTERNAL', message: t.common.offline };
const BAD_ANSWER: AppErrorData = { code: 'INTERNAL', message: t.common.badAnswer };

type Listener = (error: AppErrorData) => void;
const unauthenticatedListeners = new Set<Listener>();

/** The session provider listens here so any call that finds the session gone returns to the login screen. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && typeof v.error === 'object' && v.error !== null);
}

async function send(channel: string, input: unknown, options?: InvokeOptions): Promise<Result<unknown>> {
  const isOpen = options?.delivery === 'open';
  let tab: OpenTab | null = null;
  try {
    if (window.api) {
      const answer = await (isOpen ? window.api.invoke(channel, input, { delivery: 'open' }) : window.api.invoke(channel, input));
      return isResult(answer) ? answer : { ok: false, error: BAD_ANSWER };
    }
    // The tab opens now, while the click that asked for it still counts (a popup blocker lets it through), and gets the file once it arrives.
    if (isOpen) tab = openFileTab();
    const response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
    // A file channel's success is the file itself (errors are still the Result envelope).
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && !/^application\/json\b/i.test(type)) {
      const name = fileNameOf(response.headers.get('content-disposition'));
      if (name === null) return { ok: false, error: BAD_ANSWER };
      const blob = await response.blob();
      if (tab) {
        const shown = tab.show(name, blob);
        tab = null;
        return { ok: true, value: shown };
      }
      return { ok: true, value: deliverFile(name, blob) };
    }
    // Errors arrive as 4xx with the Result in the body: always read the body.
    const answer: unknown = await response.json().catch(() => null);
    return isResult(answer) ? answer : { ok: false, error: BAD_ANSWER };
  } catch {
    return { ok: false, error: OFFLINE };
  } finally {
    tab?.close();
  }
}

/** Calls sent ahead of the page that will ask for them, by channel and input; each is taken once. */
const early = new Map<string, Promise<Result<unknown>>>();
const EARLY_FOR_MS = 5_000;

/**
 * Sends a call now whose answer a page about to mount will ask for with the same input: after sign-in
 * the directory and the 工作台 load at once instead of one after the other (the directory's render came
 * between them). The next identical `invoke` takes the answer; one nobody takes within 5 s is dropped.
 */
export function prefetch<C extends Channel>(channel: C, input: ChannelInput<C>): void {
  const key = `${channel} ${JSON.stringify(input ?? {})}`;
  const sent = send(channel, input);
  early.set(key, sent);
  setTimeout(() => {
    if (early.get(key) === sent) early.delete(key);
  }, EARLY_FOR_MS);
}

export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>, options?: InvokeOptions): Promise<Result<ChannelOutput<C>>> {
  const key = `${channel} ${JSON.stringify(input ?? {})}`;
  const sent = options?.delivery === 'open' ? undefined : early.get(key);
  if (sent) early.delete(key);
  const result = (await (sent ?? send(channel, input, options))) as Result<ChannelOutput<C>>;
  if (!result.ok && result.error.code === 'UNAUTHENTICATED' && channel !== 'auth/signIn') {
    for (const listener of unauthenticatedListeners) listener(result.error);
  }
  return result;
}
