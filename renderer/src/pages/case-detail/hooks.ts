import { useCallback, useEffect, useRef } from 'react';
import type { CaseDetail } from '../../api/core';
import { useApi } from '../../api/use-api';
import { useLoad } from '../../api/use-load';
import { t } from '../../i18n/zh-CN';

/** The case as the core shows it to this user; every action answers with the new detail. */
export function useCaseDetail(id: number) {
  const { call } = useApi();
  const { data: detail, setData: setDetail, reload, isLoading, error } = useLoad('cases/get', { id });
  const isMissing = !isLoading && (error?.code === 'NOT_FOUND' || error?.code === 'VALIDATION');

  /** The case as it is now, put on screen without the loading state (a conflict, a check for news); null if it cannot be read. */
  const refetch = useCallback(async (): Promise<CaseDetail | null> => {
    const r = await call('cases/get', { id }, { silent: true });
    if (!r.ok) return null;
    setDetail(r.value);
    return r.value;
  }, [call, id, setDetail]);

  return { detail, setDetail, reload, refetch, isLoading, isMissing };
}

const CHECK_EVERY_MS = 60_000;
/** focus and visibility can fire together (switching back to the window): one read for both */
const MIN_GAP_MS = 2_000;

/**
 * The case page keeps up with changes made elsewhere (another clerk, the supervisor in another window):
 * it reads the case again when the window comes back into view or gets the focus, and once a minute
 * while it is shown, and replaces what is shown only when the version moved. Never while `isPaused` (a
 * dialog holds typed text: the dialog itself deals with a newer version when it is sent).
 */
export function useCaseFreshness(id: number, version: number | null, isPaused: boolean, onChanged: (detail: CaseDetail) => void) {
  const { call, message } = useApi();
  const latest = useRef({ version, isPaused, onChanged });
  latest.current = { version, isPaused, onChanged };
  const lastCheck = useRef(0);

  useEffect(() => {
    let isCurrent = true;
    async function check() {
      const now = Date.now();
      if (latest.current.isPaused || latest.current.version === null || document.visibilityState !== 'visible' || now - lastCheck.current < MIN_GAP_MS) return;
      lastCheck.current = now;
      const r = await call('cases/get', { id }, { silent: true });
      const { version: shown, isPaused: paused } = latest.current;
      if (!isCurrent || !r.ok || paused || shown === null || r.value.version === shown) return;
      latest.current.onChanged(r.value);
      message.info({ content: t.detail.refreshed, key: 'case-refreshed' });
    }
    const onVisibility = () => void check();
    const timer = window.setInterval(onVisibility, CHECK_EVERY_MS);
    window.addEventListener('focus', onVisibility);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      isCurrent = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', onVisibility);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [id, call, message]);
}
