// End-to-end tests in two tiers. Web tier: the real UI in Chromium against the HTTP bridge
// (`out/main/serve.js`), one server and one temporary data dir per test (see tests/e2e/fixtures.ts).
// Electron tier: the built desktop app through Playwright's `_electron` (tests/e2e/electron).
import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return fromEnv;
  // The system browser where there is one (CI installs it with apt); else Playwright's own.
  return fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  outputDir: 'test-results',
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    headless: true,
    acceptDownloads: true,
    actionTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium-bridge', testIgnore: 'electron/**', use: { browserName: 'chromium' } },
    // The desktop app itself; its tests skip, saying why, where no Electron binary exists.
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
