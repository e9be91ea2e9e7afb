import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// A Prisma schema file read by Prisma's own parser (WebAssembly, no download), for the tests
// that hold the migrations and the two engines' schemas to it.

const require = createRequire(import.meta.url);
const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf: (params: string) => string };

const root = path.resolve(import.meta.dirname, '..', '..');

export interface DmmfField {
  name: string;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  nativeType: unknown;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}

export interface Dmmf {
  datamodel: {
    enums: Array<{ name: string; values: Array<{ name: string }> }>;
    models: Array<{ name: string; fields: DmmfField[] }>;
    indexes: Array<{ model: string; type: 'id' | 'unique' | 'normal'; name?: string; dbName?: string; fields: Array<{ name: string }> }>;
  };
}

/** The DMMF of a schema file (path from the repository root); `withoutDocs` drops doc comments, which are prose. */
export function readDmmf<T = Dmmf>(schemaFile: string, { withoutDocs = false } = {}): T {
  const prismaSchema = fs.readFileSync(path.join(root, schemaFile), 'utf8');
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema })), withoutDocs ? (key, value) => (key === 'documentation' ? undefined : value) : undefined) as T;
}
