/**
 * Fresh PostgreSQL databases for integration tests, on the run's throwaway cluster: each test gets
 * a database of its own, dropped at the end, so tests never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl } from './pg-cluster';

export interface TestPgDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export async function createTestPgDatabase(label = 'test'): Promise<TestPgDatabase> {
  const name = `td_${label.replace(/\W/g, '_').slice(0, 20)}_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    url: databaseUrl(inject('pgAdminUrl'), name),
    drop: () =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

/** Hands out databases and drops them all at once, e.g. `afterEach(() => dbs.cleanup())`. */
export class TestPgDatabases {
  private readonly made: TestPgDatabase[] = [];

  async make(label?: string): Promise<string> {
    const db = await createTestPgDatabase(label);
    this.made.push(db);
    return db.url;
  }

  async cleanup(): Promise<void> {
    for (const db of this.made.splice(0)) await db.drop();
  }
}
