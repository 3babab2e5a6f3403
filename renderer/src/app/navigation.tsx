import { createContext, useCallback, useContext, useRef, type ReactNode } from 'react';
import { useNavigate, type NavigateFunction, type NavigateOptions, type To } from 'react-router-dom';

const NavigateContext = createContext<NavigateFunction | null>(null);

/**
 * One navigate function for the whole app that never changes and does not re-render its users when the URL
 * changes. React Router's useNavigate reads the location, so every component calling it re-renders on
 * every change of the URL, memoised or not: on a register page flip the header's menu, the user controls
 * and all 50 rows re-rendered inside the click. This provider alone follows the location; its children
 * are the same elements each time, so React skips them.
 */
export function NavigateProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const current = useRef(navigate);
  current.current = navigate;
  const stable = useCallback(
    ((to: To | number, options?: NavigateOptions) =>
      typeof to === 'number' ? current.current(to) : current.current(to, options)) as NavigateFunction,
    [],
  );
  return <NavigateContext.Provider value={stable}>{children}</NavigateContext.Provider>;
}

/** useNavigate without the re-render on every change of the URL (paths are absolute: PATHS). */
export function useAppNavigate(): NavigateFunction {
  const navigate = useContext(NavigateContext);
  if (!navigate) throw new Error('useAppNavigate outside NavigateProvider');
  return navigate;
}
