import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { connectPostgres } from '@/lib/db/postgresql/connect';
import { migratePostgres } from '@/lib/db/postgresql/migrate';
import { startServer } from '../../support/postgres';
import { createDatabase, dropDatabase } from '../../../scripts/postgres-cluster.mjs';

// The JWT secret every instance shares. On PostgreSQL without JWT_SECRET, the first instance to
// load it stores a generated one in the Setting table and every other instance reads that one,
// even when they start at the same moment: here as separate processes (the real key loading,
// lib/auth/jwt-secret.ts, run by tests/unit/db/jwt-key-process.ts) and as two Prisma clients
// racing on the data layer. SQLite keeps its file in DATA_DIR, loadable synchronously.

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);

let server: { adminUrl: string; stop: () => Promise<void> };
let url: string;
let one: PrismaClient;
let two: PrismaClient;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startServer();
  url = await createDatabase(server.adminUrl, 'pingboard_settings');
  await migratePostgres(url);
  one = connectPostgres(url);
  two = connectPostgres(url);
}, 120_000);
afterAll(async () => {
  await Promise.all([one?.$disconnect(), two?.$disconnect()]);
  if (url) await dropDatabase(url, server.adminUrl);
  await server?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const dataDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-jwt-'));
  dirs.push(d);
  return d;
};

interface ProcessView {
  before: string;
  loaded: string;
  after: string;
}

/** One app process loading its key with this environment. */
async function keyOfProcess(env: { DATABASE_URL?: string; DATA_DIR: string; JWT_SECRET?: string }): Promise<ProcessView> {
  const { stdout } = await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(import.meta.dirname, 'jwt-key-process.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', JWT_SECRET: '', LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ProcessView;
}

const NOT_LOADED = /^error The JWT secret is not loaded: on PostgreSQL it is kept in the database/;

describe('the JWT secret on PostgreSQL', () => {
  it('is one generated secret for every instance, even when they start at the same moment', async () => {
    const first = await Promise.all([keyOfProcess({ DATABASE_URL: url, DATA_DIR: dataDir() }), keyOfProcess({ DATABASE_URL: url, DATA_DIR: dataDir() })]);
    for (const view of first) {
      expect(view.before).toMatch(NOT_LOADED);
      expect(view.loaded).toMatch(/^[0-9a-f]{64}$/);
      expect(view.after).toBe(view.loaded);
    }
    expect(first[1].loaded).toBe(first[0].loaded);
    const rows = await one.setting.findMany({ where: { key: 'jwt-secret' } });
    expect(rows.map((r) => r.value)).toEqual([first[0].loaded]);
    // An instance started later, with another data directory, reads the same one; no file is written.
    const later = await keyOfProcess({ DATABASE_URL: url, DATA_DIR: dataDir() });
    expect(later.loaded).toBe(first[0].loaded);
    for (const d of dirs) expect(fs.existsSync(path.join(d, 'jwt-secret'))).toBe(false);
  });

  it('is JWT_SECRET when set, available without loading, and then nothing is stored', async () => {
    const secret = 'b3c1f0e2a9d84c7f9e6a5b4c3d2e1f00a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const fresh = await createDatabase(server.adminUrl, 'pingboard_settings_env');
    try {
      await migratePostgres(fresh);
      const view = await keyOfProcess({ DATABASE_URL: fresh, DATA_DIR: dataDir(), JWT_SECRET: secret });
      expect(view).toEqual({ before: `key ${secret}`, loaded: secret, after: secret });
      const other = connectPostgres(fresh);
      try {
        expect(await other.setting.count()).toBe(0);
      } finally {
        await other.$disconnect();
      }
    } finally {
      await dropDatabase(fresh, server.adminUrl);
    }
  });

  it('stores the first value made when many callers on two clients race for one setting', async () => {
    const { getOrCreateSetting } = await import('@/lib/data/settings');
    const made: string[] = [];
    const make = (i: number) => () => {
      made.push(`value-${i}`);
      return `value-${i}`;
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => getOrCreateSetting('race', make(i), i % 2 ? one : two)));
    expect(new Set(results).size).toBe(1);
    expect(made).toContain(results[0]);
    // The race really happened: several callers found nothing and inserted, and all but one lost on the key.
    expect(made.length).toBeGreaterThan(1);
    expect(await two.setting.findMany({ where: { key: 'race' }, select: { value: true } })).toEqual([{ value: results[0] }]);
    // Once stored, nothing new is made.
    made.length = 0;
    expect(await getOrCreateSetting('race', make(99), one)).toBe(results[0]);
    expect(made).toEqual([]);
  });
});

describe('the JWT secret on SQLite', () => {
  it('is kept in DATA_DIR/jwt-secret, private to the owner, and loads synchronously as before', async () => {
    const dir = dataDir();
    const view = await keyOfProcess({ DATA_DIR: dir });
    const file = path.join(dir, 'jwt-secret');
    const stored = fs.readFileSync(file, 'utf8').trim();
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(view).toEqual({ before: `key ${stored}`, loaded: stored, after: stored });
    expect((await keyOfProcess({ DATA_DIR: dir })).loaded).toBe(stored);
  });
});
