// Pure arithmetic over arrival series (epoch ms, ascending per monitor): gaps, checks closer
// than allowed, counts in a window, percentiles. No I/O, so the figures a test asserts on and
// the figures the bench prints come from the same code.

/** Arrival times within [from, to). */
export function within(times: number[], from: number, to: number): number[] {
  return times.filter((t) => t >= from && t < to);
}

/** Pairs of consecutive arrivals closer than `minGapMs`: a monitor checked twice. */
export function closePairs(times: number[], minGapMs: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 1; i < times.length; i++) if (times[i] - times[i - 1] < minGapMs) pairs.push([times[i - 1], times[i]]);
  return pairs;
}

/**
 * The longest stretch without an arrival inside [from, to], counting from the last arrival
 * before `from` (or `from`) and up to the first arrival after `to` (or `to`).
 */
export function longestGap(times: number[], from: number, to: number): number {
  let previous = from;
  for (const t of times) if (t <= from) previous = t;
  let longest = 0;
  for (const t of times) {
    if (t <= from) continue;
    longest = Math.max(longest, t - previous);
    previous = t;
    if (t >= to) return longest;
  }
  return Math.max(longest, to - previous);
}

/**
 * Arrivals in [from, to] that came early for the monitor's cadence: sooner than `periodMs - tolMs`
 * after the one before, and also sooner than two periods (less the tolerance) after the one
 * before that. A late check followed by one on time is not early by this rule (the cadence is
 * kept: the second is two periods after the check before the late one); a new owner that
 * starts its own cadence instead of continuing the monitor's is.
 * Returns [earlier, early] pairs.
 */
export function earlyArrivals(times: number[], periodMs: number, tolMs: number, from: number, to: number): Array<[number, number]> {
  const early: Array<[number, number]> = [];
  for (let k = 1; k < times.length; k++) {
    if (times[k] < from || times[k] > to) continue;
    const short = times[k] - times[k - 1] < periodMs - tolMs;
    const offCadence = k < 2 || times[k] - times[k - 2] < 2 * periodMs - tolMs;
    if (short && offCadence) early.push([times[k - 1], times[k]]);
  }
  return early;
}

/** The first arrival at or after `t`, or null. */
export function firstAfter(times: number[], t: number): number | null {
  for (const x of times) if (x >= t) return x;
  return null;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * How far each arrival lies from the monitor's own cadence: the k-th arrival against
 * anchor + k x period, the anchor chosen as the earliest of (t_k - k x period) so a skipped
 * or late tick shows as positive error. Returns one error (ms) per arrival.
 */
export function cadenceErrors(times: number[], periodMs: number): number[] {
  if (times.length === 0) return [];
  const anchor = Math.min(...times.map((t, k) => t - k * periodMs));
  return times.map((t, k) => t - k * periodMs - anchor);
}

/** "1.2 s" */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
