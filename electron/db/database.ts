/**
 * The one data layer, on two engines: the embedded, encrypted SQLite file (the default) and
 * PostgreSQL (a district or city server). Services own transactions (`db.write(tx => …)`);
 * repositories take the transaction context `Tx` and run their queries on it, through TypeORM.
 *
 * Writes never interleave: on SQLite every write transaction goes through one serialized queue
 * (`BEGIN IMMEDIATE` on the one connection, so two async transactions cannot mix their statements),
 * and on PostgreSQL each takes one advisory lock first, so writers of every process take turns as
 * on SQLite, and is retried on a deadlock. Reads never wait for writes on either engine. A write
 * started inside a write joins it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '@shared/api/envelope';
import {
  type DataSource,
  type EntityManager,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';

export type Engine = 'sqlite' | 'postgres';

export type MigrationClass = new () => MigrationInterface;

export const MIGRATIONS_TABLE = 'migrations';

/** Names as TypeORM records them: the instance's `name`, else the class name. */
export function migrationNames(classes: readonly MigrationClass[]): string[] {
  return classes.map((Migration) => {
    const instance = new Migration();
    return instance.name ?? Migration.name;
  });
}

/** A transaction context (or the plain reader outside one): what repositories query on. */
export interface Tx {
  readonly engine: Engine;
  readonly manager: EntityManager;
  /**
   * SQLite only: the raw connection, inside this transaction when there is one. For the measured
   * bulk paths of repositories (prepared statements, ≈150k rows/s against ≈7k for ORM saves).
   */
  readonly sqlite: Database.Database | null;
  /** Whether this context is a write transaction. */
  readonly isWrite: boolean;
  /**
   * Runs `work` once this write transaction has committed, as a write of its own (never when it
   * rolls back): clean-up nobody has to wait for. Outside a write it runs at once.
   */
  afterCommit?: (work: () => Promise<void>) => void;
}

