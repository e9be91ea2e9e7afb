// `npm run backup -- <file>`: a consistent copy of a running SQLite install, taken with SQLite's
// online backup API (better-sqlite3's db.backup) while the server keeps checking and writing.
// The copy is made in one step under one read transaction, so it is a snapshot of one moment;
// in WAL mode the server's writes go on meanwhile. It is written next to <file> under a temporary
// name, checked (PRAGMA quick_check), then renamed, so <file> is never a half-written backup.
// PostgreSQL installs are backed up with pg_dump; this script says how and exits.
// Runs under the react-server condition like the other scripts, because lib modules import
// 'server-only'.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getEnv } from '@/lib/env';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const target = process.argv[2];
if (!target || process.argv.length > 3) fail('Usage: npm run backup -- <file>   (for example: npm run backup -- backups/pingboard-2026-12-04.db)');

const env = getEnv();
if (env.databaseEngine === 'postgresql') {
  fail(
    'This install keeps its data in PostgreSQL (DATABASE_URL); back it up with pg_dump, for example:\n' +
      '  pg_dump --format=custom --file=pingboard.dump "$DATABASE_URL"\n' +
      'and restore with pg_restore (see the README, Backups).',
  );
}

const source = env.databaseLocation;
if (!fs.existsSync(source)) fail(`No database at ${source}: set DATA_DIR (or DATABASE_URL) to the install's, as the server is started with.`);
// npm runs scripts in the package's folder; a relative name means the folder it was typed in.
const destination = path.resolve(process.env.INIT_CWD ?? process.cwd(), target);
if (destination === source) fail('The backup file cannot be the database itself.');
if (fs.existsSync(destination)) fail(`${destination} exists already; choose a new file name (a backup never overwrites).`);
fs.mkdirSync(path.dirname(destination), { recursive: true });

const started = Date.now();
const temporary = `${destination}.partial-${process.pid}`;
// Readonly: the backup never writes to the live database. The timeout rides out a moment when
// the server holds an exclusive lock (a checkpoint).
const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
try {
  // After the first (sizing) step, copy every remaining page in one step: one read transaction,
  // one moment. Smaller steps would restart whenever the server wrote between them.
  await db.backup(temporary, { progress: () => 0x7fffffff });
} catch (err) {
  fs.rmSync(temporary, { force: true });
  fail(`Backup failed: ${(err as Error).message}`);
} finally {
  db.close();
}

const copy = new Database(temporary, { fileMustExist: true });
let summary: { monitors: number; checks: number };
try {
  const check = copy.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
  // A standalone file: no WAL beside it to lose when it is moved.
  copy.pragma('journal_mode = DELETE');
  const count = (table: string) => (copy.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  summary = { monitors: count('Monitor'), checks: count('Check') };
} catch (err) {
  copy.close();
  fs.rmSync(temporary, { force: true });
  fail(`Backup failed: ${(err as Error).message}`);
}
copy.close();
fs.renameSync(temporary, destination);

const size = fs.statSync(destination).size;
console.log(
  `Backed up ${source} to ${destination}: ${summary.monitors} monitors, ${summary.checks} checks, ` +
    `${(size / 1024 / 1024).toFixed(1)} MiB in ${Date.now() - started} ms.`,
);
