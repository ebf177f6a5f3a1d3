/**
 * Calls started before React renders, for the first screen of a cold start. Left to the views,
 * the first rows of the roster came after a chain of waits: the session check, then the shell and
 * page rendering, then the grid setting itself up, then a list query queued in the core behind the
 * page's statistics. Started here, the session, the system info and the first block of rows are
 * asked for at once, while the bundle is still being run; each view then takes its answer.
 *
 * Hand-written rather than a query library's cache: the app has none (use-api-query is its own
 * small hook), and this holds only a few answers, each taken once, by the call that asks exactly
 * the same thing within a few seconds. A refused or failed early call is never shown: the view
 * simply makes its call again, and that one reports as usual (the gate's screens, error notices).
 */
import { type MethodInput, type MethodName, type MethodOutput } from '@shared/api/contract';
import { call, callQuietly } from './client';

/** An early answer older than this is not used: the view asks again. */
export const EARLY_MAX_AGE_MS = 10_000;

interface EarlyCall {
  answer: Promise<{ data: unknown } | null>;
  startedAt: number;
}

const early = new Map<string, EarlyCall>();

/** The identity of a call: its method and input, with object keys in a fixed order. */
export function callKey(method: string, input: unknown): string {
  return `${method} ${JSON.stringify(input, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  )}`;
}

/** Starts a call whose answer a view will ask for soon (once; a second start is ignored). */
export function startEarly<M extends MethodName>(method: M, input: MethodInput<M>): void {
  const key = callKey(method, input);
  if (early.has(key)) return;
  early.set(key, { answer: callQuietly(method, input), startedAt: performance.now() });
}

/**
 * The answer of the same call started early, if there is a fresh one (taken: a second ask calls
 * the core); else, or when the early call was refused or failed, a call made now.
 */
export function callOrTakeEarly<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const key = callKey(method, input);
  const started = early.get(key);
  early.delete(key);
  if (!started || performance.now() - started.startedAt > EARLY_MAX_AGE_MS) {
    return call(method, input);
  }
  return started.answer.then((answer) =>
    answer === null ? call(method, input) : (answer.data as MethodOutput<M>),
  );
}

/**
 * Forgets every early call not taken yet: after a login, a logout or an unlock (their answers
 * belong to the session of the start, maybe another operator's), and in tests.
 */
export function dropEarlyCalls(): void {
  early.clear();
}
