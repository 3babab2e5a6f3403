import { useCallback, useEffect, useState } from 'react';
import type { CaseDetail } from '../../api/core';
import { useApi } from '../../api/use-api';

/** The case as the core shows it to this user; every action answers with the new detail. */
export function useCaseDetail(id: number) {
  const { call } = useApi();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [isLoading, setLoading] = useState(true);
  const [isMissing, setMissing] = useState(false);

  const reload = useCallback(async () => {
    setLoading(true);
    const r = await call('cases/get', { id });
    setLoading(false);
    if (r.ok) setDetail(r.value);
    else setMissing(r.error.code === 'NOT_FOUND' || r.error.code === 'VALIDATION');
  }, [call, id]);

  useEffect(() => {
    setDetail(null);
    setMissing(false);
    void reload();
  }, [reload]);

  return { detail, setDetail, reload, isLoading, isMissing };
}
