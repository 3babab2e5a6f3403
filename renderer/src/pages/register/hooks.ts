import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { invoke, prefetch } from '../../api/client';
import type { RegisterPage } from '../../api/core';
import { useLoadWith } from '../../api/use-load';
import { filtersFromParams, listInput, paramsFromFilters, type RegisterFilters } from './query';

/**
 * Filters from the URL; changing them writes the URL (page back to 1 unless the page itself changes).
 * `update` and `clear` keep their identity across renders (they read the current URL through a ref), so
 * the memoised filter bar and rows do not re-render because a callback was re-created.
 */
export function useRegisterFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const current = useRef(params);
  current.current = params;
  // React Router's setSearchParams is a new function after every change of the URL (it closes over the
  // current params): read through a ref, or `update` and with it the whole filter bar (eleven antd inputs,
  // ~45 ms in a profile of one page flip, inside the click) would re-render on every page flip.
  const setParamsRef = useRef(setParams);
  setParamsRef.current = setParams;
  const go = useCallback((next: URLSearchParams) => {
    // The request leaves before React renders the new filters (the filter bar, the emptied table):
    // the page's own load, for the same input, takes this answer.
    const input = listInput(filtersFromParams(next));
    if (JSON.stringify(input) !== JSON.stringify(listInput(filtersFromParams(current.current)))) prefetch('cases/list', input);
    setParamsRef.current(next, { replace: true });
  }, []);
  const update = useCallback(
    (patch: Partial<RegisterFilters>) => {
      const next = { ...filtersFromParams(current.current), ...patch };
      if (!('page' in patch)) next.page = 1;
      go(paramsFromFilters(next));
    },
    [go],
  );
  const clear = useCallback(() => go(new URLSearchParams()), [go]);
  return { filters, update, clear };
}

/** The filters without the page and the order: rows of the same search, another page of them. */
function searchKey(f: RegisterFilters): string {
  const { page: _p, sortBy: _s, sortOrder: _o, ...rest } = f;
  return JSON.stringify(rest);
}

interface Answer {
  page: RegisterPage;
  key: string;
  search: string;
}

/**
 * One `cases/list` call per filter state, through the shared loading hook (a slower earlier answer never
 * overwrites a later one). What stays on screen while the next answer is on its way:
 * - another page or order of the same search: the old rows (`isStale`; antd's Spin dims them after 150 ms), so paging does not jump;
 * - a new search term or filter: nothing of the old answer (it does not answer the new question), a
 *   loading note for the new term instead.
 */
export function useRegisterPage(filters: RegisterFilters) {
  const input = listInput(filters);
  const key = JSON.stringify(input);
  const search = searchKey(filters);
  const load = useLoadWith<Answer>(
    async () => {
      const r = await invoke('cases/list', input);
      return r.ok ? { ok: true, value: { page: r.value, key, search } } : r;
    },
    [key],
    { keepPrevious: true },
  );
  const answer = load.data;
  const isCurrent = answer?.key === key;
  const isSameSearch = answer?.search === search;
  return {
    page: answer && (isCurrent || isSameSearch) ? answer.page : null,
    isStale: !!answer && !isCurrent && isSameSearch,
    isLoading: load.isLoading,
    error: load.error,
    reload: load.reload,
  };
}
