// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke, prefetch } from './client';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function countingFetch() {
  let n = 0;
  const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { call: ++n } }), { status: 200, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('prefetch: a call sent ahead of the page that asks for it', () => {
  it('is sent at once, and the next identical invoke takes its answer instead of asking again', async () => {
    const fetch = countingFetch();
    prefetch('directory/get', {});
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await invoke('directory/get', {})).toEqual({ ok: true, value: { call: 1 } });
    expect(fetch).toHaveBeenCalledTimes(1);
    // taken once: a later reload asks the core again
    expect(await invoke('directory/get', {})).toEqual({ ok: true, value: { call: 2 } });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('answers only the same channel and input', async () => {
    const fetch = countingFetch();
    prefetch('cases/get', { id: 1 });
    await invoke('cases/get', { id: 2 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('is dropped when nobody takes it within 5 s (an old answer is not handed out later)', async () => {
    vi.useFakeTimers();
    const fetch = countingFetch();
    prefetch('dashboard/get', {});
    await vi.advanceTimersByTimeAsync(5_001);
    await invoke('dashboard/get', {});
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
