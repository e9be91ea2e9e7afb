// How long the dashboard's data takes for a user with many monitors and a full day of history.
// Seeds a fresh SQLite file directly (fast), then times listMonitorsJson, the body of
// GET /api/monitors and the dashboard's first view. Run: node --conditions=react-server --import tsx bench/list-monitors.ts [monitors] [checksPerMonitor]
import { seedRollups } from './support/seed-rollups';
import { openTempDatabase } from './support/temp-database';

const MONITORS = Number(process.argv[2] ?? 500);
const CHECKS = Number(process.argv[3] ?? 1440); // one day at a 60 s interval

const { raw, uuidv7, cleanup } = await openTempDatabase();
const now = Date.now();
const seedStart = performance.now();
const insMonitor = raw.prepare(`INSERT INTO "Monitor" (id, userId, name, url, createdAt, updatedAt, status) VALUES (?, 'u1', ?, ?, ?, ?, 'UP')`);
const insCheck = raw.prepare(`INSERT INTO "Check" (id, monitorId, status, latencyMs, statusCode, checkedAt) VALUES (?, ?, ?, ?, 200, ?)`);
raw.transaction(() => {
  for (let m = 0; m < MONITORS; m++) {
    const id = `m${m}`;
    insMonitor.run(id, `Monitor ${m}`, `https://example.com/${m}`, now - 86_400_000, now);
    for (let c = 0; c < CHECKS; c++) {
      const at = now - (CHECKS - c) * (86_400_000 / CHECKS);
      insCheck.run(uuidv7(at), id, c % 97 === 0 ? 'DOWN' : 'UP', 20 + (c % 50), at);
    }
  }
})();
seedRollups(raw);
raw.close();
console.log(`seeded ${MONITORS} monitors x ${CHECKS} checks in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const { listMonitorsJson } = await import('../lib/services/monitor-stats');
const runs: number[] = [];
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  const body = await listMonitorsJson('u1');
  runs.push(performance.now() - t);
  if ((JSON.parse(body) as { monitors: unknown[] }).monitors.length !== MONITORS) throw new Error('wrong count');
}
const warm = runs.slice(1).sort((a, b) => a - b);
console.log(`listMonitorsJson: first ${runs[0].toFixed(0)} ms, warm median ${warm[Math.floor(warm.length / 2)].toFixed(0)} ms, warm max ${warm[warm.length - 1].toFixed(0)} ms`);
cleanup();
process.exit(0);
