import { useCallback, useEffect, useRef, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { invoke } from './client';
import type { AppErrorData, Channel, ChannelInput, ChannelOutput, Result } from './core';
import { useApi } from './use-api';

export interface LoadOptions {
  /** the caller shows the error itself (a 404 page, an inline alert); otherwise the central display does */
  silent?: boolean;
  /**
   * Keep showing the previous inputs' data while the new inputs load (a register page flip: the table
   * dims instead of emptying). Off for pages where the old data would be a different thing (another case).
   * Either way a failed load for new inputs clears the old data: it no longer answers what is asked.
   */
  keepPrevious?: boolean;
}

export interface Load<T> {
  /** the last answer for the current inputs (or, with keepPrevious, the previous inputs while loading) */
  data: T | null;
  /** the last load's error, null after a success */
  error: AppErrorData | null;
  isLoading: boolean;
  /** loads the current inputs again; resolves when the answer (or a newer one) has arrived */
  reload(): Promise<void>;
  /** puts an answer the page already has, such as the new case detail an action answered with */
  setData: Dispatch<SetStateAction<T | null>>;
}

/** A loader reads through `invoke`; the hook decides whether its answer is still wanted and shows errors. */
export type Loader<T> = () => Promise<Result<T>>;

interface State<T> {
  data: T | null;
  /** the loads (by generation of inputs) the data answers */
  dataInputs: number;
  error: AppErrorData | null;
  isLoading: boolean;
}

/**
 * THE data-loading hook: loads when the page mounts and again whenever `deps` change, keeps
 * loading / error / data, and offers reload(). An answer that arrives after the page unmounted, or after a
 * newer request was sent (a slow search overtaken by the next term), is dropped, so old results never land
 * on screen under new inputs. Errors go through the central display of useApi unless `silent`.
 * `loader` null means "nothing to load yet" (the inputs are incomplete).
 */
export function useLoadWith<T>(loader: Loader<T> | null, deps: DependencyList, options: LoadOptions = {}): Load<T> {
  const { showError, clearErrors } = useApi();
  const [state, setState] = useState<State<T>>({ data: null, dataInputs: 0, error: null, isLoading: loader !== null });
  const latestRequest = useRef(0);
  const inputsGeneration = useRef(0);
  const isMounted = useRef(true);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const isSilent = options.silent === true;
  const keepPrevious = options.keepPrevious === true;
  // One scope per hook instance: a later success of this load clears the error this load put on screen.
  const scope = useRef<object>({});

  const run = useCallback(async (): Promise<void> => {
    const load = loaderRef.current;
    const request = ++latestRequest.current;
    const inputs = inputsGeneration.current;
    if (!load) {
      setState({ data: null, dataInputs: inputs, error: null, isLoading: false });
      return;
    }
    setState((s) => ({
      ...s,
      data: s.dataInputs === inputs || keepPrevious ? s.data : null,
      isLoading: true,
    }));
    const result = await load();
    if (!isMounted.current || request !== latestRequest.current) return;
    if (result.ok) {
      clearErrors(scope.current);
      setState({ data: result.value, dataInputs: inputs, error: null, isLoading: false });
      return;
    }
    setState((s) => ({
      // the same inputs failing again (a refresh while offline) keep what was shown; new inputs do not
      data: s.dataInputs === inputs ? s.data : null,
      dataInputs: s.dataInputs,
      error: result.error,
      isLoading: false,
    }));
    if (!isSilent) showError(result.error, undefined, scope.current);
  }, [showError, clearErrors, isSilent, keepPrevious]);

  useEffect(() => {
    inputsGeneration.current += 1;
    void run();
    // `deps` are the loader's inputs; `run` reads the latest loader from the ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, ...deps]);

  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
    };
  }, []);

  const setData = useCallback<Dispatch<SetStateAction<T | null>>>((next) => {
    // an answer put by the page supersedes any load still on its way
    latestRequest.current += 1;
    setState((s) => ({
      data: typeof next === 'function' ? (next as (prev: T | null) => T | null)(s.data) : next,
      dataInputs: inputsGeneration.current,
      error: null,
      isLoading: false,
    }));
  }, []);

  return { data: state.data, error: state.error, isLoading: state.isLoading, reload: run, setData };
}

/**
 * One channel's answer for `input`: `useLoad('cases/get', { id })`. The input is compared by value, so
 * an object literal written in the render does not reload on every render. `null` input loads nothing.
 */
export function useLoad<C extends Channel>(
  channel: C,
  input: ChannelInput<C> | null,
  options: LoadOptions = {},
): Load<ChannelOutput<C>> {
  const key = input === null ? null : JSON.stringify(input);
  const loader = key === null ? null : () => invoke(channel, JSON.parse(key) as ChannelInput<C>);
  return useLoadWith(loader, [channel, key], options);
}
