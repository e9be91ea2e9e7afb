import { describe, expect, it } from 'vitest';
import {
  describeRecurrence,
  hasMaintenanceInput,
  initialMaintenanceValues,
  isoToZonedLocal,
  maintenanceBody,
  maintenanceIssueKey,
  orderWindows,
  zonedLocalToIso,
  zoneOffsetMs,
  type MaintenanceDto,
  type MaintenanceFormValues,
} from '@/lib/ui/maintenance-form-model';

// Instants are written in UTC (Z). The 2026 clock changes used below:
//   Europe/Berlin     29 Mar 01:00Z (02:00 CET -> 03:00 CEST), 25 Oct 01:00Z (03:00 CEST -> 02:00 CET)
//   America/New_York   8 Mar 07:00Z (02:00 EST -> 03:00 EDT),   1 Nov 06:00Z (02:00 EDT -> 01:00 EST)
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const HOUR = 3_600_000;
const ms = (iso: string) => Date.parse(iso);
const z = (iso: string) => new Date(iso).toISOString(); // '2026-01-15T11:00Z' -> full ISO form

describe('zoneOffsetMs', () => {
  it.each([
    ['2026-01-15T12:00:00Z', BERLIN, 1 * HOUR],
    ['2026-07-15T12:00:00Z', BERLIN, 2 * HOUR],
    ['2026-03-29T00:59:59Z', BERLIN, 1 * HOUR],
    ['2026-03-29T01:00:00Z', BERLIN, 2 * HOUR],
    ['2026-10-25T00:59:59Z', BERLIN, 2 * HOUR],
    ['2026-10-25T01:00:00Z', BERLIN, 1 * HOUR],
    ['2026-03-08T06:59:59Z', NEW_YORK, -5 * HOUR],
    ['2026-03-08T07:00:00Z', NEW_YORK, -4 * HOUR],
    ['2026-11-01T05:59:59Z', NEW_YORK, -4 * HOUR],
    ['2026-11-01T06:00:00Z', NEW_YORK, -5 * HOUR],
    ['2026-07-15T12:00:00Z', 'UTC', 0],
    ['2026-07-15T12:00:00Z', 'Asia/Kolkata', 5.5 * HOUR], // not a whole number of hours
    ['2026-01-15T12:00:00.999Z', BERLIN, 1 * HOUR], // milliseconds do not leak into the offset
  ])('at %s in %s', (at, timeZone, offset) => {
    expect(zoneOffsetMs(ms(at), timeZone)).toBe(offset);
  });
});

