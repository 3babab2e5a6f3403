import { Button, Result, Spin } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Directory } from '../api/core';
import { useApi } from '../api/use-api';
import { t } from '../i18n/zh-CN';

interface DirectoryState {
  directory: Directory;
  reload(): Promise<void>;
}

const DirectoryContext = createContext<DirectoryState | null>(null);

/** Departments, staff, channels, case types and users: loaded once after sign-in, reloaded after edits. */
export function DirectoryProvider({ children }: { children: ReactNode }) {
  const { call } = useApi();
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [isFailed, setFailed] = useState(false);

  const reload = useCallback(async () => {
    const r = await call('directory/get', {});
    if (r.ok) setDirectory(r.value);
    setFailed(!r.ok);
  }, [call]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(() => (directory ? { directory, reload } : null), [directory, reload]);
  if (!value && isFailed) {
    return <Result status="error" title={t.common.loadFailed} extra={<Button onClick={reload}>{t.common.retry}</Button>} />;
  }
  if (!value) return <Spin fullscreen />;
  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): DirectoryState {
  const state = useContext(DirectoryContext);
  if (!state) throw new Error('useDirectory outside DirectoryProvider');
  return state;
}
