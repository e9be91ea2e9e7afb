import type { Monitor } from '@/lib/generated/prisma/client';
import type { MonitorWorker } from '@/lib/worker/monitor-worker';
import { claimMonitor, claimMonitors, countActiveMonitors, loadMonitor, ownedRevisions, releaseMonitors } from '@/lib/data/ownership';
import { liveWorkerIds } from '@/lib/data/instances';
import { signalsCanBeLost } from '@/lib/data/signals';
import { logger } from '@/lib/logger';
import { BALANCE_MS, CLAIM_BATCH, RECONCILE_MS } from './timing';

// Which monitors this instance checks. Every BALANCE_MS it counts the active monitors and the
// live worker instances and moves toward its fair share, ceil(active / instances): it claims
// monitors without a live owner while below it, and hands monitors back while above it
// (plus one, so shares do not flap). A handover keeps the cadence: the leaving owner stops the
// timer, lets a check under way finish and be stored, then writes when the next check is due;
// the next owner arms its timer for that moment. On SQLite the one process owns everything
// through this same code.

export class Ownership {
  /** Owned monitor id -> the revision of its settings this instance runs. */
  private readonly owned = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private passing: Promise<void> | null = null;
  private stopping = false;
  private target = Number.POSITIVE_INFINITY;
  /** Active monitors and live worker instances as the last pass counted them (the count grows with each new monitor signalled since). */
  private activeTotal = 0;
  private liveCount = 1;
  private lastReconcile = 0;
  private reconcileNow = false;
  /** Until this instance's first balance pass. */
  private starting = true;
  /** Per monitor, signals are handled one at a time and in order. */
  private readonly signalChains = new Map<string, Promise<void>>();

  constructor(
    private readonly instanceId: string,
    private readonly worker: MonitorWorker,
    private readonly isLive: () => boolean,
    /** Monitors were handed back: the others should claim them now rather than at their next pass. */
    private readonly onHandedBack: () => void = () => undefined,
  ) {}

  get count(): number {
    return this.owned.size;
  }

  owns(monitorId: string): boolean {
    return this.owned.has(monitorId);
  }

  start(): void {
    this.schedule(0);
  }

  /** Rebalance now (an instance joined or left). */
  poke(): void {
    this.schedule(0);
  }

  /**
   * This instance holds a lease again after losing it: monitors the database still says it owns
   * (nobody took them meanwhile) are taken up again at the next pass, with the rest of its share.
   */
  regained(): void {
    this.reconcileNow = true;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    // Jitter, so instances started together do not claim in lockstep.
    this.timer = setTimeout(() => void this.pass(), delayMs + Math.floor(Math.random() * 250));
    this.timer.unref();
  }

  /** One balance pass; passes never overlap. */
  pass(): Promise<void> {
    this.passing ??= this.balance()
      .catch((err) => logger.warn({ err }, 'rebalancing monitors failed; trying again'))
      .finally(() => {
        this.passing = null;
        this.schedule(BALANCE_MS);
      });
    return this.passing;
  }

  private async balance(): Promise<void> {
    if (this.stopping || !this.isLive()) return;
    const now = new Date();
    const live = await liveWorkerIds(now);
    if (!live.includes(this.instanceId)) return;
    const total = await countActiveMonitors();
    this.activeTotal = total;
    this.liveCount = live.length;
    this.target = Math.ceil(total / live.length);
    const starting = this.starting;
    this.starting = false;
    if (this.owned.size < this.target) {
      const claimed = await claimMonitors(this.instanceId, Math.min(this.target - this.owned.size, CLAIM_BATCH), now);
      // A claimed monitor may just have been checked by another instance: keep its cadence. Only
      // an instance starting alone (a restart of the only one, as with SQLite, or the first of a
      // cluster) checks everything in a quick first round, as users expect after a restart.
      const keepCadence = !(starting && live.length === 1);
      for (const m of claimed) this.adopt(m, { spread: true, keepCadence });
      if (claimed.length) logger.info({ claimed: claimed.length, owned: this.owned.size, target: this.target, instances: live.length }, 'claimed monitors');
    } else if (this.owned.size > this.target + 1) {
      // Those due last: the instance that takes them has the most time to claim them before they are due.
      const due = (id: string) => this.worker.nextDueAt(id) ?? Number.POSITIVE_INFINITY;
      const excess = [...this.owned.keys()].sort((a, b) => due(b) - due(a)).slice(0, this.owned.size - this.target);
      await this.handBack(excess);
      logger.info({ released: excess.length, owned: this.owned.size, target: this.target, instances: live.length }, 'handed monitors to other instances');
      this.onHandedBack();
    }
    if (this.reconcileNow || (signalsCanBeLost() && Date.now() - this.lastReconcile >= RECONCILE_MS)) {
      this.reconcileNow = false;
      await this.reconcile();
    }
  }

