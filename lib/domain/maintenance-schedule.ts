// When a maintenance window is open: a one-off [start, end), or a weekly or cron recurrence read
// in an IANA time zone, optionally bounded by start (inclusive) and end (exclusive). Pure, so the
// rules have their own tests. The worker asks occurrenceAt for every check result, so the hot
// path never scans from the first occurrence: it looks only at occurrences that could still be
// open at `at` (those starting after `at` minus the longest possible window), parses each cron
// expression once, and answers most weekly questions with one time zone lookup.
//
// Daylight saving. A weekly window's start and end are wall-clock times on their local dates:
// one in a gap (02:30 on a spring-forward night) moves to the first existing local time after
// it (03:00), so a window wholly inside the gap is empty and skipped; one that occurs twice (a
// fall-back night) is its first occurrence. Cron windows follow croner, which agrees for a fixed
// time (`0 2 * * 0`); patterns with a wildcard, step, list or range in the minute or hour skip
// times in a gap and run in both passes of a repeated hour. A cron window then lasts
// durationMinutes of real time, whatever the clocks do meanwhile.
import { Cron } from 'croner';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '@/lib/shared/time';

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = Sunday
export type Recurrence =
  | { type: 'weekly'; days: Weekday[]; startTime: string /* HH:MM */; endTime: string /* HH:MM */ }
  | { type: 'cron'; cron: string; durationMinutes: number };
export interface MaintenanceSchedule {
  start: Date | null;
  end: Date | null;
  recurrence: Recurrence | null;
  timeZone: string;
}
export interface Occurrence {
  start: Date;
  end: Date;
}

/** Epoch milliseconds, so the loops allocate no Dates until they answer. */
interface Span {
  start: number;
  end: number;
}

const DEFAULT_LIMIT = 1000;
/**
 * How far a UTC offset can move across a few days, with room to spare (real changes are at most
 * two hours, Antarctica/Troll). A weekly window lasts its wall-clock length give or take this.
 */
const OFFSET_SLACK_MS = 3 * HOUR_MS;

/** The occurrence covering `at` (start <= at < end), or null. */
export function occurrenceAt(s: MaintenanceSchedule, at: Date): Occurrence | null {
  const atMs = at.getTime();
  // Any occurrence open at `at` started after at - longest; occurrences come in start order, so
  // stop at the first that starts after `at`. Weekly windows never overlap; overlapping cron
  // windows (duration longer than the interval) answer with the earliest-started one.
  for (const o of startingAfter(s, atMs - longestMs(s), atMs + 1)) {
    if (o.end > atMs) return toOccurrence(o);
  }
  return null;
}

/** Occurrences overlapping [from, to), oldest first, at most `limit`. */
export function occurrencesBetween(s: MaintenanceSchedule, from: Date, to: Date, limit = DEFAULT_LIMIT): Occurrence[] {
  const out: Occurrence[] = [];
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!(limit > 0) || !(fromMs < toMs)) return out; // an empty range overlaps nothing
  for (const o of startingAfter(s, fromMs - longestMs(s), toMs)) {
    if (o.end <= fromMs) continue;
    out.push(toOccurrence(o));
    if (out.length >= limit) break;
  }
  return out;
}

/** The current occurrence if one covers `at`, else the next to start after `at`; null if none. */
export function currentOrNextOccurrence(s: MaintenanceSchedule, at: Date): Occurrence | null {
  const current = occurrenceAt(s, at);
  if (current) return current;
  for (const o of startingAfter(s, at.getTime(), Infinity)) return toOccurrence(o);
  return null;
}

/** Whether a time zone name is one Intl knows. */
export function isValidTimeZone(tz: string): boolean {
  return typeof tz === 'string' && tz.length > 0 && tz.length <= 100 && zoneFor(tz) !== null;
}

const toOccurrence = (o: Span): Occurrence => ({ start: new Date(o.start), end: new Date(o.end) });

