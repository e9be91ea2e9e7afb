// Timestamps of one connection's phases, and their conversion to the CheckTimings durations.
import type { CheckTimings } from './types';

/** Absolute times (from the check's clock) at which each phase ended; null = did not happen. */
export interface PhaseMarks {
  start: number;
  dnsEnd: number | null;
  connected: number | null;
  secured: number | null;
  firstByte: number | null;
  end: number | null;
}

export function newMarks(start: number): PhaseMarks {
  return { start, dnsEnd: null, connected: null, secured: null, firstByte: null, end: null };
}

const span = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : Math.max(0, to - from);

/**
 * Durations of the last connection's phases; totalMs spans the whole check (all redirect hops).
 * dnsMs is null for IP literals, tlsMs for plain http.
 */
export function toCheckTimings(marks: PhaseMarks | null, checkStart: number, checkEnd: number): CheckTimings {
  const totalMs = Math.max(0, checkEnd - checkStart);
  if (!marks) return { dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: null, transferMs: null, totalMs };
  const ready = marks.secured ?? marks.connected;
  return {
    dnsMs: span(marks.start, marks.dnsEnd),
    connectMs: span(marks.dnsEnd ?? marks.start, marks.connected),
    tlsMs: span(marks.connected, marks.secured),
    ttfbMs: span(ready, marks.firstByte),
    transferMs: span(marks.firstByte, marks.end),
    totalMs,
  };
}
