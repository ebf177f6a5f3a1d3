/**
 * Small key/value settings stored inside the encrypted database (`app_meta`), for state that must
 * travel with the data rather than with the machine, e.g. when the demo workspace was created.
 */
import { type Database } from 'better-sqlite3-multiple-ciphers';

export function getMeta(sqlite: Database, key: string): string | null {
  const row = sqlite
    .prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?')
    .get(key);
  return row?.value ?? null;
}

export function setMeta(sqlite: Database, key: string, value: string): void {
  sqlite
    .prepare(
      'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    .run(key, value);
}
