import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migratePostgres } from '@/lib/db/postgresql/migrate';
import { partitionsFor } from '@/lib/db/postgresql/partitions';
import { startServer } from '../support/postgres';
import { readDmmf, type DmmfField } from '../support/prisma-dmmf';
import { createDatabase, dropDatabase } from '../../scripts/postgres-cluster.mjs';

// The PostgreSQL twin of schema-matches-migrations.test.ts: the hand-written SQL migrations in
// prisma/postgresql/migrations must build exactly what prisma/postgresql/schema.prisma says
// (tables, column types, nullability, defaults, keys, foreign keys, indexes, enums, and the
// names Prisma would give them, so `prisma migrate diff` could take over later). The database
// is a fresh one on a throwaway cluster (or TEST_DATABASE_URL's server), migrated by the app's
// own migratePostgres, and read back from pg_catalog.

const root = path.resolve(import.meta.dirname, '..', '..');
const migrationsDir = path.join(root, 'prisma/postgresql/migrations');
const dmmf = readDmmf('prisma/postgresql/schema.prisma');
const enumNames = new Set(dmmf.datamodel.enums.map((e) => e.name));
const migrationNames = fs.readdirSync(migrationsDir).filter((n) => /^\d{14}_/.test(n)).sort();

/** What format_type() says for each Prisma scalar without a @db attribute (Prisma's PostgreSQL defaults). */
const PG_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Float: 'double precision',
  BigInt: 'bigint',
  Decimal: 'numeric(65,30)',
  Bytes: 'bytea',
};
/** pg_constraint.confdeltype / confupdtype codes. */
const RULES: Record<string, string> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

const quoted = (name: string) => `"${name}"`;

function expectedType(f: DmmfField): string {
  if (f.nativeType) throw new Error(`${f.name}: @db.${String(f.nativeType)} is not mapped by this test yet`);
  return f.kind === 'enum' ? quoted(f.type) : PG_TYPES[f.type];
}

/** The column default pg_get_expr() shows for the field; null for none (ids made by the client, @updatedAt). */
function expectedDefault(f: DmmfField): string | null {
  if (!f.hasDefaultValue) return null;
  const d = f.default;
  if (typeof d === 'object' && d !== null && 'name' in d) {
    const fn = (d as { name: string }).name;
    if (fn === 'now') return 'CURRENT_TIMESTAMP';
    if (fn === 'cuid' || fn === 'uuid') return null; // made by Prisma's client, not the database
    throw new Error(`${f.name}: default ${fn}() is not mapped by this test yet`);
  }
  if (typeof d === 'string') return f.kind === 'enum' ? `'${d}'::${quoted(f.type)}` : `'${d}'::text`;
  return String(d);
}

/** Prisma's default constraint and index names. */
const defaultName = (model: string, fields: string[], suffix: 'pkey' | 'key' | 'idx' | 'fkey') =>
  suffix === 'pkey' ? `${model}_pkey` : `${model}_${fields.join('_')}_${suffix}`;

let server: { adminUrl: string; stop: () => Promise<void> };
let url: string;
let db: pg.Client;
let firstRun: Awaited<ReturnType<typeof migratePostgres>>;

beforeAll(async () => {
  server = await startServer();
  url = await createDatabase(server.adminUrl, 'pingboard_schema');
  firstRun = await migratePostgres(url, migrationsDir);
  db = new pg.Client({ connectionString: url });
  await db.connect();
}, 120_000);
afterAll(async () => {
  await db?.end();
  if (url) await dropDatabase(url, server.adminUrl);
  await server?.stop();
});

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}

