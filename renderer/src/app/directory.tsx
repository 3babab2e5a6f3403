import { Button, Result, Spin } from 'antd';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Directory } from '../api/core';
import { useLoad } from '../api/use-load';
import { t } from '../i18n/zh-CN';

interface DirectoryState {
  directory: Directory;
  reload(): Promise<void>;
}

const DirectoryContext = createContext<DirectoryState | null>(null);

/** Departments, staff, channels, case types and users: loaded once after sign-in, reloaded after edits. */
export function DirectoryProvider({ children }: { children: ReactNode }) {
  const { data: directory, error, reload } = useLoad('directory/get', {});

  const value = useMemo(() => (directory ? { directory, reload } : null), [directory, reload]);
  if (!value && error) {
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
