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
    const info = await core.dispatch('system/info', {}, { actor: 'system' });
    if (info.ok && (info.data as { teacherCount: number }).teacherCount === 0) {
      console.error('首次运行：正在创建演示数据（虚构的示范市，约 30000 名教师）…');
      const created = await core.dispatch(
        'demo/create',
        { jobId: 'first-run-demo' },
        { actor: 'system' },
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
