/**
 * The application core: opens the encrypted database, builds the services and the one dispatcher
 * that both wires (Electron IPC and the HTTP bridge) and the CLI call.
 */
import packageJson from '../../package.json';
import { contract, isMethodName } from '@shared/api/contract';
import { type Envelope } from '@shared/api/envelope';
import { openDatabase, type AppDatabase } from '../db/open-database';
import { type KeySource } from '../db/db-key';
import { orgHandlers } from '../services/org/org.handlers';
import { rosterHandlers } from '../services/roster/roster.handlers';
import { rulesHandlers } from '../services/rules/rules.handlers';
import { systemHandlers } from '../services/system/system.handlers';
import { ImportStaging } from '../services/imports/import-staging';
import {
  assertHandlersCoverContract,
  createDispatcher,
  mergeHandlers,
  type Dispatcher,
} from './dispatcher';
import { EventBus } from './event-bus';
import { type AllHandlers } from './handler-types';
import { JobThread } from './job-thread';
import { headlessHost, type HostPort } from './host-port';
import { FileHandles } from './file-handles';
import { newUuid, systemClock, type ServiceContext } from './service-context';
import { createWritePath } from './write-path';

export const APP_NAME = '师训通 TrainDesk';
export const APP_VERSION: string = packageJson.version;
const FILE_PURGE_INTERVAL_MS = 5 * 60_000;

export interface AppCoreOptions {
  dataDir: string;
  key: string;
  keySource: KeySource;
  /** A PostgreSQL server (`postgres://…`) instead of the encrypted SQLite file in `dataDir`. */
  databaseUrl?: string | null;
  /** The CA certificate of the PostgreSQL server, for TLS. */
  databaseCaFile?: string | null;
  host?: HostPort;
  now?: () => string;
  newId?: () => string;
  logError?: (method: string, error: unknown) => void;
  /**
   * The built job-worker script. When given, jobs (and the methods reading their staged rows) run on
   * a worker thread with its own connection; without it (CLI, tests) they run inline.
   */
  jobThreadEntry?: string;
  /**
   * For the job thread's connection: do not checkpoint the write-ahead log inside the COMMIT of a
   * bulk write (SQLite's default once the log passes 1,000 pages), so the result of a 100,000-row
   * import reaches the user ≈ 0.35 s sooner; the caller checkpoints when idle (`checkpoint()`).
   */
  deferCheckpoints?: boolean;
  /** The built roster-check-worker script: previews then read and check on a thread of their own. */
  rosterCheckEntry?: string;
}

export interface AppCore {
  readonly dataDir: string;
  readonly db: AppDatabase;
  readonly events: EventBus;
  readonly files: FileHandles;
  dispatch(
    method: string,
    input: unknown,
    options: { actor: string; signal?: AbortSignal },
  ): Promise<Envelope<unknown>>;
  /** Copies the write-ahead log into the database file (PASSIVE: never waits for other connections). */
  checkpoint(): void;
  close(): Promise<void>;
}

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const db = await openDatabase({
    dataDir: options.dataDir,
    key: options.key,
    url: options.databaseUrl ?? null,
    caFile: options.databaseCaFile ?? null,
  });
  if (db.sqlite) {
    // An 8 MB page cache per connection: bulk imports were measured no faster with 16–64 MB (their
    // writes go to the log at commit either way), and every megabyte counts towards the import's
    // memory budget (npm run bench: peak RSS ≈290 MB with 8 MB, ≈316 MB with 32 MB).
    db.sqlite.pragma('cache_size = -8192');
    db.sqlite.pragma('temp_store = MEMORY');
    if (options.deferCheckpoints) db.sqlite.pragma('wal_autocheckpoint = 0');
  }
  const events = new EventBus();
  const files = new FileHandles(options.dataDir);
  // Uploads and exports hold teachers' ID numbers: what expired while the app was closed goes now,
  // and then every few minutes while it runs.
  files.purgeLegacyFolders(options.dataDir);
  files.purgeExpired();
  const purgeTimer = setInterval(() => files.purgeExpired(), FILE_PURGE_INTERVAL_MS);
  purgeTimer.unref();
  const ctx: ServiceContext = {
    db,
    dataDir: options.dataDir,
    events,
    files,
    host: options.host ?? headlessHost,
    now: options.now ?? systemClock,
    newId: options.newId ?? newUuid,
    workers: options.rosterCheckEntry ? { rosterCheck: options.rosterCheckEntry } : undefined,
  };
  let dispatcher: Dispatcher | null = null;
  const jobThread = options.jobThreadEntry
    ? new JobThread(
        options.jobThreadEntry,
        {
          dataDir: options.dataDir,
          key: options.key,
          keySource: options.keySource,
          databaseUrl: options.databaseUrl ?? null,
          databaseCaFile: options.databaseCaFile ?? null,
        },
        events,
      )
    : null;
  jobThread?.warmUp();
  const handlers = mergeHandlers(
    systemHandlers(ctx, {
      appName: APP_NAME,
      version: APP_VERSION,
      keySource: options.keySource,
      cancelJob: (jobId) =>
        (dispatcher?.cancel(jobId) ?? false) || (jobThread?.cancel(jobId) ?? false),
    }),
    orgHandlers(ctx),
    rosterHandlers(ctx),
    rulesHandlers(ctx),
  );
  assertHandlersCoverContract(handlers);
  // Staged import rows hold personal data: what expired while the app was closed goes now.
  await new ImportStaging(db).prune(ctx.now());
  const logError =
    options.logError ??
    ((method: string, error: unknown) => {
      console.error(`[core] ${method} failed:`, error);
    });
  const writePath = createWritePath({ db, events, now: ctx.now, newId: ctx.newId });
  dispatcher = createDispatcher(handlers as unknown as AllHandlers, logError, writePath);
  const active = dispatcher;
  return {
    dataDir: options.dataDir,
    db,
    events,
    files,
    dispatch: async (method, input, callOptions) => {
      if (jobThread && isMethodName(method) && contract[method].isJob) {
        const envelope = await jobThread.call(method, input, callOptions.actor, callOptions.signal);
        return withDownloadUrl(envelope, ctx.host);
      }
      return active.dispatch(method, input, {
        actor: callOptions.actor,
        signal: callOptions.signal,
        onProgress: (event) => events.emit('job/progress', event),
      });
    },
    checkpoint: () => {
      db.sqlite?.pragma('wal_checkpoint(PASSIVE)');
    },
    close: async () => {
      clearInterval(purgeTimer);
      await jobThread?.close();
      await db.close();
    },
  };
}

/**
 * Files written on the job thread are handed to the user by this thread's host (the bridge keeps
 * its one-time download links here), so saved-file results get their download URL on the way out.
 */
function withDownloadUrl(envelope: Envelope<unknown>, host: HostPort): Envelope<unknown> {
  if (!envelope.ok) return envelope;
  const data = envelope.data as { handle?: unknown; fileName?: unknown; downloadUrl?: unknown };
  if (
    !data ||
    typeof data.handle !== 'string' ||
    typeof data.fileName !== 'string' ||
    data.downloadUrl !== null
  ) {
    return envelope;
  }
  const downloadUrl = host.downloadUrlFor({ handle: data.handle, fileName: data.fileName });
  return { ok: true, data: { ...data, downloadUrl } };
}
