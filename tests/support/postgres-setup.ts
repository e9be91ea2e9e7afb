import type { TestProject } from 'vitest/node';
import { createDatabase, databaseNameOf } from '../../scripts/postgres-cluster.mjs';
import { migratePostgres } from '../../lib/db/postgresql/migrate';
import { startServer } from './postgres';

// Vitest global setup of the integration-postgresql project: one PostgreSQL server for the
// whole run (a throwaway cluster, or TEST_DATABASE_URL's server), whose admin URL the test
// files read with inject('postgresAdminUrl'); every app then gets its own database on it, a copy
// of one migrated template database (inject('postgresTemplate')).
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const server = await startServer();
  if (!process.env.TEST_DATABASE_URL) console.log(`PostgreSQL cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('postgresAdminUrl', server.adminUrl);
  // One migrated database to copy: an app's database starts as a copy of it (CREATE DATABASE
  // ... TEMPLATE), which takes a fraction of the time the migrations take on every start-up.
  const template = await createDatabase(server.adminUrl, 'pingboard_template');
  await migratePostgres(template);
  project.provide('postgresTemplate', databaseNameOf(template));
  return () => server.stop();
}
