import { z } from 'zod';
import { Cron } from 'croner';
import { isValidTimeZone, type MaintenanceSchedule, type Weekday } from '@/lib/domain/maintenance-schedule';

// Maintenance windows: one schema for the API and the forms, so every message reads as it is.
// A window is one-off (start and end) or recurring (weekly, or cron plus a duration, read in a
// time zone), optionally bounded by start and end. Clients spell a few things differently (kind
// for type, day names, startsAt), so a preprocess step maps those spellings onto one shape
// before the strict schema runs. Fields carry the per-field rules; rules across fields live in
// maintenanceConfigIssues, which create runs on the body and the update service runs on the
// stored window merged with the patch, so one rule set serves both.

export const MAX_TITLE_LENGTH = 200;
export const MAX_MONITORS_PER_WINDOW = 1000;
export const MAX_DURATION_MINUTES = 7 * 24 * 60;
const MAX_CRON_LENGTH = 200;
/** The cron "never matches" probe starts here (any fixed instant: years repeat the calendar). */
const CRON_PROBE_FROM = new Date('2000-01-01T00:00:00Z');

// ---- alternative spellings, mapped before validation --------------------------------------

const BODY_ALIASES = { startsAt: 'start', endsAt: 'end' };
const RECURRENCE_ALIASES = { kind: 'type', weekdays: 'days', daysOfWeek: 'days', expression: 'cron', duration: 'durationMinutes' };
const DAY_NAMES = new Map<string, Weekday>([
  ['sun', 0], ['sunday', 0],
  ['mon', 1], ['monday', 1],
  ['tue', 2], ['tues', 2], ['tuesday', 2],
  ['wed', 3], ['wednesday', 3],
  ['thu', 4], ['thur', 4], ['thurs', 4], ['thursday', 4],
  ['fri', 5], ['friday', 5],
  ['sat', 6], ['saturday', 6],
]);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Renames each alias to its field unless the field is there too (then the alias stays, and is refused as unknown). */
function renamed(o: Record<string, unknown>, aliases: Record<string, string>): Record<string, unknown> {
  const out = { ...o };
  for (const [alias, field] of Object.entries(aliases)) {
    if (Object.hasOwn(out, alias) && !Object.hasOwn(out, field)) {
      out[field] = out[alias];
      delete out[alias];
    }
  }
  return out;
}

/** 'sun', 'Sunday', 'MON', '1' -> a weekday number; anything else is left for the schema to refuse. */
function weekdayOf(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  if (/^[0-6]$/.test(s)) return Number(s);
  return DAY_NAMES.get(s) ?? v;
}

function normaliseRecurrence(v: unknown): unknown {
  if (!isRecord(v)) return v;
  const r = renamed(v, RECURRENCE_ALIASES);
  if (Array.isArray(r.days)) r.days = r.days.map(weekdayOf);
  return r;
}

function normaliseBody(v: unknown): unknown {
  if (!isRecord(v)) return v;
  const body = renamed(v, BODY_ALIASES);
  if (Object.hasOwn(body, 'recurrence')) body.recurrence = normaliseRecurrence(body.recurrence);
  return body;
}

// ---- fields ---------------------------------------------------------------------------------

const title = z
  .string({ error: (issue) => (issue.input === undefined ? 'Title is required' : 'Title must be text') })
  .trim()
  .min(1, 'Title is required')
  .max(MAX_TITLE_LENGTH, `Title must be at most ${MAX_TITLE_LENGTH} characters`);

const monitorIds = z
  .array(z.string({ error: 'Each monitor id must be text' }).trim().min(1, 'Monitor ids must not be empty').max(64, 'Monitor ids must be at most 64 characters'), {
    error: 'monitorIds must be a list of monitor ids',
  })
  .max(MAX_MONITORS_PER_WINDOW, `At most ${MAX_MONITORS_PER_WINDOW} monitors per maintenance window`)
  .refine((ids) => new Set(ids).size === ids.length, 'Each monitor may appear only once');

const allMonitors = z.boolean({ error: 'allMonitors must be true or false' });