  private adopt(m: Monitor, how: { spread?: boolean; keepCadence?: boolean } = {}): void {
    this.owned.set(m.id, m.revision);
    this.worker.adopt(m, how.keepCadence ? dueAt(m) : null, how.spread ?? false);
  }

  /** Stops checking these monitors and gives them back with their next due time. */
  private async handBack(ids: string[]): Promise<void> {
    const handoffs = await Promise.all(
      ids.map(async (id) => {
        this.owned.delete(id);
        const due = await this.worker.release(id);
        return { id, nextDueAt: due === null ? null : new Date(due) };
      }),
    );
    await releaseMonitors(this.instanceId, handoffs);
  }

  /** A monitor's settings changed somewhere: re-read it and act (serialised per monitor). */
  onMonitorSignal(monitorId: string): Promise<void> {
    const previous = this.signalChains.get(monitorId) ?? Promise.resolve();
    const next = previous
      .then(() => this.refresh(monitorId))
      .catch((err) => logger.warn({ err, monitorId }, 'applying a monitor change failed; the next reconcile retries'))
      .finally(() => {
        if (this.signalChains.get(monitorId) === next) this.signalChains.delete(monitorId);
      });
    this.signalChains.set(monitorId, next);
    return next;
  }

  private async refresh(monitorId: string): Promise<void> {
    if (this.stopping || !this.isLive()) return;
    const m = await loadMonitor(monitorId);
    if (!m) {
      if (this.owned.delete(monitorId)) await this.worker.release(monitorId);
      return;
    }
    if (m.ownerId === this.instanceId) {
      if (!m.active) {
        this.owned.delete(monitorId);
        await this.worker.release(monitorId);
        await releaseMonitors(this.instanceId, [{ id: monitorId, nextDueAt: null }]);
        return;
      }
      if (!this.owned.has(monitorId)) {
        // Ours in the database, not here (a lease regained): its cadence goes on.
        this.adopt(m, { keepCadence: true });
        return;
      }
      this.owned.set(monitorId, m.revision);
      this.worker.sync(m);
      return;
    }
    if (this.owned.has(monitorId)) {
      // Another instance holds it now (this one was taken for dead): stop at once.
      this.owned.delete(monitorId);
      await this.worker.release(monitorId);
      return;
    }
    // Someone else's, or paused: nothing to do here.
    if (!m.active || m.ownerId !== null) return;
    // A new (or resumed) monitor: take it if that keeps this instance within its share.
    this.activeTotal++;
    this.target = Math.ceil(this.activeTotal / this.liveCount);
    if (this.owned.size < this.target + 1) await this.claimOne(monitorId);
  }

  /** Takes one active monitor that has no live owner (a new one, or for a manual check). */
  async claimOne(monitorId: string): Promise<Monitor | null> {
    if (this.stopping || !this.isLive()) return null;
    const live = await liveWorkerIds(new Date());
    const m = await claimMonitor(this.instanceId, monitorId, live);
    // New, resumed, or about to be checked by hand: soon.
    if (m) this.adopt(m);
    return m;
  }

  /** Compares owned revisions with the database: catches changes whose signal was lost. */
  private async reconcile(): Promise<void> {
    this.lastReconcile = Date.now();
    const stored = await ownedRevisions(this.instanceId);
    const stale = new Set<string>();
    for (const [id, revision] of this.owned) if (stored.get(id) !== revision) stale.add(id);
    for (const id of stored.keys()) if (!this.owned.has(id)) stale.add(id);
    await Promise.all([...stale].map((id) => this.onMonitorSignal(id)));
  }

  /** The lease is lost: stop every check now, without writing (another instance may own them already). */
  dropAll(): void {
    for (const id of this.owned.keys()) void this.worker.release(id);
    this.owned.clear();
  }

  /** Clean leave: hand every monitor back with its next due time, so the others continue the cadence. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.passing;
    await Promise.allSettled([...this.signalChains.values()]);
    const all = [...this.owned.keys()];
    await this.handBack(all);
    if (all.length) this.onHandedBack();
  }
}

/**
 * When a newly owned monitor's next check is due: as the previous owner left it, and never
 * before a full interval after its last stored check; null when that is more than an interval
 * past (the worker then spreads such monitors over a moment).
 */
function dueAt(m: Monitor): number | null {
  const interval = m.intervalSeconds * 1000;
  const afterLast = m.lastCheckedAt ? m.lastCheckedAt.getTime() + interval : 0;
  const due = Math.max(m.nextDueAt?.getTime() ?? 0, afterLast);
  // Due within the last interval (a handover that took a moment): check it now, on its beat as
  // nearly as can be. Longer overdue (its owner died): spread with the others.
  return due > Date.now() - interval ? due : null;
}
