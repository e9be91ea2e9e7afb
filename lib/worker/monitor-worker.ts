import { AsyncResource } from 'node:async_hooks';
import type { Monitor } from '@/lib/generated/prisma/client';
import type { CheckOutcome, OutboundPolicy, Probe } from '@/lib/checker/types';
import type { NewCheck } from '@/lib/data/checks';
import { storedState, transition, type MonitorState, type Suppression, type TransitionRules } from '@/lib/domain/transition';
import { readThresholds, slowness, slownessText } from '@/lib/domain/degraded';
import type { FailureTriage } from '@/lib/worker/failure-triage';
import type { ConnectivityState } from '@/lib/worker/connectivity-guard';
import { ResultWriter } from '@/lib/worker/result-writer';
import { destinationHost, monitorToProbe, scheduleKey } from '@/lib/worker/probe';
import { HostLimiter } from '@/lib/worker/host-limiter';
import { phaseOf, placedNextDue } from '@/lib/worker/cadence';
import { sleep } from '@/lib/shared/time';
import { outcomeToRow, outcomeToSummary } from '@/lib/worker/check-row';
import type { StatusAlerts } from '@/lib/worker/status-alerts';
import { monitorKind, type CheckAction } from '@/lib/monitor-kinds';
import { logger } from '@/lib/logger';
import type { WorkerStatus } from '@/lib/worker/command-port';
import { workerHealth } from '@/lib/worker/worker-health';
import type { MaintenanceLookup } from '@/lib/worker/maintenance-watch';
import { observeScheduleLag } from '@/lib/metrics/registry';
import type { MonitorFacts } from '@/lib/metrics/monitor-series';

// The MonitorWorker owns one timer per active monitor (the `timers` Map) and runs each
// check as: probe -> status transition -> store (batched) -> alert. Checks of one monitor
// never overlap; checks of different monitors never wait for each other. When a monitor is
// due, and what being due means, its kind says (lib/monitor-kinds): the worker only keeps
// the timers.

export interface WorkerDeps {
  runCheck: (probe: Probe, policy: OutboundPolicy) => Promise<CheckOutcome>;
  /** Set: start() schedules every active monitor itself. Unset: monitors arrive through adopt() (lib/cluster). */
  loadActiveMonitors?: () => Promise<Monitor[]>;
  alerts: StatusAlerts;
  policy: OutboundPolicy;
  writer?: ResultWriter;
  /** First checks after start-up are spread over this many milliseconds. */
  startSpreadMs?: number;
  /** All monitors together check one host at most this often (MAX_CHECKS_PER_SECOND_PER_HOST); unset: no cap. */
  maxChecksPerSecondPerHost?: number;
  /** Maintenance windows; unset: none. */
  maintenance?: MaintenanceLookup;
  /** Tells failures of Pingboard's network or of a parent from the target's own; unset: every failure is the target's. */
  triage?: FailureTriage;
  /** The connectivity guard's state, for the health check; unset: disabled. */
  connectivity?: { state(): ConnectivityState };
}

interface Entry {
  monitor: Monitor;
  key: string;
  probe: Probe | null;
  /** Where its checks go, for the per-host cap. */
  host: string | null;
  /** How long its last check waited for the per-host cap. */
  hostWaitMs: number;
  state: MonitorState;
  /** Why its last failure counted for nothing (probe_offline, parent_down), so it is re-checked when that ends. */
  suppressed: Suppression | null;
  nextDueAt: number;
  /** Its next check moves to the monitor's phase (lib/worker/cadence): set when a start-up or takeover spread its first check. */
  unplaced: boolean;
  running: Promise<CheckRun> | null;
  removed: boolean;
  /** The last check's response time and certificate expiry, for /metrics (the monitor row's until a check here). */
  lastLatencyMs: number | null;
  certExpiresAt: Date | null;
}

export interface CheckRun {
  row: NewCheck;
  /** Settles when the row is in the database. */
  written: Promise<void>;
  /** Settles when what the result means for the monitor (status change, incident, alerts) is stored. */
  stored: Promise<void>;
}

