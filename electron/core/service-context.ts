/**
 * What every service gets from the core: the open database, the clock, id generation, the event
 * bus, the host's OS port and the data directory. Services own their transactions.
 */
import { randomUUID } from 'node:crypto';
import { type AppDatabase } from '../db/open-database';
import { type EventBus } from './event-bus';
import { type HostPort } from './host-port';

export interface ServiceContext {
  db: AppDatabase;
  dataDir: string;
  events: EventBus;
  host: HostPort;
  /** The current time as an ISO string with offset; injectable for tests. */
  now(): string;
  newId(): string;
}

export function systemClock(): string {
  return new Date().toISOString();
}

export function newUuid(): string {
  return randomUUID();
}

/** Today's date (YYYY-MM-DD) in China Standard Time, whatever the machine's zone. */
export function chinaToday(nowIso: string): string {
  const shifted = new Date(Date.parse(nowIso) + 8 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}
