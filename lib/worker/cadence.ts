// Where in its interval each monitor is checked. After a start-up or a takeover every monitor
// is checked within a few seconds, which left the whole fleet checking in one burst per
// interval for as long as the process lived (about 3,300 checks in a second at 10,000 monitors
// every 30 s, and nothing in the other 29 seconds). Each monitor therefore has a fixed place in
// its interval, its phase, taken from its id, so the fleet's phases are spread evenly however
// and whenever the monitors were created; the check after such a first one moves to that place.

/** A fixed offset in [0, periodMs) for one monitor: FNV-1a of its id, so every instance agrees. */
export function phaseOf(id: string, periodMs: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % periodMs;
}

/** The first time at or after `t` (epoch ms) that falls on `phaseMs` of a `periodMs` cycle. */
export function slotAtOrAfter(t: number, periodMs: number, phaseMs: number): number {
  const offset = (((phaseMs - t) % periodMs) + periodMs) % periodMs;
  return t + offset;
}

/**
 * When the check after an unplaced one (the first after a start-up or takeover) is due: at the
 * monitor's phase, at least three quarters of an interval after `dueAt` and less than one and
 * three quarters after: not a double check even when the first ran late (half an interval was
 * once too little), and not a long gap.
 */
export function placedNextDue(dueAt: number, periodMs: number, phaseMs: number): number {
  return slotAtOrAfter(dueAt + Math.ceil((periodMs * 3) / 4), periodMs, phaseMs);
}
