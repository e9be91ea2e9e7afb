// Durations in words. Each function says in its name which unit it takes, so no caller has to
// guess whether a number holds seconds or milliseconds. Pure, so the check engine uses it too.
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './time';

/**
 * "200 ms", "1.5 s", "10 s": exact to a tenth of a second, for limits and timeouts. Check errors
 * built with it ("Timed out after 10 s") are stored, so its output must not change.
 */
export function formatMs(ms: number): string {
  if (ms < SECOND_MS) return `${Math.round(ms)} ms`;
  return `${Number((ms / SECOND_MS).toFixed(1))} s`;
}

/** The units of formatMsCoarse, largest first, in whole seconds. */
const COARSE_UNITS: ReadonlyArray<readonly [unit: string, seconds: number]> = [
  ['d', DAY_MS / SECOND_MS],
  ['h', HOUR_MS / SECOND_MS],
  ['min', MINUTE_MS / SECOND_MS],
  ['s', 1],
];

/**
 * "45 s", "3 min 12 s", "2 h 5 min", "1 d 3 h": the two largest whole units, the smaller one
 * left out when it is zero; under a second (or negative, or not a number) "less than 1 s".
 * For a person reading an alert about downtime or a certificate's time left.
 */
export function formatMsCoarse(ms: number): string {
  const total = Number.isFinite(ms) ? Math.floor(Math.max(0, ms) / SECOND_MS) : 0;
  if (total === 0) return 'less than 1 s';
  const i = COARSE_UNITS.findIndex(([, size]) => total >= size);
  const [unit, size] = COARSE_UNITS[i];
  const major = `${Math.floor(total / size)} ${unit}`;
  const next = COARSE_UNITS[i + 1];
  if (!next) return major;
  const minor = Math.floor((total % size) / next[1]);
  return minor > 0 ? `${major} ${minor} ${next[0]}` : major;
}

/**
 * "45 s", "3 min", "2 h 5 min", "3 d 4 h": whole seconds to the length of an incident as the
 * pages show it; seconds only under a minute, hours up to two days.
 */
export function formatSecondsCoarse(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
