// The dashboard at 1,000 and 10,000 monitors, in Chromium against the production build:
//   node --conditions=react-server --import tsx bench/dashboard-scale.ts
//   (MONITORS=1000,10000 RUNS=5 INTERVAL=30 WIRE_SECONDS=60 WIRE_SIZES=<all sizes> SHOTS=1)
// Per size: the first view (from navigation start until every row of the first screen is shown
// with its heartbeat bar drawn; a cold load, then RUNS warm ones), the bytes an open dashboard
// receives in a minute while the worker checks every monitor every INTERVAL s, the frame times
// of scrolling the whole list, and a search. At 1,000 it also saves the screenshots
// docs/screenshots/dashboard-1000-{desktop,phone}-{light,dark}.png. Prints figures; asserts nothing.
//
// One monitor is created through the API and copied N - 1 times in the database (support/
// seed-monitors.ts, as fast for 10,000 as for 10); support/seed-dashboard.ts then names them,
// tags some, has all of them alert a webhook on the target, points one in 200 at a closed
// loopback port (down, and kept down by the worker), pauses one in 250, and writes 50 checks
// each and a day of hourly rollups. Every request the app and the browser make goes to 127.0.0.1.
import os from 'node:os';
import path from 'node:path';
import buildOnce from '../tests/support/build-once';
import { freePort, startApp, type AppServer } from '../tests/support/app-server';
import { startTarget, type TargetServer } from '../tests/support/target-server';
import { Api, waitFor } from '../tests/support/api';
import { chromiumAvailable, openBrowser, type BrowserSession } from '../tests/support/browser';
import { seedMonitors } from './support/seed-monitors';
import { monitorName, seedDashboard, type DashboardSeed } from './support/seed-dashboard';
import { firstView, installProbe, scrollFrames, searchTiming, watchHttpErrors, wireTally, type FirstView, type Frames, type SearchTiming, type WireTally } from './support/dashboard-page';
import { cpuSeconds } from './support/proc-stats';

