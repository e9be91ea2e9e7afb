// Direct reads (and the odd write) of a running app's database, on either engine, for tests
// that check what was stored rather than what the API says.
//
// SQL is written once for both engines: quoted camelCase identifiers ("Monitor", "monitorId")
// and `?` placeholders, which become $1, $2, ... on PostgreSQL. Rows come back in SQLite's
// shapes on both: DateTime columns as epoch milliseconds, booleans as 0 and 1, 64-bit integers
// and numerics (COUNT, SUM) as numbers, JSON columns as their text. Where the SQL itself
// differs (date arithmetic, say), branch on `app.engine`.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { AppServer } from './app-server';

export type Row = Record<string, unknown>;
type DbTarget = Pick<AppServer, 'engine' | 'databaseUrl'>;

const sqlitePath = (app: DbTarget) => app.databaseUrl.replace(/^file:/, '');

/** Runs one statement; resolves to its rows (none for a statement that returns none). */
export async function queryDb<T extends Row = Row>(app: DbTarget, sql: string, ...params: unknown[]): Promise<T[]> {
  if (app.engine === 'sqlite') {
    const db = new Database(sqlitePath(app), { timeout: 5000 });
    try {
      const statement = db.prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as T[];
    } finally {
      db.close();
    }
  }
  const client = await connect(app);
  try {
    return (await client.query(toPgPlaceholders(sql), params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The first row, or undefined. */
export async function queryRow<T extends Row = Row>(app: DbTarget, sql: string, ...params: unknown[]): Promise<T | undefined> {
  return (await queryDb<T>(app, sql, ...params))[0];
}

/** The `n` column of a `SELECT COUNT(*) AS n ...`. */
export async function countRows(app: DbTarget, sql: string, ...params: unknown[]): Promise<number> {
  const row = await queryRow<{ n: number }>(app, sql, ...params);
  if (!row) throw new Error(`no row from: ${sql}`);
  return row.n;
}

/**
 * Holds the database's write lock until `release()`, the way another writer would: reads go
 * on, every write waits. SQLite: BEGIN IMMEDIATE on the file. PostgreSQL: every table of the
 * app LOCKed IN EXCLUSIVE MODE, which admits only readers (ACCESS SHARE) beside it.
 */
export async function holdWriteLock(app: DbTarget): Promise<{ release: () => Promise<void> }> {
  if (app.engine === 'sqlite') {
    const db = new Database(sqlitePath(app), { timeout: 5000 });
    db.exec('BEGIN IMMEDIATE');
    return {
      release: async () => {
        db.exec('COMMIT');
        db.close();
      },
    };
  }
  const tables = (await queryDb<{ name: string }>(app, `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`)).map((t) => t.name);
  return holdPgLock(app, tables, 'EXCLUSIVE');
}

/** PostgreSQL only: `LOCK TABLE <tables> IN <mode> MODE` in a transaction held until `release()`. */
export async function holdPgLock(app: DbTarget, tables: string[], mode: 'EXCLUSIVE' | 'ACCESS EXCLUSIVE'): Promise<{ release: () => Promise<void> }> {
  if (app.engine !== 'postgresql') throw new Error('holdPgLock needs the PostgreSQL engine');
  const client = await connect(app);
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${tables.map((t) => `"${t.replaceAll('"', '""')}"`).join(', ')} IN ${mode} MODE`);
  } catch (err) {
    await client.end();
    throw err;
  }
  return {
    release: async () => {
      try {
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    },
  };
}

// PostgreSQL values in SQLite's shapes (see the top of this file).
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const toSqliteShape: Record<number, (text: string) => unknown> = {
  [TIMESTAMP]: (text) => Date.parse(`${text.replace(' ', 'T')}Z`), // without time zone: UTC, as Prisma writes it
  [TIMESTAMPTZ]: (text) => Date.parse(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')),
  16: (text) => (text === 't' ? 1 : 0), // bool
  20: Number, // int8: COUNT(*), SUM(int)
  1700: Number, // numeric: SUM(bigint)
  114: (text) => text, // json
  3802: (text) => text, // jsonb
};
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    (format ?? 'text') === 'text' && toSqliteShape[oid] ? toSqliteShape[oid] : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

async function connect(app: DbTarget): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: app.databaseUrl, types, connectionTimeoutMillis: 15_000 });
  // An error after connect (the server dropping the database, say) must not crash the test run.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** `?` placeholders outside quotes and comments become $1, $2, ... */
export function toPgPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
      continue;
    } else if (c === '?') {
      out += `$${++n}`;
      continue;
    }
    out += c;
  }
  return out;
}