describe('zonedLocalToIso', () => {
  it.each([
    // Ordinary days, winter and summer, and UTC.
    ['2026-01-15T12:00', BERLIN, '2026-01-15T11:00Z'],
    ['2026-07-15T12:00', BERLIN, '2026-07-15T10:00Z'],
    ['2026-01-15T12:00', NEW_YORK, '2026-01-15T17:00Z'],
    ['2026-07-15T12:00', NEW_YORK, '2026-07-15T16:00Z'],
    ['2026-12-31T22:00', NEW_YORK, '2027-01-01T03:00Z'], // into the next year in UTC
    ['2026-01-01T00:30', BERLIN, '2025-12-31T23:30Z'], // into the previous year in UTC
    ['2026-03-29T02:30', 'UTC', '2026-03-29T02:30Z'], // UTC has no gap
    ['2026-07-15T12:00', 'Asia/Kolkata', '2026-07-15T06:30Z'],
    // Either side of a spring-forward gap.
    ['2026-03-29T01:59', BERLIN, '2026-03-29T00:59Z'],
    ['2026-03-29T03:00', BERLIN, '2026-03-29T01:00Z'],
    ['2026-03-08T01:59', NEW_YORK, '2026-03-08T06:59Z'],
    ['2026-03-08T03:00', NEW_YORK, '2026-03-08T07:00Z'],
    // In the gap: the time lands after it, as the clocks show it (02:30 CET reads 03:30 CEST).
    ['2026-03-29T02:00', BERLIN, '2026-03-29T01:00Z'],
    ['2026-03-29T02:30', BERLIN, '2026-03-29T01:30Z'],
    ['2026-03-08T02:00', NEW_YORK, '2026-03-08T07:00Z'], // 03:00 EDT: after the gap, also west of UTC
    ['2026-03-08T02:30', NEW_YORK, '2026-03-08T07:30Z'],
    // Either side of a fall-back overlap.
    ['2026-10-25T01:59', BERLIN, '2026-10-24T23:59Z'],
    ['2026-10-25T03:00', BERLIN, '2026-10-25T02:00Z'],
    ['2026-11-01T00:59', NEW_YORK, '2026-11-01T04:59Z'],
    ['2026-11-01T02:00', NEW_YORK, '2026-11-01T07:00Z'],
    // In the overlap: the first of the two (01:30 EDT, not 01:30 EST; 02:30 CEST, not 02:30 CET),
    // as the worker's schedules read it, so a window saved from the form starts when it showed.
    ['2026-11-01T01:30', NEW_YORK, '2026-11-01T05:30Z'],
    ['2026-10-25T02:30', BERLIN, '2026-10-25T00:30Z'],
  ])('%s in %s -> %s', (local, timeZone, expected) => {
    expect(zonedLocalToIso(local, timeZone)).toBe(z(expected));
  });

  it.each([
    ['2026-10-25T02:30', BERLIN, ['2026-10-25T00:30Z', '2026-10-25T01:30Z']],
    ['2026-11-01T01:30', NEW_YORK, ['2026-11-01T05:30Z', '2026-11-01T06:30Z']],
  ])('reads %s in %s, shown twice, as one of the instants that show it', (local, timeZone, instants) => {
    const iso = zonedLocalToIso(local, timeZone);
    expect(instants.map(z)).toContain(iso);
    expect(isoToZonedLocal(iso!, timeZone)).toBe(local);
  });

  it('is null, not an exception, for a zone this browser does not know', () => {
    expect(zonedLocalToIso('2026-01-15T12:00', 'Mars/Olympus')).toBeNull();
    expect(isoToZonedLocal('2026-01-15T12:00:00.000Z', 'Mars/Olympus')).toBe('2026-01-15T12:00');
  });

  it.each(['', 'tomorrow', '2026-01-15', '2026-01-15 12:00', '2026-01-15T12:00:00', '2026-01-15T12:00Z', '2026-1-15T12:00'])(
    'is null for %j, which is not a datetime-local value',
    (local) => {
      expect(zonedLocalToIso(local, BERLIN)).toBeNull();
    },
  );
});

describe('isoToZonedLocal', () => {
  it.each([
    ['2026-01-15T11:00:00Z', BERLIN, '2026-01-15T12:00'],
    ['2026-01-15T11:00:59.999Z', BERLIN, '2026-01-15T12:00'], // seconds are dropped, not rounded
    ['2026-07-15T16:00:00Z', NEW_YORK, '2026-07-15T12:00'],
    ['2027-01-01T03:00:00Z', NEW_YORK, '2026-12-31T22:00'],
    ['2026-07-15T12:00:00Z', 'UTC', '2026-07-15T12:00'],
    ['2026-03-29T00:59:00Z', BERLIN, '2026-03-29T01:59'],
    ['2026-03-29T01:00:00Z', BERLIN, '2026-03-29T03:00'], // the gap never shows
    ['2026-03-08T07:00:00Z', NEW_YORK, '2026-03-08T03:00'],
    ['2026-10-25T00:30:00Z', BERLIN, '2026-10-25T02:30'], // both instants of a repeated time
    ['2026-10-25T01:30:00Z', BERLIN, '2026-10-25T02:30'],
    ['2026-11-01T05:30:00Z', NEW_YORK, '2026-11-01T01:30'],
    ['2026-11-01T06:30:00Z', NEW_YORK, '2026-11-01T01:30'],
    ['2026-03-29T00:00:00Z', BERLIN, '2026-03-29T01:00'], // midnight UTC is 01:00, not 25:00 or 24:00
    ['2026-03-28T23:00:00Z', BERLIN, '2026-03-29T00:00'], // local midnight reads 00, not 24
  ])('%s in %s -> %s', (iso, timeZone, expected) => {
    expect(isoToZonedLocal(iso, timeZone)).toBe(expected);
  });

  it.each([
    ['2026-01-15T12:00', BERLIN],
    ['2026-03-29T01:59', BERLIN],
    ['2026-03-29T03:00', BERLIN],
    ['2026-10-25T03:00', BERLIN],
    ['2026-03-08T03:30', NEW_YORK],
    ['2026-11-01T02:00', NEW_YORK],
    ['2026-02-28T23:59', 'UTC'],
  ])('is the reverse of zonedLocalToIso for %s in %s', (local, timeZone) => {
    expect(isoToZonedLocal(zonedLocalToIso(local, timeZone)!, timeZone)).toBe(local);
  });
});