/** No occurrence lasts longer than this, so one open at t started after t minus this. */
function longestMs(s: MaintenanceSchedule): number {
  const r = s.recurrence;
  if (!r) return s.start && s.end ? Math.max(0, s.end.getTime() - s.start.getTime()) : 0;
  if (r.type === 'cron') return r.durationMinutes * MINUTE_MS;
  const startMin = minutesOf(r.startTime);
  const endMin = minutesOf(r.endTime);
  if (startMin === null || endMin === null) return 0;
  const wallMinutes = (((endMin - startMin) % 1440) + 1440) % 1440 || 1440;
  return wallMinutes * MINUTE_MS + OFFSET_SLACK_MS;
}

/**
 * Non-empty occurrences with afterMs < start < beforeMs, within the schedule's bounds, in start
 * order. Lazy, so callers stop as soon as they have their answer.
 */
function* startingAfter(s: MaintenanceSchedule, afterMs: number, beforeMs: number): Generator<Span> {
  const r = s.recurrence;
  if (!r) {
    if (!s.start || !s.end) return;
    const o = { start: s.start.getTime(), end: s.end.getTime() };
    if (o.start > afterMs && o.start < beforeMs && o.end > o.start) yield o;
    return;
  }
  // Bounds: an occurrence starts at or after s.start (times are whole milliseconds) and before s.end.
  const lo = s.start ? Math.max(afterMs, s.start.getTime() - 1) : afterMs;
  const hi = s.end ? Math.min(beforeMs, s.end.getTime()) : beforeMs;
  if (!(lo < hi)) return;
  if (r.type === 'weekly') yield* weeklyStartingAfter(r, s.timeZone, lo, hi);
  else yield* cronStartingAfter(r, s.timeZone, lo, hi);
}

function* weeklyStartingAfter(r: Extract<Recurrence, { type: 'weekly' }>, tz: string, afterMs: number, beforeMs: number): Generator<Span> {
  const zone = zoneFor(tz);
  const startMin = minutesOf(r.startTime);
  const endMin = minutesOf(r.endTime);
  if (!zone || startMin === null || endMin === null || startMin === endMin) return;
  let days = 0; // bit d set = weekday d
  for (const d of r.days) if (Number.isInteger(d) && d >= 0 && d <= 6) days |= 1 << d;
  if (days === 0) return;
  const endDayShift = endMin <= startMin ? 1 : 0; // the range runs past midnight
  // Compare wall-clock times first, reading both ends with one offset (offsets across the range
  // differ by less than the slack): a window whose local start is hours outside the range needs
  // no exact conversion.
  const offset = offsetAt(zone, afterMs);
  const afterWall = afterMs + offset;
  const beforeWall = beforeMs + offset;
  // A window on a local date two or more days before afterMs's started before afterMs.
  for (let day = Math.floor(afterWall / DAY_MS) - 1; ; day++) {
    if (!((days >> weekdayOf(day)) & 1)) continue;
    const startWall = day * DAY_MS + startMin * MINUTE_MS;
    if (startWall >= beforeWall + OFFSET_SLACK_MS) return;
    if (startWall <= afterWall - OFFSET_SLACK_MS) continue;
    const start = instantAt(zone, startWall);
    if (start <= afterMs) continue;
    if (start >= beforeMs) return;
    const end = instantAt(zone, (day + endDayShift) * DAY_MS + endMin * MINUTE_MS);
    if (end > start) yield { start, end };
  }
}

function* cronStartingAfter(r: Extract<Recurrence, { type: 'cron' }>, tz: string, afterMs: number, beforeMs: number): Generator<Span> {
  const job = cronFor(r.cron, tz);
  const durationMs = r.durationMinutes * MINUTE_MS;
  if (!job || !(durationMs > 0)) return;
  for (let cursor = afterMs; ; ) {
    const run = nextRunAfter(job, cursor);
    if (run === null || run >= beforeMs) return;
    yield { start: run, end: run + durationMs };
    cursor = run;
  }
}

// ---- cron: parsed once per expression and zone --------------------------------------------

interface CronEntry {
  cron: Cron;
  /** The last answer: the first run after `from` is `next` (Infinity: none). */
  from: number;
  next: number;
}

