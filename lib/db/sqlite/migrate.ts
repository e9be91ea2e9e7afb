import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MigrationResult } from '@/lib/db/dialect';
import { listMigrations, pendingMigrations } from '@/lib/db/migration-files';

// Applies the SQLite migrations in order, each once and in its own transaction. The
// bookkeeping table is Prisma's own `_prisma_migrations`.

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function sqliteMigrationsDir(): string {
  return path.join(process.cwd(), 'prisma', 'migrations');
}

/** Opens the file, switches it to WAL and brings it up to date. Safe to call on every start. */
export function migrateDatabase(databasePath: string, migrationsDir = sqliteMigrationsDir()): MigrationResult {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const db = new Database(databasePath, { timeout: 5000 });
  try {
    // WAL lets the API read while the worker writes; the mode is stored in the file itself.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.exec(MIGRATIONS_TABLE);
    const done = new Map<string, string>(
      (db
        .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all() as Array<{ migration_name: string; checksum: string }>)
        .map((row) => [row.migration_name, row.checksum]),
    );
    const applied: string[] = [];
    for (const m of pendingMigrations(listMigrations(migrationsDir), done)) {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), m.checksum, Date.now(), m.name, Date.now());
      })();
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    db.close();
  }
}