const FIRST_CHECK_DELAY_MS = 200;

export class MonitorWorker {
  readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly entries = new Map<string, Entry>();
  readonly writer: ResultWriter;
  running = false;

  private readonly hostLimiter: HostLimiter | null;
  /**
   * The async context the worker was made in. Timers are armed in it, not in the caller's: a
   * timer armed inside an API request (create, update, manual check) would otherwise carry that
   * request's context (Next's request stores) into every check and every timer after it, for as
   * long as the monitor lives.
   */
  private readonly scope = new AsyncResource('MonitorWorker');

  constructor(private readonly deps: WorkerDeps) {
    this.writer = deps.writer ?? new ResultWriter();
    this.hostLimiter = deps.maxChecksPerSecondPerHost ? new HostLimiter(deps.maxChecksPerSecondPerHost) : null;
  }

  get scheduled(): number {
    return this.timers.size;
  }

  /** The monitors this worker checks, as it holds them now, for /metrics (lib/metrics). */
  *metricFacts(): Generator<MonitorFacts> {
    for (const [id, entry] of this.entries) {
      if (!this.timers.has(id)) continue;
      const m = entry.monitor;
      yield { id, name: m.name, type: m.type, userId: m.userId, status: entry.state.status, active: m.active, lastLatencyMs: entry.lastLatencyMs, certExpiresAt: entry.certExpiresAt };
    }
  }

  /** What the health check reports of this worker (how many monitors it owns, lib/cluster knows). */
  status(now = Date.now()): Omit<WorkerStatus, 'owned'> {
    const results = { pending: this.writer.pendingCount, failingSince: this.writer.failingSince };
    const stateWrites = this.deps.alerts.backlog ?? { pending: 0, stalledSince: null };
    const net = this.deps.connectivity?.state() ?? { connectivity: 'disabled', offlineSince: null };
    return {
      running: this.running,
      scheduled: this.timers.size,
      ...workerHealth({ results, stateWrites }, now),
      connectivity: net.connectivity,
      offlineSince: net.offlineSince?.toISOString() ?? null,
    };
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const monitors = (await this.deps.loadActiveMonitors?.()) ?? [];
    for (const m of monitors) this.adopt(m, null, true);
    logger.info({ monitors: monitors.length }, 'monitor worker started');
  }

  /**
   * Starts checking a monitor this instance now owns. `dueAt` is when its next check is due as
   * the previous owner left it (epoch ms); null: soon, and with `spread`, at a random point of
   * the next few seconds so many monitors adopted at once are not one burst.
   */
  adopt(m: Monitor, dueAt: number | null, spread = false): void {
    if (!this.running || !m.active) return;
    if (this.timers.has(m.id)) {
      // Already checking it: the state here is newer than the row just read.
      this.sync(m);
      return;
    }
    // Not scheduled here until now: the stored state is the truth (an entry left by a manual
    // check of a monitor another instance owned may hold an older one).
    const entry = this.entryFor(m);
    entry.removed = false;
    entry.state = storedState(m);
    entry.lastLatencyMs = m.lastLatencyMs;
    entry.certExpiresAt = m.certExpiresAt;
    const window = Math.min(this.deps.startSpreadMs ?? 3000, m.intervalSeconds * 1000);
    const soon = FIRST_CHECK_DELAY_MS + (spread ? Math.floor(Math.random() * window) : 0);
    const delay = dueAt === null ? soon : Math.max(FIRST_CHECK_DELAY_MS, dueAt - Date.now());
    this.arm(entry, this.firstDelay(m, delay));
    // A handover keeps the previous owner's cadence; a spread first check has none to keep.
    entry.unplaced = dueAt === null && spread;
  }

