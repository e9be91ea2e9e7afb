// Do healthy monitors keep their schedule while many others hang?
//   node --conditions=react-server --import tsx bench/schedule-under-load.ts
//   (HEALTHY=200 HANGING=200 DURATION_S=30 HANG_TIMEOUT_S=5 HANG_INTERVAL_S=2 HEALTHY_INTERVAL_S=1)
//
// Drives the real MonitorWorker (real runCheck, real IncidentAlerts and dispatch, real batched
// writes into a freshly migrated SQLite file) in this process; the target servers run in a
// child process so their work is not counted here. HANGING monitors point at servers that
// accept and never answer; HEALTHY monitors at a server that answers at once.
//
// Lateness of a check = when runCheck was called - when its timer was due. The due time is
// read from the worker's own bookkeeping (entry.nextDueAt, recorded by wrapping its private
// arm()), so nothing in production code knows it is measured. A second, independent figure
// compares each monitor's k-th check with first + k x interval, which also catches skipped
// or drifting ticks.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CheckOutcome, OutboundPolicy, Probe } from '@/lib/checker/types';
import { formatCounts, handleCounts, ms, sleep, startTargets, summary, useTempDatabase } from './engine/support';

const HEALTHY = Number(process.env.HEALTHY ?? 200);
const HANGING = Number(process.env.HANGING ?? 200);
const SECONDS = Number(process.env.DURATION_S ?? 30);
const HANG_TIMEOUT_S = Number(process.env.HANG_TIMEOUT_S ?? 5);
const HANG_INTERVAL_S = Number(process.env.HANG_INTERVAL_S ?? 2);
const HEALTHY_INTERVAL_S = Number(process.env.HEALTHY_INTERVAL_S ?? 1);
const LIMIT_P99_MS = 100;

useTempDatabase('pingboard-bench-schedule-');
const targets = await startTargets();
const { ports } = targets;

// lib/ modules read the environment once, so they are imported only now.
const { getEnv } = await import('@/lib/env');
const { migrateDatabase } = await import('@/lib/db/sqlite/migrate');
migrateDatabase(getEnv().databaseLocation);
const { getDb } = await import('@/lib/db/client');
const { createMonitor } = await import('@/lib/data/monitors');
const { loadActiveMonitors } = await import('@/lib/data/monitor-state');
const { withMonitorDefaults } = await import('@/lib/schemas/monitor');
const { runCheck } = await import('@/lib/checker/run-check');
const { MonitorWorker } = await import('@/lib/worker/monitor-worker');
const { IncidentAlerts } = await import('@/lib/worker/status-alerts');
const { CHANNEL_KINDS } = await import('@/lib/alerting/channel-types');

const db = getDb();
const user = await db.user.create({ data: { email: 'bench@example.com', passwordHash: 'not-a-hash' } });
const healthyIds = new Set<string>();
const idByUrl = new Map<string, string>();
for (let i = 0; i < HANGING; i++) {
  // Written through the data layer, which (unlike the API) allows a timeout above the interval:
  // every hanging monitor then always has a check in flight, the worst case for sockets.
  const url = `http://127.0.0.1:${ports.hanging[i % ports.hanging.length]}/hang/${i}`;
  await createMonitor(user.id, withMonitorDefaults({ name: `hanging ${i}`, url, intervalSeconds: HANG_INTERVAL_S, timeoutSeconds: HANG_TIMEOUT_S }), 100_000);
}
for (let i = 0; i < HEALTHY; i++) {
  const url = `http://127.0.0.1:${ports.healthy}/svc/${i}`;
  const m = await createMonitor(user.id, withMonitorDefaults({ name: `healthy ${i}`, url, intervalSeconds: HEALTHY_INTERVAL_S, timeoutSeconds: 5 }), 100_000);
  healthyIds.add(m.id);
  idByUrl.set(url, m.id);
}

// Instrumentation, outside the worker: a wrapped runCheck and a wrapped arm().
const dueTimes = new Map<string, { previous: number | null; current: number | null }>();
const lateness: number[] = [];
const calls = new Map<string, number[]>();
const healthyLatency: number[] = [];
let hangingCalls = 0;
const causes: Record<string, number> = {};

const instrumentedRunCheck = async (probe: Probe, policy: OutboundPolicy): Promise<CheckOutcome> => {
  const now = Date.now();
  const id = probe.type === 'http' ? idByUrl.get(probe.url) : undefined;
  if (id) {
    const due = dueTimes.get(id)?.previous;
    if (due != null) lateness.push(now - due);
    let list = calls.get(id);
    if (!list) calls.set(id, (list = []));
    list.push(now);
  } else hangingCalls++;
  const outcome = await runCheck(probe, policy);
  if (id) healthyLatency.push(outcome.latencyMs);
  const key = `${id ? 'healthy' : 'hanging'}:${outcome.cause ?? 'UP'}`;
  causes[key] = (causes[key] ?? 0) + 1;
  return outcome;
};

