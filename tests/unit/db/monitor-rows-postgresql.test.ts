import { afterAll, beforeAll, it } from 'vitest';
import { migratePostgres } from '@/lib/db/postgresql/migrate';
import { startServer } from '../../support/postgres';
import { createDatabase, dropDatabase } from '../../../scripts/postgres-cluster.mjs';
import { expectListMatchesFindMany } from './monitor-rows';

let server: { adminUrl: string; stop: () => Promise<void> };
let url: string;

beforeAll(async () => {
  server = await startServer();
  url = await createDatabase(server.adminUrl, 'pingboard_monitor_rows');
  await migratePostgres(url);
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL = 'silent';
}, 120_000);
afterAll(async () => {
  const { getDb } = await import('@/lib/db/client');
  await getDb().$disconnect();
  if (url) await dropDatabase(url, server.adminUrl);
  await server?.stop();
});

it('lists monitors on PostgreSQL with the same values and types as findMany', async () => {
  const { getDb } = await import('@/lib/db/client');
  const { listMonitors } = await import('@/lib/data/monitors');
  await expectListMatchesFindMany(getDb(), listMonitors);
});
