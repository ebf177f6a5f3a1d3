/**
 * What every service gets from the core: the open database, the clock, id generation, the event
 * bus, the host's OS port and the data directory. Services own their transactions.
 */
import { randomBytes } from 'node:crypto';
import { type AppDatabase } from '../db/open-database';
import { type EventBus } from './event-bus';
import { type FileHandles } from './file-handles';
import { type HostPort } from './host-port';

export interface ServiceContext {
  db: AppDatabase;
  dataDir: string;
  events: EventBus;
  host: HostPort;
  /** Files by handle: what the UI chose or uploaded, and exports waiting for their download. */
  files: FileHandles;
  /** The current time as an ISO string with offset; injectable for tests. */
  now(): string;
  newId(): string;
  /** Built worker scripts that services may start threads from; absent where there are none (tests). */
  workers?: { rosterCheck?: string };
}

export function systemClock(): string {
  return new Date().toISOString();
}

/** Random bytes drawn 4 KB at a time: one system call per 512 ids instead of one per id. */
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomSlice(): Buffer {
  if (poolOffset + 8 > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  poolOffset += 8;
  return pool.subarray(poolOffset - 8, poolOffset);
}

let lastMs = 0;
let sequence = 0;

/**
 * A time-ordered UUID (version 7, RFC 9562) with a monotonic counter inside the millisecond: rows
 * inserted together land next to each other in the primary-key index, instead of at random pages
 * as with v4 ids, which keeps bulk imports fast.
 */
export function newUuid(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      sequence = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    sequence = 0;
  }
  const random = randomSlice();
  const time = ms.toString(16).padStart(12, '0');
  const seq = sequence.toString(16).padStart(3, '0');
  const variant = ((random[0] ?? 0) & 0x3f) | 0x80;
  const tail = Buffer.from([variant, ...random.subarray(1)]).toString('hex');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${seq}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`;
}

/** Today's date (YYYY-MM-DD) in China Standard Time, whatever the machine's zone. */
export function chinaToday(nowIso: string): string {
  const shifted = new Date(Date.parse(nowIso) + 8 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}
