/**
 * Vitest global setup of the integration tier: one throwaway PostgreSQL cluster for the whole run
 * (or the server named by TRAINDESK_TEST_PG_URL), handed to the test files as `pgAdminUrl`.
 * Each test makes databases of its own on it (`tests/support/pg-database.ts`).
 */
import { type TestProject } from 'vitest/node';
import { PG_URL_ENV, startPgCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const own = process.env[PG_URL_ENV];
  if (own) {
    project.provide('pgAdminUrl', own);
    return () => undefined;
  }
  const cluster = await startPgCluster();
  project.provide('pgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
