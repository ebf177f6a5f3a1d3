/**
 * Server-sent events with ids, kept for a short while so that a browser tab whose stream dropped
 * (a laptop waking up, a proxy timing out) resumes where it stopped: EventSource sends the last
 * id it saw as `Last-Event-ID` when it reconnects, and the events after it are sent again first.
 * No progress event of a running job is lost that way.
 *
 * Ids are `<boot>.<n>`: `n` counts up from 1, `boot` is random per server start, so an id from a
 * server that has since restarted replays nothing rather than the wrong events.
 */
import crypto from 'node:crypto';

export interface SseFrame {
  id: string;
  text: string;
  /** The event's name and payload, so a stream can be sent only what is meant for it. */
  event: string;
  payload: unknown;
}

export class EventReplay {
  private readonly boot = crypto.randomBytes(4).toString('hex');
  private next = 1;
  private readonly frames: (SseFrame & { n: number })[] = [];

  constructor(private readonly capacity = 2000) {}

  /** Numbers an event and keeps it; returns the frame to send. */
  add(event: string, data: string, payload: unknown = null): SseFrame {
    const n = this.next;
    this.next += 1;
    const id = `${this.boot}.${n}`;
    const frame = { n, id, event, payload, text: `id: ${id}\nevent: ${event}\ndata: ${data}\n\n` };
    this.frames.push(frame);
    if (this.frames.length > this.capacity)
      this.frames.splice(0, this.frames.length - this.capacity);
    return frame;
  }

  /** The frames after `lastEventId` (none for an unknown or foreign id). */
  since(lastEventId: string | null | undefined): SseFrame[] {
    if (!lastEventId) return [];
    const dot = lastEventId.indexOf('.');
    if (dot < 0 || lastEventId.slice(0, dot) !== this.boot) return [];
    const after = Number(lastEventId.slice(dot + 1));
    if (!Number.isSafeInteger(after) || after < 0) return [];
    return this.frames.filter((f) => f.n > after);
  }
}
