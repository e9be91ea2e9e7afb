import { describe, expect, it } from 'vitest';
import {
  createMaintenanceSchema,
  maintenanceConfigIssues,
  scheduleOf,
  updateMaintenanceSchema,
  type MaintenanceFields,
} from '@/lib/schemas/maintenance';
import { occurrenceAt } from '@/lib/domain/maintenance-schedule';

const oneOff = { title: 'Database upgrade', allMonitors: true, start: '2027-03-28T02:00:00+01:00', end: '2027-03-28T04:00:00Z' };
const weekly = { type: 'weekly', days: [0], startTime: '02:00', endTime: '04:00' };
const cron = { type: 'cron', cron: '0 2 * * 0', durationMinutes: 120 };
const recurring = (recurrence: unknown, extra: object = {}) => ({ title: 'Nightly', monitorIds: ['m1'], recurrence, timeZone: 'Europe/Berlin', ...extra });

/** The issues a body gets, as [path, message] pairs. */
function issuesOf(body: unknown): Array<[string, string]> {
  const r = createMaintenanceSchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('createMaintenanceSchema accepts', () => {
  it('a one-off window, with every default filled in', () => {
    expect(createMaintenanceSchema.parse({ ...oneOff, title: '  Database upgrade ' })).toEqual({
      title: 'Database upgrade',
      allMonitors: true,
      monitorIds: [],
      start: new Date('2027-03-28T01:00:00Z'),
      end: new Date('2027-03-28T04:00:00Z'),
      recurrence: null,
      timeZone: 'UTC',
    });
  });

  it('startsAt and endsAt for start and end', () => {
    const parsed = createMaintenanceSchema.parse({ title: 'x', monitorIds: ['m1'], startsAt: '2027-01-01T00:00:00Z', endsAt: '2027-01-01T01:00:00.500+01:00' });
    expect(parsed.start).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(parsed.end).toEqual(new Date('2027-01-01T00:00:00.500Z'));
  });

  it.each([
    ['type, days as numbers', { type: 'weekly', days: [3, 0], startTime: '22:00', endTime: '02:00' }, [0, 3]],
    ['kind for type, weekdays as short names', { kind: 'weekly', weekdays: ['wed', 'Sun'], startTime: '22:00', endTime: '02:00' }, [0, 3]],
    ['daysOfWeek as full names in any case', { type: 'weekly', daysOfWeek: ['SUNDAY', 'Wednesday'], startTime: '22:00', endTime: '02:00' }, [0, 3]],
    ['numbers as strings, as a form sends them', { type: 'weekly', days: ['3', '0'], startTime: '22:00', endTime: '02:00' }, [0, 3]],
  ])('a weekly recurrence: %s', (_name, recurrence, days) => {
    expect(createMaintenanceSchema.parse(recurring(recurrence)).recurrence).toEqual({ type: 'weekly', days, startTime: '22:00', endTime: '02:00' });
  });

  it.each([
    ['cron and durationMinutes', { type: 'cron', cron: ' 0 2 * * 0 ', durationMinutes: 120 }],
    ['kind, expression and duration', { kind: 'cron', expression: '0 2 * * 0', duration: 120 }],
  ])('a cron recurrence: %s', (_name, recurrence) => {
    expect(createMaintenanceSchema.parse(recurring(recurrence)).recurrence).toEqual({ type: 'cron', cron: '0 2 * * 0', durationMinutes: 120 });
  });

  it('a recurrence bounded by start and end, and a time zone in its canonical spelling', () => {
    const parsed = createMaintenanceSchema.parse(recurring(weekly, { start: '2027-01-01T00:00:00Z', end: '2028-01-01T00:00:00Z', timeZone: 'europe/berlin' }));
    expect(parsed).toMatchObject({ start: new Date('2027-01-01T00:00:00Z'), end: new Date('2028-01-01T00:00:00Z'), timeZone: 'Europe/Berlin' });
  });

  it('output the schedule rules read as they are', () => {
    // Sunday 02:00-04:00 Berlin: on the spring-forward day it opens at 03:00 CEST (01:00Z).
    const parsed = createMaintenanceSchema.parse(recurring({ kind: 'weekly', weekdays: ['sun'], startTime: '02:00', endTime: '04:00' }));
    expect(occurrenceAt(scheduleOf(parsed), new Date('2027-03-28T01:30:00Z'))?.start).toEqual(new Date('2027-03-28T01:00:00Z'));
  });
});

describe('createMaintenanceSchema refuses, naming the field', () => {
  it.each([
    ['an empty title', { ...oneOff, title: '   ' }, 'title', 'Title is required'],
    ['no title', { ...oneOff, title: undefined }, 'title', 'Title is required'],
    ['a long title', { ...oneOff, title: 'x'.repeat(201) }, 'title', 'Title must be at most 200 characters'],
    ['no monitors', { ...oneOff, allMonitors: false }, 'monitorIds', 'Choose at least one monitor, or all monitors'],
    ['all monitors and a list', { ...oneOff, monitorIds: ['m1'] }, 'monitorIds', 'Choose all monitors or a list of monitors, not both'],
    ['a monitor twice', { ...oneOff, allMonitors: false, monitorIds: ['m1', 'm1'] }, 'monitorIds', 'Each monitor may appear only once'],
    ['over 1000 monitors', { ...oneOff, allMonitors: false, monitorIds: Array.from({ length: 1001 }, (_, i) => `m${i}`) }, 'monitorIds', 'At most 1000 monitors per maintenance window'],
    ['a start without an offset', { ...oneOff, start: '2027-03-28T02:00:00' }, 'start', 'Start must be an ISO 8601 date and time with an offset, e.g. 2027-03-28T02:00:00Z'],
    ['a date that does not exist', { ...oneOff, end: '2027-02-30T00:00:00Z' }, 'end', 'End must be an ISO 8601 date and time with an offset, e.g. 2027-03-28T02:00:00Z'],
    ['a one-off window without an end', { ...oneOff, end: undefined }, 'end', 'End is required unless the window recurs'],
    ['a one-off window without a start', { ...oneOff, start: null }, 'start', 'Start is required unless the window recurs'],
    ['an end before the start', { ...oneOff, end: '2027-03-28T00:59:59Z' }, 'end', 'End must be after start'],
    ['an end equal to the start', { ...oneOff, end: '2027-03-28T01:00:00Z' }, 'end', 'End must be after start'],
    ['bounds the wrong way round', recurring(weekly, { start: '2028-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' }), 'end', 'End must be after start'],
    ['an unknown time zone', recurring(weekly, { timeZone: 'Mars/Olympus_Mons' }), 'timeZone', 'Unknown time zone: use an IANA name such as Europe/Berlin or UTC'],
    ['an unknown recurrence type', recurring({ type: 'monthly' }), 'recurrence.type', "Recurrence type must be 'weekly' or 'cron'"],
    ['a recurrence that is not an object', recurring('weekly'), 'recurrence', 'Recurrence must be an object with a type'],
    ['no days', recurring({ ...weekly, days: [] }), 'recurrence.days', 'Choose at least one day'],
    ['a day twice', recurring({ ...weekly, days: ['sun', 0] }), 'recurrence.days', 'Each day may appear only once'],
    ['an unknown day name', recurring({ ...weekly, days: ['funday'] }), 'recurrence.days.0', 'Days must be 0-6 (0 = Sunday) or day names such as mon or monday'],
    ['day 7', recurring({ ...weekly, days: [1, 7] }), 'recurrence.days.1', 'Days must be 0-6 (0 = Sunday) or day names such as mon or monday'],
    ['a 25th hour', recurring({ ...weekly, startTime: '25:00' }), 'recurrence.startTime', 'Start time must be HH:MM in 24-hour time, e.g. 02:00'],
    ['a time without two-digit hours', recurring({ ...weekly, endTime: '4:00' }), 'recurrence.endTime', 'End time must be HH:MM in 24-hour time, e.g. 02:00'],
    ['equal start and end times', recurring({ ...weekly, endTime: '02:00' }), 'recurrence.endTime', 'End time must differ from start time'],
    ['a six-field cron', recurring({ ...cron, cron: '0 0 2 * * 0' }), 'recurrence.cron', 'Cron expression must have 5 fields: minute hour day-of-month month day-of-week'],
    ['a cron nickname', recurring({ ...cron, cron: '@daily' }), 'recurrence.cron', 'Cron expression must have 5 fields: minute hour day-of-month month day-of-week'],
    ['minute 61', recurring({ ...cron, cron: '61 2 * * 0' }), 'recurrence.cron', 'Cron expression is invalid: Invalid value for minute: 61'],
    ['a cron that never matches', recurring({ ...cron, cron: '0 0 30 2 *' }), 'recurrence.cron', 'Cron expression never matches a date'],
    ['an empty cron', recurring({ ...cron, cron: ' ' }), 'recurrence.cron', 'Cron expression is required'],
    ['a zero duration', recurring({ ...cron, durationMinutes: 0 }), 'recurrence.durationMinutes', 'Duration must be at least 1 minute'],
    ['a duration over 7 days', recurring({ ...cron, durationMinutes: 10_081 }), 'recurrence.durationMinutes', 'Duration must be at most 10080 minutes (7 days)'],
    ['a fractional duration', recurring({ type: 'cron', cron: '0 2 * * 0', duration: 1.5 }), 'recurrence.durationMinutes', 'Duration must be a whole number of minutes'],
    ['a duration as text', recurring({ ...cron, durationMinutes: '60' }), 'recurrence.durationMinutes', 'Duration must be a number of minutes'],
  ])('%s', (_name, body, path, message) => {
    expect(issuesOf(body)).toEqual([[path, message]]);
  });

  it.each([
    ['an unknown field', { ...oneOff, colour: 'red' }, '', ['colour']],
    ['an alias beside its field', { ...oneOff, startsAt: oneOff.start }, '', ['startsAt']],
    ['a weekly field on a cron recurrence', recurring({ ...cron, days: [0] }), 'recurrence', ['days']],
    ['an unknown recurrence field', recurring({ ...weekly, every: 2 }), 'recurrence', ['every']],
  ])('%s', (_name, body, path, keys) => {
    const r = createMaintenanceSchema.safeParse(body);
    expect(r.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', path: path ? [path] : [], keys })]);
  });

  it('a body that is not an object', () => {
    expect(issuesOf(null)).toEqual([['', 'The maintenance window must be a JSON object']]);
    expect(issuesOf([oneOff])).toEqual([['', 'The maintenance window must be a JSON object']]);
  });

  it('reports every bad field at once', () => {
    expect(issuesOf({ title: '', allMonitors: 'yes', recurrence: { ...weekly, startTime: '2am' }, timeZone: 'Nowhere' })).toEqual([
      ['title', 'Title is required'],
      ['allMonitors', 'allMonitors must be true or false'],
      ['recurrence.startTime', 'Start time must be HH:MM in 24-hour time, e.g. 02:00'],
      ['timeZone', 'Unknown time zone: use an IANA name such as Europe/Berlin or UTC'],
    ]);
  });
});

describe('updateMaintenanceSchema', () => {
  it('accepts any subset, fills no defaults, and maps the same aliases', () => {
    expect(updateMaintenanceSchema.parse({})).toEqual({});
    expect(updateMaintenanceSchema.parse({ endsAt: null, recurrence: { kind: 'cron', expression: '0 2 * * 0', duration: 30 } })).toEqual({
      end: null,
      recurrence: { type: 'cron', cron: '0 2 * * 0', durationMinutes: 30 },
    });
    expect(updateMaintenanceSchema.parse({ recurrence: null, title: ' New ' })).toEqual({ recurrence: null, title: 'New' });
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ recurrence: { ...weekly, startTime: '24:00' } }, 'recurrence.startTime'],
    [{ monitorIds: ['a', 'a'] }, 'monitorIds'],
    [{ start: 'tomorrow' }, 'start'],
  ])('checks each field as create does: %j', (body, path) => {
    const r = updateMaintenanceSchema.safeParse(body);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });

  it('refuses unknown fields', () => {
    expect(updateMaintenanceSchema.safeParse({ colour: 'red' }).error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['colour'] })]);
  });
});

describe('maintenanceConfigIssues on a merged window', () => {
  const stored: MaintenanceFields = createMaintenanceSchema.parse(oneOff);

  it.each([
    ['a stored window is valid', {}, []],
    ['an end moved before the start', { end: new Date('2027-03-28T00:00:00Z') }, [{ path: ['end'], message: 'End must be after start' }]],
    ['an end cleared on a one-off window', { end: null }, [{ path: ['end'], message: 'End is required unless the window recurs' }]],
    ['a recurrence added: start and end become bounds', { recurrence: { type: 'cron', cron: '0 3 * * *', durationMinutes: 30 } }, []],
    ['all monitors turned off without a list', { allMonitors: false }, [{ path: ['monitorIds'], message: 'Choose at least one monitor, or all monitors' }]],
    ['a list added while all monitors stays on', { monitorIds: ['m1'] }, [{ path: ['monitorIds'], message: 'Choose all monitors or a list of monitors, not both' }]],
  ] satisfies Array<[string, Partial<MaintenanceFields>, unknown[]]>)('%s', (_name, patch, expected) => {
    expect(maintenanceConfigIssues({ ...stored, ...patch })).toEqual(expected);
  });
});
