import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { MigrationResult } from '@/lib/db/dialect';
import { listMigrations, pendingMigrations } from '@/lib/db/migration-files';
import { ensureCheckPartitions, PARTITION_LOCK } from './partitions';

// Applies the PostgreSQL migrations in one transaction under an advisory lock, so instances
// starting together migrate once: the second waits for the lock, then finds nothing to do.
// The bookkeeping table is Prisma's own `_prisma_migrations`, in its PostgreSQL form.

const MIGRATION_LOCK = 72_707_001;

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function postgresMigrationsDir(): string {
  return path.join(process.cwd(), 'prisma', 'postgresql', 'migrations');
}

export async function migratePostgres(url: string, migrationsDir = postgresMigrationsDir()): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    for (const m of pendingMigrations(listMigrations(migrationsDir), done)) {
      await client.query(m.sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
        [randomUUID(), m.checksum, m.name],
      );
      applied.push(m.name);
    }
    // Today's and the coming days' check partitions exist before any instance writes a check
    // (under the lock the maintenance leader takes for the same work).
    await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
    await ensureCheckPartitions((sql) => client.query(sql).then(() => undefined), Date.now());
    await client.query('COMMIT');
    return { applied, alreadyApplied: done.size };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}
