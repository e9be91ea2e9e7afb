// Issue 16's fleet figures for Pingboard, against the production server on SQLite:
//   node --conditions=react-server --import tsx bench/fleet.ts
//   (PARTS=cpu1000,list,cpu2000,dashboard,restart,disk,10k  DURATION_S=120  INTERVAL_S=20
//    INTERVAL_10K_S=30  SIZES=1000,2000,10000  DISK_CHECKS=10000  LIST_RUNS=20)
// The issue's method: HTTP GET monitors (retries 0) created through POST /api/monitors, 8 at a
// time, each checking its own path of a loopback target that records every arrival
// (support/fleet.ts); the server's CPU and memory read from /proc (peak RSS is VmHWM); a fresh
// server and database per size; one interval of warm-up after the last monitor is made, then
// DURATION_S of measurement, rounded to whole intervals. CPU per check is server CPU over the
// checks the target received in the window; the scheduling error of an arrival is |its gap to
// the monitor's previous one - the interval|. Parts of one size share its server, in the order
// listed. Prints one markdown table in the issue's row order and the breakdowns; asserts
// nothing, but exits 1 when the harness failed (a server died, no arrivals, a part threw).
// Every request stays on 127.0.0.1.
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import buildOnce from '../tests/support/build-once';
import { countRows } from '../tests/support/app-db';
import { chromiumAvailable, openBrowser } from '../tests/support/browser';
import { firstView, installProbe } from './support/dashboard-page';
import { cpuSeconds } from './support/proc-stats';
import { memoryBreakdown } from './support/memory-breakdown';
import { sqliteSize } from './support/sqlite-size';
import { sleep } from './engine/support';
import { closePairs, percentile } from '../tests/cluster/support/series';
import {
  cpuMsPerCheck,
  cpuPercent,
  disposeFleet,
  FLEET_METRICS_TOKEN,
  measureWindow,
  pathOf,
  restartFleet,
  startFleet,
  windowArrivals,
  type Fleet,
  type WindowFigures,
} from './support/fleet';

const ALL_PARTS = ['cpu1000', 'list', 'cpu2000', 'dashboard', 'restart', 'disk', '10k'] as const;
type Part = (typeof ALL_PARTS)[number];
const PARTS = new Set((process.env.PARTS ?? ALL_PARTS.join(',')).split(',').filter(Boolean));
const unknown = [...PARTS].filter((p) => !(ALL_PARTS as readonly string[]).includes(p));
if (unknown.length) {
  console.error(`unknown PARTS ${unknown.join(', ')}; choose from ${ALL_PARTS.join(', ')}`);
  process.exit(2);
}
const DURATION_S = Number(process.env.DURATION_S ?? 120);
const INTERVAL_S = Number(process.env.INTERVAL_S ?? 20);
const BIG_INTERVAL_S = Number(process.env.INTERVAL_10K_S ?? 30);
const [SMALL, MEDIUM, LARGE] = (process.env.SIZES ?? '1000,2000,10000').split(',').map(Number);
const DISK_CHECKS = Number(process.env.DISK_CHECKS ?? 10_000);
const LIST_RUNS = Number(process.env.LIST_RUNS ?? 20);

const n = (x: number) => Math.round(x).toLocaleString('en');
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const mib = (x: number) => `${x.toFixed(0)} MiB`;
const seconds = (x: number) => `${(x / 1000).toFixed(1)} s`;

/** The figures of every part that ran, and why each that failed did. */
const results: {
  cpu1000?: WindowFigures;
  list?: { p50: number; p95: number; max: number; bytes: number; gzipBytes: number; encoding: string };
  cpu2000?: WindowFigures;
  dashboard?: WindowFigures;
  restart?: { allCheckedMs: number | null; unchecked: number; ratio: number };
  disk?: { perCheck: number; perCheckVacuumed: number; rows: number };
  big?: WindowFigures;
} = {};
const failed = new Map<Part, string>();
/** Lines printed again under the table. */
const breakdowns: string[] = [];
const say = (line: string) => {
  console.log(line);
  breakdowns.push(line);
};

