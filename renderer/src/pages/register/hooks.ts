import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { RegisterPage } from '../../api/core';
import { useApi } from '../../api/use-api';
import { filtersFromParams, listInput, paramsFromFilters, type RegisterFilters } from './query';

/** Filters from the URL; changing them writes the URL (page back to 1 unless the page itself changes). */
export function useRegisterFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const update = useCallback(
    (patch: Partial<RegisterFilters>) => {
      const next = { ...filtersFromParams(params), ...patch };
      if (!('page' in patch)) next.page = 1;
      setParams(paramsFromFilters(next), { replace: true });
    },
    [params, setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filters, update, clear };
}

/** One `cases/list` call per filter state; a slower earlier answer never overwrites a later one. */
export function useRegisterPage(filters: RegisterFilters) {
  const { call } = useApi();
  const [page, setPage] = useState<RegisterPage | null>(null);
  const [isLoading, setLoading] = useState(false);
  const latest = useRef(0);
  const key = JSON.stringify(listInput(filters));

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    const r = await call('cases/list', JSON.parse(key));
    if (ticket !== latest.current) return;
    setLoading(false);
    if (r.ok) setPage(r.value);
  }, [call, key]);

  useEffect(() => {
    void load();
  }, [load]);

  return { page, isLoading, reload: load };
}
