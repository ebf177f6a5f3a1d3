/**
 * Electron tier: the built desktop app itself, launched with Playwright's `_electron`. Where no
 * Electron binary exists (it cannot be downloaded on the build machine), the tests skip and say why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { createTempDir, removeTempDir } from '../../support/temp-dir';

const root = path.resolve(__dirname, '..', '..', '..');

function electronBinary(): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.log(
    '[electron tier] skipped: no Electron binary in node_modules/electron (its download host is unreachable here)',
  );
}

test.describe('desktop app (Electron)', () => {
  test.skip(
    !binary,
    'no Electron binary installed: the Electron tier runs where the binary exists',
  );

  test('opens a locked-down window on an encrypted database and shows the first-run setup', async () => {
    const dataDir = createTempDir('electron');
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [root],
      env: { ...process.env, TRAINDESK_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      await expect(window).toHaveTitle(/师训通/);
      // No Node in the page: sandboxed, context-isolated, no nodeIntegration.
      const globals = await window.evaluate(() => ({
        process: typeof (globalThis as { process?: unknown }).process,
        require: typeof (globalThis as { require?: unknown }).require,
      }));
      expect(globals).toEqual({ process: 'undefined', require: 'undefined' });
      // A new data folder: nobody is set up yet, so the window shows the first-run setup, and
      // the session's state is all the bridge answers before someone logs in.
      const state = await window.evaluate(async () => {
        const bridge = (
          window as unknown as { bridge: { call(m: string, i: unknown): Promise<unknown> } }
        ).bridge;
        return bridge.call('auth/state', {});
      });
      expect(state).toMatchObject({ ok: true, data: { isSetUp: false, session: 'none' } });
      await expect(window.getByTestId('setup-wizard')).toBeVisible();
      const info = await window.evaluate(async () => {
        const bridge = (
          window as unknown as { bridge: { call(m: string, i: unknown): Promise<unknown> } }
        ).bridge;
        return bridge.call('system/info', {});
      });
      expect(info).toMatchObject({ ok: false, error: { code: 'SETUP_REQUIRED' } });
      expect(fs.existsSync(path.join(dataDir, 'traindesk.db'))).toBe(true);
    } finally {
      await app.close();
      removeTempDir(dataDir);
    }
  });
});
