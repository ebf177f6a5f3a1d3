/**
 * Temporary data directories for tests: each test gets its own, and they are removed afterwards
 * (with retries, because Windows keeps a just-closed SQLite file locked for a moment).
 * Free of any test-runner import so Vitest and Playwright can both use it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function createTempDir(label = 'test'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `traindesk-${label.replace(/[^\w-]/g, '_')}-`));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/** Hands out temp dirs and removes them all at once, e.g. `afterEach(() => dirs.cleanup())`. */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(label?: string): string {
    const dir = createTempDir(label);
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) removeTempDir(dir);
  }
}
