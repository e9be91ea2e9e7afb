// The per-destination cap: all monitors of all users together send at most `perSecond` checks
// a second to one host. Each host has a next free slot; a check takes the first free slot and
// waits until then, so checks beyond the cap wait their turn, spaced evenly, instead of being
// dropped. Only a monitor's own next check can queue behind it (the worker never runs two
// checks of one monitor at once), so a host's queue is at most its number of monitors long.

export class HostLimiter {
  private readonly nextFree = new Map<string, number>();
  private readonly spacingMs: number;

  constructor(perSecond: number) {
    this.spacingMs = 1000 / perSecond;
  }

  /** Reserves the next slot for `host`; resolves to how long the check must wait (0: go now). */
  reserve(host: string, now = Date.now()): number {
    const key = host.toLowerCase();
    const start = Math.max(now, this.nextFree.get(key) ?? 0);
    this.nextFree.set(key, start + this.spacingMs);
    // Forget hosts whose slots are all in the past, so the map does not grow with every host ever seen.
    if (this.nextFree.size > 10_000) for (const [h, t] of this.nextFree) if (t < now) this.nextFree.delete(h);
    // Whole milliseconds: the wait is stored on the monitor in an integer column.
    return Math.ceil(start - now);
  }
}
