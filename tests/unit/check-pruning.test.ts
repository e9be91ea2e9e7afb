import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Retention on SQLite: checks older than the cutoff go, monitor by monitor in batches (there is
// no index on the time alone), and every newer check stays, across more monitors than one
// batch holds. Rollup hours go once all of their checks are gone.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-prune-'));
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = 'silent';

const HOUR = 3_600_000;
const cutoff = Date.UTC(2026, 10, 1, 12, 30);
const MONITORS = 250;
let data: typeof import('@/lib/data/checks');
let db: import('@/lib/generated/prisma/client').PrismaClient;

beforeAll(async () => {
  const { migrateDatabase } = await import('@/lib/db/sqlite/migrate');
  migrateDatabase(path.join(dir, 'pingboard.db'));
  const { getDb } = await import('@/lib/db/client');
  const { uuidv7 } = await import('@/lib/ids');
  data = await import('@/lib/data/checks');
  db = getDb();
  await db.user.create({ data: { id: 'u1', email: 'u1@example.com', passwordHash: 'x' } });
  await db.monitor.createMany({ data: Array.from({ length: MONITORS }, (_, m) => ({ id: `m${m}`, userId: 'u1', name: `m${m}` })) });
  // Per monitor: checks 3 h, 1 h and 1 ms before the cutoff, at it, and 1 h after it.
  const offsets = [-3 * HOUR, -HOUR, -1, 0, HOUR];
  const rows = Array.from({ length: MONITORS }, (_, m) =>
    offsets.map((o) => ({ id: uuidv7(cutoff + o), monitorId: `m${m}`, status: 'UP' as const, latencyMs: 10, maintenance: false, checkedAt: new Date(cutoff + o) })),
  ).flat();
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    await db.$transaction([data.insertCheckRows(batch), data.addToRollups(batch)]);
  }
});

afterAll(async () => {
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('removes every check before the cutoff and keeps the rest, for every monitor', async () => {
  const removed = await data.deleteChecksBefore(new Date(cutoff));
  expect(removed).toEqual({ partitions: 0, rows: MONITORS * 3 });
  const left = await db.check.groupBy({ by: ['monitorId'], _count: { _all: true }, _min: { checkedAt: true } });
  expect(left).toHaveLength(MONITORS);
  for (const m of left) {
    expect(m._count._all).toBe(2);
    expect(m._min.checkedAt?.getTime()).toBe(cutoff);
  }
  // The hours whose checks are all gone go (09:00 and 11:00); the cutoff's own hour, which still
  // holds the check made at it, and the hour after stay.
  const hours = await db.checkRollup.findMany({ where: { monitorId: 'm0' }, orderBy: { hourStart: 'asc' } });
  expect(hours.map((h) => h.hourStart.getTime())).toEqual([cutoff - 0.5 * HOUR, cutoff + 0.5 * HOUR]);
  expect(await data.deleteChecksBefore(new Date(cutoff))).toEqual({ partitions: 0, rows: 0 });
});
