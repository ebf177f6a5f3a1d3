#!/usr/bin/env node
// `npm start [-- --data-dir DIR] [--port N] [--browser]`: checks the Node version, builds if needed,
// then launches the desktop app. Where no Electron runtime can be obtained (no binary and no way to
// download it), or with --browser, it serves the same app to the browser through the local bridge
// instead (and says so in one line). Whatever runs, its end is npm start's end: a crash is a failure, never success.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runChild } from './lib/child-exit.mjs';
import { exitIfNodeTooOld } from './lib/node-version.mjs';

exitIfNodeTooOld();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;

let options;
try {
  options = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      browser: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(
    `参数有误：${error.message}。用法：npm start -- [--data-dir 目录] [--port 端口] [--browser] / usage: npm start -- [--data-dir DIR] [--port N] [--browser]`,
  );
  process.exit(2);
}
const dataDir = options['data-dir'] === undefined ? undefined : path.resolve(options['data-dir']);
const requestedPort = options.port === undefined ? undefined : Number(options.port);
if (
  requestedPort !== undefined &&
  (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535)
) {
  console.error(`端口号无效：${options.port}（应为 0–65535）/ invalid port: ${options.port}`);
  process.exit(2);
}

const build = spawnSync(node, [path.join(root, 'scripts', 'ensure-built.mjs')], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

let binary = options.browser ? null : electronBinary();
if (
  !binary &&
  !options.browser &&
  fs.existsSync(path.join(root, 'node_modules', 'electron', 'install.js'))
) {
  // Electron fetches its runtime on first use; try once, quietly and briefly.
  spawnSync(node, [path.join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  binary = electronBinary();
}

let status;
if (binary) {
  // The desktop app has no port; its data folder comes from the environment (electron/main).
  if (requestedPort !== undefined) console.error('桌面程序不使用端口，已忽略 --port。');
  const env = dataDir ? { ...process.env, TRAINDESK_DATA_DIR: dataDir } : process.env;
  status = await runChild(binary, [root], { name: '师训通桌面程序', env });
} else {
  const port = requestedPort ?? (await freePort(Number(process.env.TRAINDESK_PORT ?? 5180)));
  console.log(
    options.browser
      ? '通过本机浏览器运行师训通：请打开下面的地址。'
      : '未能获得 Electron 运行时（无法下载），改为通过本机浏览器运行师训通：请打开下面的地址。',
  );
  const args = [path.join(root, 'out', 'main', 'serve.js'), '--port', String(port)];
  if (dataDir) args.push('--data-dir', dataDir);
  args.push('--demo-if-empty');
  status = await runChild(node, args, { name: '师训通本机服务' });
}
process.exit(status);

function freePort(preferred) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(0));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}