  /**
   * Stops checking a monitor that goes to another instance: waits for a check under way and for
   * what it changed to be stored, then says when the next check is due, so the next owner keeps
   * the cadence and never checks it again early.
   */
  async release(monitorId: string): Promise<number | null> {
    const entry = this.entries.get(monitorId);
    if (!entry) return null;
    const dueAt = this.timers.has(monitorId) ? entry.nextDueAt : null;
    this.disarm(monitorId);
    entry.removed = true;
    this.entries.delete(monitorId);
    const run = entry.running;
    if (run) await run.then((r) => Promise.all([r.written, r.stored])).catch(() => undefined);
    return dueAt;
  }

  /** What the database says the state is, after a conditional status change found it moved on. */
  refreshState(monitorId: string, state: MonitorState): void {
    const entry = this.entries.get(monitorId);
    if (entry) entry.state = state;
  }

  /** When a scheduled monitor's next check is due (epoch ms); null when it has no timer here. */
  nextDueAt(monitorId: string): number | null {
    return this.timers.has(monitorId) ? (this.entries.get(monitorId)?.nextDueAt ?? null) : null;
  }

  /** Called after a monitor is created or updated: (re)arms its timer only when its schedule or probe changed. */
  sync(monitor: Monitor): void {
    if (!this.running) return;
    const existing = this.entries.get(monitor.id);
    if (!monitor.active) {
      this.disarm(monitor.id);
      if (existing) existing.monitor = monitor;
      return;
    }
    const key = scheduleKey(monitor);
    if (existing && existing.key === key && this.timers.has(monitor.id)) {
      existing.monitor = monitor;
      return;
    }
    const entry = this.entryFor(monitor);
    this.arm(entry, this.firstDelay(monitor, FIRST_CHECK_DELAY_MS));
  }

  /** Runs a check now, after any check of this monitor already under way, and applies it like a scheduled one. */
  async checkNow(monitor: Monitor): Promise<CheckRun> {
    // Not scheduled here (paused, or another instance's): the row just read is the truth, settings
    // and state, over an entry an earlier manual check left behind.
    const scheduled = this.timers.has(monitor.id);
    const entry = scheduled ? (this.entries.get(monitor.id) ?? this.entryFor(monitor)) : this.entryFor(monitor);
    if (!scheduled && !entry.running) entry.state = storedState(monitor);
    const run = await this.serialized(entry, () => {
      const m = entry.monitor;
      return this.perform(entry, monitorKind(m.type).schedule.onCheckNow(m, Date.now()));
    });
    // A failed manual check of a scheduled monitor is confirmed like a scheduled one.
    this.afterCheck(entry);
    return run;
  }

  /** A push monitor's job reported in: UP, or DOWN when it reported a failure; the timer then waits afresh. */
  async heartbeat(monitor: Monitor, ok: boolean, at = new Date()): Promise<CheckRun> {
    const onPush = monitorKind(monitor.type).schedule.onPush;
    if (!onPush) throw new Error(`A ${monitor.type} monitor does not take pushes`);
    const entry = this.entries.get(monitor.id) ?? this.entryFor(monitor);
    const push = onPush(monitor, ok, at);
    entry.monitor = push.monitor;
    const run = await this.serialized(entry, () => this.apply(entry, push.outcome));
    if (entry.monitor.active && this.running) this.arm(entry, this.firstDelay(entry.monitor, FIRST_CHECK_DELAY_MS));
    return run;
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await this.writer.flush();
    await this.deps.alerts.settle();
    logger.info('monitor worker stopped');
  }

  private firstDelay(m: Monitor, defaultDelayMs: number): number {
    return monitorKind(m.type).schedule.firstDelayMs(m, Date.now(), defaultDelayMs);
  }