function describeWindow(w: WindowFigures): string {
  return (
    `${w.seconds.toFixed(0)} s window: server CPU ${w.cpuSeconds.toFixed(1)} s = ${cpuPercent(w).toFixed(1)} % of one core, ${cpuMsPerCheck(w).toFixed(2)} ms per check; ` +
    `${n(w.arrivals)} checks received of ${n(w.expected)} expected (${((100 * w.arrivals) / w.expected).toFixed(1)} %), ${w.unchecked} monitors unchecked; ` +
    `scheduling error p50 ${ms(w.error.p50)}, p99 ${ms(w.error.p99)}, max ${ms(w.error.max)} (${n(w.error.n)} gaps); ` +
    `RSS ${mib(w.rss.end)} at the end, ${mib(w.rss.sampledMax)} the most sampled, peak (VmHWM) ${mib(w.rss.peak)}`
  );
}

/**
 * DURATION_S rounded to whole intervals (at least two): each monitor is then checked the same
 * number of times in the window whatever its phase, so received / expected means what it says.
 */
const windowSeconds = (fleet: Fleet) => Math.max(2, Math.round(DURATION_S / fleet.intervalS)) * fleet.intervalS;

async function windowOf(fleet: Fleet, label: string): Promise<WindowFigures> {
  const w = await measureWindow(fleet, windowSeconds(fleet));
  say(`${label}: ${describeWindow(w)}`);
  say(`${label}: memory after the window: ${await memoryBreakdown(fleet.app.pid, fleet.app.url, FLEET_METRICS_TOKEN)}`);
  return w;
}

/** Starts a fleet for `parts` (those of them asked for), runs `body`, and marks what it did not finish as failed. */
async function withFleet(size: number, intervalS: number, parts: Part[], active: boolean, body: (fleet: Fleet) => Promise<void>): Promise<void> {
  const wanted = parts.filter((p) => PARTS.has(p));
  if (wanted.length === 0) return;
  console.log(`\n=== ${wanted.join(', ')}: ${n(size)} monitors every ${intervalS} s`);
  let fleet: Fleet | null = null;
  try {
    fleet = await startFleet(size, intervalS, { active });
    console.log(`${n(size)} monitors created through the API in ${seconds(fleet.createdInMs)} (${((1000 * size) / fleet.createdInMs).toFixed(0)} a second)`);
    await body(fleet);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.error(`FAILED (${wanted.join(', ')}): ${why}`);
    for (const p of wanted) if (!failed.has(p)) failed.set(p, why.split('\n')[0]);
  } finally {
    if (fleet) await disposeFleet(fleet);
  }
}

async function warmUp(fleet: Fleet): Promise<void> {
  console.log(`warming up for one interval (${fleet.intervalS} s)`);
  await sleep(fleet.intervalS * 1000);
}

/** LIST_RUNS sequential GET /api/monitors, each timed until its whole body has arrived. */
async function listTimings(fleet: Fleet): Promise<NonNullable<typeof results.list>> {
  const times: number[] = [];
  let text = '';
  let encoding = 'identity';
  for (let r = 0; r < LIST_RUNS; r++) {
    const started = performance.now();
    const res = await fetch(`${fleet.app.url}/api/monitors`, { headers: { authorization: `Bearer ${fleet.client.token}` }, signal: AbortSignal.timeout(30_000) });
    text = await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`GET /api/monitors answered ${res.status}: ${text.slice(0, 200)}`);
    const listed = (JSON.parse(text) as { monitors: unknown[] }).monitors.length;
    if (listed !== fleet.size) throw new Error(`GET /api/monitors listed ${listed} monitors, not ${fleet.size}`);
    encoding = res.headers.get('content-encoding') ?? 'identity';
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), bytes: Buffer.byteLength(text), gzipBytes: gzipSync(text).length, encoding };
}

