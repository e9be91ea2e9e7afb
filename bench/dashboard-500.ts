// Dashboard first view with 500 monitors, measured in Chromium against the production build.
//   node --conditions=react-server --import tsx bench/dashboard-500.ts      (MONITORS=500 CHECKS_PER_MONITOR=1440 RUNS=5)
// Seeds one user with N monitors through the API, then a day of history per monitor (one
// check a minute) straight into SQLite, and loads / several times. Prints the timings.
import Database from 'better-sqlite3';
import { seedRollups } from './support/seed-rollups';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import buildOnce from '../tests/support/build-once';
import { startApp } from '../tests/support/app-server';
import { startTarget } from '../tests/support/target-server';
import { Api } from '../tests/support/api';
import { chromiumAvailable, openBrowser } from '../tests/support/browser';

const MONITORS = Number(process.env.MONITORS ?? 500);
const CHECKS_PER_MONITOR = Number(process.env.CHECKS_PER_MONITOR ?? 1440);
const RUNS = Number(process.env.RUNS ?? 5);

if (!chromiumAvailable()) {
  console.error('No Chromium at /usr/bin/chromium (set CHROMIUM_PATH): cannot measure the first view.');
  process.exit(1);
}

buildOnce();
const [app, target] = await Promise.all([startApp(), startTarget(200)]);
const browser = await openBrowser();
try {
  const api = new Api(app.url);
  await api.signup();
  const started = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < MONITORS; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, MONITORS - i) }, (_, k) =>
        api.post('/api/monitors', { name: `Service ${String(i + k + 1).padStart(3, '0')}`, url: `${target.url}svc/${i + k + 1}`, intervalSeconds: 300 }),
      ),
    );
    for (const r of batch) {
      if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
      ids.push(r.body.monitor.id);
    }
  }
  console.log(`created ${ids.length} monitors through the API in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const seedStart = Date.now();
  const db = new Database(path.join(app.dataDir, 'pingboard.db'), { timeout: 10_000 });
  const insert = db.prepare('INSERT INTO "Check" ("id","monitorId","status","latencyMs","statusCode","checkedAt") VALUES (?,?,?,?,?,?)');
  const now = Date.now();
  db.transaction(() => {
    for (const id of ids) {
      for (let c = 1; c <= CHECKS_PER_MONITOR; c++) {
        const down = Math.random() < 0.01;
        insert.run(randomUUID(), id, down ? 'DOWN' : 'UP', 20 + Math.floor(Math.random() * 200), down ? 503 : 200, now - c * 60_000);
      }
    }
  })();
  seedRollups(db);
  db.close();
  console.log(`seeded ${ids.length * CHECKS_PER_MONITOR} checks in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  const token = api.token!;
  await browser.context.addCookies([{ name: 'pingboard_session', value: token, url: app.url }]);
  const page = browser.page;

  const apiStart = performance.now();
  const list = await api.get('/api/monitors');
  console.log(`GET /api/monitors: ${(performance.now() - apiStart).toFixed(0)} ms, ${list.body.monitors.length} monitors, ${(JSON.stringify(list.body).length / 1024).toFixed(0)} KiB`);

  const results: Array<{ ttfb: number; fcp: number; rows: number; charts: number; html: number }> = [];
  for (let run = 0; run <= RUNS; run++) {
    await page.goto('about:blank');
    await page.goto(`${app.url}/`, { waitUntil: 'commit' });
    // Time from navigation start until all rows are in the DOM and the visible mini charts are drawn.
    const rows = await page.waitForFunction(
      (n) => (document.querySelectorAll('li[data-monitor-id]').length === n ? performance.now() : 0),
      MONITORS,
      { timeout: 30_000, polling: 'raf' },
    );
    const charts = await page.waitForFunction(() => (document.querySelector('[data-chart="mini-uptime"] .recharts-bar-rectangle path') ? performance.now() : 0), undefined, {
      timeout: 30_000,
      polling: 'raf',
    });
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { ttfb: nav.responseStart, html: nav.transferSize || nav.encodedBodySize, fcp: fcp ? fcp.startTime : Number.NaN };
    });
    const r = { ttfb: timing.ttfb, fcp: timing.fcp, rows: await rows.jsonValue(), charts: await charts.jsonValue(), html: timing.html };
    if (run > 0) results.push(r);
    console.log(
      `${run === 0 ? 'cold ' : `run ${run}`}: TTFB ${r.ttfb.toFixed(0)} ms, first contentful paint ${r.fcp.toFixed(0)} ms, ` +
        `all ${MONITORS} rows ${r.rows.toFixed(0)} ms, charts drawn ${r.charts.toFixed(0)} ms, document ${(r.html / 1024).toFixed(0)} KiB`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `\nDashboard first view with ${MONITORS} monitors (median of ${RUNS} warm loads): ` +
      `first contentful paint ${median(results.map((r) => r.fcp)).toFixed(0)} ms, ` +
      `all rows ${median(results.map((r) => r.rows)).toFixed(0)} ms, charts ${median(results.map((r) => r.charts)).toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  await target.close();
  await app.dispose();
}
