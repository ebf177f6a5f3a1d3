/**
 * The core host: runs the application core (database, imports, exports) in an Electron
 * utilityProcess, so heavy synchronous SQLite work never freezes the window or the main process.
 * Native dialogs are asked of the main process through the parent port.
 */
import 'reflect-metadata';
import path from 'node:path';
import { fail } from '@shared/api/envelope';
import { createAppCore, type AppCore } from '../core/app-core';
import { type FileFilter, type HostPort } from '../core/host-port';
import { type HostRequest, type HostToMain, type MainToHost } from './core-host-protocol';

interface ParentPort {
  on(event: 'message', listener: (message: { data: MainToHost }) => void): void;
  postMessage(message: HostToMain): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('core-host must run as an Electron utilityProcess');
const port: ParentPort = parentPort;

let core: AppCore | null = null;
let nextHostRequest = 1;
const pendingHost = new Map<number, (path: string | null) => void>();
const running = new Map<number, AbortController>();

function askMain(request: HostRequest): Promise<string | null> {
  const id = nextHostRequest;
  nextHostRequest += 1;
  return new Promise((resolve) => {
    pendingHost.set(id, resolve);
    port.postMessage({ type: 'host-request', id, ...request });
  });
}

const electronHost: HostPort = {
  hasNativeDialogs: true,
  pickOpenFile: (title: string, filters: FileFilter[]) =>
    askMain({ op: 'pickOpenFile', title, filters }),
  pickSaveFile: (title: string, defaultName: string, filters: FileFilter[]) =>
    askMain({ op: 'pickSaveFile', title, defaultName, filters }),
  downloadUrlFor: () => null,
};

port.on('message', ({ data }) => {
  switch (data.type) {
    case 'init':
      createAppCore({
        dataDir: data.dataDir,
        key: data.key,
        keySource: data.keySource,
        host: electronHost,
        jobThreadEntry: path.join(__dirname, 'job-worker.js'),
      })
        .then((created) => {
          core = created;
          created.events.onAny((event, payload) =>
            port.postMessage({ type: 'event', event, payload }),
          );
          port.postMessage({ type: 'ready' });
        })
        .catch((error: unknown) => {
          const coded = error as { code?: string; message?: string };
          port.postMessage({
            type: 'init-error',
            code: coded.code ?? 'INTERNAL',
            message: coded.message ?? String(error),
          });
        });
      return;
    case 'call': {
      const active = core;
      if (!active) {
        port.postMessage({
          type: 'result',
          id: data.id,
          envelope: fail('INTERNAL', '数据库尚未打开'),
        });
        return;
      }
      const controller = new AbortController();
      running.set(data.id, controller);
      let session: string | null | undefined;
      void active
        .dispatch(data.method, data.input, {
          session: data.session,
          signal: controller.signal,
          onSession: (next) => {
            session = next;
          },
        })
        .then((envelope) =>
          port.postMessage({
            type: 'result',
            id: data.id,
            envelope,
            ...(session === undefined ? {} : { session }),
          }),
        )
        .finally(() => running.delete(data.id));
      return;
    }
    case 'abort':
      running.get(data.id)?.abort();
      return;
    case 'host-reply':
      pendingHost.get(data.id)?.(data.path);
      pendingHost.delete(data.id);
      return;
  }
});
