/**
 * The typed client every screen uses: `call('roster/list', input)` with input and output types
 * derived from the contract, an `ApiError` on failure, events, and long jobs with progress and
 * cancel. It picks the wire once: Electron's `window.bridge` when present, else the HTTP bridge.
 *
 * Answers that concern the session rather than the call (not logged in, locked, password to
 * change, not set up, the wire's token gone) are also reported to `onSessionProblem` listeners:
 * the auth gate listens once and shows the right screen, so no page handles them itself.
 */
import { type BridgeApi } from '@shared/api/bridge';
import { type MethodInput, type MethodName, type MethodOutput } from '@shared/api/contract';
import { type EventName, type EventPayload, type JobProgressEvent } from '@shared/api/events';
import { DATA_SCOPES } from '@shared/api/values';
import { ApiError, type ClientErrorCode } from './api-error';
import { TRANSPORT_TEXT } from './api.strings';
import { HttpBridge, takeAccessToken, type UploadedFile } from './http-transport';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    bridge?: BridgeApi;
  }
}

export type WireKind = 'electron' | 'http';

interface Wire {
  kind: WireKind;
  bridge: BridgeApi;
  http: HttpBridge | null;
}

let wire: Wire | null = null;

function getWire(): Wire {
  if (wire) return wire;
  if (window.bridge) {
    wire = { kind: 'electron', bridge: window.bridge, http: null };
  } else {
    const http = new HttpBridge(takeAccessToken());
    wire = { kind: 'http', bridge: http, http };
  }
  return wire;
}

/** Call once at startup, before the router reads the address bar (the token lives in the fragment). */
export function initClient(): WireKind {
  return getWire().kind;
}

export function wireKind(): WireKind {
  return getWire().kind;
}

/** Codes that are about the session or the wire, not about the call that received them. */
export const SESSION_PROBLEM_CODES: ReadonlySet<ClientErrorCode> = new Set<ClientErrorCode>([
  'UNAUTHORIZED',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'SETUP_REQUIRED',
]);

export function isSessionProblem(error: unknown): boolean {
  return error instanceof ApiError && SESSION_PROBLEM_CODES.has(error.code);
}

type SessionProblemListener = (error: ApiError, method: string) => void;
const sessionProblemListeners = new Set<SessionProblemListener>();

/** Called whenever a call is refused for a session reason; returns the unsubscribe. */
export function onSessionProblem(listener: SessionProblemListener): () => void {
  sessionProblemListeners.add(listener);
  return () => {
    sessionProblemListeners.delete(listener);
  };
}

/**
 * The gate's own questions (the session's state, a login, the first-run setup) answer it directly:
 * their refusals are not news. Everything else, unlock and change of password included, reports,
 * and the gate reads the session again to see where the operator stands.
 */
function isGateMethod(method: string): boolean {
  return method === 'auth/state' || method === 'auth/login' || method.startsWith('setup/');
}

function reportSessionProblem(error: ApiError, method: string): void {
  if (!SESSION_PROBLEM_CODES.has(error.code) || isGateMethod(method)) return;
  for (const listener of [...sessionProblemListeners]) listener(error, method);
}

export async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const envelope = await getWire().bridge.call(method, input);
  if (!envelope.ok) {
    const error = ApiError.fromBody(envelope.error);
    reportSessionProblem(error, method);
    throw error;
  }
  // The core validated this output against the same contract before sending it.
  return envelope.data as MethodOutput<M>;
}

/**
 * The call's answer as it came, refusals included, reported to no one: for calls made before
 * anyone asked (early-calls.ts), whose refusals are not news (the gate has not even looked yet).
 */
export async function callQuietly<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<{ data: MethodOutput<M> } | null> {
  try {
    const envelope = await getWire().bridge.call(method, input);
    return envelope.ok ? { data: envelope.data as MethodOutput<M> } : null;
  } catch {
    return null;
  }
}

type AnyListener = (payload: unknown) => void;
const localListeners = new Map<EventName, Set<AnyListener>>();

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  const off = getWire().bridge.on(event, listener);
  let set = localListeners.get(event);
  if (!set) {
    set = new Set();
    localListeners.set(event, set);
  }
  const wrapped = listener as AnyListener;
  set.add(wrapped);
  return () => {
    off();
    set.delete(wrapped);
  };
}

/**
 * Tells every open view that all data may have changed, as if the core had said so: after an
 * unlock, views that were refused while the session was locked load again where they were.
 */
export function refreshAllViews(): void {
  const listeners = [...(localListeners.get('data/changed') ?? [])];
  for (const scope of DATA_SCOPES) {
    for (const listener of listeners) listener({ scope });
  }
}

/**
 * Reconnects the event stream (browser only; Electron's main process follows the window's session
 * by itself). Call it after a login, an unlock as another operator, and a logout: the bridge binds
 * a stream to the session it was opened with.
 */
export function resetEvents(): void {
  getWire().http?.resetEvents();
}

/** Methods that run as jobs: their input carries a client-chosen `jobId`. */
export type JobMethodName = {
  [M in MethodName]: MethodInput<M> extends { jobId: string } ? M : never;
}[MethodName];

export type JobInput<M extends JobMethodName> = Omit<MethodInput<M>, 'jobId'>;

export interface JobHandle<T> {
  jobId: string;
  result: Promise<T>;
  /** Asks the core to stop; the pending `result` then rejects with a CANCELLED ApiError. */
  cancel: () => Promise<boolean>;
}

const JOB_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A job id matching the contract's /^[A-Za-z0-9_-]{6,64}$/. */
export function newJobId(): string {
  if (typeof crypto.randomUUID === 'function') return `job-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `job-${Array.from(bytes, (b) => JOB_ID_ALPHABET[b % JOB_ID_ALPHABET.length]).join('')}`;
}

export function startJob<M extends JobMethodName>(
  method: M,
  input: JobInput<M>,
  onProgress?: (progress: JobProgressEvent) => void,
): JobHandle<MethodOutput<M>> {
  const jobId = newJobId();
  const current = getWire();
  const unsubscribe = onEvent('job/progress', (event) => {
    if (event.jobId === jobId) onProgress?.(event);
  });
  const ready = current.http ? current.http.whenEventsReady() : Promise.resolve();
  // Omit<> over a generic loses the link to MethodInput<M>; adding jobId back restores it.
  const fullInput = { ...input, jobId } as unknown as MethodInput<M>;
  const result = ready.then(() => call(method, fullInput)).finally(unsubscribe);
  return {
    jobId,
    result,
    cancel: async () => (await call('jobs/cancel', { jobId })).isCancelled,
  };
}

/** Sends a browser file to the bridge; the returned path is what import methods take. */
export async function uploadFile(file: File): Promise<UploadedFile> {
  const http = getWire().http;
  if (!http) throw new ApiError('INVALID_INPUT', TRANSPORT_TEXT.noUploadOnDesktop);
  const envelope = await http.upload(file);
  if (!envelope.ok) {
    const error = ApiError.fromBody(envelope.error);
    reportSessionProblem(error, 'upload');
    throw error;
  }
  return envelope.data;
}
