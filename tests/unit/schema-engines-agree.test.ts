import { describe, expect, it } from 'vitest';
import { readDmmf } from '../support/prisma-dmmf';

// prisma/schema.prisma (SQLite) and prisma/postgresql/schema.prisma describe one data model:
// the code uses SQLite's generated client type for both engines (lib/db/postgresql/connect.ts),
// so a field that exists, or is optional, or defaults differently on one engine would be a bug
// the compiler cannot see. Both files go through Prisma's own parser (WebAssembly, no
// download) and their whole DMMF must be equal, doc comments aside, but for the exception
// named below. Each schema-matches-migrations test then holds its engine's SQL to its file.

interface Field {
  name: string;
  isId: boolean;
  [key: string]: unknown;
}
interface Model {
  name: string;
  primaryKey: { name: string | null; fields: string[] } | null;
  fields: Field[];
  [key: string]: unknown;
}
interface Index {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  isDefinedOnField: boolean;
  fields: Array<{ name: string }>;
  [key: string]: unknown;
}
interface Datamodel {
  enums: Array<{ name: string; values: Array<{ name: string }> }>;
  models: Model[];
  types: unknown[];
  indexes: Index[];
}

/** The DMMF without doc comments, which are prose and may differ. */
function datamodel(file: string): Datamodel {
  return readDmmf<{ datamodel: Datamodel }>(file, { withoutDocs: true }).datamodel;
}

const sqlite = datamodel('prisma/schema.prisma');
const postgres = datamodel('prisma/postgresql/schema.prisma');

/**
 * The one allowed difference. "Check" is partitioned by day on checkedAt in PostgreSQL, whose
 * keys on a partitioned table must contain the partition key, so there its primary key is
 * (id, checkedAt); SQLite keeps `id @id`. Ids are UUIDv7 made by the worker, unique either way.
 * Each side must look exactly like this, and is then replaced by the same neutral shape.
 */
const CHECK_PRIMARY_KEY = {
  model: 'Check',
  sqlite: { fieldIsId: true, primaryKey: null, index: { model: 'Check', type: 'id', isDefinedOnField: true, fields: [{ name: 'id' }] } },
  postgresql: {
    fieldIsId: false,
    primaryKey: { name: null, fields: ['id', 'checkedAt'] },
    index: { model: 'Check', type: 'id', isDefinedOnField: false, fields: [{ name: 'id' }, { name: 'checkedAt' }] },
  },
} as const;

/** Check's primary key as `engine`'s schema declares it: the field flag, @@id and the index entry. */
function checkPrimaryKey(dm: Datamodel) {
  const check = dm.models.find((m) => m.name === CHECK_PRIMARY_KEY.model);
  return {
    fieldIsId: check?.fields.find((f) => f.name === 'id')?.isId,
    primaryKey: check?.primaryKey,
    indexes: dm.indexes.filter((i) => i.model === CHECK_PRIMARY_KEY.model && i.type === 'id'),
  };
}

/**
 * The datamodel with Check's primary key replaced by one neutral shape, only when it is exactly
 * the allowed one; anything else is left in place and fails the comparisons.
 */
function withoutException(dm: Datamodel, engine: 'sqlite' | 'postgresql'): Datamodel {
  const expected = CHECK_PRIMARY_KEY[engine];
  const actual = checkPrimaryKey(dm);
  const isExpected =
    actual.fieldIsId === expected.fieldIsId &&
    JSON.stringify(actual.primaryKey) === JSON.stringify(expected.primaryKey) &&
    JSON.stringify(actual.indexes) === JSON.stringify([expected.index]);
  if (!isExpected) return dm;
  const neutral = { model: CHECK_PRIMARY_KEY.model, type: 'id', isDefinedOnField: null, fields: [{ name: '(engine-specific)' }] } as unknown as Index;
  return {
    ...dm,
    models: dm.models.map((m) =>
      m.name === CHECK_PRIMARY_KEY.model
        ? { ...m, primaryKey: null, fields: m.fields.map((f) => (f.name === 'id' ? { ...f, isId: null as unknown as boolean } : f)) }
        : m,
    ),
    indexes: dm.indexes.map((i) => (actual.indexes.includes(i) ? neutral : i)),
  };
}

const byName = <T extends { name: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.name, i]));
const indexKey = (i: Index) => `${i.model}:${i.type}(${i.fields.map((f) => f.name).join(',')})`;

describe('the SQLite and PostgreSQL schemas describe the same data model', () => {
  const a = withoutException(sqlite, 'sqlite');
  const b = withoutException(postgres, 'postgresql');

  it("differs only in Check's primary key: id on SQLite, (id, checkedAt) on PostgreSQL", () => {
    for (const [engine, dm] of [['sqlite', sqlite], ['postgresql', postgres]] as const) {
      const expected = CHECK_PRIMARY_KEY[engine];
      expect(checkPrimaryKey(dm), engine).toEqual({ fieldIsId: expected.fieldIsId, primaryKey: expected.primaryKey, indexes: [expected.index] });
    }
  });

  it('has the same enums with the same values in the same order', () => {
    expect(byName(b.enums)).toEqual(byName(a.enums));
  });

  it('has the same models and composite types', () => {
    expect(b.models.map((m) => m.name).sort()).toEqual(a.models.map((m) => m.name).sort());
    expect(b.types).toEqual(a.types);
  });

  for (const model of sqlite.models) {
    it(`${model.name}: same fields (types, optionality, defaults, relations, delete rules) and model attributes`, () => {
      const left = a.models.find((m) => m.name === model.name)!;
      const right = b.models.find((m) => m.name === model.name);
      expect(right, `model ${model.name} in prisma/postgresql/schema.prisma`).toBeDefined();
      const { fields: leftFields, ...leftRest } = left;
      const { fields: rightFields, ...rightRest } = right!;
      expect(rightFields.map((f) => f.name), 'field order').toEqual(leftFields.map((f) => f.name));
      expect(byName(rightFields)).toEqual(byName(leftFields));
      expect(rightRest).toEqual(leftRest);
    });
  }

  it('has the same indexes and unique constraints, Check primary key aside', () => {
    expect(b.indexes.map(indexKey).sort()).toEqual(a.indexes.map(indexKey).sort());
    const sortByKey = (list: Index[]) => [...list].sort((x, y) => indexKey(x).localeCompare(indexKey(y)));
    expect(sortByKey(b.indexes)).toEqual(sortByKey(a.indexes));
  });

  it('differs in nothing else', () => {
    expect(b).toEqual(a);
  });
});
