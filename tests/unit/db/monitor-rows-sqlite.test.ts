import { afterAll, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectListMatchesFindMany } from './monitor-rows';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-monitor-rows-'));
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = 'silent';
afterAll(async () => {
  const { getDb } = await import('@/lib/db/client');
  await getDb().$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('lists monitors on SQLite with the same values and types as findMany', async () => {
  const { migrateDatabase } = await import('@/lib/db/sqlite/migrate');
  migrateDatabase(path.join(dir, 'pingboard.db'));
  const { getDb } = await import('@/lib/db/client');
  const { listMonitors } = await import('@/lib/data/monitors');
  await expectListMatchesFindMany(getDb(), listMonitors);
});