/** Ordinary and partitioned tables of the public schema; a partition is part of its parent. */
const TABLES = `
  SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;

interface ColumnRow {
  name: string;
  type: string;
  notnull: boolean;
  dflt: string | null;
}
const COLUMNS = `
  SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
         pg_get_expr(d.adbin, d.adrelid) AS dflt
  FROM pg_attribute a
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attrelid = format('%I', $1::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped`;

interface IndexRow {
  name: string;
  primary: boolean;
  unique: boolean;
  columns: string[];
  partial: boolean;
}
const INDEXES = `
  SELECT ic.relname AS name, i.indisprimary AS primary, i.indisunique AS unique, i.indpred IS NOT NULL AS partial,
         ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
  WHERE i.indrelid = format('%I', $1::text)::regclass`;

interface ForeignKeyRow {
  name: string;
  columns: string[];
  table: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}
const FOREIGN_KEYS = `
  SELECT con.conname AS name, rc.relname AS table, con.confdeltype AS "onDelete", con.confupdtype AS "onUpdate",
         ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
         ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS "refColumns"
  FROM pg_constraint con JOIN pg_class rc ON rc.oid = con.confrelid
  WHERE con.contype = 'f' AND con.conrelid = format('%I', $1::text)::regclass`;

describe('PostgreSQL migrations match prisma/postgresql/schema.prisma', () => {
  it('applied every migration on a fresh database', () => {
    expect(firstRun).toEqual({ applied: migrationNames, alreadyApplied: 0 });
  });

  it('has exactly the models as tables (plus the migrations table)', async () => {
    const tables = (await rows<{ name: string }>(TABLES)).map((t) => t.name);
    expect(tables.sort()).toEqual([...dmmf.datamodel.models.map((m) => m.name), '_prisma_migrations'].sort());
  });

  it('has exactly the enums as types, with the same values in the same order', async () => {
    const types = await rows<{ name: string; values: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`);
    const actual = Object.fromEntries(types.map((t) => [t.name, t.values]));
    const expected = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(actual).toEqual(expected);
  });

  for (const model of dmmf.datamodel.models) {
    describe(model.name, () => {
      const scalars = model.fields.filter((f) => f.kind !== 'object');
      const indexes = dmmf.datamodel.indexes.filter((i) => i.model === model.name);
      const primaryKey = indexes.find((i) => i.type === 'id')?.fields.map((f) => f.name) ?? [];

      it('has every field as a column with the right type, nullability and default', async () => {
        const columns = await rows<ColumnRow>(COLUMNS, [model.name]);
        expect(columns.map((c) => c.name).sort()).toEqual(scalars.map((f) => f.name).sort());
        for (const f of scalars) {
          const col = columns.find((c) => c.name === f.name)!;
          expect(col.type, `${model.name}.${f.name} type`).toBe(expectedType(f));
          expect(col.notnull, `${model.name}.${f.name} required`).toBe(f.isRequired);
          expect(col.dflt, `${model.name}.${f.name} default`).toBe(expectedDefault(f));
        }
      });

      it('has the primary key of the schema, under its Prisma name', async () => {
        const pk = (await rows<IndexRow>(INDEXES, [model.name])).filter((i) => i.primary);
        expect(pk.map((i) => ({ name: i.name, columns: i.columns }))).toEqual([
          { name: indexes.find((i) => i.type === 'id')?.dbName ?? defaultName(model.name, primaryKey, 'pkey'), columns: primaryKey },
        ]);
      });

      it('has every relation as a foreign key with the same delete rule, and no others', async () => {
        const relations = model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length);
        const expected = relations.map((rel) => ({
          name: defaultName(model.name, rel.relationFromFields!, 'fkey'),
          columns: rel.relationFromFields!,
          table: rel.type,
          refColumns: rel.relationToFields!,
          // Prisma's defaults: Restrict for a required relation, SetNull for an optional one; updates cascade.
          onDelete: rel.relationOnDelete ?? (rel.isRequired ? 'Restrict' : 'SetNull'),
          onUpdate: 'Cascade',
        }));
        const actual = (await rows<ForeignKeyRow>(FOREIGN_KEYS, [model.name])).map((fk) => ({
          ...fk,
          onDelete: RULES[fk.onDelete],
          onUpdate: RULES[fk.onUpdate],
        }));
        const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
        expect(actual.sort(byName)).toEqual(expected.sort(byName));
      });

      it('has every index and unique constraint under its Prisma name, and no others', async () => {
        const expected = indexes
          .filter((i) => i.type !== 'id')
          .map((i) => {
            const cols = i.fields.map((f) => f.name);
            const name = i.dbName ?? defaultName(model.name, cols, i.type === 'unique' ? 'key' : 'idx');
            return `${name}: ${i.type === 'unique' ? 'unique' : 'index'}(${cols.join(',')})`;
          });
        const actual = (await rows<IndexRow>(INDEXES, [model.name]))
          .filter((i) => !i.primary)
          .map((i) => `${i.name}: ${i.unique ? 'unique' : 'index'}(${i.columns.join(',')})${i.partial ? ' WHERE ...' : ''}`);
        expect(actual.sort()).toEqual(expected.sort());
      });
    });
  }

  it('types every enum field with its enum and every other field without one', () => {
    for (const model of dmmf.datamodel.models) {
      for (const f of model.fields) expect(f.kind === 'enum', `${model.name}.${f.name}`).toBe(enumNames.has(f.type));
    }
  });

  it('partitions "Check" by range on checkedAt, with day partitions from yesterday to a week ahead', async () => {
    const [part] = await rows<{ strategy: string; columns: string[] }>(`
      SELECT pt.partstrat AS strategy,
             ARRAY(SELECT a.attname FROM unnest(pt.partattrs) k(attnum)
                   JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = k.attnum)::text[] AS columns
      FROM pg_partitioned_table pt WHERE pt.partrelid = '"Check"'::regclass`);
    expect(part).toEqual({ strategy: 'r', columns: ['checkedAt'] });

    const children = await rows<{ name: string; bound: string }>(`
      SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"Check"'::regclass`);
    const bounds = Object.fromEntries(children.map((c) => [c.name, c.bound]));
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const expected = partitionsFor(Date.now());
    expect(expected.some((p) => day(p.from) === today)).toBe(true);
    for (const p of expected) {
      expect(bounds[p.name], p.name).toBe(`FOR VALUES FROM ('${day(p.from)} 00:00:00') TO ('${day(p.to)} 00:00:00')`);
    }

  });

  it('records each migration once and is a no-op when run again', async () => {
    const rerun = await migratePostgres(url, migrationsDir);
    expect(rerun).toEqual({ applied: [], alreadyApplied: migrationNames.length });
    const recorded = await rows<{ migration_name: string; n: number }>(
      `SELECT migration_name, COUNT(*)::int AS n FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1`,
    );
    expect(recorded).toEqual(migrationNames.map((migration_name) => ({ migration_name, n: 1 })));
  });

  it('applies the migrations once when two instances migrate the same fresh database at the same moment', async () => {
    const fresh = await createDatabase(server.adminUrl, 'pingboard_schema_race');
    try {
      const results = await Promise.all([migratePostgres(fresh, migrationsDir), migratePostgres(fresh, migrationsDir)]);
      const sorted = [...results].sort((a, b) => b.applied.length - a.applied.length);
      expect(sorted).toEqual([
        { applied: migrationNames, alreadyApplied: 0 },
        { applied: [], alreadyApplied: migrationNames.length },
      ]);
      const other = new pg.Client({ connectionString: fresh });
      await other.connect();
      try {
        const { rows: recorded } = await other.query(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`);
        expect(recorded.map((r) => r.migration_name)).toEqual(migrationNames);
      } finally {
        await other.end();
      }
    } finally {
      await dropDatabase(fresh, server.adminUrl);
    }
  });
});
