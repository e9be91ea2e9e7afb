import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A migrated SQLite file in a temporary data directory, for benches that seed data directly.
 * DATA_DIR is set before any lib module reads the environment, so lib/ queries hit this file.
 */
export async function openTempDatabase(): Promise<{ raw: Database.Database; uuidv7: (ms: number) => string; cleanup: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-bench-'));
  process.env.DATA_DIR = dir;
  process.env.LOG_LEVEL = 'warn';
  const { migrateDatabase } = await import('../../lib/db/sqlite/migrate');
  const { uuidv7 } = await import('../../lib/ids');
  const dbPath = path.join(dir, 'pingboard.db');
  migrateDatabase(dbPath);
  const raw = new Database(dbPath);
  raw.prepare(`INSERT INTO "User" (id, email, passwordHash, updatedAt) VALUES ('u1', 'bench@example.com', 'x', ?)`).run(Date.now());
  return { raw, uuidv7, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
