// The dashboard's data at 1,000 and 10,000 monitors, in process on SQLite: the full light list,
// a delta after 1 % of the monitors changed, and the heartbeat bars of one screen (30 rows x 50
// checks). Prints time and JSON size (and gzip size, what travels).
// Run: node --conditions=react-server --import tsx bench/dashboard-feed.ts [monitors...]
import { gzipSync } from 'node:zlib';
import { openTempDatabase } from './support/temp-database';
import { seedDailyRollups } from './support/seed-rollups';

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = SIZES.length ? SIZES : [1000, 10_000];
const HOUR = 3_600_000;
const CHECKS = 50;

const { raw, uuidv7, cleanup } = await openTempDatabase();
const biggest = Math.max(...sizes);
const now = Date.now();
const seedStart = performance.now();
raw.transaction(() => {
  const monitor = raw.prepare(
    `INSERT INTO "Monitor" (id, userId, name, url, intervalSeconds, createdAt, updatedAt, status, statusChangedAt, lastCheckedAt, lastLatencyMs) VALUES (?, ?, ?, ?, 60, ?, ?, 'UP', ?, ?, 42)`,
  );
  const rollup = raw.prepare(`INSERT INTO "CheckRollup" ("monitorId", "hourStart", "totalChecks", "upChecks", "latencySum", "latencyCount") VALUES (?, ?, 60, 59, 2520, 60)`);
  const check = raw.prepare(`INSERT INTO "Check" (id, monitorId, status, latencyMs, checkedAt) VALUES (?, ?, ?, ?, ?)`);
  raw.prepare(`INSERT INTO "User" (id, email, passwordHash, updatedAt) VALUES ('u2', 'big@example.com', 'x', ?)`).run(now);
  const firstHour = Math.floor(now / HOUR) * HOUR - 24 * HOUR;
  for (let m = 0; m < biggest; m++) {
    const id = `m${String(m).padStart(5, '0')}`;
    // Monitors of the first size belong to u1, the rest to u2 as well, so each size is one user's list.
    monitor.run(id, 'u2', `Service ${m}`, `https://service-${m}.example.com/health`, now - m, now - HOUR, now - HOUR, now - 30_000);
    for (let h = 0; h <= 24; h++) rollup.run(id, firstHour + h * HOUR);
    for (let c = 0; c < CHECKS; c++) {
      const at = now - (CHECKS - c) * 60_000;
      check.run(uuidv7(at), id, c % 17 === 0 ? 'DOWN' : 'UP', 40 + (c % 9), at);
    }
  }
})();
seedDailyRollups(raw);
console.log(`seeded ${biggest.toLocaleString('en')} monitors with a day of rollups and ${CHECKS} checks each in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const { dashboardFeed, heartbeats } = await import('../lib/services/dashboard-feed');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(0)} KiB (gzip ${(gzipSync(s).length / 1024).toFixed(0)} KiB)`;

for (const size of sizes) {
  // Trim the user's list to this size by handing the rest to another user.
  raw.prepare(`UPDATE "Monitor" SET "userId" = CASE WHEN CAST(substr(id, 2) AS INTEGER) < ? THEN 'u1' ELSE 'u2' END`).run(size);
  const full: number[] = [];
  let body = '';
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    body = JSON.stringify(await dashboardFeed('u1', null));
    full.push(performance.now() - t);
  }
  const cursor = Date.now() - 1000;
  raw.prepare(`UPDATE "Monitor" SET "updatedAt" = ?, "lastLatencyMs" = 99 WHERE "userId" = 'u1' AND CAST(substr(id, 2) AS INTEGER) % 100 = 0`).run(Date.now());
  const delta: number[] = [];
  let deltaBody = '';
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    deltaBody = JSON.stringify(await dashboardFeed('u1', cursor));
    delta.push(performance.now() - t);
  }
  const screen = Array.from({ length: 30 }, (_, i) => `m${String(i).padStart(5, '0')}`);
  const bars: number[] = [];
  let barsBody = '';
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    barsBody = JSON.stringify({ heartbeats: await heartbeats('u1', screen, CHECKS) });
    bars.push(performance.now() - t);
  }
  console.log(`\n${size.toLocaleString('en')} monitors (median of 5):`);
  console.log(`  full list          ${median(full).toFixed(0)} ms, ${kib(body)}`);
  console.log(`  delta, 1% changed  ${median(delta).toFixed(0)} ms, ${kib(deltaBody)}, ${JSON.parse(deltaBody).monitors.length} rows`);
  console.log(`  heartbeats 30x${CHECKS}   ${median(bars).toFixed(0)} ms, ${kib(barsBody)}`);
}
raw.close();
cleanup();
process.exit(0);