const worker = new MonitorWorker({
  runCheck: instrumentedRunCheck,
  loadActiveMonitors,
  // The bench user has no channels: status changes write their events, and nothing is sent.
  alerts: new IncidentAlerts({ channelKindsFor: () => CHANNEL_KINDS, written: () => undefined, holdMs: () => 0 }),
  policy: { blockPrivateTargets: false },
});
type ArmFn = (entry: { monitor: { id: string }; nextDueAt: number }, delayMs: number) => void;
const internals = worker as unknown as { arm: ArmFn };
const arm = internals.arm.bind(worker);
internals.arm = (entry, delayMs) => {
  arm(entry, delayMs);
  const d = dueTimes.get(entry.monitor.id) ?? { previous: null, current: null };
  // tick() arms the next run before it starts this one, so "previous" is this run's due time.
  d.previous = d.current;
  d.current = entry.nextDueAt;
  dueTimes.set(entry.monitor.id, d);
};

const loop = monitorEventLoopDelay({ resolution: 10 });
await sleep(200);
const before = handleCounts();
console.log(`schedule-under-load: ${HEALTHY} healthy monitors every ${HEALTHY_INTERVAL_S} s, ${HANGING} hanging (timeout ${HANG_TIMEOUT_S} s, interval ${HANG_INTERVAL_S} s) for ${SECONDS} s`);
console.log(`handles before:  ${formatCounts(before)}`);

const startedAt = Date.now();
loop.enable();
await worker.start();
await sleep(SECONDS * 1000);
loop.disable();
const runMs = Date.now() - startedAt;
const during = handleCounts();
await worker.stop();
// Let the hanging checks still in flight reach their timeout, and the sockets close.
await sleep(HANG_TIMEOUT_S * 1000 + 1000);
await worker.writer.flush();
const after = handleCounts();

// Independent check: the k-th call of each healthy monitor against first call + k x interval.
const drift: number[] = [];
let expectedCalls = 0;
for (const id of healthyIds) {
  const list = calls.get(id) ?? [];
  const period = HEALTHY_INTERVAL_S * 1000;
  const anchor = Math.min(...list.map((t, k) => t - k * period));
  list.forEach((t, k) => drift.push(t - k * period - anchor));
  if (list.length) expectedCalls += Math.floor((startedAt + runMs - list[0]) / period) + 1;
}
const healthyCalls = [...calls.values()].reduce((n, l) => n + l.length, 0);
const stored = await db.check.count();
const statuses = await db.monitor.groupBy({ by: ['status'], _count: true });

const late = summary(lateness);
const dr = summary(drift);
const lat = summary(healthyLatency);
const pct = (v: number) => ms(v / 1e6);
console.log(`healthy checks:  ${healthyCalls} (expected ${expectedCalls} on a perfect schedule), hanging checks started: ${hangingCalls}`);
console.log(`throughput:      ${((healthyCalls + hangingCalls) / (runMs / 1000)).toFixed(1)} checks/s started, ${stored} rows stored`);
console.log(`lateness vs due: p50 ${ms(late.p50)}  p95 ${ms(late.p95)}  p99 ${ms(late.p99)}  max ${ms(late.max)}  (n=${late.n})`);
console.log(`vs first + k*T:  p50 ${ms(dr.p50)}  p95 ${ms(dr.p95)}  p99 ${ms(dr.p99)}  max ${ms(dr.max)}`);
console.log(`healthy latency: p50 ${ms(lat.p50)}  p99 ${ms(lat.p99)}  max ${ms(lat.max)}`);
console.log(`event loop delay: p50 ${pct(loop.percentile(50))}  p99 ${pct(loop.percentile(99))}  max ${pct(loop.max)}`);
console.log(`outcomes:        ${JSON.stringify(causes)}`);
console.log(`monitor status:  ${statuses.map((s) => `${s.status}=${s._count}`).join(' ')}`);
console.log(`handles during:  ${formatCounts(during)}`);
console.log(`handles after:   ${formatCounts(after)}`);
const verdict = late.p99 <= LIMIT_P99_MS && dr.p99 <= LIMIT_P99_MS;
console.log(`p99 lateness ${verdict ? 'within' : 'ABOVE'} the ${LIMIT_P99_MS} ms budget`);

await db.$disconnect();
targets.stop();
process.exit(verdict ? 0 : 1);
