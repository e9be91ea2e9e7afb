// The MonitorWorker with its outside world faked (probe, alerts, result writer): the state a
// check in flight lands on, retries after a failed manual check, and a push monitor's
// schedule, which its kind decides. No database, no sockets.
import { afterEach, describe, expect, it } from 'vitest';
import type { Monitor } from '@/lib/generated/prisma/client';
import type { CheckOutcome } from '@/lib/checker/types';
import type { Transition } from '@/lib/domain/transition';
import { MonitorWorker } from '@/lib/worker/monitor-worker';
import type { ResultWriter } from '@/lib/worker/result-writer';
import type { StatusAlerts } from '@/lib/worker/status-alerts';

function monitorRow(overrides: Partial<Monitor> = {}): Monitor {
  const now = new Date();
  return {
    id: 'm1', userId: 'u1', name: 'm', type: 'http', active: true, intervalSeconds: 60, timeoutSeconds: 5,
    url: 'http://127.0.0.1:9/', method: 'GET', headers: [], body: null, acceptedStatusCodes: ['200-299'],
    followRedirects: true, maxRedirects: 5, keyword: null, keywordMode: 'present', keywordCaseSensitive: true,
    jsonAssertions: [], maxResponseTimeMs: null, ignoreTlsErrors: false, certExpiryThresholdDays: 14, host: null,
    port: null, heartbeatToken: null, graceSeconds: 60, lastHeartbeatAt: null, retries: 0, retryIntervalSeconds: 10,
    reminderIntervalMinutes: null, status: 'UP', statusChangedAt: null, consecutiveFailures: 0, lastCheckedAt: null, hostWaitMs: 0,
    lastLatencyMs: null, lastStatusCode: null, lastError: null, lastCause: null, certExpiresAt: null, certIssuer: null,
    certWarnedFor: null, certExpiredWarnedFor: null, ownerId: null, nextDueAt: null, revision: 0, publicBadge: false, badgeKey: null, createdAt: now, updatedAt: now,
    successThreshold: 1, degraded: null, parentId: null, failingSince: null, streak: 0, streakSince: null,
    ...overrides,
  };
}

const outcome = (status: 'UP' | 'DOWN'): CheckOutcome => ({
  status,
  latencyMs: 1,
  statusCode: status === 'UP' ? 200 : 500,
  cause: status === 'UP' ? null : 'http_status',
  error: status === 'UP' ? null : 'HTTP 500',
  timings: null,
  tls: null,
  startedAt: new Date(),
});

