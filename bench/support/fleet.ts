// A fleet of HTTP monitors as issue 16 measured it: the production server (SQLite) and a
// loopback target that records each arrival per path, with N monitors created through the API
// as a user would create them (8 requests at a time), so each monitor's first timer is armed
// inside a request, as in a real install. Monitor i checks <target>/m/<i>, so its arrivals are
// its own series. measureWindow then reads the server from /proc over a stretch of time: CPU,
// resident memory and its peak (VmHWM), and the scheduling error of every arrival (the gap to
// the monitor's previous arrival, less the interval).
import { startApp, type AppServer } from '../../tests/support/app-server';
import { startArrivalTarget, type ArrivalTarget } from '../../tests/cluster/support/arrival-target';
import { Client, inParallel } from '../../tests/cluster/support/cluster';
import { percentile, within } from '../../tests/cluster/support/series';
import { sleep } from '../engine/support';
import { cpuSeconds, memoryMb } from './proc-stats';

/** Monitors created at once, as a script or a browser with a few tabs would. */
const CREATE_CONCURRENCY = 8;
/** GET /metrics is read once after a window, for the V8 heap figures; never during one. */
export const FLEET_METRICS_TOKEN = 'fleet-bench-metrics-token-0123456789abcdef';

export interface Fleet {
  size: number;
  intervalS: number;
  /** The running server; restartFleet replaces it. */
  app: AppServer;
  target: ArrivalTarget;
  /** Signed in as the fleet's one user (bearer token), on the running server. */
  client: Client;
  /** Monitor ids, monitor i checking pathOf(i). */
  ids: string[];
  env: Record<string, string>;
  createdInMs: number;
  /** Every server started on the fleet's data directory, for dispose. */
  apps: AppServer[];
}

export const pathOf = (i: number) => `/m/${i}`;

/** The server's settings: one user may hold all the monitors and check them all on one host (127.0.0.1). */
function fleetEnv(size: number): Record<string, string> {
  return {
    MAX_MONITORS_PER_USER: String(size + 10),
    MAX_CHECKS_PER_SECOND_PER_USER: '100000',
    MAX_CHECKS_PER_SECOND_PER_HOST: '100000',
    BLOCK_PRIVATE_TARGETS: 'false',
    METRICS_TOKEN: FLEET_METRICS_TOKEN,
    LOG_LEVEL: 'warn',
  };
}

/** A fresh server and database with `size` monitors made through POST /api/monitors (paused ones with `active: false`). */
export async function startFleet(size: number, intervalS: number, opts: { active?: boolean } = {}): Promise<Fleet> {
  const env = fleetEnv(size);
  const [app, target] = await Promise.all([startApp({ env }), startArrivalTarget()]);
  try {
    const client = new Client(app, null, 30_000);
    const signup = await client.post('/api/auth/signup', { email: 'fleet@example.com', password: 'correct horse battery' });
    if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.body)}`);
    client.token = signup.body.token;
    const started = Date.now();
    let made = 0;
    const progress = setInterval(() => console.log(`  ${made} of ${size} monitors created in ${((Date.now() - started) / 1000).toFixed(0)} s`), 15_000);
    try {
      const ids = await inParallel(size, CREATE_CONCURRENCY, async (i) => {
        const body = { name: `m${i}`, url: `${target.url}${pathOf(i)}`, intervalSeconds: intervalS, retries: 0, active: opts.active ?? true };
        const res = await client.postRetryingBusy('/api/monitors', body);
        if (res.status !== 201) throw new Error(`creating monitor ${i}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        made++;
        return res.body.monitor.id as string;
      });
      return { size, intervalS, app, target, client, ids, env, createdInMs: Date.now() - started, apps: [app] };
    } finally {
      clearInterval(progress);
    }
  } catch (err) {
    await Promise.all([app.dispose(), target.close()]);
    throw err;
  }
}

export interface Restart {
  /** When the old server had exited and the new one was spawned. */
  stoppedAt: number;
  /** When the new server first answered GET /api/healthz (startApp polls it every 100 ms). */
  readyAt: number;
}

