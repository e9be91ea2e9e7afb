// A public status page with 100 monitors and 90 days of history: how long building its view
// from the rollups and rendering it takes when nothing is cached (the worst case: every
// VIEW_TTL_MS, or right after the owner changed something), and when the view is cached.
// Seeds SQLite directly: 100 monitors x 90 days of hourly rollups (216,000 rows) and the daily
// rollups the bars read (9,000 rows), an outage
// a day for a few monitors, two written incidents with updates and a weekly maintenance window.
// Run: node --conditions=react-server --import tsx bench/status-page-render.ts [monitors] [runs]
import { openTempDatabase } from './support/temp-database';
import { seedDailyRollups } from './support/seed-rollups';

const MONITORS = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 60);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const { raw, cleanup } = await openTempDatabase();
const now = Date.now();
const seedStart = performance.now();
raw.transaction(() => {
  const monitor = raw.prepare(`INSERT INTO "Monitor" (id, userId, name, url, intervalSeconds, createdAt, updatedAt, status, statusChangedAt, lastLatencyMs) VALUES (?, 'u1', ?, ?, 60, ?, ?, ?, ?, 42)`);
  const rollup = raw.prepare(`INSERT INTO "CheckRollup" ("monitorId", "hourStart", "totalChecks", "upChecks", "latencySum", "latencyCount", "maintenanceChecks", "maintenanceUpChecks") VALUES (?, ?, 60, ?, ?, 60, ?, ?)`);
  const incident = raw.prepare(`INSERT INTO "Incident" (id, monitorId, startedAt, endedAt, cause) VALUES (?, ?, ?, ?, 'timeout')`);
  const firstHour = Math.floor(now / HOUR) * HOUR - 90 * DAY;
  for (let m = 0; m < MONITORS; m++) {
    const id = `m${m}`;
    monitor.run(id, `Service ${m}`, `https://service-${m}.example.com/health`, now, now, m % 17 === 0 ? 'DOWN' : 'UP', now - HOUR);
    for (let h = 0; h <= 90 * 24; h++) {
      const down = (h * 7 + m) % 97 === 0 ? 5 : 0;
      const maintenance = h % (24 * 7) === 2 ? 60 : 0;
      rollup.run(id, firstHour + h * HOUR, 60 - down, (60 - down) * 40, maintenance, maintenance ? 60 - down : 0);
    }
    if (m % 5 === 0) for (let d = 1; d < 90; d += 3) incident.run(`i${m}-${d}`, id, now - d * DAY, now - d * DAY + 7 * 60_000);
  }
  raw.prepare(`INSERT INTO "StatusPage" (id, userId, slug, title, description, updatedAt) VALUES ('p1', 'u1', 'bench', 'Bench status', 'A big page', ?)`).run(now);
  const section = raw.prepare(`INSERT INTO "StatusPageSection" (id, pageId, name, position) VALUES (?, 'p1', ?, ?)`);
  const placed = raw.prepare(`INSERT INTO "StatusPageMonitor" (pageId, sectionId, monitorId, position, displayName, showDetails) VALUES ('p1', ?, ?, ?, ?, ?)`);
  for (let s = 0; s < 4; s++) section.run(`s${s}`, `Section ${s}`, s);
  for (let m = 0; m < MONITORS; m++) placed.run(`s${m % 4}`, `m${m}`, Math.floor(m / 4), `Public ${m}`, m % 10 === 0 ? 1 : 0);
  const written = raw.prepare(`INSERT INTO "StatusPageIncident" (id, pageId, title, impact, status, startedAt, resolvedAt, updatedAt) VALUES (?, 'p1', ?, 'major', ?, ?, ?, ?)`);
  const update = raw.prepare(`INSERT INTO "StatusPageIncidentUpdate" (id, incidentId, status, message, at) VALUES (?, ?, ?, ?, ?)`);
  written.run('w1', 'Slow API', 'monitoring', now - HOUR, null, now);
  written.run('w2', 'Database failover', 'resolved', now - 3 * DAY, now - 3 * DAY + HOUR, now);
  for (let u = 0; u < 4; u++) update.run(`u1${u}`, 'w1', 'investigating', `Update **${u}**: we are looking into it.`, now - HOUR + u * 60_000);
  for (let u = 0; u < 3; u++) update.run(`u2${u}`, 'w2', 'resolved', `Step ${u} of the failover.`, now - 3 * DAY + u * 60_000);
  raw.prepare(`INSERT INTO "Maintenance" (id, userId, title, allMonitors, recurrence, timeZone, updatedAt) VALUES ('mw', 'u1', 'Weekly patching', 1, ?, 'Europe/Berlin', ?)`).run(
    JSON.stringify({ type: 'weekly', days: [0], startTime: '02:00', endTime: '04:00' }),
    now,
  );
})();
seedDailyRollups(raw);
raw.close();
console.log(`seeded ${MONITORS} monitors x 90 days (${(MONITORS * 2161).toLocaleString('en')} rollup rows) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const { publicStatusPage } = await import('../lib/services/public-status');
const { forgetPublicStatus } = await import('../lib/status-pages/view-cache');
const { renderStatusPage } = await import('../lib/status-pages/render-page');

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

async function buildAndRender(): Promise<number> {
  const page = await publicStatusPage('bench');
  if (!page) throw new Error('bench page missing');
  return renderStatusPage(page.view, { basePath: '/status/bench', now: new Date() }).length;
}

await buildAndRender(); // warm up: module loading, prepared statements
const cold: number[] = [];
let bytes = 0;
for (let i = 0; i < RUNS; i++) {
  forgetPublicStatus();
  const t = performance.now();
  bytes = await buildAndRender();
  cold.push(performance.now() - t);
}
const warm: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await buildAndRender();
  warm.push(performance.now() - t);
}
const page = (await publicStatusPage('bench'))!;
const renderOnly: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  renderStatusPage(page.view, { basePath: '/status/bench', now: new Date() });
  renderOnly.push(performance.now() - t);
}
console.log(`page of ${MONITORS} monitors, ${(bytes / 1024).toFixed(0)} KiB of HTML, ${RUNS} runs each`);
console.log(`view from rollups + render, nothing cached: ${stats(cold)}`);
console.log(`render alone:                              ${stats(renderOnly)}`);
console.log(`with the view cached (the usual request):  ${stats(warm)}`);
cleanup();
process.exit(0);
