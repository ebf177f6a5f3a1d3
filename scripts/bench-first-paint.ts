/**
 * First-paint figure for `npm run bench`: how long a cold browser tab takes from navigation to the
 * first rows of the roster grid, on the demo workspace (≈30,000 teachers) served by the bridge
 * (`out/main/serve.js`). "Cold" means a fresh browser context each time: no HTTP cache, no session.
 * The time is taken in the page (performance.now() when a mutation observer first sees the first
 * row with a name, i.e. since the start of navigation, without the harness's polling), so the
 * browser's own start-up is not counted. The CPU time the renderer
 * processes used until then is printed too: on a shared, busy machine the wall time mostly measures
 * the wait for a CPU, the CPU time much less so. Printed, never asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_FIRST_PAINT_RUNS ?? 5);
const READY_LINE = /TrainDesk ready at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;
/** The first row holds a teacher's name (the grid loads rows in blocks; a loading row has none). */
const FIRST_ROW_NAME = '[data-testid="roster-grid"] .ag-row[row-index="0"] .ag-cell[col-id="name"]';

/** Runs in the page before its scripts: records performance.now() when the first row has a name. */
const FIRST_ROW_WATCH = `(() => {
  const selector = ${JSON.stringify(FIRST_ROW_NAME)};
  const observer = new MutationObserver(() => {
    const cell = document.querySelector(selector);
    if (cell && cell.textContent && cell.textContent.trim() !== '') {
      window.__firstRowAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** The subset of playwright-core's API used here. */
interface Browser {
  newContext(options: object): Promise<{
    newPage(): Promise<Page>;
    close(): Promise<void>;
    request: {
      post(
        url: string,
        options: { headers: Record<string, string>; data: unknown },
      ): Promise<{
        ok(): boolean;
      }>;
    };
  }>;
  newBrowserCDPSession(): Promise<BrowserCdpSession>;
  close(): Promise<void>;
}
interface BrowserCdpSession {
  send(
    method: 'SystemInfo.getProcessInfo',
  ): Promise<{ processInfo: { type: string; cpuTime: number }[] }>;
}
interface Locator {
  filter(options: { hasText: RegExp }): Locator;
  first(): Locator;
  waitFor(options: object): Promise<void>;
}
interface Page {
  goto(url: string): Promise<unknown>;
  addInitScript(script: { content: string }): Promise<void>;
  locator(selector: string): Locator;
  evaluate<T>(fn: () => T): Promise<T>;
}

function chromiumExecutable(): string | null {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, '/usr/bin/chromium'];
  return candidates.find((file): file is string => !!file && fs.existsSync(file)) ?? null;
}

function startServer(
  serveJs: string,
  dataDir: string,
): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, TRAINDESK_DB_KEY: 'f'.repeat(64) };
  const child = spawn(
    process.execPath,
    [serveJs, '--data-dir', dataDir, '--port', '0', '--demo-if-empty'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = READY_LINE.exec(stdout);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`serve.js exited (${String(code)})\n${stderr}`)));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** One line of figures, or one line saying why there are none. */
export async function benchFirstPaint(mainDir: string): Promise<string> {
  const executablePath = chromiumExecutable();
  if (!executablePath) {
    return 'first_paint: skipped (no Chromium: set PLAYWRIGHT_CHROMIUM_EXECUTABLE)';
  }
  // Resolved at run time from node_modules, not bundled into bench.js: playwright-core is a dev
  // tool and needs its own files beside it.
  const { chromium } = createRequire(__filename)('playwright-core') as {
    chromium: { launch(options: object): Promise<Browser> };
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-bench-paint-'));
  const { child, url } = await startServer(path.join(mainDir, 'serve.js'), dataDir);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const times: number[] = [];
    const cpuMs: number[] = [];
    let firstPageScriptKb = 0;
    const cdp = await browser.newBrowserCDPSession();
    /** CPU seconds used so far by all renderer processes. */
    const rendererCpu = async (): Promise<number> =>
      (await cdp.send('SystemInfo.getProcessInfo')).processInfo
        .filter((process) => process.type === 'renderer')
        .reduce((sum, process) => sum + process.cpuTime, 0);
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
      });
      // A logged-in user reopening the app: the context holds the session cookie of the demo
      // city's project office (logged in through the bridge, as the login screen would).
      const origin = new URL(url).origin;
      const token = new URL(url).hash.replace('#token=', '');
      const login = await context.request.post(`${origin}/rpc/auth/login`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { userName: 'city', password: 'demo1234' },
      });
      if (!login.ok()) throw new Error('the demo account could not log in');
      const page = await context.newPage();
      // The page notes the moment the first row shows (a mutation observer), so the figure does not
      // include how long the harness takes to poll for it and ask.
      await page.addInitScript({ content: FIRST_ROW_WATCH });
      const cpuBefore = await rendererCpu();
      await page.goto(url);
      await page
        .locator(FIRST_ROW_NAME)
        .filter({ hasText: /\S/ })
        .first()
        .waitFor({ timeout: 60_000 });
      const at = await page.evaluate(
        () =>
          (globalThis as unknown as { __firstRowAt?: number }).__firstRowAt ?? performance.now(),
      );
      cpuMs.push(((await rendererCpu()) - cpuBefore) * 1000);
      if (run === 0) {
        firstPageScriptKb = await page.evaluate(
          () =>
            performance
              .getEntriesByType('resource')
              .filter((entry) => entry.name.endsWith('.js'))
              .reduce(
                (sum, entry) =>
                  sum + (entry as unknown as { decodedBodySize: number }).decodedBodySize,
                0,
              ) / 1024,
        );
      }
      times.push(at);
      await context.close();
    }
    return (
      `first_paint: cold load to first roster grid rows (demo workspace, logged in, ${RUNS} fresh contexts) ` +
      `median=${median(times).toFixed(0)} ms min=${Math.min(...times).toFixed(0)} ms ` +
      `max=${Math.max(...times).toFixed(0)} ms; renderer CPU median=${median(cpuMs).toFixed(0)} ms; ` +
      `js_loaded_by_then=${firstPageScriptKb.toFixed(0)} KB`
    );
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
