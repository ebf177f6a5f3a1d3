/** A typed event bus: the core publishes, each wire forwards to its UI (SSE or webContents.send). */
import { EventEmitter } from 'node:events';
import { type EventName, type EventPayload } from '@shared/api/events';

export type AnyEventListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open window or SSE stream listens; their number is not bounded by a small constant.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload);
  }

  /** Listens to every event; returns the unsubscribe function. */
  onAny(listener: AnyEventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
