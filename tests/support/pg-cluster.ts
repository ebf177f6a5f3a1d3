/**
 * A throwaway PostgreSQL cluster for the integration tier: `initdb` in a temp folder, the server on
 * a free port on 127.0.0.1, stopped and removed at the end. Never the machine's default cluster.
 *
 * Binaries come from Debian's `postgresql` package (`/usr/lib/postgresql/<version>/bin`), else
 * from PATH. PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres`
 * user the package creates. `TRAINDESK_TEST_PG_URL` points the tests at a server of one's own
 * instead (a database the tests may create databases on).
 * Free of any test-runner import so Vitest's global setup and the bench can both use it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgCluster {
  /** `postgres://…/postgres` on the cluster, for creating the tests' databases. */
  adminUrl: string;
  stop(): void;
}

export const PG_URL_ENV = 'TRAINDESK_TEST_PG_URL';

const INSTALL_HINT =
  "PostgreSQL tests need the server binaries: install Debian's package (`apt-get install -y postgresql`; .ci/run does this), or set TRAINDESK_TEST_PG_URL=postgres://user:pass@host:port/db to use a server of your own.";

/** Where initdb, pg_ctl and postgres live, or null. */
export function findPgBinDir(): string | null {
  const debianRoot = '/usr/lib/postgresql';
  if (fs.existsSync(debianRoot)) {
    const versions = fs
      .readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const bin = path.join(debianRoot, version, 'bin');
      if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? path.dirname(found) : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPgCluster(): Promise<PgCluster> {
  const binDir = findPgBinDir();
  if (!binDir) throw new Error(INSTALL_HINT);
  const isRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  // As root, everything runs as the postgres user, who must own the folder.
  const run = (command: string, args: string[]): void => {
    const file = path.join(binDir, command);
    if (isRoot) {
      execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' });
    } else {
      execFileSync(file, args, { stdio: 'pipe' });
    }
  };
  if (isRoot) execFileSync('chown', ['postgres:', dir]);
  try {
    run('initdb', [
      '-D',
      dataDir,
      '-U',
      'traindesk',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    run('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      // fsync off: a throwaway cluster; durability is SQLite's and the server's business, not the tests'.
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
  } catch (error) {
    const log = path.join(dir, 'server.log');
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
    fs.rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`Could not start a throwaway PostgreSQL cluster: ${stderr}\n${tail}`);
  }
  let isStopped = false;
  return {
    adminUrl: `postgres://traindesk@127.0.0.1:${port}/postgres`,
    stop: () => {
      if (isStopped) return;
      isStopped = true;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The URL of `database` on the server behind `adminUrl`. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
