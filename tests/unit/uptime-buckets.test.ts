import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// uptimeBucketCounts mixes hourly rollups (whole hours inside a bucket) with raw checks (hours
// cut by an edge). Against a real SQLite file written through the worker's own insert path,
// every window must give exactly what counting the raw checks gives. BLOCKED checks (refused by
// the outbound policy) are stored but counted nowhere: neither up nor down, no latency. Checks
// made during maintenance are counted apart as well, so uptime can be told with and without them.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-buckets-'));
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = 'silent';

type Seeded = { checkedAt: number; status: 'UP' | 'DOWN' | 'BLOCKED'; latencyMs: number | null; maintenance: boolean };
const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 21, 6, 37, 12, 345);
const seeded: Seeded[] = [];
let data: typeof import('@/lib/data/checks');

beforeAll(async () => {
  const { migrateDatabase } = await import('@/lib/db/sqlite/migrate');
  migrateDatabase(path.join(dir, 'pingboard.db'));
  const { getDb } = await import('@/lib/db/client');
  const { uuidv7 } = await import('@/lib/ids');
  data = await import('@/lib/data/checks');
  const db = getDb();
  await db.user.create({ data: { id: 'u1', email: 'u1@example.com', passwordHash: 'x' } });
  await db.monitor.create({ data: { id: 'm1', userId: 'u1', name: 'm', url: 'https://example.com' } });
  // Pseudo-random but repeatable: about 4,000 checks over 80 hours, some without latency.
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 4000; i++) {
    const checkedAt = Math.floor(now - rand() * 80 * HOUR);
    const r = rand();
    const latencyMs = rand() < 0.05 ? null : Math.floor(rand() * 500);
    seeded.push({ checkedAt, status: r < 0.85 ? 'UP' : r < 0.95 ? 'DOWN' : 'BLOCKED', latencyMs, maintenance: rand() < 0.1 });
  }
  const rows = seeded.map((s) => ({ id: uuidv7(s.checkedAt), monitorId: 'm1', status: s.status, latencyMs: s.latencyMs, maintenance: s.maintenance, checkedAt: new Date(s.checkedAt) }));
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    await db.$transaction([data.insertCheckRows(batch), data.addToRollups(batch)]);
  }
});

afterAll(async () => {
  const { getDb } = await import('@/lib/db/client');
  await getDb().$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

function naive(from: number, to: number, buckets: number) {
  const width = (to - from) / buckets;
  const out = Array.from({ length: buckets }, () => ({ totalChecks: 0, upChecks: 0, latencySum: 0, latencyCount: 0, maintenanceChecks: 0, maintenanceUpChecks: 0 }));
  for (const s of seeded) {
    if (s.checkedAt < from || s.checkedAt >= to || s.status === 'BLOCKED') continue;
    const b = out[Math.min(buckets - 1, Math.floor((s.checkedAt - from) / width))];
    b.totalChecks++;
    if (s.status === 'UP') b.upChecks++;
    if (s.maintenance) b.maintenanceChecks++;
    if (s.maintenance && s.status === 'UP') b.maintenanceUpChecks++;
    if (s.latencyMs !== null) {
      b.latencySum += s.latencyMs;
      b.latencyCount++;
    }
  }
  return out;
}

describe('uptime buckets from rollups and raw edges', () => {
  it('has blocked checks stored among the seeded ones', async () => {
    const { getDb } = await import('@/lib/db/client');
    const blocked = seeded.filter((s) => s.status === 'BLOCKED').length;
    expect(blocked).toBeGreaterThan(100);
    expect(await getDb().check.count({ where: { status: 'BLOCKED' } })).toBe(blocked);
  });

  it.each([
    ['72 h (3 h buckets)', 72],
    ['48 h (2 h buckets)', 48],
    ['25 h (62.5 min buckets)', 25],
    ['24 h (1 h buckets, not hour-aligned)', 24],
    ['1 h (2.5 min buckets)', 1],
    ['720 h (more than the data)', 720],
  ])('%s matches counting every check', async (_label, hours) => {
    const from = new Date(now - hours * HOUR);
    const to = new Date(now + 1);
    expect(await data.uptimeBucketCounts('m1', from, to, 24)).toEqual(naive(from.getTime(), to.getTime(), 24));
  });

  it('matches on an hour-aligned window too', async () => {
    const to = new Date(Math.floor(now / HOUR) * HOUR);
    const from = new Date(to.getTime() - 48 * HOUR);
    expect(await data.uptimeBucketCounts('m1', from, to, 24)).toEqual(naive(from.getTime(), to.getTime(), 24));
  });

  // now is 06:37:12.345: since falls late in its hour (checks up to the next hour are added),
  // early in it (checks since the hour's start are taken off its rollup), or on the hour.
  it.each([
    ['late in its hour', 24 * HOUR],
    ['early in its hour', 24 * HOUR + 27 * 60_000],
    ['one millisecond after the hour', 24 * HOUR + 37 * 60_000 + 12_344],
    ['on the hour', 24 * HOUR + 37 * 60_000 + 12_345],
    ['one millisecond before the hour', 24 * HOUR + 37 * 60_000 + 12_346],
  ])('gives the list its 24 h totals exactly when since is %s', async (_label, ago) => {
    const since = new Date(now - ago);
    const counts = (await data.uptimeCountsSince(['m1'], since)).get('m1');
    const [whole] = naive(since.getTime(), Number.MAX_SAFE_INTEGER, 1);
    expect(counts).toEqual(whole);
  });
});
