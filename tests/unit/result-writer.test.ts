import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The batched result writer against a real SQLite database: a row the database will never take
// (here a duplicate id) must not stop the results queued behind it from being stored.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-writer-'));
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = 'silent';

let db: import('@/lib/db/client').Db;
let Writer: typeof import('@/lib/worker/result-writer').ResultWriter;

beforeAll(async () => {
  (await import('@/lib/db/sqlite/migrate')).migrateDatabase(path.join(dir, 'pingboard.db'));
  db = (await import('@/lib/db/client')).getDb();
  Writer = (await import('@/lib/worker/result-writer')).ResultWriter;
  await db.user.create({ data: { id: 'u1', email: 'u1@example.com', passwordHash: 'x' } });
  await db.monitor.create({ data: { id: 'm1', userId: 'u1', name: 'Shop', url: 'https://shop.example' } });
});

afterAll(async () => {
  await (await import('@/lib/db/client')).disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

const row = (id: string, at: number) => ({ id, monitorId: 'm1', status: 'UP' as const, latencyMs: 5, checkedAt: new Date(at) });
const summary = (at: number) => ({ lastCheckedAt: new Date(at), lastLatencyMs: 5, lastStatusCode: 200, lastError: null, lastCause: null, consecutiveFailures: 0, failingSince: null, streak: 0, streakSince: null });

it('stores every other result of a batch when the database keeps refusing one row, and drops only that row', async () => {
  const writer = new Writer();
  const t = Date.now();
  await writer.enqueue(row('c-0', t), summary(t));
  // c-0 again: its primary key is taken, so any batch holding it is refused every time.
  const written = ['c-1', 'c-0', 'c-2', 'c-3'].map((id, i) => writer.enqueue(row(id, t + 1 + i), summary(t + 1 + i)));
  await Promise.race([Promise.all(written), new Promise((_, reject) => setTimeout(() => reject(new Error('results never stored')), 20_000))]);
  const ids = (await db.check.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
  expect(ids).toEqual(['c-0', 'c-1', 'c-2', 'c-3']);
  // Back to whole batches afterwards: the next results go in together.
  await Promise.all(['c-4', 'c-5'].map((id, i) => writer.enqueue(row(id, t + 10 + i), summary(t + 10 + i))));
  expect(await db.check.count()).toBe(6);
  expect(writer.pendingCount).toBe(0);
});