async function dashboardWindow(fleet: Fleet): Promise<WindowFigures> {
  if (!chromiumAvailable()) throw new Error('no Chromium at /usr/bin/chromium (set CHROMIUM_PATH)');
  const browser = await openBrowser();
  try {
    await installProbe(browser.context);
    await browser.context.addCookies([{ name: 'pingboard_session', value: fleet.client.token!, url: fleet.app.url }]);
    const cpuBefore = cpuSeconds(fleet.app.pid);
    const view = await firstView(browser.page, `${fleet.app.url}/`);
    say(`dashboard: first view with ${view.rowsOnScreen} rows and their bars drawn in ${ms(view.barsDrawn)} (document ${view.documentDecodedKiB.toFixed(0)} KiB decoded), server CPU for it ${(cpuSeconds(fleet.app.pid) - cpuBefore).toFixed(1)} s; then left open`);
    let requests = 0;
    browser.page.on('requestfinished', () => requests++);
    const w = await windowOf(fleet, 'dashboard open');
    say(`dashboard open: the page made ${requests} requests in the window (${((60 * requests) / w.seconds).toFixed(0)} a minute); browser errors: ${[...new Set(browser.errors)].join(' | ') || 'none'}`);
    return w;
  } finally {
    await browser.close();
  }
}

/** Restarts the server under its monitors and watches the target for three intervals after. */
async function restartFigures(fleet: Fleet): Promise<NonNullable<typeof results.restart>> {
  const T = fleet.intervalS * 1000;
  const r = await restartFleet(fleet);
  say(`restart: old server stopped; the new one answered its first request ${seconds(r.readyAt - r.stoppedAt)} after it was spawned`);
  await sleep(Math.max(0, r.readyAt + T - Date.now()));
  // Intervals 2 and 3 after the restart, the way every other window is read.
  const w = await measureWindow(fleet, (2 * T) / 1000);
  say(`restart, intervals 2-3 after it: ${describeWindow(w)}`);
  const firsts = fleet.ids.map((_, i) => fleet.target.arrivals(pathOf(i)).find((t) => t > r.stoppedAt) ?? null);
  const unchecked = firsts.filter((t) => t === null).length;
  const last = unchecked ? null : Math.max(...(firsts as number[]));
  const before = windowArrivals(fleet, r.stoppedAt, r.readyAt).arrivals;
  // Checked twice within half an interval: the first check after the restart, and soon after it the monitor's old cadence.
  const doubled = fleet.ids.filter((_, i) => closePairs(fleet.target.arrivals(pathOf(i)).filter((t) => t > r.stoppedAt), T / 2).length > 0).length;
  const perSecond = Array.from({ length: (3 * T) / 1000 }, (_, s) => windowArrivals(fleet, r.readyAt + s * 1000, r.readyAt + (s + 1) * 1000).arrivals);
  const tail = perSecond.slice(T / 1000);
  const ratio = Math.max(...tail) / (tail.reduce((a, b) => a + b, 0) / tail.length);
  say(
    `restart: every monitor checked ${last === null ? `NOT within three intervals (${unchecked} never)` : `${seconds(last - r.readyAt)} after the new server was ready (${seconds(last - r.stoppedAt)} after it was spawned)`}; ` +
      `${before} checks arrived before it was ready; ${doubled} monitors were checked twice within half an interval`,
  );
  for (let k = 0; k < 3; k++) say(`restart: arrivals a second, interval ${k + 1}: ${perSecond.slice((k * T) / 1000, ((k + 1) * T) / 1000).join(' ')}`);
  say(`restart: busiest second / mean from the second interval on: ${ratio.toFixed(2)} (${Math.max(...tail)} / ${(tail.reduce((a, b) => a + b, 0) / tail.length).toFixed(1)})`);
  return { allCheckedMs: last === null ? null : last - r.readyAt, unchecked, ratio };
}

