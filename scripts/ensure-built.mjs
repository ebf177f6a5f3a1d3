#!/usr/bin/env node
// Builds the app (electron-vite) when the sources are newer than the last build, so that
// `npm run serve`, `npm run cli`, the E2E tests and the bench always run the current code.
// Build output goes to stderr: stdout stays clean for the commands' own output (e.g. --json).
// It runs first in every npm script that runs the app, so the Node version is checked here first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitIfNodeTooOld } from './lib/node-version.mjs';

exitIfNodeTooOld();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'out', '.build-stamp');
const inputs = [
  'electron',
  'shared',
  'renderer',
  'migrations',
  'scripts',
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
];

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const sources = Math.max(...inputs.map((i) => newestMtime(path.join(root, i))));
if (built < sources || process.env.TRAINDESK_FORCE_BUILD === '1') {
  process.stderr.write('正在构建师训通（electron-vite build）…\n');
  const startedAt = Date.now();
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 2, 2],
    },
  );
  if (result.status !== 0) {
    process.stderr.write('构建失败，见上方输出。\n');
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(stamp, new Date(startedAt).toISOString());
  // The stamp must not be newer than sources changed during the build.
  const t = new Date(startedAt);
  fs.utimesSync(stamp, t, t);
}
