/**
 * The only door between the page and the app: `window.bridge.call(method, input)` and
 * `window.bridge.on(event, listener)`. Nothing else of Electron or Node reaches the renderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type BridgeApi } from '@shared/api/bridge';
import { type Envelope } from '@shared/api/envelope';
import { type EventName, type EventPayload } from '@shared/api/events';

const bridge: BridgeApi = {
  call: (method: string, input: unknown) =>
    ipcRenderer.invoke('api:call', method, input) as Promise<Envelope<unknown>>,
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
    const relay = (_event: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload as EventPayload<E>);
    };
    ipcRenderer.on('api:event', relay);
    return () => {
      ipcRenderer.removeListener('api:event', relay);
    };
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