/** An instant with its offset or Z, so it never depends on the server's zone. */
const instant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label} must be an ISO 8601 date and time with an offset, e.g. 2027-03-28T02:00:00Z` })
    .transform((s) => new Date(s));

/** Canonical spelling (europe/berlin -> Europe/Berlin), so the stored name displays well. */
function canonicalTimeZone(tz: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return tz;
  }
}

const timeZone = z
  .string({ error: 'Time zone must be text' })
  .trim()
  .refine(isValidTimeZone, 'Unknown time zone: use an IANA name such as Europe/Berlin or UTC')
  .transform(canonicalTimeZone);

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTime = (label: string) => z.string({ error: `${label} must be text` }).regex(HH_MM, `${label} must be HH:MM in 24-hour time, e.g. 02:00`);

const weekday = z.literal([0, 1, 2, 3, 4, 5, 6], { error: 'Days must be 0-6 (0 = Sunday) or day names such as mon or monday' });

const weeklySchema = z
  .strictObject({
    type: z.literal('weekly'),
    days: z
      .array(weekday, { error: 'Days must be a list of days of the week' })
      .min(1, 'Choose at least one day')
      .refine((days) => new Set(days).size === days.length, 'Each day may appear only once')
      .transform((days) => [...days].sort((a, b) => a - b)),
    startTime: clockTime('Start time'),
    endTime: clockTime('End time'),
  })
  // Only between two valid times: a bad one already has its own message.
  .refine((r) => r.startTime !== r.endTime || !HH_MM.test(r.startTime), { path: ['endTime'], message: 'End time must differ from start time' });

/** Why a cron expression is refused, or null: croner parses it (paused, no callback: no timer). */
function cronProblem(expression: string): string | null {
  if (expression.split(/\s+/).length !== 5) return 'Cron expression must have 5 fields: minute hour day-of-month month day-of-week';
  try {
    const job = new Cron(expression, { paused: true, mode: '5-part' });
    if (job.nextRun(CRON_PROBE_FROM) === null) return 'Cron expression never matches a date';
  } catch (e) {
    return `Cron expression is invalid: ${(e instanceof Error ? e.message : String(e)).replace(/^Cron\w*: /, '')}`;
  }
  return null;
}

const cronSchema = z.strictObject({
  type: z.literal('cron'),
  cron: z
    .string({ error: 'Cron expression must be text' })
    .trim()
    .min(1, { message: 'Cron expression is required', abort: true })
    .max(MAX_CRON_LENGTH, { message: `Cron expression must be at most ${MAX_CRON_LENGTH} characters`, abort: true })
    .superRefine((expression, ctx) => {
      const problem = cronProblem(expression);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  durationMinutes: z
    .number({ error: 'Duration must be a number of minutes' })
    .int('Duration must be a whole number of minutes')
    .min(1, 'Duration must be at least 1 minute')
    .max(MAX_DURATION_MINUTES, `Duration must be at most ${MAX_DURATION_MINUTES} minutes (7 days)`),
});

export const recurrenceSchema = z.discriminatedUnion('type', [weeklySchema, cronSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? "Recurrence type must be 'weekly' or 'cron'" : 'Recurrence must be an object with a type'),
});

const fields = {
  title,
  allMonitors,
  monitorIds,
  start: instant('Start').nullable(),
  end: instant('End').nullable(),
  recurrence: recurrenceSchema.nullable(),
  timeZone,
};

const notAnObject = { error: (issue: { code: string }) => (issue.code === 'invalid_type' ? 'The maintenance window must be a JSON object' : undefined) };

/** A complete window, defaults filled in: what create returns and the rules below check. */
export const maintenanceFieldsSchema = z.strictObject({
  title: fields.title,
  allMonitors: fields.allMonitors.default(false),
  monitorIds: fields.monitorIds.default([]),
  start: fields.start.default(null),
  end: fields.end.default(null),
  recurrence: fields.recurrence.default(null),
  timeZone: fields.timeZone.default('UTC'),
}, notAnObject);
export type MaintenanceFields = z.output<typeof maintenanceFieldsSchema>;

export interface MaintenanceIssue {
  path: (string | number)[];
  message: string;
}

/** Rules that span fields, checked on the complete window; each issue names the field a form shows it on. */
export function maintenanceConfigIssues(m: MaintenanceFields): MaintenanceIssue[] {
  const issues: MaintenanceIssue[] = [];
  if (m.allMonitors && m.monitorIds.length > 0) issues.push({ path: ['monitorIds'], message: 'Choose all monitors or a list of monitors, not both' });
  if (!m.allMonitors && m.monitorIds.length === 0) issues.push({ path: ['monitorIds'], message: 'Choose at least one monitor, or all monitors' });
  if (m.recurrence === null) {
    if (m.start === null) issues.push({ path: ['start'], message: 'Start is required unless the window recurs' });
    if (m.end === null) issues.push({ path: ['end'], message: 'End is required unless the window recurs' });
  }
  if (m.start && m.end && m.end.getTime() <= m.start.getTime()) issues.push({ path: ['end'], message: 'End must be after start' });
  return issues;
}

/** Cross-field rules run once every field is valid: before that the values are not yet what they check. */
export const createMaintenanceSchema = z.preprocess(
  normaliseBody,
  maintenanceFieldsSchema.superRefine(
    (m, ctx) => {
      for (const issue of maintenanceConfigIssues(m)) ctx.addIssue({ code: 'custom', ...issue });
    },
    { when: (payload) => payload.issues.length === 0 },
  ),
);
export type CreateMaintenanceInput = z.infer<typeof createMaintenanceSchema>;

/** A PATCH body: any subset of the fields, each checked as on create; null clears start, end or recurrence. */
export const updateMaintenanceSchema = z.preprocess(normaliseBody, z.strictObject(fields, notAnObject).partial());
export type UpdateMaintenanceInput = z.infer<typeof updateMaintenanceSchema>;

/** The part of a window the schedule rules read (lib/domain/maintenance-schedule). */
export function scheduleOf(m: Pick<MaintenanceFields, 'start' | 'end' | 'recurrence' | 'timeZone'>): MaintenanceSchedule {
  return { start: m.start, end: m.end, recurrence: m.recurrence, timeZone: m.timeZone };
}
