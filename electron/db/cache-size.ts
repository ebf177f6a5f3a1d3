/**
 * A bigger SQLite page cache for one bulk write: set for the call, then back to what it was (SQLite
 * frees the pages above the smaller size), so the memory is only held while the write runs.
 */
import { type Database } from 'better-sqlite3-multiple-ciphers';

export async function withCacheSize<T>(
  sqlite: Database,
  kib: number,
  run: () => Promise<T>,
): Promise<T> {
  const before = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${-Math.round(kib)}`);
  try {
    return await run();
  } finally {
    sqlite.pragma(`cache_size = ${before}`);
  }
}
