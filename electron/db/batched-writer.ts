/**
 * Writes rows in batches, each batch in one short transaction: bulk paths stay fast (one commit
 * per batch, not per row) without holding a write transaction open across awaits.
 */
import { type Database } from 'better-sqlite3-multiple-ciphers';

export interface BatchedWriter<T> {
  add(row: T): void;
  /** Writes what is pending; call it before reading back what was added. */
  flush(): void;
}

export function batchedWriter<T>(
  sqlite: Database,
  writeRow: (row: T) => void,
  batchSize = 2000,
): BatchedWriter<T> {
  const writeBatch = sqlite.transaction((rows: T[]) => {
    for (const row of rows) writeRow(row);
  });
  let pending: T[] = [];
  return {
    add: (row) => {
      pending.push(row);
      if (pending.length >= batchSize) {
        writeBatch(pending);
        pending = [];
      }
    },
    flush: () => {
      if (pending.length > 0) writeBatch(pending);
      pending = [];
    },
  };
}
