import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Migrations in Prisma's folder layout, read the same way for every engine:
// <dir>/<timestamp>_<name>/migration.sql, in name order, each with Prisma's sha256 checksum
// so `prisma migrate deploy` could take over the bookkeeping later.

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir: string): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** The migrations still to apply; a migration edited after it was applied stops start-up. */
export function pendingMigrations(all: MigrationFile[], applied: Map<string, string>): MigrationFile[] {
  return all.filter((m) => {
    const known = applied.get(m.name);
    if (known === undefined) return true;
    if (known !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied`);
    return false;
  });
}
