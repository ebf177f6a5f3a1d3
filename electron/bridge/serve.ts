/**
 * `npm run serve -- --data-dir DIR [--port N] [--database postgres://…]`: the core and the built
 * renderer on 127.0.0.1, on the encrypted SQLite file in DIR or on a PostgreSQL server.
 * Prints exactly one line on stdout when ready: `TrainDesk ready at http://127.0.0.1:PORT/#token=TOKEN`.
 * Everything else goes to stderr.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError } from '@shared/api/envelope';
import { createAppCore } from '../core/app-core';
import { defaultDataDir } from '../core/data-dir';
import { resolveDbKey } from '../db/db-key';
import { databaseTarget } from '../db/database-target';
import { BridgeHost, startBridge } from './http-bridge';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      'demo-if-empty': { type: 'boolean', default: false },
      database: { type: 'string' },
      'database-ca': { type: 'string' },
    },
    strict: true,
  });
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口号无效：${values.port}`);
    process.exit(2);
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const target = databaseTarget(values);
  // On a server the data is not in a file of ours: no key to make or read.
  const { key, source } = target.url
    ? { key: '', source: 'env' as const }
    : resolveDbKey({ dataDir });
  const host = new BridgeHost();
  const core = await createAppCore({
    dataDir,
    key,
    keySource: source,
    databaseUrl: target.url,
    databaseCaFile: target.caFile,
    host,
    jobThreadEntry: path.join(__dirname, 'job-worker.js'),
  });
  if (values['demo-if-empty']) {
    // A fresh data folder becomes the demo workspace (with its demo accounts); one that holds
    // data of its own is left to the first-run setup in the browser.
    const state = await core.dispatch('auth/state', {}, { session: null });
    const units = await core.dispatch('setup/units', {}, { session: null });
    const isFresh =
      state.ok &&
      !(state.data as { isSetUp: boolean }).isSetUp &&
      units.ok &&
      (units.data as { nodes: unknown[] }).nodes.length === 0;
    if (isFresh) {
      console.error(
        '首次运行：正在创建演示工作区（虚构的示范市，约 30000 名教师，演示账号见 README）…',
      );
      const created = await core.dispatch(
        'setup/demo',
        { jobId: 'first-run-demo' },
        { session: null },
      );
      if (!created.ok) console.error(`演示数据未能创建：${created.error.message}`);
    }
  }
  const bridge = await startBridge(
    { core, port, rendererDir: path.join(__dirname, '../renderer') },
    host,
  );
  process.stdout.write(`TrainDesk ready at ${bridge.url}\n`);
  console.error(`数据目录：${dataDir}`);
  console.error(`数据库：${core.db.engine === 'postgres' ? core.db.location : '本机加密文件'}`);

  let isClosing = false;
  const shutdown = (): void => {
    if (isClosing) return;
    isClosing = true;
    void bridge
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.message : error);
  process.exit(1);
});