function harness(monitors: Monitor[] = [], startSpreadMs = 0) {
  const events: Array<{ at: number; event: Transition['event']; status: string; cause: string | null }> = [];
  const probes: number[] = [];
  let next: () => Promise<CheckOutcome> = async () => outcome('UP');
  const alerts: StatusAlerts = {
    onResult: async (_m, t, o) => void events.push({ at: Date.now(), event: t.event, status: t.next.status, cause: o.cause }),
    settle: async () => {},
  };
  const writer = { enqueue: async () => {}, flush: async () => {} } as unknown as ResultWriter;
  const worker = new MonitorWorker({
    runCheck: () => {
      probes.push(Date.now());
      return next();
    },
    loadActiveMonitors: async () => monitors,
    alerts,
    policy: { blockPrivateTargets: false },
    writer,
    startSpreadMs,
  });
  return { worker, events, probes, setNext: (fn: () => Promise<CheckOutcome>) => (next = fn) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let stopLater: MonitorWorker | null = null;
afterEach(async () => {
  await stopLater?.stop();
  stopLater = null;
});

describe('MonitorWorker', () => {
  it('a check in flight while the monitor is edited applies to the state the next check reads', async () => {
    const m = monitorRow({ status: 'UP', retries: 0 });
    const h = harness();
    stopLater = h.worker;
    await h.worker.start();
    let finish!: (o: CheckOutcome) => void;
    h.setNext(() => new Promise((resolve) => (finish = resolve)));
    const inFlight = h.worker.checkNow(m);
    await sleep(10);
    // The probe changes (new timeout) while the check is still running.
    h.worker.sync({ ...m, timeoutSeconds: 2 });
    finish(outcome('DOWN'));
    await inFlight;
    h.setNext(async () => outcome('UP'));
    await h.worker.checkNow(m);
    expect(h.events.map((e) => e.event)).toEqual(['DOWN', 'UP']);
  });

  it('a failed manual check of a scheduled monitor is confirmed at the retry interval, not the full interval', async () => {
    const m = monitorRow({ status: 'UP', retries: 1, retryIntervalSeconds: 1, intervalSeconds: 60 });
    const h = harness([m]);
    stopLater = h.worker;
    await h.worker.start();
    await sleep(400); // the first scheduled check (UP) runs about 200 ms after start
    expect(h.probes).toHaveLength(1);
    h.setNext(async () => outcome('DOWN'));
    const manualAt = Date.now();
    await h.worker.checkNow(m);
    expect(h.events.at(-1)).toMatchObject({ event: null, status: 'UP' }); // one failure: not yet DOWN
    await sleep(1400);
    const down = h.events.find((e) => e.event === 'DOWN');
    expect(down).toBeDefined();
    expect(down!.at - manualAt).toBeGreaterThanOrEqual(950);
    expect(down!.at - manualAt).toBeLessThan(1400);
    expect(h.probes).toHaveLength(3);
  });

  it('an inactive monitor checked by hand is not retried on a timer', async () => {
    const m = monitorRow({ active: false, retries: 1, retryIntervalSeconds: 1 });
    const h = harness();
    stopLater = h.worker;
    await h.worker.start();
    h.setNext(async () => outcome('DOWN'));
    await h.worker.checkNow(m);
    await sleep(1300);
    expect(h.probes).toHaveLength(1);
    expect(h.worker.scheduled).toBe(0);
  });

  it('a push monitor is never probed: a ping is UP, and silence past period + grace is DOWN at once, whatever its retries', async () => {
    const m = monitorRow({ type: 'heartbeat', url: null, status: 'PENDING', intervalSeconds: 1, graceSeconds: 0, retries: 3, createdAt: new Date(Date.now() - 500) });
    const h = harness([m]);
    stopLater = h.worker;
    await h.worker.start();
    expect(h.worker.scheduled).toBe(1);
    const pingAt = new Date();
    await h.worker.heartbeat(m, true, pingAt);
    expect(h.events.at(-1)).toMatchObject({ status: 'UP', cause: null });
    // The ping moved the deadline: the first one (about 500 ms after start) passes without a result.
    await sleep(700);
    expect(h.events).toHaveLength(1);
    await sleep(600);
    const down = h.events.find((e) => e.event === 'DOWN');
    expect(down).toMatchObject({ status: 'DOWN', cause: 'heartbeat_missed' });
    expect(down!.at - pingAt.getTime()).toBeGreaterThanOrEqual(950);
    expect(down!.at - pingAt.getTime()).toBeLessThan(1400);
    expect(h.probes).toEqual([]);
  });

  it('a push monitor checked by hand reports what its pings say, and a reported failure is DOWN', async () => {
    const m = monitorRow({ type: 'heartbeat', url: null, status: 'UP', intervalSeconds: 60, lastHeartbeatAt: new Date() });
    const h = harness();
    stopLater = h.worker;
    await h.worker.start();
    expect((await h.worker.checkNow(m)).row).toMatchObject({ status: 'UP' });
    await h.worker.heartbeat(m, false);
    expect(h.events.map((e) => [e.event, e.cause])).toEqual([
      [null, null],
      ['DOWN', 'heartbeat_failed'],
    ]);
    expect(h.probes).toEqual([]);
  });

  it('a probed monitor takes no pushes', async () => {
    const h = harness();
    await expect(h.worker.heartbeat(monitorRow(), true)).rejects.toThrow('does not take pushes');
  });

  it('after a start-up, spreads the checks that follow the first round evenly over the interval', async () => {
    // 1,000 monitors every 2 s, ids made in one burst; the first round is spread over 100 ms.
    const monitors = Array.from({ length: 1000 }, (_, i) => monitorRow({ id: `cmx994f3f${String(i).padStart(6, '0')}517dnhbr38bm`, intervalSeconds: 2 }));
    const h = harness(monitors, 100);
    stopLater = h.worker;
    const started = Date.now();
    await h.worker.start();
    // Every monitor has made its first check once its next one is due past the first round.
    const ticked = () => monitors.every((m) => h.worker.nextDueAt(m.id)! > started + 1000);
    const deadline = Date.now() + 10_000;
    while (!ticked() && Date.now() < deadline) await sleep(5);
    const next = monitors.map((m) => h.worker.nextDueAt(m.id)!);
    expect(h.probes.length).toBeGreaterThanOrEqual(monitors.length);
    const firstRoundEnd = h.probes[monitors.length - 1];
    // Neither a double check nor a long gap: at least 3/4 of an interval after the round, under 1 3/4.
    expect(Math.min(...next)).toBeGreaterThanOrEqual(started + 1500);
    expect(Math.max(...next)).toBeLessThan(firstRoundEnd + 3500);
    // Spread: each tenth of the interval holds about a tenth of the monitors.
    const perTenth = new Array<number>(10).fill(0);
    for (const t of next) perTenth[Math.floor((t % 2000) / 200)]++;
    expect(Math.max(...perTenth), perTenth.join(', ')).toBeLessThan(150);
    expect(Math.min(...perTenth), perTenth.join(', ')).toBeGreaterThan(50);
  });
});