/** Stops the server (SIGTERM) and starts it again on the same data directory and settings. */
export async function restartFleet(fleet: Fleet): Promise<Restart> {
  await fleet.app.stop();
  const stoppedAt = Date.now();
  const app = await startApp({ dataDir: fleet.app.dataDir, env: fleet.env });
  const readyAt = Date.now();
  fleet.apps.push(app);
  fleet.app = app;
  fleet.client = fleet.client.on(app);
  return { stoppedAt, readyAt };
}

export async function disposeFleet(fleet: Fleet): Promise<void> {
  for (const app of fleet.apps.reverse()) await app.dispose();
  await fleet.target.close();
}

export interface WindowFigures {
  from: number;
  to: number;
  seconds: number;
  /** Server CPU seconds (user + system) in the window. */
  cpuSeconds: number;
  /** Requests the target received in the window, over every monitor. */
  arrivals: number;
  /** size x seconds / interval: the arrivals of a perfect schedule. */
  expected: number;
  /** Monitors with no arrival in the window. */
  unchecked: number;
  /** |gap between consecutive arrivals of one monitor - interval|, both arrivals in the window (ms). */
  error: { n: number; p50: number; p99: number; max: number };
  /** MiB: resident now, the largest seen by the 1 s sampler, and the process's peak (VmHWM, since it started). */
  rss: { end: number; sampledMax: number; peak: number };
}

export const cpuPercent = (w: WindowFigures) => (100 * w.cpuSeconds) / w.seconds;
export const cpuMsPerCheck = (w: WindowFigures) => (1000 * w.cpuSeconds) / w.arrivals;

/** Watches the running server for `seconds`; throws when it died or the target saw nothing. */
export async function measureWindow(fleet: Fleet, seconds: number): Promise<WindowFigures> {
  const pid = fleet.app.pid;
  let sampledMax = 0;
  const sample = () => {
    try {
      sampledMax = Math.max(sampledMax, memoryMb(pid).rss);
    } catch {
      // gone: reported below
    }
  };
  const from = Date.now();
  const cpuBefore = cpuSeconds(pid);
  sample();
  const sampler = setInterval(sample, 1000);
  await sleep(seconds * 1000);
  clearInterval(sampler);
  const cpuAfter = cpuSeconds(pid);
  const to = Date.now();
  let mem: { rss: number; peak: number };
  try {
    mem = memoryMb(pid);
  } catch {
    throw new Error(`the server (pid ${pid}) died during the window:\n${fleet.app.logs().slice(-3000)}`);
  }
  const figures = windowArrivals(fleet, from, to);
  if (figures.arrivals === 0) throw new Error(`the target received no checks in ${seconds} s:\n${fleet.app.logs().slice(-3000)}`);
  return {
    ...figures,
    from,
    to,
    seconds: (to - from) / 1000,
    cpuSeconds: cpuAfter - cpuBefore,
    expected: (fleet.size * (to - from)) / (fleet.intervalS * 1000),
    rss: { end: mem.rss, sampledMax: Math.max(sampledMax, mem.rss), peak: mem.peak },
  };
}

/** What the target saw of the fleet's monitors in [from, to). */
export function windowArrivals(fleet: Fleet, from: number, to: number): Pick<WindowFigures, 'arrivals' | 'unchecked' | 'error'> {
  const period = fleet.intervalS * 1000;
  const errors: number[] = [];
  let arrivals = 0;
  let unchecked = 0;
  for (let i = 0; i < fleet.size; i++) {
    const times = within(fleet.target.arrivals(pathOf(i)), from, to);
    arrivals += times.length;
    if (times.length === 0) unchecked++;
    for (let k = 1; k < times.length; k++) errors.push(Math.abs(times[k] - times[k - 1] - period));
  }
  return { arrivals, unchecked, error: { n: errors.length, p50: percentile(errors, 50), p99: percentile(errors, 99), max: errors.length ? errors.reduce((a, b) => Math.max(a, b)) : Number.NaN } };
}
