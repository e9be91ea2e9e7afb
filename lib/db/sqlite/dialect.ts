import type { Dialect } from '@/lib/db/dialect';
import { connectSqlite } from './connect';
import { isBusyError } from './errors';
import { migrateDatabase } from './migrate';
import { sqliteSignals } from './signals';
import { sqliteStatements } from './statements';

/** The embedded default: one SQLite file, opened through better-sqlite3. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  connect: connectSqlite,
  migrate: async (file, migrationsDir) => migrateDatabase(file, migrationsDir),
  isBusyError,
  sql: sqliteStatements,
  signals: sqliteSignals,
};