  /**
   * The one entry of a monitor, updated in place when its settings change: a check still in
   * flight then applies its result to the same state the next check reads. (A fresh entry
   * here let an in-flight DOWN or UP land on a discarded copy, leaving the incident open or
   * the status stale.)
   */
  private entryFor(m: Monitor): Entry {
    const existing = this.entries.get(m.id);
    if (existing) {
      existing.monitor = m;
      existing.key = scheduleKey(m);
      existing.probe = monitorToProbe(m);
      existing.host = destinationHost(m);
      return existing;
    }
    const entry: Entry = {
      monitor: m,
      key: scheduleKey(m),
      probe: monitorToProbe(m),
      host: destinationHost(m),
      hostWaitMs: 0,
      state: storedState(m),
      suppressed: null,
      nextDueAt: Date.now(),
      unplaced: false,
      running: null,
      removed: false,
      lastLatencyMs: m.lastLatencyMs,
      certExpiresAt: m.certExpiresAt,
    };
    this.entries.set(m.id, entry);
    return entry;
  }

  private arm(entry: Entry, delayMs: number): void {
    const id = entry.monitor.id;
    const old = this.timers.get(id);
    if (old) clearTimeout(old);
    entry.nextDueAt = Date.now() + delayMs;
    this.timers.set(id, this.scope.runInAsyncScope(() => setTimeout(() => this.tick(entry), delayMs)));
  }

  private disarm(monitorId: string): void {
    const t = this.timers.get(monitorId);
    if (t) clearTimeout(t);
    this.timers.delete(monitorId);
  }

  private tick(entry: Entry): void {
    if (entry.removed || this.entries.get(entry.monitor.id) !== entry) return;
    const m = entry.monitor;
    const now = Date.now();
    observeScheduleLag(now - entry.nextDueAt);
    const unplaced = entry.unplaced;
    entry.unplaced = false;
    const due = monitorKind(m.type).schedule.onTimer(m, now);
    if (due.run === 'wait') {
      this.arm(entry, due.delayMs);
      return;
    }
    const period = m.intervalSeconds * 1000;
    // Keep the cadence anchored to the due time, but never try to catch up on missed ticks.
    let next = unplaced ? placedNextDue(entry.nextDueAt, period, phaseOf(m.id, period)) : entry.nextDueAt + period;
    if (next <= now) next = now + period;
    this.arm(entry, next - now);
    if (entry.running) {
      logger.debug({ monitorId: m.id }, 'previous check still running; skipping this one');
      return;
    }
    const run = this.perform(entry, due);
    entry.running = run;
    void run
      .then(() => this.afterCheck(entry))
      .catch((err) => logger.error({ err, monitorId: m.id }, 'check failed unexpectedly'))
      .finally(() => {
        if (entry.running === run) entry.running = null;
      });
  }

  /**
   * After an unconfirmed failure, or a success of a DOWN monitor that needs more of them, check
   * again at the retry interval rather than the full interval.
   */
  private afterCheck(entry: Entry): void {
    const m = entry.monitor;
    const s = entry.state;
    const confirming = s.status === 'DOWN' ? s.streak > 0 : s.consecutiveFailures > 0;
    if (!this.timers.has(m.id) || !confirming) return;
    const retryAt = Date.now() + m.retryIntervalSeconds * 1000;
    if (retryAt < entry.nextDueAt) this.arm(entry, retryAt - Date.now());
  }

  private async serialized(entry: Entry, fn: () => Promise<CheckRun>): Promise<CheckRun> {
    while (entry.running) await entry.running.catch(() => undefined);
    const run = fn();
    entry.running = run;
    try {
      return await run;
    } finally {
      if (entry.running === run) entry.running = null;
    }
  }

  /** Runs the probe, or takes the outcome the kind already knows, and applies it. */
  private async perform(entry: Entry, action: CheckAction): Promise<CheckRun> {
    if (action.run === 'outcome') return this.apply(entry, action.outcome);
    if (!entry.probe) throw new Error(`Monitor ${entry.monitor.id} has no target to check`);
    // Past the per-host cap the check waits its turn (and says so on the monitor) rather than being dropped.
    entry.hostWaitMs = entry.host && this.hostLimiter ? this.hostLimiter.reserve(entry.host) : 0;
    if (entry.hostWaitMs > 0) await sleep(entry.hostWaitMs);
    return this.apply(entry, await this.deps.runCheck(entry.probe, this.deps.policy));
  }

