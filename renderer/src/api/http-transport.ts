/**
 * The BridgeApi over the local HTTP bridge, for when the UI runs in a browser instead of Electron
 * (this build machine, CI, a locked-down PC, the end-to-end tests). Same envelope, same events: the
 * rest of the UI cannot tell the wires apart. Files travel by upload and one-time download URLs.
 *
 * The envelope and the upload's answer are checked by hand, and the events' payload schemas are
 * loaded with the first event: this module is on the first screen's path, and with zod there a
 * cold start loaded and set up the validation library first (≈ 20 ms of its CPU profile,
 * BENCH_ONLY=first-paint). The checks are the same shapes the schemas describe.
 */
import { HTTP_ROUTES, type BridgeApi } from '@shared/api/bridge';
import { type Envelope } from '@shared/api/envelope';
import { type EventName, type EventPayload, type eventSchemas } from '@shared/api/events';
import { EVENT_NAMES, FILE_HANDLE_PATTERN } from '@shared/api/values';
import { TRANSPORT_TEXT } from './api.strings';

const TOKEN_STORAGE_KEY = 'traindesk.bridgeToken';
/** Long enough for a slow machine, short enough that a broken stream does not block a job. */
const EVENTS_READY_TIMEOUT_MS = 5000;

export interface UploadedFile {
  handle: string;
  fileName: string;
  size: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `{ ok: true, data }` or `{ ok: false, error: { code, message, details? } }`, else null. `data`
 * may be absent (JSON drops an undefined answer), as the schema allowed.
 */
export function asEnvelope(body: unknown): Envelope<unknown> | null {
  if (!isRecord(body)) return null;
  if (body.ok === true) return body as unknown as Envelope<unknown>;
  if (body.ok !== false || !isRecord(body.error)) return null;
  const { code, message } = body.error;
  return typeof code === 'string' && typeof message === 'string'
    ? (body as unknown as Envelope<unknown>)
    : null;
}

/** The bridge's answer to an upload, if it has that shape. */
export function asUploadedFile(data: unknown): UploadedFile | null {
  if (!isRecord(data)) return null;
  const { handle, fileName, size } = data;
  return typeof handle === 'string' &&
    FILE_HANDLE_PATTERN.test(handle) &&
    typeof fileName === 'string' &&
    typeof size === 'number' &&
    Number.isInteger(size) &&
    size >= 0
    ? { handle, fileName, size }
    : null;
}

/**
 * Takes the access token from `#token=…` (the link the server prints), keeps it for reloads in
 * sessionStorage, and removes it from the address bar so it is not bookmarked or shared by accident.
 */
export function takeAccessToken(): string | null {
  const match = /(?:^#|[&?])token=([^&]+)/.exec(window.location.hash);
  const fromHash = match?.[1];
  if (fromHash) {
    const token = decodeURIComponent(fromHash);
    sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

type Listener = (payload: unknown) => void;

function transportFailure(code: string, message: string): Envelope<never> {
  // The codes here are client-side ones ('NETWORK') or the contract's 'UNAUTHORIZED'.
  return { ok: false, error: { code, message } } as unknown as Envelope<never>;
}

export class HttpBridge implements BridgeApi {
  private readonly token: string | null;
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private source: EventSource | null = null;
  private eventsReady: Promise<void> | null = null;

  constructor(token: string | null) {
    this.token = token;
  }

  get hasToken(): boolean {
    return this.token !== null;
  }

  async call(method: string, input: unknown): Promise<Envelope<unknown>> {
    if (!this.token) return transportFailure('UNAUTHORIZED', TRANSPORT_TEXT.missingToken);
    let response: Response;
    try {
      response = await fetch(`${HTTP_ROUTES.rpcPrefix}${method}`, {
        method: 'POST',
        // The session lives in an HttpOnly cookie the bridge sets at login: always send it.
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return transportFailure('NETWORK', TRANSPORT_TEXT.unreachable);
    }
    return this.readEnvelope(response);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.ensureEventStream();
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  /**
   * Resolves once the event stream is connected, so a job's first progress events are not lost.
   * Gives up after a few seconds: a job without progress is better than a job that never starts.
   */
  whenEventsReady(): Promise<void> {
    this.ensureEventStream();
    return this.eventsReady ?? Promise.resolve();
  }

  /**
   * Closes the event stream and opens a new one (when anyone listens). The bridge binds a stream to
   * the session present when it connects, so after a login, an unlock as someone else or a logout
   * the old stream would carry the wrong operator's job progress, or none.
   */
  resetEvents(): void {
    if (this.source) {
      this.source.close();
      this.source = null;
      this.eventsReady = null;
    }
    const isListened = [...this.listeners.values()].some((set) => set.size > 0);
    if (isListened) this.ensureEventStream();
  }

  async upload(file: File): Promise<Envelope<UploadedFile>> {
    if (!this.token) return transportFailure('UNAUTHORIZED', TRANSPORT_TEXT.missingToken);
    let response: Response;
    try {
      response = await fetch(`${HTTP_ROUTES.upload}?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/octet-stream',
          Authorization: `Bearer ${this.token}`,
        },
        body: file,
      });
    } catch {
      return transportFailure('NETWORK', TRANSPORT_TEXT.unreachable);
    }
    const envelope = await this.readEnvelope(response);
    if (!envelope.ok) return envelope;
    const uploaded = asUploadedFile(envelope.data);
    return uploaded
      ? { ok: true, data: uploaded }
      : transportFailure('INTERNAL', TRANSPORT_TEXT.uploadFailed);
  }

  private async readEnvelope(response: Response): Promise<Envelope<unknown>> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const envelope = asEnvelope(body);
    // A 401 is the launch token's refusal unless the body says it is about the session (not
    // logged in, locked…): that one the app answers with its login or lock screen instead.
    if (response.status === 401) {
      const code = envelope && !envelope.ok ? envelope.error.code : null;
      if (code === null || code === 'UNAUTHORIZED') {
        return transportFailure('UNAUTHORIZED', TRANSPORT_TEXT.unauthorized);
      }
    }
    return envelope ?? transportFailure('INTERNAL', TRANSPORT_TEXT.badResponse(response.status));
  }

  private ensureEventStream(): void {
    if (this.source || !this.token) return;
    const source = new EventSource(`${HTTP_ROUTES.events}?token=${encodeURIComponent(this.token)}`);
    this.source = source;
    this.eventsReady = new Promise<void>((resolve) => {
      const timer = window.setTimeout(resolve, EVENTS_READY_TIMEOUT_MS);
      source.addEventListener(
        'open',
        () => {
          window.clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    // The payload schemas are loaded with the first event (see the module header); events
    // arriving before they have loaded wait for them, in order.
    let schemas: Promise<typeof eventSchemas> | null = null;
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message: MessageEvent<string>) => {
        let raw: unknown;
        try {
          raw = JSON.parse(message.data);
        } catch {
          return;
        }
        schemas ??= import('@shared/api/events').then((module) => module.eventSchemas);
        void schemas.then((loaded) => {
          const parsed = loaded[name].safeParse(raw);
          if (!parsed.success) return;
          for (const listener of this.listeners.get(name) ?? []) listener(parsed.data);
        });
      });
    }
  }
}