const SIZES = (process.env.MONITORS ?? '1000,10000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Number(process.env.RUNS ?? 5);
const INTERVAL = Number(process.env.INTERVAL ?? 30);
const WIRE_SECONDS = Number(process.env.WIRE_SECONDS ?? 60);
const WIRE_SIZES = new Set((process.env.WIRE_SIZES ?? SIZES.join(',')).split(',').map(Number));
const SHOTS = process.env.SHOTS !== '0';
const CHECKS = 50;
const QUERY = 'payments eu-west';
const TAGS: Array<[string, string]> = [
  ['production', '#dc2626'],
  ['staging', '#d97706'],
  ['internal', '#4f46e5'],
];
const SHOT_DIR = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');

interface Result {
  size: number;
  seed: DashboardSeed;
  views: FirstView[];
  wire: { tally: WireTally; appCpu: number } | null;
  fling: Frames;
  steady: Frames;
  typed: SearchTiming;
  pasted: SearchTiming;
  matches: number;
  errors: string[];
  appWarnings: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${n.toFixed(0)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Seeds `size` monitors for a new user; resolves to that user's session token. */
async function seed(app: AppServer, target: TargetServer, size: number): Promise<{ seeded: DashboardSeed; token: string }> {
  const closedPort = await freePort();
  const api = new Api(app.url);
  await api.signup('ops@example.com');
  const tagIds: string[] = [];
  for (const [name, color] of TAGS) tagIds.push((await api.post('/api/tags', { name, color })).body.tag.id);
  // Alerts go to a webhook on the loopback target, as a team with this many monitors would have one.
  const hook = await api.post('/api/channels', { kind: 'webhook', name: 'On-call webhook', settings: { url: `${target.url}hook` } });
  if (hook.status !== 201) throw new Error(`channel failed: ${hook.status} ${JSON.stringify(hook.body)}`);
  // Created paused, so the worker leaves the copies alone until seedDashboard switches them on.
  const created = await api.post('/api/monitors', { name: monitorName(0), url: `${target.url}svc/0`, intervalSeconds: INTERVAL, active: false });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const started = Date.now();
  await seedMonitors(app, created.body.monitor.id, size - 1, `${target.url}svc/`, started, 0);
  const seeded = await seedDashboard(path.join(app.dataDir, 'pingboard.db'), {
    ids: [created.body.monitor.id, ...Array.from({ length: size - 1 }, (_, k) => `seed-${k + 1}`)],
    intervalSeconds: INTERVAL,
    checks: CHECKS,
    upUrl: `${target.url}svc/`,
    downUrl: `http://127.0.0.1:${closedPort}/svc/`,
    downEvery: 200,
    pausedEvery: 250,
    tagIds,
    channelIds: [hook.body.channel.id],
    now: Date.now(),
  });
  const active = size - seeded.paused;
  await waitFor(async () => ((await api.get('/api/healthz')).body?.worker?.owned ?? 0) >= active, 60_000, `the worker to claim ${active} monitors`);
  console.log(
    `\n${size.toLocaleString('en')} monitors: seeded (${seeded.down} down, ${seeded.paused} paused, ${seeded.checks.toLocaleString('en')} checks, a day of hourly rollups; ${seeded.stepsMs.map((m) => (m / 1000).toFixed(1)).join(' + ')} s writing) ` +
      `and claimed by the worker in ${((Date.now() - started) / 1000).toFixed(1)} s; each checked every ${INTERVAL} s (${(active / INTERVAL).toFixed(0)} checks/s on loopback)`,
  );
  return { seeded, token: api.token! };
}

function printView(label: string, v: FirstView): void {
  console.log(
    `  ${label.padEnd(6)} TTFB ${ms(v.ttfb)}, FCP ${ms(v.fcp)}, first screen shown ${ms(v.firstScreen)}, ${v.rowsOnScreen} rows with bars drawn ${ms(v.barsDrawn)}; ` +
      `document ${kib(v.documentKiB * 1024)} (${kib(v.documentDecodedKiB * 1024)} decoded); long tasks ${v.longTasks} (${ms(v.longTaskMs)}, longest ${ms(v.longestTaskMs)})`,
  );
}

function printFrames(label: string, f: Frames): void {
  console.log(
    `  ${label}: ${f.frames} frames over ${f.seconds.toFixed(1)} s, ${(f.scrolledPx / 1000).toFixed(0)}k px; frame time p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, ` +
      `max ${f.max.toFixed(0)} ms; over 16.7 ms ${f.over16}, over 33.3 ms ${f.over33}; long tasks ${f.longTasks} (longest ${ms(f.longestTaskMs)})` +
      (f.scrolledPx > 0 ? `; last screen's bars ${ms(f.barsAfterMs)} after the scroll stopped` : ''),
  );
}

async function screenshots(app: AppServer, token: string): Promise<string[]> {
  const files: string[] = [];
  for (const [device, viewport] of [
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 375, height: 812 }],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      const b = await openBrowser({ viewport, colorScheme: scheme });
      try {
        await installProbe(b.context);
        await b.context.addCookies([{ name: 'pingboard_session', value: token, url: app.url }]);
        await firstView(b.page, `${app.url}/`);
        await b.page.mouse.move(viewport.width - 1, viewport.height - 1);
        const file = path.join(SHOT_DIR, `dashboard-1000-${device}-${scheme}.png`);
        await b.page.screenshot({ path: file, animations: 'disabled' });
        files.push(path.relative(process.cwd(), file));
      } finally {
        await b.close();
      }
    }
  }
  return files;
}

async function measure(size: number): Promise<Result> {
  const [app, target] = await Promise.all([startApp({ env: { MAX_MONITORS_PER_USER: String(size + 10) } }), startTarget(200)]);
  let browser: BrowserSession | null = null;
  try {
    const { seeded, token } = await seed(app, target, size);
    const logFrom = app.logs().length;
    browser = await openBrowser();
    await installProbe(browser.context);
    await browser.context.addCookies([{ name: 'pingboard_session', value: token, url: app.url }]);
    const page = browser.page;
    const httpErrors = await watchHttpErrors(page);

    console.log(`first view (1440x900), cold then ${RUNS} warm:`);
    const views: FirstView[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const v = await firstView(page, `${app.url}/`);
      views.push(v);
      printView(run === 0 ? 'cold' : `run ${run}`, v);
    }

    let wire: Result['wire'] = null;
    if (WIRE_SIZES.has(size)) {
      await firstView(page, `${app.url}/`);
      const cpuBefore = cpuSeconds(app.pid);
      const tally = await wireTally(page, WIRE_SECONDS * 1000);
      wire = { tally, appCpu: cpuSeconds(app.pid) - cpuBefore };
      printWire(wire.tally, wire.appCpu);
    }

    const idle = await scrollFrames(page, 2, 0);
    printFrames('idle at the top for 2 s (baseline)', idle);
    const fling = await scrollFrames(page, 6, null);
    printFrames('scroll, top to bottom in 6 s', fling);
    const steady = await scrollFrames(page, 5, 2000);
    printFrames('scroll, 2,000 px/s for 5 s', steady);

    const words = QUERY.split(' ');
    const matches = Array.from({ length: size }, (_, i) => monitorName(i).toLowerCase()).filter((n) => words.every((w) => n.includes(w))).length;
    const typed = await searchTiming(page, QUERY, 'type', matches, size);
    printSearch('typed key by key', typed, matches);
    const pasted = await searchTiming(page, QUERY, 'fill', matches, size);
    printSearch('pasted at once', pasted, matches);

    const errors = [...new Set(browser.errors)];
    if (SHOTS && size === 1000) console.log(`screenshots: ${(await screenshots(app, token)).join(', ')}`);
    const appWarnings = app.logs().slice(logFrom).split('\n').filter((l) => /"level":(40|50|60)/.test(l));
    console.log(`browser errors: ${errors.length ? errors.join(' | ') : 'none'}; HTTP errors: ${[...new Set(httpErrors)].join(', ') || 'none'}; app log warnings/errors: ${appWarnings.length}`);
    for (const l of appWarnings.slice(0, 5)) console.log(`  ${l.slice(0, 300)}`);
    return { size, seed: seeded, views, wire, fling, steady, typed, pasted, matches, errors, appWarnings: appWarnings.length };
  } catch (err) {
    console.error(`the app's last output:\n${app.logs().slice(-3000)}`);
    throw err;
  } finally {
    await browser?.close();
    await target.close();
    await app.dispose();
  }
}

function printWire(t: WireTally, appCpu: number): void {
  const perMin = 60 / t.seconds;
  console.log(
    `open dashboard for ${t.seconds} s: received ${kib(t.receivedBytes * perMin)}/min on the wire (${kib(t.decodedBytes * perMin)}/min decoded), ` +
      `sent about ${kib(t.sentBytes * perMin)}/min, ${(t.requests * perMin).toFixed(0)} requests/min; app CPU ${appCpu.toFixed(1)} s (${((appCpu / t.seconds) * 100).toFixed(0)} % of a core)`,
  );
  for (const [p, v] of [...t.byPath].sort((a, b) => b[1].receivedBytes - a[1].receivedBytes)) {
    console.log(`  ${p.padEnd(36)} ${String(v.requests).padStart(4)} requests, ${kib(v.receivedBytes)} (${kib(v.decodedBytes)} decoded), ${kib(v.receivedBytes / v.requests)} each`);
  }
  for (const [what, count] of t.failed) console.log(`  no response: ${what} x ${count}`);
}

function printSearch(label: string, s: SearchTiming, matches: number): void {
  console.log(
    `search "${QUERY}" ${label}: ${matches} matches listed ${ms(s.rowsMs)} after the first input, their bars ${ms(s.barsMs)}; ` + `Escape back to the whole list ${ms(s.clearMs)}`,
  );
}

if (!chromiumAvailable()) {
  console.error('No Chromium at /usr/bin/chromium (set CHROMIUM_PATH): cannot measure the dashboard.');
  process.exit(1);
}
buildOnce();
const benchStart = Date.now();
// The machine's other work shows in every figure: say how busy it was.
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`${os.cpus().length} cores, load average ${load()} before the bench`);
const results: Result[] = [];
for (const size of SIZES) results.push(await measure(size));

