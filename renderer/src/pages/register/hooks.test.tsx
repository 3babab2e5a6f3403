// @vitest-environment jsdom
import { App } from 'antd';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterPage, Result } from '../../api/core';
import { useRegisterFilters, useRegisterPage } from './hooks';
import { filtersFromParams, type RegisterFilters } from './query';

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

/** The core behind window.api: each call waits until the test answers it. */
interface Pending {
  input: { page: number; search?: string };
  answer(result: Result<unknown>): Promise<void>;
}
let pending: Pending[] = [];
function fakeCore() {
  pending = [];
  window.api = {
    invoke: (_channel, input) =>
      new Promise((resolve) => {
        pending.push({
          input: input as Pending['input'],
          answer: async (result) => {
            await act(async () => {
              resolve(result);
              await new Promise((r) => setTimeout(r, 0));
            });
          },
        });
      }),
  };
}

function pageOf(label: string, page = 1): Result<RegisterPage> {
  return { ok: true, value: { rows: [{ id: page, registerNo: label } as RegisterPage['rows'][number]], total: 1, totalIsExact: true, page, pageSize: 50 } };
}

let root: Root | null = null;
let seen: ReturnType<typeof useRegisterPage> | null = null;
function Probe({ filters }: { filters: RegisterFilters }) {
  seen = useRegisterPage(filters);
  return null;
}
function render(query: string) {
  const filters = filtersFromParams(new URLSearchParams(query));
  act(() => root!.render(<App><Probe filters={filters} /></App>));
}

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  seen = null;
  delete window.api;
});

describe('the register page while its next answer is on its way', () => {
  it('keeps the rows of the same search dimmed on a page flip, then shows the new page', async () => {
    fakeCore();
    root = createRoot(document.createElement('div'));
    render('q=%E6%80%81%E5%BA%A6');
    await pending[0].answer(pageOf('态度-1'));
    expect(seen!.page?.rows[0].registerNo).toBe('态度-1');
    expect(seen!.isStale).toBe(false);

    render('q=%E6%80%81%E5%BA%A6&page=2');
    expect(pending[1].input.page).toBe(2);
    expect(seen!.page?.rows[0].registerNo).toBe('态度-1');
    expect(seen!.isStale).toBe(true);
    expect(seen!.isLoading).toBe(true);
    await pending[1].answer(pageOf('态度-2', 2));
    expect(seen!.page?.rows[0].registerNo).toBe('态度-2');
    expect(seen!.isStale).toBe(false);
  });

  it('shows none of the old results under a new search term, and drops the old term\'s late answer', async () => {
    fakeCore();
    root = createRoot(document.createElement('div'));
    render('q=%E7%8E%8B'); // 王
    await pending[0].answer(pageOf('王-1'));
    expect(seen!.page?.rows[0].registerNo).toBe('王-1');

    render('q=%E6%9D%8E'); // 李, while 王's refresh is still out
    render('q=%E5%BC%A0'); // 张: a one-character surname is sent as it is
    const zhang = pending[pending.length - 1];
    expect(zhang.input.search).toBe('张');
    expect(seen!.page).toBeNull();
    expect(seen!.isLoading).toBe(true);

    await pending[1].answer(pageOf('李-1')); // late: 李 is no longer asked
    expect(seen!.page).toBeNull();
    await zhang.answer(pageOf('张-1'));
    expect(seen!.page?.rows[0].registerNo).toBe('张-1');
    expect(seen!.isLoading).toBe(false);
  });
});

describe('the register filters from the URL', () => {
  it('hands out one update and one clear for the life of the page, however often the URL changes', () => {
    // The memoised filter bar and its eleven controls re-render only when these change: React Router's
    // setSearchParams is a new function after every change of the URL, so they must not depend on it.
    window.api = { invoke: () => new Promise(() => {}) };
    const seenFilters: ReturnType<typeof useRegisterFilters>[] = [];
    function FiltersProbe() {
      seenFilters.push(useRegisterFilters());
      return null;
    }
    root = createRoot(document.createElement('div'));
    act(() => root!.render(<MemoryRouter initialEntries={['/register']}><FiltersProbe /></MemoryRouter>));
    const first = seenFilters[seenFilters.length - 1];
    act(() => first.update({ page: 2 }));
    act(() => seenFilters[seenFilters.length - 1].update({ status: ['assigned'] }));
    const last = seenFilters[seenFilters.length - 1];
    expect(last.filters.status).toEqual(['assigned']);
    expect(last.filters.page).toBe(1);
    expect(seenFilters.length).toBeGreaterThanOrEqual(3);
    expect(last.update).toBe(first.update);
    expect(last.clear).toBe(first.clear);
  });
});
