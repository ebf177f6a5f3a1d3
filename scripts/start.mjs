#!/usr/bin/env node
// `npm start`: builds if needed, then launches the desktop app. Where no Electron runtime can be
// obtained (no binary and no way to download it), says so in one line and serves the same app to
// the browser through the local bridge instead, on the default data directory.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;

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

let binary = electronBinary();
if (!binary && fs.existsSync(path.join(root, 'node_modules', 'electron', 'install.js'))) {
  // Electron fetches its runtime on first use; try once, quietly and briefly.
  spawnSync(node, [path.join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  binary = electronBinary();
}

if (binary) {
  const child = spawn(binary, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const port = await freePort(Number(process.env.TRAINDESK_PORT ?? 5180));
  console.log(
    `未能获得 Electron 运行时（无法下载），改为通过本机浏览器运行师训通：请打开下面的地址。`,
  );
  const child = spawn(
    node,
    [path.join(root, 'out', 'main', 'serve.js'), '--port', String(port), '--demo-if-empty'],
    {
      stdio: 'inherit',
    },
  );
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

function freePort(preferred) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(0));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}