/**
 * Parsing costs about as much as a lookup, and the worker asks about the same few schedules
 * thousands of times a second, each time a little later, so keep the parsed jobs and each one's
 * last answer, which stays right until the clock passes that run. Oldest-first eviction bounds it.
 */
const crons = new Map<string, CronEntry | null>();
const MAX_CRONS = 500;

function cronFor(expression: string, tz: string): CronEntry | null {
  return cached(crons, `${tz}\n${expression}`, MAX_CRONS, () => {
    if (!zoneFor(tz)) return null;
    try {
      // Paused and without a callback: a calculator, never a timer. Unparseable (only a row that
      // bypassed the schema) means no occurrences, rather than failing every check result.
      return { cron: new Cron(expression, { timezone: tz, paused: true, mode: '5-part' }), from: NaN, next: NaN };
    } catch {
      return null;
    }
  });
}

/** The first run strictly after `cursor` (croner's nextRun excludes its argument), or null. */
function nextRunAfter(e: CronEntry, cursor: number): number | null {
  if (!(e.from <= cursor && cursor < e.next)) {
    let run: Date | null = null;
    try {
      run = e.cron.nextRun(new Date(cursor));
    } catch {
      run = null; // outside croner's years 1-9999
    }
    e.from = cursor;
    e.next = run ? run.getTime() : Infinity;
  }
  return e.next === Infinity ? null : e.next;
}

// ---- time zones: wall-clock time <-> instants --------------------------------------------

interface Zone {
  format: Intl.DateTimeFormat;
  utc: boolean;
  /** Wall-clock time -> instant: the worker asks about the same few window edges again and again. */
  instants: Map<number, number>;
}

const zones = new Map<string, Zone | null>();
const MAX_ZONES = 1000;

function zoneFor(tz: string): Zone | null {
  return cached(zones, tz, MAX_ZONES, () => {
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      return { format, utc: format.resolvedOptions().timeZone === 'UTC', instants: new Map() };
    } catch {
      return null;
    }
  });
}

/** Local wall-clock time minus UTC at instant `ms`, in milliseconds. */
function offsetAt(zone: Zone, ms: number): number {
  if (zone.utc) return 0;
  const whole = Math.floor(ms / SECOND_MS) * SECOND_MS;
  const f = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const p of zone.format.formatToParts(whole)) if (p.type in f) f[p.type as keyof typeof f] = Number(p.value);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour % 24, f.minute, f.second) - whole;
}

const MAX_INSTANTS_PER_ZONE = 256;

function instantAt(zone: Zone, wall: number): number {
  if (zone.utc) return wall;
  return cached(zone.instants, wall, MAX_INSTANTS_PER_ZONE, () => instantOf(zone, wall));
}

/**
 * The instant a wall-clock time (as if UTC, in ms) happens in the zone. Tries the offsets a day
 * either side, which bracket any one change: the earlier valid instant wins (a time shown twice),
 * and a time shown never (a gap) becomes the moment of the change, the first existing time after it.
 */
function instantOf(zone: Zone, wall: number): number {
  if (zone.utc) return wall;
  const a = offsetAt(zone, wall - DAY_MS);
  const b = offsetAt(zone, wall + DAY_MS);
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (offsetAt(zone, wall - big) === big) return wall - big;
  if (small !== big && offsetAt(zone, wall - small) === small) return wall - small;
  // In a gap: wall - big is still before the change, wall - small after it. Bisect to the second.
  let lo = wall - big;
  let hi = wall - small;
  const before = offsetAt(zone, lo);
  while (hi - lo > SECOND_MS) {
    const mid = lo + Math.max(SECOND_MS, Math.floor((hi - lo) / 2 / SECOND_MS) * SECOND_MS);
    if (offsetAt(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** 1970-01-01 (day 0) was a Thursday. */
const weekdayOf = (epochDay: number): number => (((epochDay + 4) % 7) + 7) % 7;

/** Minutes after midnight for "HH:MM" (24-hour), or null. */
function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Get or make a value in a bounded Map; the oldest entry goes first when it is full. */
function cached<K, V>(map: Map<K, V>, key: K, max: number, make: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = make();
  if (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}
