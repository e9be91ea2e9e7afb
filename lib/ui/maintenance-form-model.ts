// The maintenance window form as plain data, safe for the browser: the API's shape in, form
// state in between, the request body out. A one-off window is typed as two wall-clock times in
// the window's own time zone; they become instants here, with that zone's offset on that date.

import type { MaintenanceDto } from '@/lib/dto/maintenance';
import type { Weekday } from '@/lib/domain/maintenance-schedule';
import { createMaintenanceSchema } from '@/lib/schemas/maintenance';

/** The API's shape; only its type reaches the browser. */
export type { MaintenanceDto } from '@/lib/dto/maintenance';
export type Recurrence = NonNullable<MaintenanceDto['recurrence']>;

export type ScheduleKind = 'once' | 'weekly' | 'cron';

export interface MaintenanceFormValues {
  title: string;
  allMonitors: boolean;
  monitorIds: string[];
  kind: ScheduleKind;
  /** datetime-local values ("2026-12-03T22:00"), read in `timeZone`. */
  startLocal: string;
  endLocal: string;
  days: number[];
  startTime: string;
  endTime: string;
  cron: string;
  durationMinutes: string;
  timeZone: string;
  /** A recurring window's stored start and end bounds (ISO), which the form does not edit but must keep. */
  bounds: { start: string | null; end: string | null };
}

export type FormErrors = Record<string, string>;

/** Monday first, as most calendars show a week; the values are the API's (0 = Sunday). */
export const WEEKDAYS: ReadonlyArray<{ value: number; short: string; long: string }> = [
  { value: 1, short: 'Mon', long: 'Monday' },
  { value: 2, short: 'Tue', long: 'Tuesday' },
  { value: 3, short: 'Wed', long: 'Wednesday' },
  { value: 4, short: 'Thu', long: 'Thursday' },
  { value: 5, short: 'Fri', long: 'Friday' },
  { value: 6, short: 'Sat', long: 'Saturday' },
  { value: 0, short: 'Sun', long: 'Sunday' },
];

// ---- Time zones ----

const partFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `ms`, as numbers. */
function wallClock(ms: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, mi: Number(p.minute), s: Number(p.second) };
}

/** How far `timeZone`'s clock is ahead of UTC at instant `ms`, in ms (+3 600 000 in Berlin in winter). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * "2026-03-29T02:30" read in `timeZone` -> the ISO instant, or null if the text is not a time
 * (or the zone is unknown). The wall time is tried with the offsets a day before and a day
 * after, the two sides of any change of offset: a time that occurs twice (fall-back night) is
 * its first occurrence, as the worker's schedules read it; a time skipped by a spring-forward
 * is read with the offset before the gap, so it lands as far after the gap as it was into it
 * (02:30 becomes 03:30), as clocks show it.
 */