/** Paused monitors, sized; then switched on until DISK_CHECKS checks are stored, and sized again. */
async function diskFigures(fleet: Fleet): Promise<NonNullable<typeof results.disk>> {
  const dbPath = fleet.app.databaseUrl.replace(/^file:/, '');
  await fleet.app.stop();
  const before = sqliteSize(dbPath);
  await restartFleet(fleet);
  const resumed = await fleet.client.post('/api/monitors/bulk', { action: 'resume', monitorIds: fleet.ids });
  if (resumed.status !== 200) throw new Error(`resume answered ${resumed.status}: ${JSON.stringify(resumed.body).slice(0, 300)}`);
  const started = Date.now();
  const limit = ((3 * DISK_CHECKS) / (fleet.size / fleet.intervalS)) * 1000 + 120_000;
  let stored = 0;
  while ((stored = await countRows(fleet.app, `SELECT COUNT(*) AS n FROM "Check"`)) < DISK_CHECKS) {
    if (Date.now() - started > limit) throw new Error(`only ${stored} of ${DISK_CHECKS} checks stored after ${seconds(limit)}`);
    await sleep(1000);
  }
  const paused = await fleet.client.post('/api/monitors/bulk', { action: 'pause', monitorIds: fleet.ids });
  if (paused.status !== 200) throw new Error(`pause answered ${paused.status}`);
  await fleet.app.stop(); // its writer flushes on SIGTERM
  const rows = await countRows(fleet.app, `SELECT COUNT(*) AS n FROM "Check"`);
  const after = sqliteSize(dbPath);
  const perCheck = (after.checkpointed - before.checkpointed) / rows;
  const perCheckVacuumed = (after.vacuumed - before.vacuumed) / rows;
  say(`disk: ${n(rows)} checks stored in ${seconds(Date.now() - started)}; database + -wal after a TRUNCATE checkpoint ${n(before.checkpointed)} -> ${n(after.checkpointed)} bytes (${perCheck.toFixed(0)} B a check); after VACUUM ${n(before.vacuumed)} -> ${n(after.vacuumed)} bytes (${perCheckVacuumed.toFixed(0)} B a check)`);
  say('disk: pages by table and index (dbstat), before -> after, and the growth per stored check:');
  const names = [...new Set([...before.byName.keys(), ...after.byName.keys()])];
  const growth = (name: string) => (after.byName.get(name) ?? 0) - (before.byName.get(name) ?? 0);
  for (const name of names.sort((a, b) => growth(b) - growth(a))) {
    if (growth(name) === 0 && (after.byName.get(name) ?? 0) < 16_384) continue;
    say(`  ${name.padEnd(44)} ${n(before.byName.get(name) ?? 0).padStart(12)} -> ${n(after.byName.get(name) ?? 0).padStart(12)}  ${(growth(name) / rows).toFixed(1).padStart(7)} B/check`);
  }
  return { perCheck, perCheckVacuumed, rows };
}

buildOnce();
const benchStart = Date.now();
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`fleet: ${os.cpus().length} cores, load average ${load()}; parts ${[...PARTS].join(', ')}; windows of about ${DURATION_S} s (whole intervals)`);

await withFleet(SMALL, INTERVAL_S, ['cpu1000', 'list'], true, async (fleet) => {
  await warmUp(fleet);
  if (PARTS.has('cpu1000')) results.cpu1000 = await windowOf(fleet, `${n(SMALL)} monitors`);
  if (PARTS.has('list')) {
    const l = (results.list = await listTimings(fleet));
    say(`GET /api/monitors, ${LIST_RUNS} requests: p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, max ${ms(l.max)}; ${n(l.bytes)} bytes of JSON, sent with content-encoding ${l.encoding} (${n(l.gzipBytes)} bytes gzipped here)`);
  }
});
await withFleet(MEDIUM, INTERVAL_S, ['cpu2000', 'dashboard', 'restart'], true, async (fleet) => {
  await warmUp(fleet);
  if (PARTS.has('cpu2000')) results.cpu2000 = await windowOf(fleet, `${n(MEDIUM)} monitors`);
  if (PARTS.has('dashboard')) results.dashboard = await dashboardWindow(fleet);
  if (PARTS.has('restart')) results.restart = await restartFigures(fleet);
});
await withFleet(SMALL, INTERVAL_S, ['disk'], false, async (fleet) => {
  results.disk = await diskFigures(fleet);
});
await withFleet(LARGE, BIG_INTERVAL_S, ['10k'], true, async (fleet) => {
  await warmUp(fleet);
  results.big = await windowOf(fleet, `${n(LARGE)} monitors at ${BIG_INTERVAL_S} s`);
});