  private async apply(entry: Entry, checked: CheckOutcome): Promise<CheckRun> {
    const m = entry.monitor;
    const rules = this.rulesOf(m);
    const thresholds = readThresholds(m.degraded);
    const slow = thresholds && checked.status === 'UP' ? slowness(thresholds, checked.timings, checked.latencyMs) : null;
    const facts = { status: checked.status, at: checked.startedAt, slow: thresholds ? slow !== null : null };
    const confirming = checked.status === 'DOWN' && transition(entry.state, facts, rules).event === 'DOWN';
    const maintenance = await this.inMaintenance(m, checked, confirming);
    const triage = checked.status === 'DOWN' ? await this.deps.triage?.triage(m, checked, confirming && !maintenance) : null;
    // A suppressed failure is stored with what it really was (probe_offline, parent_down).
    const outcome = triage ? { ...checked, cause: triage.suppressed, error: triage.error } : checked;
    const from = entry.state.status;
    const t = transition(entry.state, facts, rules, { maintenance, suppressed: triage?.suppressed });
    entry.state = t.next;
    entry.suppressed = t.suppressed;
    entry.lastLatencyMs = Math.round(outcome.latencyMs);
    if (outcome.tls) entry.certExpiresAt = outcome.tls.validTo;
    const row = outcomeToRow(m.id, outcome, maintenance);
    if (entry.removed) return { row, written: Promise.resolve(), stored: Promise.resolve() };
    const written = this.writer.enqueue(row, { ...outcomeToSummary(outcome, t.next), hostWaitMs: entry.hostWaitMs });
    const reason = t.event === 'DEGRADED' && slow ? { cause: 'degraded', error: slownessText(slow, rules.degradedAfter) } : undefined;
    // Queued, not awaited: a busy database delays the state write, never the next check.
    const stored = this.deps.alerts.onResult(m, t, outcome, from, reason).catch((err: unknown) => logger.error({ err, monitorId: m.id }, 'storing a check result failed'));
    if (t.event === 'UP') this.recheckSuppressed('parent_down', m.id);
    return { row, written, stored };
  }

  private rulesOf(m: Monitor): TransitionRules {
    const degraded = readThresholds(m.degraded);
    return { retries: monitorKind(m.type).retries(m), successThreshold: m.successThreshold, degradedAfter: degraded?.consecutive ?? 3 };
  }

  /**
   * Checks soon the monitors whose last failure counted for nothing (the network is back, or
   * their parent is UP again), spread over a second, so a real outage among them alerts now
   * rather than an interval later.
   */
  recheckSuppressed(reason: Suppression, parentId?: string): number {
    let n = 0;
    for (const entry of this.entries.values()) {
      if (entry.removed || entry.suppressed !== reason) continue;
      if (parentId !== undefined && entry.monitor.parentId !== parentId) continue;
      entry.suppressed = null;
      if (this.checkSoon(entry.monitor.id, 1000)) n++;
    }
    return n;
  }

  /** Brings a scheduled monitor's next check forward to within `spreadMs` (plus a moment); false when it is not scheduled here. */
  checkSoon(monitorId: string, spreadMs = 0): boolean {
    const entry = this.entries.get(monitorId);
    if (!entry || entry.removed || !this.timers.has(monitorId)) return false;
    const delay = FIRST_CHECK_DELAY_MS + Math.floor(Math.random() * spreadMs);
    if (entry.nextDueAt > Date.now() + delay) this.arm(entry, delay);
    return true;
  }

  /** Whether a maintenance window covers this check; read afresh before a failure would raise a DOWN. */
  private async inMaintenance(m: Monitor, outcome: CheckOutcome, confirming: boolean): Promise<boolean> {
    const calendar = this.deps.maintenance;
    if (!calendar) return false;
    if (calendar.covers(m, outcome.startedAt)) return true;
    return confirming ? calendar.confirm(m, outcome.startedAt) : false;
  }
}