export interface AppDatabase {
  readonly engine: Engine;
  readonly dataSource: DataSource;
  /** SQLite: the one raw connection TypeORM uses; null on PostgreSQL. */
  readonly sqlite: Database.Database | null;
  /** The database file, or the server URL without its password. */
  readonly location: string;
  /** Every migration recorded in the database after opening, oldest first. */
  readonly appliedMigrations: string[];
  /** The migrations run by this open (empty when the schema was already current). */
  readonly ranMigrations: string[];
  /** The verified backup made before migrating (SQLite), if one was needed. */
  readonly backupPath: string | null;
  /** Reads outside any transaction (inside the running write on the one SQLite connection). */
  readonly reader: Tx;
  /** Runs `work` as one write transaction; rolls back everything when it throws. */
  write<T>(work: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T>;
  close(): Promise<void>;
}

export interface WriteOptions {
  /**
   * Working data that can be made again (an import preview's staged rows): the commit does not
   * wait for the disk (SQLite `synchronous = NORMAL` in WAL mode, PostgreSQL `synchronous_commit =
   * off`). A crash may lose the last such commits, never corrupt the database, and every later
   * durable commit syncs them along. Measured: a 100k-row preview stages ≈ 1 s faster.
   */
  isScratch?: boolean;
}

/** `tx` when given, else the database's reader: how repositories pick what to run on. */
export function txOr(db: AppDatabase, tx: Tx | undefined): Tx {
  return tx ?? db.reader;
}

/**
 * Runs async functions one at a time, in call order (Actual Budget's `sequential`): the write queue
 * of the one SQLite connection.
 */
export function sequential(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

const currentWrite = new AsyncLocalStorage<Tx>();
const readOnlyCall = new AsyncLocalStorage<true>();

/**
 * Runs a method declared as a read: a write started anywhere inside it is refused, so a method
 * that changes data without declaring it (and so without its audit entry) fails at once.
 */
export function runReadOnly<T>(run: () => Promise<T>): Promise<T> {
  return readOnlyCall.run(true, run);
}

function assertWritable(): void {
  if (readOnlyCall.getStore()) {
    throw new AppError('INTERNAL', '程序内部错误：只读操作试图修改数据');
  }
}

/** The write transaction this async call chain runs in, if any. */
export function activeWrite(): Tx | undefined {
  return currentWrite.getStore();
}

/** The SQLite write path: a queue, `BEGIN IMMEDIATE` on the one connection, commit or rollback. */
export function sqliteWriter(
  dataSource: DataSource,
  sqlite: Database.Database,
  afterCommitWork: AfterCommitWork,
): <T>(work: (tx: Tx) => Promise<T>, options?: WriteOptions) => Promise<T> {
  const queue = sequential();
  return <T>(work: (tx: Tx) => Promise<T>, options: WriteOptions = {}): Promise<T> => {
    const joined = currentWrite.getStore();
    if (joined) return work(joined);
    assertWritable();
    return queue(async () => {
      // Outside a transaction only: SQLite ignores the pragma inside one.
      if (options.isScratch) sqlite.pragma('synchronous = NORMAL');
      try {
        return await runSqliteTransaction(dataSource, sqlite, work, afterCommitWork);
      } finally {
        if (options.isScratch) sqlite.pragma('synchronous = FULL');
      }
    });
  };
}

async function runSqliteTransaction<T>(
  dataSource: DataSource,
  sqlite: Database.Database,
  work: (tx: Tx) => Promise<T>,
  afterCommitWork: AfterCommitWork,
): Promise<T> {
  // The sqlite drivers hand every caller the same query runner on the same connection.
  const runner = dataSource.createQueryRunner();
  // IMMEDIATE takes the write lock at BEGIN: a deferred transaction that reads first could be
  // refused (SQLITE_BUSY) when it later writes while the job thread's connection holds the lock.
  // TypeORM's sqlite runner only issues a deferred BEGIN, so the transaction is opened here and
  // the runner told about it; its commit and rollback then work as usual (savepoints inside).
  sqlite.prepare('BEGIN IMMEDIATE').run();
  markTransactionActive(runner);
  const later = afterCommitList(afterCommitWork);
  const tx: Tx = {
    engine: 'sqlite',
    manager: runner.manager,
    sqlite,
    isWrite: true,
    afterCommit: later.add,
  };
  try {
    const result = await currentWrite.run(tx, () => work(tx));
    await runner.commitTransaction();
    later.run();
    return result;
  } catch (error) {
    if (sqlite.inTransaction) await runner.rollbackTransaction();
    else resetTransactionState(runner);
    throw error;
  }
}

/**
 * Work to run after a commit: started outside the committed transaction's context (so its own
 * writes queue as new transactions), and logged, not thrown, when it fails: the commit stands.
 */
function afterCommitList(running: Set<Promise<void>>): {
  add(work: () => Promise<void>): void;
  run(): void;
} {
  const pending: (() => Promise<void>)[] = [];
  return {
    add: (work) => {
      pending.push(work);
    },
    run: () => {
      for (const work of pending.splice(0)) {
        // On the next turn of the event loop: the committed call's answer goes out first (the
        // clean-up's synchronous SQLite work would otherwise hold it back).
        const started = currentWrite.exit(
          () =>
            new Promise<void>((resolve) => {
              setImmediate(() => {
                work()
                  .catch((error: unknown) => {
                    console.error('[db] clean-up after a commit failed:', error);
                  })
                  .finally(resolve);
              });
            }),
        );
        running.add(started);
        void started.finally(() => running.delete(started));
      }
    },
  };
}

/** Work started after commits and still running: closing the database waits for it. */
export type AfterCommitWork = Set<Promise<void>>;

export async function settleAfterCommitWork(running: AfterCommitWork): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

/**
 * Serialization failure, deadlock, and a unique violation between two writers that both checked
 * first (the retry sees the other's row and answers as the application does, e.g. CONFLICT).
 */
const RETRYABLE_PG_CODES = new Set(['40001', '40P01', '23505']);
const MAX_PG_ATTEMPTS = 8;

/** pg_advisory_xact_lock key that serializes write transactions ("TDwrite" as a number). */
const WRITE_LOCK_KEY = 0x5444777269;

/**
 * The PostgreSQL write path: one writer at a time across processes (a transaction-scoped advisory
 * lock), on a pooled connection, retried on deadlocks and on unique violations between writers.
 */
export function postgresWriter(
  dataSource: DataSource,
  afterCommitWork: AfterCommitWork,
): <T>(work: (tx: Tx) => Promise<T>, options?: WriteOptions) => Promise<T> {
  return async <T>(work: (tx: Tx) => Promise<T>, options: WriteOptions = {}): Promise<T> => {
    const joined = currentWrite.getStore();
    if (joined) return work(joined);
    assertWritable();
    for (let attempt = 1; ; attempt += 1) {
      const later = afterCommitList(afterCommitWork);
      try {
        const result = await dataSource.transaction('READ COMMITTED', async (manager) => {
          // Writers take turns, across every process on the database, as on SQLite: the lock is
          // the transaction's first statement, so each later statement sees every earlier write.
          // (SERIALIZABLE alone was measured to fail most of 70 concurrent org/create calls even
          // after 8 retries: their reads, made before the audit chain's lock, conflict.)
          await manager.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
          if (options.isScratch) await manager.query('SET LOCAL synchronous_commit = off');
          const tx: Tx = {
            engine: 'postgres',
            manager,
            sqlite: null,
            isWrite: true,
            afterCommit: later.add,
          };
          return currentWrite.run(tx, () => work(tx));
        });
        later.run();
        return result;
      } catch (error) {
        if (attempt >= MAX_PG_ATTEMPTS || !isRetryablePgError(error)) throw error;
        // Back off a little, with jitter, so the writers that collided do not collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  };
}

export function isRetryablePgError(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code !== null && RETRYABLE_PG_CODES.has(code);
}

/** The SQLSTATE of a PostgreSQL error, through TypeORM's QueryFailedError wrapper. */
export function pgErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === 'string' && /^[0-9A-Z]{5}$/.test(direct)) return direct;
  const driverError = (error as { driverError?: unknown }).driverError;
  return driverError === undefined ? null : pgErrorCode(driverError);
}

/** TypeORM keeps the transaction state of a query runner in two fields; see `sqliteWriter`. */
interface RunnerTransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

function markTransactionActive(runner: QueryRunner): void {
  const state = runner as unknown as RunnerTransactionState;
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

function resetTransactionState(runner: QueryRunner): void {
  const state = runner as unknown as RunnerTransactionState;
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}

/**
 * The database handle for an opened data source, the same on both engines: its reader, its write
 * path (the engine's), and a close that lets the clean-up started after commits finish first.
 */
export function assembleDatabase(opened: {
  engine: Engine;
  dataSource: DataSource;
  sqlite: Database.Database | null;
  location: string;
  appliedMigrations: string[];
  ranMigrations: string[];
  backupPath: string | null;
}): AppDatabase {
  const { engine, dataSource, sqlite } = opened;
  const afterCommitWork: AfterCommitWork = new Set();
  let isClosed = false;
  return {
    ...opened,
    reader: { engine, manager: dataSource.manager, sqlite, isWrite: false },
    write: sqlite
      ? sqliteWriter(dataSource, sqlite, afterCommitWork)
      : postgresWriter(dataSource, afterCommitWork),
    async close() {
      if (isClosed) return;
      isClosed = true;
      await settleAfterCommitWork(afterCommitWork);
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
