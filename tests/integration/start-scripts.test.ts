/**
 * The newcomer's first commands: `npm start` and the scripts behind `serve`, `cli` and `bench`
 * refuse an old Node with one line saying what to install, `npm start` takes a data folder and a
 * port, and a server that crashes makes `npm start` fail instead of exiting 0 with no URL.
 * An old Node is simulated by a preload that rewrites process.versions.node; a crash by a preload
 * that sends the server SIGSEGV, as the database driver did on Node 20.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../support/core-harness';
import { createTempDir, removeTempDir } from '../support/temp-dir';

const ROOT = path.join(__dirname, '..', '..');
const START = path.join(ROOT, 'scripts', 'start.mjs');
const ENSURE_BUILT = path.join(ROOT, 'scripts', 'ensure-built.mjs');
const READY_LINE = /TrainDesk ready at (http:\/\/127\.0\.0\.1:(\d+)\/#token=[\w-]+)/;

let dir: string;

beforeAll(() => {
  dir = createTempDir('start-scripts');
  fs.writeFileSync(
    path.join(dir, 'node-20.mjs'),
    "Object.defineProperty(process.versions, 'node', { value: '20.19.0' });\n",
  );
  fs.writeFileSync(
    path.join(dir, 'crash-server.mjs'),
    "if (process.argv[1]?.endsWith('serve.js')) process.kill(process.pid, 'SIGSEGV');\n",
  );
});
afterAll(() => removeTempDir(dir));

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, TRAINDESK_DB_KEY: TEST_KEY, ...extra };
}

describe('Node version check', () => {
  for (const [label, script] of [
    ['npm start', START],
    ['serve / cli / bench (ensure-built)', ENSURE_BUILT],
  ] as const) {
    it(`${label}: exits 1 on Node 20 with one Chinese + English line`, () => {
      const result = spawnSync(
        process.execPath,
        ['--import', path.join(dir, 'node-20.mjs'), script],
        {
          encoding: 'utf8',
          env: env(),
        },
      );
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('师训通需要 Node.js 22.12.0 或更高版本（当前为 20.19.0）');
      expect(lines[0]).toContain('TrainDesk needs Node.js >= 22.12.0');
      expect(lines[0]).toContain('install Node.js 22 LTS');
      expect(result.stdout).toBe('');
    });
  }

  it('lets this Node (>= 22.12) through', () => {
    const result = spawnSync(process.execPath, [ENSURE_BUILT], { encoding: 'utf8', env: env() });
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('Node.js');
  });
});

describe('npm start', () => {
  it('reports a server that crashed as a failure', () => {
    const result = spawnSync(
      process.execPath,
      [START, '--browser', '--data-dir', path.join(dir, 'crashed'), '--port', '0'],
      {
        encoding: 'utf8',
        env: env({ NODE_OPTIONS: `--import ${path.join(dir, 'crash-server.mjs')}` }),
      },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('师训通本机服务意外终止（信号 SIGSEGV）');
    expect(result.stdout).not.toMatch(READY_LINE);
  });

  it('uses --data-dir and --port, and a stop by the user is a clean exit', async () => {
    const dataDir = path.join(dir, 'chosen data');
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [START, '--browser', '--data-dir', dataDir, '--port', String(port)],
      { env: env(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          const match = READY_LINE.exec(stdout);
          if (match) resolve(match);
        });
        child.once('exit', (code) => reject(new Error(`exited ${String(code)}\n${stderr}`)));
      });
      expect(Number(ready[2])).toBe(port);
      expect(fs.readdirSync(dataDir).some((name) => name.endsWith('.db'))).toBe(true);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toContain(`数据目录：${dataDir}`);
    } finally {
      // A failed expectation must not leave the server running.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
