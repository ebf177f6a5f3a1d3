/**
 * Runs an integration suite on both engines: the encrypted SQLite file in a temp dir, and a fresh
 * database on the run's throwaway PostgreSQL cluster. `describe.each(ENGINES)` with `openOn`.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { type Engine } from '../../electron/db/database';
import { createTempDir, removeTempDir } from './temp-dir';
import { createTestPgDatabase } from './pg-database';

export const ENGINES: Engine[] = ['sqlite', 'postgres'];

export interface EngineTarget {
  engine: Engine;
  /** The data folder (files, exports; the SQLite database lives here on SQLite). */
  dataDir: string;
  /** The server URL on PostgreSQL, null on SQLite. */
  url: string | null;
  cleanup(): Promise<void>;
}

/** A fresh place to open a database on `engine`. */
export async function freshTarget(engine: Engine, label = 'db'): Promise<EngineTarget> {
  const dataDir = createTempDir(label);
  if (engine === 'sqlite') {
    return { engine, dataDir, url: null, cleanup: () => Promise.resolve(removeTempDir(dataDir)) };
  }
  const pg = await createTestPgDatabase(label);
  return {
    engine,
    dataDir,
    url: pg.url,
    cleanup: async () => {
      await pg.drop();
      removeTempDir(dataDir);
    },
  };
}

/** The raw connection of a SQLite database, for tests of SQLite itself (pragmas, files, tampering). */
export function sqliteOf(db: { sqlite: Database.Database | null }): Database.Database {
  if (!db.sqlite) throw new Error('expected a SQLite database');
  return db.sqlite;
}
