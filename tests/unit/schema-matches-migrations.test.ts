import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '@/lib/db/sqlite/migrate';
import { readDmmf, type DmmfField } from '../support/prisma-dmmf';

// The hand-written SQL migrations must build exactly the database schema.prisma describes:
// every model, column, type, nullability, default, primary key, relation and index.
// schema.prisma is read by Prisma's own schema parser (WebAssembly, no download).

const root = path.resolve(import.meta.dirname, '..', '..');
const dmmf = readDmmf('prisma/schema.prisma');

const SQL_TYPES: Record<string, string> = { String: 'TEXT', Int: 'INTEGER', Boolean: 'BOOLEAN', DateTime: 'DATETIME', Json: 'JSONB', Float: 'REAL', BigInt: 'BIGINT' };

let dir: string;
let db: Database.Database;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-schema-'));
  migrateDatabase(path.join(dir, 'test.db'), path.join(root, 'prisma/migrations'));
  db = new Database(path.join(dir, 'test.db'), { readonly: true });
});
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Column = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
type IndexRow = { name: string; unique: number; origin: string };
type ForeignKey = { table: string; from: string; to: string; on_delete: string };

function expectedDefault(f: DmmfField): string | null | undefined {
  if (!f.hasDefaultValue) return null;
  const d = f.default;
  if (typeof d === 'object' && d !== null && 'name' in d) return (d as { name: string }).name === 'now' ? 'CURRENT_TIMESTAMP' : undefined;
  if (typeof d === 'string') return `'${d}'`;
  return String(d);
}

describe('migrations match schema.prisma', () => {
  it('has exactly the models as tables (plus the migrations table)', () => {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
    expect(tables.sort()).toEqual([...dmmf.datamodel.models.map((m) => m.name), '_prisma_migrations'].sort());
  });

  for (const model of dmmf.datamodel.models) {
    describe(model.name, () => {
      const scalars = model.fields.filter((f) => f.kind !== 'object');
      const primaryKey = dmmf.datamodel.indexes.find((i) => i.model === model.name && i.type === 'id')?.fields.map((f) => f.name) ?? [];

      it('has every field as a column with the right type, nullability, default and key', () => {
        const columns = db.prepare(`PRAGMA table_info("${model.name}")`).all() as Column[];
        expect(columns.map((c) => c.name).sort()).toEqual(scalars.map((f) => f.name).sort());
        for (const f of scalars) {
          const col = columns.find((c) => c.name === f.name)!;
          expect(col.type, `${model.name}.${f.name} type`).toBe(f.kind === 'enum' ? 'TEXT' : SQL_TYPES[f.type]);
          expect(col.notnull === 1 || col.pk > 0, `${model.name}.${f.name} required`).toBe(f.isRequired);
          expect(col.pk, `${model.name}.${f.name} primary key position`).toBe(primaryKey.indexOf(f.name) + 1);
          const dflt = expectedDefault(f);
          if (dflt !== undefined) expect(col.dflt_value, `${model.name}.${f.name} default`).toBe(dflt);
        }
      });

      it('has every relation as a foreign key with the same delete rule', () => {
        const fks = db.prepare(`PRAGMA foreign_key_list("${model.name}")`).all() as ForeignKey[];
        const relations = model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length);
        expect(fks).toHaveLength(relations.length);
        for (const rel of relations) {
          const fk = fks.find((k) => k.from === rel.relationFromFields![0]);
          expect(fk, `${model.name}.${rel.name} foreign key`).toBeDefined();
          expect(fk!.table).toBe(rel.type);
          expect(fk!.to).toBe(rel.relationToFields![0]);
          expect(fk!.on_delete).toBe((rel.relationOnDelete ?? 'Restrict').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase());
        }
      });

      it('has every index and unique constraint, and no others', () => {
        const expected = dmmf.datamodel.indexes
          .filter((i) => i.model === model.name && i.type !== 'id')
          .map((i) => `${i.type === 'unique' ? 'unique' : 'index'}(${i.fields.map((f) => f.name).join(',')})`);
        const actual = (db.prepare(`PRAGMA index_list("${model.name}")`).all() as IndexRow[])
          .filter((i) => i.origin !== 'pk')
          .map((i) => {
            const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name);
            return `${i.unique ? 'unique' : 'index'}(${cols.join(',')})`;
          });
        expect(actual.sort()).toEqual(expected.sort());
      });
    });
  }

  it('records each migration once and is a no-op when run again', () => {
    const rerun = migrateDatabase(path.join(dir, 'test.db'), path.join(root, 'prisma/migrations'));
    expect(rerun.applied).toEqual([]);
    const names = fs.readdirSync(path.join(root, 'prisma/migrations')).filter((n) => /^\d{14}_/.test(n));
    expect(rerun.alreadyApplied).toBe(names.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});