const cell = (part: Part, figures: unknown, text: () => string) => (figures ? text() : failed.has(part) ? `failed: ${failed.get(part)}` : 'not run');
const cpu = (w: WindowFigures) => `${cpuPercent(w).toFixed(1)} % / ${cpuMsPerCheck(w).toFixed(2)} ms`;
const p99 = (w: WindowFigures) => `${ms(w.error.p99)} (${ms(w.error.max)})`;
const { cpu1000, list, cpu2000, dashboard, restart, disk, big } = results;
const rows: Array<[string, string]> = [
  [`${n(SMALL)} monitors: CPU % of one core / per check`, cell('cpu1000', cpu1000, () => cpu(cpu1000!))],
  [`${n(MEDIUM)} monitors: CPU / per check`, cell('cpu2000', cpu2000, () => cpu(cpu2000!))],
  [`${n(MEDIUM)}: scheduling error p99 (max)`, cell('cpu2000', cpu2000, () => p99(cpu2000!))],
  [`${n(MEDIUM)} with a dashboard open: CPU, p99`, cell('dashboard', dashboard, () => `${cpu(dashboard!)}, ${p99(dashboard!)}`)],
  [`${n(MEDIUM)}: peak memory (RSS)`, cell('cpu2000', cpu2000, () => mib(cpu2000!.rss.peak))],
  [
    `bytes on disk per stored check (${n(SMALL)} monitors, ${n(DISK_CHECKS)} checks)`,
    cell('disk', disk, () => `${disk!.perCheck.toFixed(0)} B (db + wal after checkpoint; ${disk!.perCheckVacuumed.toFixed(0)} B after VACUUM)`),
  ],
  [`${n(LARGE)} at ${BIG_INTERVAL_S} s: checks made`, cell('10k', big, () => `${((100 * big!.arrivals) / big!.expected).toFixed(1)} % (${n(big!.arrivals)} of ${n(big!.expected)})`)],
  [`${n(LARGE)} at ${BIG_INTERVAL_S} s: CPU per check, p99 error, peak RSS`, cell('10k', big, () => `${cpuMsPerCheck(big!).toFixed(2)} ms, ${ms(big!.error.p99)}, ${mib(big!.rss.peak)}`)],
  [
    `restart with ${n(MEDIUM)} monitors: all checked after`,
    cell('restart', restart, () => (restart!.allCheckedMs === null ? `not within 3 intervals (${restart!.unchecked} unchecked)` : `${seconds(restart!.allCheckedMs)} (busiest second ${restart!.ratio.toFixed(2)}x the mean)`)),
  ],
  [`\`GET /api/monitors\` for ${n(SMALL)} monitors, p50 / p95, size`, cell('list', list, () => `${ms(list!.p50)} / ${ms(list!.p95)}, ${(list!.bytes / 1024).toFixed(0)} KiB (${(list!.gzipBytes / 1024).toFixed(0)} KiB gzipped)`)],
];

console.log(`\n=== fleet: the issue's table (production server, SQLite; HTTP GET every ${INTERVAL_S} s, retries 0; windows of about ${DURATION_S} s, whole intervals, after one interval of warm-up)\n`);
console.log('| | Pingboard |\n|---|---:|');
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
console.log('\nbreakdowns:');
for (const line of breakdowns) console.log(`  ${line}`);
for (const [part, why] of failed) console.log(`FAILED ${part}: ${why}`);
console.log(`\nfleet took ${seconds(Date.now() - benchStart)}; load average ${load()} after it`);
process.exit(failed.size ? 1 : 0);
