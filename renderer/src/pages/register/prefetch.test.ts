// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../api/client';
import { registerLink } from '../dashboard/work-lists';
import { prefetchRegister } from './prefetch';
import { filtersFromParams, listInput } from './query';

afterEach(() => vi.unstubAllGlobals());

function countingFetch() {
  const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { rows: [], total: 0 } }), { status: 200, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** What the register page sends once mounted on this URL's query (useRegisterPage). */
const pageInput = (query: string) => listInput(filtersFromParams(new URLSearchParams(query)));

describe('prefetchRegister: the register link clicked sends the call the page will make', () => {
  it('the plain register (the menu entry): one request, which the page takes', async () => {
    const fetch = countingFetch();
    prefetchRegister('/register');
    await invoke('cases/list', pageInput(''));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a 工作台 card link with filters and an order: the same input as the page, key for key', async () => {
    const fetch = countingFetch();
    const link = registerLink({ status: ['assigned', 'suspended'], dueState: ['overdue'], sortBy: 'dueDate', sortOrder: 'asc' } as Parameters<typeof registerLink>[0]);
    prefetchRegister(link);
    await invoke('cases/list', pageInput(link.slice(link.indexOf('?') + 1)));
    expect(fetch).toHaveBeenCalledTimes(1);
    const body = JSON.parse((fetch.mock.calls[0] as unknown as [string, { body: string }])[1].body) as Record<string, unknown>;
    expect(body).toMatchObject({ status: ['assigned', 'suspended'], dueState: ['overdue'], sortBy: 'dueDate', sortOrder: 'asc', page: 1 });
  });
});
