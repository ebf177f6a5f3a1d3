/**
 * React hooks over the client: load a method's result and keep it fresh when the core announces a
 * change (`data/changed`), so an import in one view refreshes every open view without wiring.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type MethodInput, type MethodName, type MethodOutput } from '@shared/api/contract';
import { type DataChangedEvent } from '@shared/api/events';
import { toApiError, type ApiError } from './api-error';
import { call, onEvent } from './client';
import { callOrTakeEarly } from './early-calls';

export type DataScope = DataChangedEvent['scope'];

export interface QueryState<T> {
  data: T | undefined;
  /**
   * Whether `data` answers the current input. After the input changes, the previous answer stays
   * in `data` until the new one comes; a reload of the same input keeps this true.
   */
  isDataForInput: boolean;
  error: ApiError | null;
  isLoading: boolean;
  reload: () => void;
}

export interface QueryOptions {
  /** Reload when the core reports a change in one of these scopes. */
  refreshOn?: readonly DataScope[];
  isEnabled?: boolean;
}

/** Runs `callback` whenever the core reports a change in one of `scopes`. */
export function useDataChanged(scopes: readonly DataScope[], callback: () => void): void {
  const callbackRef = useRef(callback);
  useEffect(() => {
    callbackRef.current = callback;
  }, [callback]);
  const scopesKey = scopes.join(',');
  useEffect(() => {
    if (!scopesKey) return undefined;
    const wanted = new Set(scopesKey.split(','));
    return onEvent('data/changed', (event) => {
      if (wanted.has(event.scope)) callbackRef.current();
    });
  }, [scopesKey]);
}

export function useApiQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: QueryOptions = {},
): QueryState<MethodOutput<M>> {
  const { refreshOn = [], isEnabled = true } = options;
  // Inputs are plain JSON: their text is a stable identity across renders.
  const inputKey = JSON.stringify(input);
  const [data, setData] = useState<MethodOutput<M> | undefined>(undefined);
  const [dataInputKey, setDataInputKey] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  // Loading is derived: the request in flight is not the one that last settled.
  const requestKey = `${method}|${inputKey}|${generation}`;
  const [settledKey, setSettledKey] = useState<string | null>(null);

  useEffect(() => {
    if (!isEnabled) return undefined;
    let isCurrent = true;
    // A first load may find its answer started early, on a cold start (early-calls.ts).
    const ask = generation === 0 ? callOrTakeEarly : call;
    ask(method, JSON.parse(inputKey) as MethodInput<M>)
      .then((result) => {
        if (!isCurrent) return;
        setData(result);
        setDataInputKey(inputKey);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (isCurrent) setError(toApiError(caught));
      })
      .finally(() => {
        if (isCurrent) setSettledKey(`${method}|${inputKey}|${generation}`);
      });
    return () => {
      isCurrent = false;
    };
  }, [method, inputKey, isEnabled, generation]);

  const isLoading = isEnabled && settledKey !== requestKey;
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useDataChanged(refreshOn, reload);

  return {
    data,
    isDataForInput: data !== undefined && dataInputKey === inputKey,
    error,
    isLoading,
    reload,
  };
}
