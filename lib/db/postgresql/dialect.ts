import type { Dialect } from '@/lib/db/dialect';
import { connectPostgres } from './connect';
import { isPostgresBusyError } from './errors';
import { migratePostgres } from './migrate';
import { postgresSignals } from './signals';
import { postgresStatements } from './statements';

/** Several instances on one PostgreSQL database, through @prisma/adapter-pg. */
export const postgresDialect: Dialect = {
  name: 'postgresql',
  connect: connectPostgres,
  migrate: migratePostgres,
  isBusyError: isPostgresBusyError,
  sql: postgresStatements,
  signals: postgresSignals,
};