// ---- Form <-> API ----

const dto = (over: Partial<MaintenanceDto>): MaintenanceDto => ({
  id: 'w1',
  title: 'Database upgrade',
  allMonitors: false,
  monitorIds: ['m1', 'm2'],
  start: null,
  end: null,
  recurrence: null,
  timeZone: BERLIN,
  active: false,
  nextWindow: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const NOW = ms('2026-07-15T10:07:42.123Z');

const values = (over: Partial<MaintenanceFormValues>): MaintenanceFormValues => ({
  ...initialMaintenanceValues(undefined, BERLIN, NOW),
  title: 'Database upgrade',
  monitorIds: ['m1', 'm2'],
  ...over,
});

describe('initialMaintenanceValues', () => {
  it('starts a new window as a one-off hour from the current minute, in the default zone', () => {
    expect(initialMaintenanceValues(undefined, BERLIN, NOW)).toEqual({
      title: '',
      allMonitors: false,
      monitorIds: [],
      kind: 'once',
      startLocal: '2026-07-15T12:07',
      endLocal: '2026-07-15T13:07',
      days: [0],
      startTime: '02:00',
      endTime: '04:00',
      cron: '0 3 * * 0',
      durationMinutes: '60',
      timeZone: BERLIN,
      bounds: { start: null, end: null },
    });
  });

  it('keeps a recurring window\'s start and end bounds through the form, so saving does not drop them', () => {
    const bounded = dto({ start: '2027-01-01T00:00:00.000Z', end: '2027-06-01T00:00:00.000Z', recurrence: { type: 'weekly', days: [0], startTime: '02:00', endTime: '04:00' } });
    const { body, errors } = maintenanceBody(initialMaintenanceValues(bounded, BERLIN, NOW));
    expect(errors).toEqual({});
    expect(body).toMatchObject({ start: '2027-01-01T00:00:00.000Z', end: '2027-06-01T00:00:00.000Z', recurrence: { type: 'weekly' } });
    // Turned into a one-off, its own start and end are sent instead.
    const once = maintenanceBody({ ...initialMaintenanceValues(bounded, BERLIN, NOW), kind: 'once', startLocal: '2027-02-01T10:00', endLocal: '2027-02-01T11:00' });
    expect(once.body).toMatchObject({ start: '2027-02-01T09:00:00.000Z', end: '2027-02-01T10:00:00.000Z', recurrence: null });
  });

  it('names the time zone, without throwing, when a one-off window has one this browser does not know', () => {
    const { errors } = maintenanceBody({ ...initialMaintenanceValues(undefined, BERLIN, NOW), timeZone: 'Mars/Olympus' });
    expect(errors.timeZone).toBeTruthy();
  });

  it.each([
    [dto({ start: '2026-01-15T11:00:00.000Z', end: '2026-01-15T13:30:00.000Z' }), { kind: 'once', startLocal: '2026-01-15T12:00', endLocal: '2026-01-15T14:30' }],
    [
      dto({ recurrence: { type: 'weekly', days: [1, 3], startTime: '22:00', endTime: '02:00' } }),
      { kind: 'weekly', days: [1, 3], startTime: '22:00', endTime: '02:00', cron: '0 3 * * 0', durationMinutes: '60' },
    ],
    [
      dto({ recurrence: { type: 'cron', cron: '30 1 * * 1-5', durationMinutes: 45 }, timeZone: NEW_YORK }),
      { kind: 'cron', cron: '30 1 * * 1-5', durationMinutes: '45', days: [0], startTime: '02:00', endTime: '04:00', timeZone: NEW_YORK },
    ],
    // A window's own zone wins over the browser's.
    [dto({ start: '2026-07-15T16:00:00.000Z', end: '2026-07-15T17:00:00.000Z', timeZone: NEW_YORK }), { startLocal: '2026-07-15T12:00', endLocal: '2026-07-15T13:00', timeZone: NEW_YORK }],
  ])('reads %j', (m, expected) => {
    const v = initialMaintenanceValues(m, BERLIN, NOW);
    expect(v).toMatchObject({ title: m.title, allMonitors: m.allMonitors, monitorIds: m.monitorIds, ...expected });
    expect(v.monitorIds).not.toBe(m.monitorIds); // the form's edits never reach the object it came from
  });
});

describe('maintenanceBody', () => {
  it.each([
    [
      'a one-off window across the spring-forward night',
      values({ kind: 'once', title: '  Database upgrade ', startLocal: '2026-03-29T01:30', endLocal: '2026-03-29T04:00' }),
      { start: '2026-03-29T00:30:00.000Z', end: '2026-03-29T02:00:00.000Z', recurrence: null }, // 2h30 on the wall clock, 1h30 of real time
    ],
    [
      'a one-off window in New York',
      values({ kind: 'once', startLocal: '2026-11-01T00:00', endLocal: '2026-11-01T03:00', timeZone: NEW_YORK }),
      { start: '2026-11-01T04:00:00.000Z', end: '2026-11-01T08:00:00.000Z', recurrence: null, timeZone: NEW_YORK }, // the fall-back night lasts an hour longer
    ],
    [
      'a weekly window, with no start or end',
      values({ kind: 'weekly', days: [3, 0], startTime: '23:00', endTime: '01:00' }),
      { start: null, end: null, recurrence: { type: 'weekly', days: [3, 0], startTime: '23:00', endTime: '01:00' } },
    ],
    [
      'a cron window, its expression trimmed and its duration a number',
      values({ kind: 'cron', cron: ' 0 3 * * 0 ', durationMinutes: ' 90 ' }),
      { start: null, end: null, recurrence: { type: 'cron', cron: '0 3 * * 0', durationMinutes: 90 } },
    ],
    [
      'all monitors, dropping the ones chosen before',
      values({ kind: 'weekly', allMonitors: true, monitorIds: ['m1'] }),
      { allMonitors: true, monitorIds: [], start: null, end: null, recurrence: { type: 'weekly', days: [0], startTime: '02:00', endTime: '04:00' } },
    ],
  ])('builds %s', (_name, v, expected) => {
    const { body, errors } = maintenanceBody(v);
    expect(errors).toEqual({});
    expect(body).toEqual({
      title: 'Database upgrade',
      allMonitors: false,
      monitorIds: ['m1', 'm2'],
      timeZone: BERLIN,
      ...expected,
    });
  });

  it.each([
    [{ title: '   ' }, 'title', 'Title is required'],
    [{ monitorIds: [] }, 'monitorIds', 'Choose at least one monitor, or all monitors'],
    [{ kind: 'once', startLocal: '' }, 'start', 'Start is required unless the window recurs'],
    [{ kind: 'once', startLocal: '2026-07-15T12:00', endLocal: '2026-07-15T12:00' }, 'end', 'End must be after start'],
    [{ kind: 'once', startLocal: '2026-10-25T02:30', endLocal: '2026-10-25T02:00' }, 'end', 'End must be after start'],
    [{ kind: 'weekly', days: [] }, 'recurrence.days', 'Choose at least one day'],
    [{ kind: 'weekly', startTime: '02:00', endTime: '02:00' }, 'recurrence.endTime', 'End time must differ from start time'],
    [{ kind: 'weekly', timeZone: 'Mars/Olympus' }, 'timeZone', 'Unknown time zone: use an IANA name such as Europe/Berlin or UTC'],
    [{ kind: 'cron', durationMinutes: '' }, 'recurrence.durationMinutes', 'Duration must be a number of minutes'],
    [{ kind: 'cron', durationMinutes: 'an hour' }, 'recurrence.durationMinutes', 'Duration must be a number of minutes'],
    [{ kind: 'cron', durationMinutes: '1.5' }, 'recurrence.durationMinutes', 'Duration must be a whole number of minutes'],
    [{ kind: 'cron', cron: '0 3 * *' }, 'recurrence.cron', 'Cron expression must have 5 fields: minute hour day-of-month month day-of-week'],
  ] as const)('refuses %j with the API message under %s', (over, key, message) => {
    const { errors } = maintenanceBody(values(over as Partial<MaintenanceFormValues>));
    expect(errors).toEqual({ [key]: message });
  });

  it.each([
    dto({ start: '2026-01-15T11:00:00.000Z', end: '2026-01-15T13:30:00.000Z' }),
    dto({ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T03:00:00.000Z' }), // across the spring-forward night
    dto({ start: '2026-11-01T04:00:00.000Z', end: '2026-11-01T08:00:00.000Z', timeZone: NEW_YORK }), // across the fall-back night
    dto({ start: '2026-07-15T12:00:00.000Z', end: '2026-07-15T12:01:00.000Z', timeZone: 'UTC', allMonitors: true, monitorIds: [] }),
    dto({ recurrence: { type: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], startTime: '22:00', endTime: '02:00' } }),
    dto({ recurrence: { type: 'cron', cron: '30 1 * * 1-5', durationMinutes: 45 }, timeZone: NEW_YORK }),
  ])('round-trips %j from the API through the form unchanged', (m) => {
    const { body, errors } = maintenanceBody(initialMaintenanceValues(m, 'Asia/Tokyo', NOW));
    expect(errors).toEqual({});
    expect(body).toEqual({ title: m.title, allMonitors: m.allMonitors, monitorIds: m.monitorIds, start: m.start, end: m.end, recurrence: m.recurrence, timeZone: m.timeZone });
  });
});

describe('issue keys and inputs', () => {
  it.each([
    [[], '_form'],
    [['title'], 'title'],
    [['monitorIds', 3], 'monitorIds'], // one bad id shows on the monitor list
    [['recurrence', 'days'], 'recurrence.days'],
    [['recurrence', 'days', 0], 'recurrence.days'],
    [['recurrence'], 'recurrence'],
    [['start'], 'start'],
  ])('maintenanceIssueKey(%j) -> %s', (path, key) => {
    expect(maintenanceIssueKey(path)).toBe(key);
  });

  it.each([
    ['title', 'cron', true],
    ['timeZone', 'once', true],
    ['start', 'once', true],
    ['end', 'once', true],
    ['start', 'weekly', false], // on top: the weekly form has no start input
    ['recurrence.days', 'weekly', true],
    ['recurrence.endTime', 'weekly', true],
    ['recurrence.days', 'cron', false],
    ['recurrence.cron', 'cron', true],
    ['recurrence.durationMinutes', 'cron', true],
    ['recurrence.cron', 'once', false],
    ['recurrence', 'weekly', false],
    ['_form', 'once', false],
  ] as const)('hasMaintenanceInput(%s) for a %s window -> %s', (key, kind, expected) => {
    expect(hasMaintenanceInput(key, values({ kind }))).toBe(expected);
  });
});

describe('describing windows', () => {
  it.each([
    [null, null],
    [{ type: 'weekly', days: [0, 3], startTime: '02:00', endTime: '04:00' }, 'Every Wed, Sun 02:00–04:00'], // Monday first
    [{ type: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], startTime: '22:00', endTime: '02:00' }, 'Every day 22:00–02:00 (next day)'],
    [{ type: 'cron', cron: '0 3 * * 0', durationMinutes: 60 }, 'Cron 0 3 * * 0 for 60 min'],
  ] as const)('describeRecurrence(%j) -> %s', (r, expected) => {
    expect(describeRecurrence(r === null ? null : (structuredClone(r) as MaintenanceDto['recurrence']))).toBe(expected);
  });

  it('orders windows on now first, then by next start, then those over, newest first', () => {
    const next = (start: string) => ({ start, end: start });
    const list = [
      dto({ id: 'over-old', end: '2026-01-01T00:00:00.000Z' }),
      dto({ id: 'next-later', nextWindow: next('2026-09-01T00:00:00.000Z') }),
      dto({ id: 'active', active: true, nextWindow: next('2026-07-01T00:00:00.000Z') }),
      dto({ id: 'over-new', end: '2026-06-01T00:00:00.000Z' }),
      dto({ id: 'next-sooner', nextWindow: next('2026-08-01T00:00:00.000Z') }),
    ];
    expect(orderWindows(list).map((m) => m.id)).toEqual(['active', 'next-sooner', 'next-later', 'over-new', 'over-old']);
    expect(list[0].id).toBe('over-old'); // a sorted copy
  });
});