export function zonedLocalToIso(local: string, timeZone: string): string | null {
  const m = LOCAL_RE.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  try {
    const before = asUtc - zoneOffsetMs(asUtc - 86_400_000, timeZone);
    const after = asUtc - zoneOffsetMs(asUtc + 86_400_000, timeZone);
    const shows = (t: number) => isoToZonedLocal(new Date(t).toISOString(), timeZone) === local;
    const valid = [before, after].filter(shows);
    return new Date(valid.length ? Math.min(...valid) : before).toISOString();
  } catch {
    return null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant as a datetime-local value in `timeZone` (in UTC when the zone is unknown here). */
export function isoToZonedLocal(iso: string, timeZone: string): string {
  let w: ReturnType<typeof wallClock>;
  try {
    w = wallClock(new Date(iso).getTime(), timeZone);
  } catch {
    w = wallClock(new Date(iso).getTime(), 'UTC');
  }
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows, UTC included, sorted. */
export function timeZoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', ...known, current])].sort((a, b) => a.localeCompare(b));
}

// ---- Form <-> API ----

export function initialMaintenanceValues(m: MaintenanceDto | undefined, defaultTimeZone: string, nowMs = Date.now()): MaintenanceFormValues {
  const timeZone = m?.timeZone ?? defaultTimeZone;
  const from = Math.floor(nowMs / 60_000) * 60_000;
  const r = m?.recurrence ?? null;
  return {
    title: m?.title ?? '',
    allMonitors: m?.allMonitors ?? false,
    monitorIds: m ? [...m.monitorIds] : [],
    kind: r ? r.type : 'once',
    startLocal: isoToZonedLocal(m?.start ?? new Date(from).toISOString(), timeZone),
    endLocal: isoToZonedLocal(m?.end ?? new Date(from + 3_600_000).toISOString(), timeZone),
    days: r?.type === 'weekly' ? [...r.days] : [0],
    startTime: r?.type === 'weekly' ? r.startTime : '02:00',
    endTime: r?.type === 'weekly' ? r.endTime : '04:00',
    cron: r?.type === 'cron' ? r.cron : '0 3 * * 0',
    durationMinutes: r?.type === 'cron' ? String(r.durationMinutes) : '60',
    timeZone,
    bounds: r && m ? { start: m.start, end: m.end } : { start: null, end: null },
  };
}

export interface MaintenanceBody {
  title: string;
  allMonitors: boolean;
  monitorIds: string[];
  start: string | null;
  end: string | null;
  recurrence: Recurrence | null;
  timeZone: string;
}

/**
 * The body for POST or PATCH (every field, so an edit that changes the kind clears the old one),
 * and what is wrong with it by the API's own schema, run here so the messages are the server's.
 */
export function maintenanceBody(v: MaintenanceFormValues): { body: MaintenanceBody; errors: FormErrors } {
  const once = v.kind === 'once';
  const body: MaintenanceBody = {
    title: v.title.trim(),
    allMonitors: v.allMonitors,
    monitorIds: v.allMonitors ? [] : v.monitorIds,
    start: once ? zonedLocalToIso(v.startLocal, v.timeZone) : v.bounds.start,
    end: once ? zonedLocalToIso(v.endLocal, v.timeZone) : v.bounds.end,
    recurrence:
      v.kind === 'weekly'
        ? { type: 'weekly', days: v.days as Weekday[], startTime: v.startTime, endTime: v.endTime }
        : v.kind === 'cron'
          ? { type: 'cron', cron: v.cron.trim(), durationMinutes: v.durationMinutes.trim() === '' ? Number.NaN : Number(v.durationMinutes) }
          : null,
    timeZone: v.timeZone,
  };
  const errors: FormErrors = {};
  const parsed = createMaintenanceSchema.safeParse(body);
  if (!parsed.success) for (const i of parsed.error.issues) errors[maintenanceIssueKey(i.path)] ??= i.message;
  return { body, errors };
}

/** "recurrence.days" for the recurrence's inputs, the field name otherwise. */
export function maintenanceIssueKey(path: ReadonlyArray<PropertyKey>): string {
  const [head, sub] = path;
  if (head === undefined) return '_form';
  if (head === 'recurrence' && sub !== undefined && typeof sub === 'string') return `recurrence.${sub}`;
  if (head === 'monitorIds') return 'monitorIds';
  return String(head);
}

/** Keys the form shows beside an input for the chosen kind; anything else goes on top. */
export function hasMaintenanceInput(key: string, v: MaintenanceFormValues): boolean {
  if (['title', 'monitorIds', 'allMonitors', 'timeZone'].includes(key)) return true;
  if (v.kind === 'once') return key === 'start' || key === 'end';
  if (v.kind === 'weekly') return ['recurrence.days', 'recurrence.startTime', 'recurrence.endTime'].includes(key);
  return ['recurrence.cron', 'recurrence.durationMinutes'].includes(key);
}

// ---- Describing a window ----

const dayList = (days: number[]): string =>
  days.length === 7
    ? 'Every day'
    : `Every ${WEEKDAYS.filter((d) => days.includes(d.value))
        .map((d) => d.short)
        .join(', ')}`;

/** "Every Sun, Wed 02:00–04:00", "Cron 0 3 * * 0 for 60 min", or null for a one-off window. */
export function describeRecurrence(r: Recurrence | null): string | null {
  if (!r) return null;
  if (r.type === 'weekly') return `${dayList(r.days)} ${r.startTime}–${r.endTime}${r.endTime < r.startTime ? ' (next day)' : ''}`;
  return `Cron ${r.cron} for ${r.durationMinutes} min`;
}

/** Windows on now first, then the next to come, then those that are over (newest first). */
export function orderWindows(windows: readonly MaintenanceDto[]): MaintenanceDto[] {
  const rank = (m: MaintenanceDto) => (m.active ? 0 : m.nextWindow ? 1 : 2);
  return [...windows].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    if (rank(a) === 1) return a.nextWindow!.start.localeCompare(b.nextWindow!.start);
    return (b.end ?? b.createdAt).localeCompare(a.end ?? a.createdAt);
  });
}
