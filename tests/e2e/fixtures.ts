/**
 * Per-test fixtures of the web tier: each test gets its own temporary data dir and its own bridge
 * (`node out/main/serve.js --data-dir DIR --port 0`, key file mode), and a page opened at the URL
 * the server prints. By default the server makes the demo workspace on its fresh folder
 * (`--demo-if-empty`) and the test logs in through the login form as the demo account `city`
 * (项目管理员 of 示范市); `test.use({ workspace: 'fresh' })` starts on the first-run setup instead,
 * and `test.use({ loginAs: null })` leaves the test on the login screen. Readiness is the server's
 * ready line and the app's own `data-ready` signal, never a sleep. Uncaught errors in the page and
 * AG Grid's console errors fail the test, and so do code words on the screen the test ends on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { AppShellPage } from './pages/app-shell.page';
import { DEMO_PASSWORD, LoginPage, type DemoUser } from './pages/login.page';
import { codeWordsOnScreen } from './words';

const SERVE_JS = path.resolve(__dirname, '../../out/main/serve.js');
const READY_LINE = /^TrainDesk ready at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))\s*$/;
const READY_TIMEOUT_MS = 60_000;

export interface BridgeServer {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Everything the server wrote to stderr so far, for failure reports. */
  log: () => string;
}

function waitForReady(child: ChildProcess, log: () => string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      reject(
        new Error(
          `The bridge did not print its ready line within ${READY_TIMEOUT_MS} ms.\n${log()}`,
        ),
      );
    }, READY_TIMEOUT_MS);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`The bridge exited (code ${String(code)}) before it was ready.\n${log()}`));
    };
    child.once('exit', onExit);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const match = READY_LINE.exec(line);
        if (match) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(match);
          return;
        }
      }
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Fixtures {
  server: BridgeServer;
  app: AppShellPage;
}

interface Options {
  /** 'demo': the demo workspace and its accounts; 'fresh': a folder that needs the first-run setup. */
  workspace: 'demo' | 'fresh';
  /** The demo account the `app` fixture logs in as; null: stay on the first screen. */
  loginAs: DemoUser | null;
}

export const test = base.extend<Fixtures & Options>({
  workspace: ['demo', { option: true }],
  loginAs: ['city', { option: true }],

  server: async ({ workspace }, use, testInfo) => {
    if (!fs.existsSync(SERVE_JS)) {
      throw new Error(`${SERVE_JS} is missing: build first (npx electron-vite build).`);
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-e2e-'));
    const env = { ...process.env };
    // Key file mode: the test must not depend on, or leak, a key from the environment.
    delete env.TRAINDESK_DB_KEY;
    const args = [SERVE_JS, '--data-dir', dataDir, '--port', '0'];
    if (workspace === 'demo') args.push('--demo-if-empty');
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const log = (): string => stderr;
    try {
      const match = await waitForReady(child, log);
      const url = match[1] ?? '';
      await use({
        url,
        origin: `http://127.0.0.1:${match[2] ?? ''}`,
        token: match[3] ?? '',
        dataDir,
        log,
      });
    } finally {
      await stop(child);
      if (testInfo.status !== testInfo.expectedStatus && stderr) {
        await testInfo.attach('bridge-stderr', { body: stderr, contentType: 'text/plain' });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },

  app: async ({ page, server, workspace, loginAs }, use, testInfo) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // AG Grid reports a grid option whose module is not registered (grid-setup.ts) only here.
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().startsWith('AG Grid'))
        pageErrors.push(message.text());
    });
    await page.goto(server.url);
    const app = new AppShellPage(page);
    if (workspace === 'demo' && loginAs) {
      // As a person does: the login form, with the demo account's password.
      await new LoginPage(page).login(loginAs, DEMO_PASSWORD);
      await app.waitUntilReady();
    }
    await use(app);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    if (testInfo.status === testInfo.expectedStatus && !page.isClosed()) {
      expect(await codeWordsOnScreen(page), 'code words on screen (tests/e2e/words.ts)').toEqual(
        [],
      );
    }
  },
});

export { expect };
