/**
 * The application core: opens the encrypted database, builds the services and the one dispatcher
 * that both wires (Electron IPC and the HTTP bridge) and the CLI call.
 */
import packageJson from '../../package.json';
import { contract, isMethodName } from '@shared/api/contract';
import { type Envelope, fail } from '@shared/api/envelope';
import { type JobProgressEvent } from '@shared/api/events';
import { openDatabase, type AppDatabase } from '../db/open-database';
import { type KeySource } from '../db/db-key';
import { orgHandlers } from '../services/org/org.handlers';
import { rosterHandlers } from '../services/roster/roster.handlers';
import { rulesHandlers } from '../services/rules/rules.handlers';
import { systemHandlers } from '../services/system/system.handlers';
import { authHandlers } from '../services/auth/auth.handlers';
import { projectsHandlers } from '../services/projects/projects.handlers';
import { AuthService } from '../services/auth/auth.service';
import { ImportStaging } from '../services/imports/import-staging';
import {
  assertHandlersCoverContract,
  createDispatcher,
  mergeHandlers,
  type Dispatcher,
} from './dispatcher';
import { EventBus } from './event-bus';
import { type AllHandlers, type SessionIntent } from './handler-types';
import { checkAccess, type Identity } from './operator';
import { type SessionRecord, SessionStore } from './sessions';
import { JobThread } from './job-thread';
import { headlessHost, type HostPort } from './host-port';
import { FileHandles } from './file-handles';
import { newUuid, systemClock, type ServiceContext } from './service-context';
import { createWritePath } from './write-path';

export const APP_NAME = '师训通 TrainDesk';
/** The owner of a job started without a session (the first-run setup's demo workspace). */
export const PUBLIC_JOB_OWNER = '';
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

export interface CallOptions {
  /** The session token the wire holds for this caller (null before logging in). */
  session: string | null;
  signal?: AbortSignal;
  /**
   * Told when the call started a session (the new token: keep it for this caller's next calls)
   * or ended one (null: forget it).
   */
  onSession?: (token: string | null) => void;
}

export interface AppCore {
  readonly dataDir: string;
  readonly db: AppDatabase;
  readonly events: EventBus;
  readonly files: FileHandles;
  /** Every call of every wire: who calls is resolved from the session, then checked and run. */
  dispatch(method: string, input: unknown, options: CallOptions): Promise<Envelope<unknown>>;
  /**
   * Runs a call for an identity the main thread already resolved: only the job thread uses it,
   * for the calls the main thread hands over.
   */
  dispatchResolved(
    identity: Identity,
    method: string,
    input: unknown,
    options: { signal?: AbortSignal },
  ): Promise<Envelope<unknown>>;
  /** The operator who started a running job (its progress goes to their streams only). */
  jobOwner(jobId: string): string | undefined;
  /** The operator of a session token, if it is live (the bridge's event stream). */
  sessionOperator(token: string | null): string | null;
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
  const sessions = new SessionStore(() => Date.parse(ctx.now()));
  const auth = new AuthService(ctx, sessions);
  /** Running jobs by id → the operator who started them (cancel and progress are theirs). */
  const jobOwners = new Map<string, string>();
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
      cancelJob: (jobId, operatorId) =>
        jobOwners.get(jobId) === operatorId &&
        ((dispatcher?.cancel(jobId) ?? false) || (jobThread?.cancel(jobId) ?? false)),
    }),
    authHandlers(ctx, sessions),
    projectsHandlers(ctx),
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
  const onProgress = (event: JobProgressEvent): void => events.emit('job/progress', event);
  return {
    dataDir: options.dataDir,
    db,
    events,
    files,
    dispatch: async (method, input, callOptions) => {
      const { identity, session } = await auth.resolve(callOptions.session);
      const intent = new PendingSession(session);
      const jobId = jobIdOf(method, input);
      const operatorId = identity.kind === 'operator' ? identity.operator.id : null;
      // A job of a public method (the first-run demo workspace) belongs to no one: its progress
      // (which names no teacher) goes to every stream.
      if (jobId && !jobOwners.has(jobId)) jobOwners.set(jobId, operatorId ?? PUBLIC_JOB_OWNER);
      let envelope: Envelope<unknown>;
      try {
        if (jobThread && isMethodName(method) && contract[method].isJob) {
          // Checked here too, so a refused call never reaches the thread (nor tells more than that).
          const refused = checkAccess(contract[method].access, identity);
          if (refused) return { ok: false, error: refused.toBody() };
          if (contract[method].access.kind === 'public' && method !== 'setup/demo') {
            return fail('INTERNAL', '公开方法不能作为后台任务运行');
          }
          envelope = withDownloadUrl(
            await jobThread.call(method, input, identity, callOptions.signal),
            ctx.host,
          );
        } else {
          envelope = await active.dispatch(method, input, {
            identity,
            session: intent,
            signal: callOptions.signal,
            onProgress,
          });
        }
      } finally {
        if (jobId && jobOwners.get(jobId) === (operatorId ?? PUBLIC_JOB_OWNER)) {
          jobOwners.delete(jobId);
        }
      }
      intent.apply(sessions, envelope.ok, callOptions.onSession);
      return envelope;
    },
    dispatchResolved: (identity, method, input, callOptions) =>
      active.dispatch(method, input, {
        identity,
        session: JOB_SESSION,
        signal: callOptions.signal,
        onProgress,
      }),
    jobOwner: (jobId) => jobOwners.get(jobId),
    sessionOperator: (token) => sessions.find(token)?.operatorId ?? null,
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

function jobIdOf(method: string, input: unknown): string | null {
  if (!isMethodName(method) || !contract[method].isJob) return null;
  const jobId = (input as { jobId?: unknown } | null)?.jobId;
  return typeof jobId === 'string' ? jobId : null;
}

/** Jobs run on the job thread and cannot change sessions (none of them is a login). */
const JOB_SESSION: SessionIntent = {
  begin: () => {
    throw new Error('a job cannot start a session');
  },
  end: () => undefined,
  lock: () => undefined,
  unlock: () => undefined,
};

/**
 * What a handler asked of the caller's session, applied once the call is over: a new session on
 * success (replacing the one the call came with: a login never keeps a token it was given, so a
 * planted token is worthless), lock and unlock on success, an end even on failure. Calls through
 * a live, unlocked session count as activity for the idle lock.
 */
class PendingSession implements SessionIntent {
  private begun: { operatorId: string; epoch: number; tokenId: string | null } | null = null;
  private isEnded = false;
  private wantsLock = false;
  private wantsUnlock = false;

  constructor(private readonly current: SessionRecord | null) {}

  begin(operatorId: string, epoch: number, apiTokenId?: string): void {
    this.begun = { operatorId, epoch, tokenId: apiTokenId ?? null };
  }

  end(): void {
    this.isEnded = true;
  }

  lock(): void {
    this.wantsLock = true;
  }

  unlock(): void {
    this.wantsUnlock = true;
  }

  apply(store: SessionStore, isOk: boolean, onSession?: (token: string | null) => void): void {
    const current = this.current;
    if (this.isEnded || (isOk && this.begun)) {
      if (current) store.end(current);
      if (!this.begun || !isOk) {
        onSession?.(null);
        return;
      }
    }
    if (isOk && this.begun) {
      const { token } = store.begin(this.begun.operatorId, this.begun.epoch, this.begun.tokenId);
      onSession?.(token);
      return;
    }
    if (!current) return;
    if (isOk && this.wantsLock) store.lock(current);
    else if (isOk && this.wantsUnlock) store.unlock(current);
    else if (!current.isLocked) store.touch(current);
  }
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