console.log(`\n=== dashboard at scale (Chromium, production build, SQLite; monitors checked every ${INTERVAL} s; medians of ${RUNS} warm loads)`);
for (const r of results) {
  const warm = r.views.slice(1);
  const bars = warm.map((v) => v.barsDrawn);
  console.log(
    `${r.size.toLocaleString('en').padStart(6)} monitors: first view (rows and bars drawn) median ${ms(median(bars))}, max ${ms(Math.max(...bars))}, cold ${ms(r.views[0].barsDrawn)}; ` +
      `TTFB ${ms(median(warm.map((v) => v.ttfb)))}, FCP ${ms(median(warm.map((v) => v.fcp)))}, document ${kib(median(warm.map((v) => v.documentKiB)) * 1024)}`,
  );
  if (r.wire) console.log(`${''.padStart(16)}open dashboard: ${kib((r.wire.tally.receivedBytes * 60) / r.wire.tally.seconds)}/min received (${kib((r.wire.tally.decodedBytes * 60) / r.wire.tally.seconds)}/min decoded), ${((r.wire.tally.requests * 60) / r.wire.tally.seconds).toFixed(0)} requests/min`);
  for (const [label, f] of [
    ['scroll top to bottom in 6 s', r.fling],
    ['scroll 2,000 px/s', r.steady],
  ] as const) {
    console.log(`${''.padStart(16)}${label}: frame p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(0)} ms, ${f.over16}/${f.frames} frames over 16.7 ms, ${f.over33} over 33.3 ms`);
  }
  console.log(`${''.padStart(16)}search (${r.matches} of ${r.size}): typed ${ms(r.typed.rowsMs)}, pasted ${ms(r.pasted.rowsMs)}; browser errors ${r.errors.length}, app warnings ${r.appWarnings}`);
}
console.log(`bench took ${((Date.now() - benchStart) / 1000).toFixed(0)} s; load average ${load()} after it`);
process.exit(0);
