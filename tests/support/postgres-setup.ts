import type { TestProject } from 'vitest/node';
import { startServer } from './postgres';

// Vitest global setup of the integration-postgresql project: one PostgreSQL server for the
// whole run (a throwaway cluster, or TEST_DATABASE_URL's server), whose admin URL the test
// files read with inject('postgresAdminUrl'); every app then gets its own database on it.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const server = await startServer();
  if (!process.env.TEST_DATABASE_URL) console.log(`PostgreSQL cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
