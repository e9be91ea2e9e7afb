import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, each once and in its
// own transaction. The bookkeeping table is Prisma's own `_prisma_migrations` with its
// checksums, so `prisma migrate deploy` can take over where its engine is available.

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

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), 'prisma', 'migrations');
}

function listMigrations(dir: string): Array<{ name: string; sql: string }> {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') }));
}

/** Opens the file, switches it to WAL and brings it up to date. Safe to call on every start. */
export function migrateDatabase(databasePath: string, migrationsDir = defaultMigrationsDir()): MigrationResult {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const db = new Database(databasePath, { timeout: 5000 });
  try {
    // WAL lets the API read while the worker writes; the mode is stored in the file itself.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.exec(MIGRATIONS_TABLE);
    const done = new Map<string, string>(
      db
        .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all()
        .map((r) => {
          const row = r as { migration_name: string; checksum: string };
          return [row.migration_name, row.checksum];
        }),
    );
    const applied: string[] = [];
    for (const m of listMigrations(migrationsDir)) {
      const checksum = createHash('sha256').update(m.sql).digest('hex');
      const known = done.get(m.name);
      if (known !== undefined) {
        if (known !== checksum) throw new Error(`Migration ${m.name} was changed after it was applied`);
        continue;
      }
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), checksum, Date.now(), m.name, Date.now());
      })();
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    db.close();
  }
}
