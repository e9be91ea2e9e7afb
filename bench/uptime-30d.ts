// The monitor page's uptime reports (24 h, 7 d, 30 d) for a 1-second monitor with 30 days of
// history: 2.6 million checks. Seeds SQLite directly, then times uptimeReport, which reads
// whole hours from the rollups and only edge hours from raw checks.
// Run: node --conditions=react-server --import tsx bench/uptime-30d.ts [days]
import { seedRollups } from './support/seed-rollups';
import { openTempDatabase } from './support/temp-database';

const DAYS = Number(process.argv[2] ?? 30);
const { raw, uuidv7, cleanup } = await openTempDatabase();
const now = Date.now();
const total = DAYS * 86_400;
const seedStart = performance.now();
raw.prepare(`INSERT INTO "Monitor" (id, userId, name, url, intervalSeconds, createdAt, updatedAt, status) VALUES ('m1', 'u1', 'fast', 'https://example.com', 1, ?, ?, 'UP')`).run(now, now);
const ins = raw.prepare(`INSERT INTO "Check" (id, monitorId, status, latencyMs, statusCode, checkedAt) VALUES (?, 'm1', ?, ?, 200, ?)`);
raw.transaction(() => {
  for (let i = 0; i < total; i++) {
    const at = now - (total - i) * 1000;
    ins.run(uuidv7(at), i % 1000 === 0 ? 'DOWN' : 'UP', 20 + (i % 30), at);
  }
})();
seedRollups(raw);
const rawStart = performance.now();
raw.prepare(`SELECT COUNT(*), SUM("status" = 'UP') FROM "Check" WHERE "monitorId" = 'm1' AND "checkedAt" >= ?`).get(now - DAYS * 86_400_000);
const rawScanMs = performance.now() - rawStart;
raw.close();
console.log(`seeded ${total.toLocaleString('en')} checks in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
console.log(`for comparison, one raw COUNT over the whole window: ${rawScanMs.toFixed(0)} ms`);

const { uptimeReport } = await import('../lib/services/monitor-stats');
for (const hours of [24, 168, 720]) {
  const runs: number[] = [];
  let report = await uptimeReport('m1', hours);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    report = await uptimeReport('m1', hours);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`uptimeReport(${hours} h): median ${runs[2].toFixed(0)} ms, max ${runs[4].toFixed(0)} ms, ${report.totalChecks.toLocaleString('en')} checks, ${report.uptimePercent}%`);
}
cleanup();
process.exit(0);
