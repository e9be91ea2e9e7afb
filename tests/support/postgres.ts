// The PostgreSQL server the tests use, and fresh databases on it. The cluster logic itself is
// scripts/postgres-cluster.mjs (shared with `npm run demo:cluster`); this module decides which
// server to use:
//   - TEST_DATABASE_URL set: that server (an admin URL, e.g. postgres://postgres@host:5432/postgres);
//   - inside Vitest: the one cluster the project's global setup started (postgres-setup.ts);
//   - anywhere else (a bench run with TEST_ENGINE=postgresql): a cluster started on first use
//     and stopped when the process exits.
import {
  createDatabase as createOn,
  dropDatabase as dropOn,
  isPostgresUrl,
  startCluster,
  type PostgresCluster,
} from '../../scripts/postgres-cluster.mjs';

export { isPostgresUrl, startCluster, type PostgresCluster };

export type Engine = 'sqlite' | 'postgresql';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server of the integration-postgresql project. */
    postgresAdminUrl: string;
    /** A migrated database on it that new test databases copy. */
    postgresTemplate: string;
  }
}

/** The engine the tests run against: TEST_ENGINE, set per Vitest project; SQLite by default. */
export function testEngine(): Engine {
  return process.env.TEST_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';
}

/** The engine a DATABASE_URL selects in the app. */
export function engineOf(databaseUrl: string): Engine {
  return isPostgresUrl(databaseUrl) ? 'postgresql' : 'sqlite';
}

let ownCluster: Promise<PostgresCluster> | undefined;

/** Admin URL of the server to create test databases on. */
export async function adminUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  try {
    const { inject } = await import('vitest');
    const provided = inject('postgresAdminUrl');
    if (provided) return provided;
  } catch {
    // not in a Vitest worker
  }
  ownCluster ??= startCluster();
  return (await ownCluster).adminUrl;
}

/** The migrated template of this run, inside Vitest's PostgreSQL projects (none elsewhere). */
async function template(): Promise<string | undefined> {
  try {
    const { inject } = await import('vitest');
    return inject('postgresTemplate') || undefined;
  } catch {
    return undefined;
  }
}

/** A new empty database with a random name; resolves to its URL. */
export async function createDatabase(prefix?: string): Promise<string> {
  return createOn(await adminUrl(), prefix);
}

/**
 * A database for one test app: a copy of the run's migrated template when there is one, so the
 * app starts without migrating (tests of migrating, and of instances racing to, use createDatabase).
 */
export async function createAppDatabase(): Promise<string> {
  return createOn(await adminUrl(), undefined, await template());
}

/** Drops the database (ending its connections first). */
export async function dropDatabase(url: string): Promise<void> {
  await dropOn(url, await adminUrl());
}

/** The server for a whole run: TEST_DATABASE_URL's, or a new throwaway cluster. */
export async function startServer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  return startCluster();
}
