// What a SQLite database takes on disk, read while no server has it open: the file plus its
// -wal after a checkpoint (what the disk holds), the size a VACUUM would leave (the pages that
// hold data, without free ones), and the bytes of pages per table and index from the dbstat
// virtual table (compiled into better-sqlite3's SQLite).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface SqliteSize {
  /** Database file plus -wal after PRAGMA wal_checkpoint(TRUNCATE). */
  checkpointed: number;
  /** The file VACUUM INTO writes: only pages in use. */
  vacuumed: number;
  /** Bytes of pages per table or index (dbstat's SUM(pgsize)), unused pages under "(free)". */
  byName: Map<string, number>;
}

const fileSize = (p: string) => (fs.existsSync(p) ? fs.statSync(p).size : 0);

export function sqliteSize(dbPath: string): SqliteSize {
  const db = new Database(dbPath, { timeout: 5000 });
  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-vacuum-'));
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const checkpointed = fileSize(dbPath) + fileSize(`${dbPath}-wal`);
    const rows = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{ name: string; bytes: number }>;
    const byName = new Map(rows.map((r) => [r.name, r.bytes]));
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const freePages = db.pragma('freelist_count', { simple: true }) as number;
    byName.set('(free)', pageSize * freePages);
    const copy = path.join(copyDir, 'vacuumed.db');
    db.prepare('VACUUM INTO ?').run(copy);
    return { checkpointed, vacuumed: fileSize(copy), byName };
  } finally {
    db.close();
    fs.rmSync(copyDir, { recursive: true, force: true });
  }
}
