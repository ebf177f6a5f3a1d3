/**
 * What the preload script exposes as `window.bridge` in Electron. The renderer's HTTP transport
 * implements the same interface against the local bridge, so the UI does not know which wire it is on.
 */
import { type Envelope } from './envelope';
import { type EventName, type EventPayload } from './events';

export interface BridgeApi {
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The HTTP bridge's routes, shared by the server and the renderer's HTTP transport. */
export const HTTP_ROUTES = {
  rpcPrefix: '/rpc/',
  events: '/events',
  upload: '/upload',
  download: '/download',
} as const;
