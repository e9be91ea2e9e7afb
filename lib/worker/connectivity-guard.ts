import { logger } from '@/lib/logger';
import { probeCanary, type Canary } from './canaries';

// When Pingboard's own network is down every monitor fails at once; alerting on each would be a
// storm of false alarms. After a failed check the worker asks isOffline(): all canaries failing
// means the failure is ours (probe_offline). One probe round serves every monitor (in flight and
// then cached for minIntervalMs); while offline a timer re-probes until a canary answers, and
// recovery listeners let the worker re-check its monitors promptly.

export interface ConnectivityState {
  connectivity: 'online' | 'offline' | 'disabled';
  offlineSince: Date | null;
}

export interface ConnectivityGuardOptions {
  /** Rounds asked for by isOffline() start at most this often; in between the last answer stands. */
  minIntervalMs?: number;
  /** Per canary, for the default probe. */
  timeoutMs?: number;
  /** While offline, how often the canaries are probed again. */
  pollMs?: number;
  probe?: (c: Canary) => Promise<boolean>;
  now?: () => number;
  onChange?: (s: ConnectivityState) => void;
}

export class ConnectivityGuard {
  readonly enabled: boolean;
  private readonly minIntervalMs: number;
  private readonly pollMs: number;
  private readonly probe: (c: Canary) => Promise<boolean>;
  private readonly now: () => number;
  private readonly onChange: (s: ConnectivityState) => void;
  private readonly recoverListeners = new Set<() => void>();
  private offlineSince: Date | null = null;
  private lastRoundAt = Number.NEGATIVE_INFINITY;
  private round: Promise<boolean> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly canaries: Canary[],
    opts: ConnectivityGuardOptions = {},
  ) {
    this.enabled = canaries.length > 0;
    this.minIntervalMs = opts.minIntervalMs ?? 3000;
    this.pollMs = opts.pollMs ?? 2000;
    const timeoutMs = opts.timeoutMs ?? 2000;
    this.probe = opts.probe ?? ((c) => probeCanary(c, timeoutMs));
    this.now = opts.now ?? Date.now;
    this.onChange = opts.onChange ?? (() => {});
  }

  state(): ConnectivityState {
    if (!this.enabled) return { connectivity: 'disabled', offlineSince: null };
    return { connectivity: this.offlineSince ? 'offline' : 'online', offlineSince: this.offlineSince };
  }

  /** After a failed check: true when every canary fails too (Pingboard is offline). Disabled: false without probing. */
  isOffline(): Promise<boolean> {
    if (!this.enabled) return Promise.resolve(false);
    if (!this.round && this.now() - this.lastRoundAt < this.minIntervalMs) return Promise.resolve(this.offlineSince !== null);
    return this.runRound();
  }

  /** Called on every transition offline -> online (after onChange). Returns an unsubscribe. */
  onRecover(fn: () => void): () => void {
    this.recoverListeners.add(fn);
    return () => this.recoverListeners.delete(fn);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One round shared by every caller while it runs. */
  private runRound(): Promise<boolean> {
    if (this.round) return this.round;
    const startedAt = this.now();
    this.lastRoundAt = startedAt;
    this.round = this.allFail()
      .then((offline) => {
        this.settle(offline, startedAt);
        return offline;
      })
      .finally(() => {
        this.round = null;
      });
    return this.round;
  }

  /** Probes every canary in parallel; false as soon as one answers, true when all have failed. */
  private allFail(): Promise<boolean> {
    return new Promise((resolve) => {
      let failed = 0;
      for (const c of this.canaries) {
        Promise.resolve()
          .then(() => this.probe(c))
          .catch(() => false)
          .then((ok) => {
            if (ok) resolve(false);
            else if (++failed === this.canaries.length) resolve(true);
          });
      }
    });
  }

  private settle(offline: boolean, startedAt: number): void {
    const since = this.offlineSince;
    if (offline) {
      if (!since) {
        this.offlineSince = new Date(startedAt);
        logger.warn({ offlineSince: this.offlineSince, canaries: this.canaries.map((c) => c.label) }, 'Pingboard cannot reach the network: every connectivity canary failed');
        this.notify(() => this.onChange(this.state()));
      }
      this.schedulePoll();
      return;
    }
    if (!since) return;
    this.offlineSince = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    logger.info({ offlineSince: since, offlineMs: this.now() - since.getTime() }, 'Pingboard reaches the network again: a connectivity canary answered');
    this.notify(() => this.onChange(this.state()));
    for (const fn of [...this.recoverListeners]) this.notify(fn);
  }

  private schedulePoll(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runRound();
    }, this.pollMs);
    this.timer.unref();
  }

  /** A listener's mistake is logged, never thrown into a check or the poll timer. */
  private notify(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      logger.error({ err }, 'A connectivity listener threw');
    }
  }
}
