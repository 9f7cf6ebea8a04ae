import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data: null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: null; error: Error };

/**
 * Loads data once (and again on `reload()`), aborting the request when the component unmounts.
 * `load` must be stable (a module function or a useCallback).
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>): Resource<T> & { reload(): void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading', data: null, error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading', data: null, error: null });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data, error: null });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', data: null, error: err instanceof Error ? err : new Error(String(err)) });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
