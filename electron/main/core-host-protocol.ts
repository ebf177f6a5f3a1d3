/** Messages between the Electron main process and the core host (a utilityProcess). */
import { type Envelope } from '@shared/api/envelope';
import { type FileFilter } from '../core/host-port';

export type MainToHost =
  | {
      type: 'init';
      dataDir: string;
      key: string;
      keySource: 'safeStorage' | 'env' | 'keyfile';
    }
  /** `session`: the token the main process keeps for the calling window (null before login). */
  | { type: 'call'; id: number; method: string; input: unknown; session: string | null }
  | { type: 'abort'; id: number }
  | { type: 'host-reply'; id: number; path: string | null };

export type HostRequest =
  | { op: 'pickOpenFile'; title: string; filters: FileFilter[] }
  | { op: 'pickSaveFile'; title: string; defaultName: string; filters: FileFilter[] };

export type HostToMain =
  | { type: 'ready' }
  | { type: 'init-error'; code: string; message: string }
  /** `session`: present when the call started (a token) or ended (null) the window's session. */
  | { type: 'result'; id: number; envelope: Envelope<unknown>; session?: string | null }
  | { type: 'event'; event: string; payload: unknown }
  | ({ type: 'host-request'; id: number } & HostRequest);
