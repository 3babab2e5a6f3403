import { useCallback, useState } from 'react';

/**
 * A busy flag for a form's or a button's action: true while the work given to `whileBusy` is on its way, and
 * false again however it ends (an answer, an error, an exception reading a file), so a button never keeps
 * spinning — and stays unclickable, as antd's loading buttons are — after something went wrong.
 */
export function useBusy(): [isBusy: boolean, whileBusy: <T>(work: () => Promise<T>) => Promise<T>] {
  const [running, setRunning] = useState(0);
  const whileBusy = useCallback(async <T,>(work: () => Promise<T>): Promise<T> => {
    setRunning((n) => n + 1);
    try {
      return await work();
    } finally {
      setRunning((n) => n - 1);
    }
  }, []);
  return [running > 0, whileBusy];
}
