/**
 * The typed client every screen uses: `call('roster/list', input)` with input and output types
 * derived from the contract, an `ApiError` on failure, events, and long jobs with progress and
 * cancel. It picks the wire once: Electron's `window.bridge` when present, else the HTTP bridge.
 */
import { type BridgeApi } from '@shared/api/bridge';
import { type MethodInput, type MethodName, type MethodOutput } from '@shared/api/contract';
import { type EventName, type EventPayload, type JobProgressEvent } from '@shared/api/events';
import { ApiError } from './api-error';
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

export async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const envelope = await getWire().bridge.call(method, input);
  if (!envelope.ok) throw ApiError.fromBody(envelope.error);
  // The core validated this output against the same contract before sending it.
  return envelope.data as MethodOutput<M>;
}

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return getWire().bridge.on(event, listener);
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
  if (!envelope.ok) throw ApiError.fromBody(envelope.error);
  return envelope.data;
}
