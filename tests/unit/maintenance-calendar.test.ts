import { describe, expect, it } from 'vitest';
import { MaintenanceCalendar, type ActiveMaintenance, type CalendarWindow } from '@/lib/domain/maintenance-calendar';
import type { MaintenanceSchedule, Weekday } from '@/lib/domain/maintenance-schedule';

// Instants are written in UTC (Z); 2027-01-04 is a Monday.
const t = (iso: string) => new Date(iso);
const oneOff = (start: string, end: string): MaintenanceSchedule => ({ start: t(start), end: t(end), recurrence: null, timeZone: 'UTC' });
const weekly = (days: Weekday[], startTime: string, endTime: string): MaintenanceSchedule => ({
  start: null,
  end: null,
  recurrence: { type: 'weekly', days, startTime, endTime },
  timeZone: 'UTC',
});
const win = (id: string, userId: string, cover: string[] | 'all', schedule: MaintenanceSchedule): CalendarWindow => ({
  id,
  userId,
  title: `Window ${id}`,
  allMonitors: cover === 'all',
  monitorIds: cover === 'all' ? [] : cover,
  schedule,
});
/** [window id, start, end], so a row states the exact occurrence. */
const row = (a: ActiveMaintenance | null) => (a ? [a.window.id, a.occurrence.start.toISOString(), a.occurrence.end.toISOString()] : null);

// Monitors m1 and m2 belong to u1, m3 to u2.
const m1 = { id: 'm1', userId: 'u1' };
const m2 = { id: 'm2', userId: 'u1' };
const m3 = { id: 'm3', userId: 'u2' };
const other = { id: 'm9', userId: 'u1' }; // a monitor of u1 no window names

const windows = [
  win('a', 'u1', ['m1'], oneOff('2027-01-04T08:45:00Z', '2027-01-04T09:20:00Z')),
  win('weekly', 'u1', ['m1', 'm2'], weekly([1], '08:00', '09:30')), // every Monday
  win('all', 'u1', 'all', oneOff('2027-01-04T09:10:00Z', '2027-01-04T09:45:00Z')),
  win('u2-all', 'u2', 'all', oneOff('2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z')), // ends last, but not u1's
];
const calendar = new MaintenanceCalendar(windows);
const reversed = new MaintenanceCalendar([...windows].reverse());

describe('MaintenanceCalendar indexing', () => {
  it('counts its windows', () => {
    expect(calendar.size).toBe(4);
    expect(new MaintenanceCalendar([]).size).toBe(0);
  });

  it.each([
    [m1, ['a', 'weekly', 'all']], // named ones first, then the owner's all-monitors windows
    [m2, ['weekly', 'all']],
    [other, ['all']], // covered only by "all monitors"
    [m3, ['u2-all']], // another user's all-monitors window never covers u1's monitors, nor the reverse
    [{ id: 'm1', userId: 'u3' }, ['a', 'weekly']], // windows are indexed by monitor id and by owner separately
    [{ id: 'nobody', userId: 'u3' }, []],
  ])('windowsFor %o', (monitor, ids) => {
    expect(calendar.windowsFor(monitor).map((w) => w.id)).toEqual(ids);
  });

  it('lists a window covering all monitors once, whatever monitor ids it also carries', () => {
    const c = new MaintenanceCalendar([{ ...win('all', 'u1', 'all', weekly([1], '08:00', '09:00')), monitorIds: ['m1'] }]);
    expect(c.windowsFor(m1).map((w) => w.id)).toEqual(['all']);
  });
});

describe('MaintenanceCalendar.activeFor', () => {
  it.each([
    [m1, '2027-01-04T07:59:59.999Z', null],
    [m1, '2027-01-04T08:00:00.000Z', ['weekly', '2027-01-04T08:00:00.000Z', '2027-01-04T09:30:00.000Z']],
    // a (to 09:20) and weekly (to 09:30): the one that ends last.
    [m1, '2027-01-04T08:50:00.000Z', ['weekly', '2027-01-04T08:00:00.000Z', '2027-01-04T09:30:00.000Z']],
    // a, weekly and all (to 09:45); u2's window ends later still but is not m1's.
    [m1, '2027-01-04T09:15:00.000Z', ['all', '2027-01-04T09:10:00.000Z', '2027-01-04T09:45:00.000Z']],
    [m1, '2027-01-04T09:30:00.000Z', ['all', '2027-01-04T09:10:00.000Z', '2027-01-04T09:45:00.000Z']],
    [m1, '2027-01-04T09:45:00.000Z', null], // every end is exclusive
    [m2, '2027-01-04T08:50:00.000Z', ['weekly', '2027-01-04T08:00:00.000Z', '2027-01-04T09:30:00.000Z']], // a names only m1
    [other, '2027-01-04T08:50:00.000Z', null],
    [other, '2027-01-04T09:40:00.000Z', ['all', '2027-01-04T09:10:00.000Z', '2027-01-04T09:45:00.000Z']],
    [m3, '2027-01-04T09:15:00.000Z', ['u2-all', '2027-01-04T09:00:00.000Z', '2027-01-04T10:00:00.000Z']],
    [m3, '2027-01-04T08:30:00.000Z', null],
    // The weekly window again a week later, and not on the Tuesday between.
    [m1, '2027-01-11T08:15:00.000Z', ['weekly', '2027-01-11T08:00:00.000Z', '2027-01-11T09:30:00.000Z']],
    [m1, '2027-01-05T08:15:00.000Z', null],
  ])('%o at %s -> %j', (monitor, at, expected) => {
    expect(row(calendar.activeFor(monitor, t(at)))).toEqual(expected);
    expect(row(reversed.activeFor(monitor, t(at)))).toEqual(expected); // whatever order the windows came in
  });
});

describe('MaintenanceCalendar.currentAndUpcoming', () => {
  it.each([
    // Soonest start first, not in the order the windows are listed.
    [
      m1,
      '2027-01-04T07:00:00Z',
      '2027-01-05T00:00:00Z',
      [
        ['weekly', '2027-01-04T08:00:00.000Z', '2027-01-04T09:30:00.000Z'],
        ['a', '2027-01-04T08:45:00.000Z', '2027-01-04T09:20:00.000Z'],
        ['all', '2027-01-04T09:10:00.000Z', '2027-01-04T09:45:00.000Z'],
      ],
    ],
    // Current occurrences come with the upcoming ones.
    [
      m1,
      '2027-01-04T09:00:00Z',
      '2027-01-04T09:10:00.001Z',
      [
        ['weekly', '2027-01-04T08:00:00.000Z', '2027-01-04T09:30:00.000Z'],
        ['a', '2027-01-04T08:45:00.000Z', '2027-01-04T09:20:00.000Z'],
        ['all', '2027-01-04T09:10:00.000Z', '2027-01-04T09:45:00.000Z'],
      ],
    ],
    // `until` is exclusive: an occurrence starting exactly then is left out.
    [m1, '2027-01-04T07:00:00Z', '2027-01-04T08:45:00Z', [['weekly', '2027-01-04T08:00:00.000Z', '2027-01-04T09:30:00.000Z']]],
    [m1, '2027-01-04T07:00:00Z', '2027-01-04T08:00:00Z', []],
    // Once the one-offs are over, the weekly window's next occurrence, if it starts in time.
    [m1, '2027-01-04T09:50:00Z', '2027-01-20T00:00:00Z', [['weekly', '2027-01-11T08:00:00.000Z', '2027-01-11T09:30:00.000Z']]],
    [m1, '2027-01-04T09:50:00Z', '2027-01-11T08:00:00Z', []],
    [other, '2027-01-04T07:00:00Z', '2027-01-20T00:00:00Z', [['all', '2027-01-04T09:10:00.000Z', '2027-01-04T09:45:00.000Z']]],
    [other, '2027-01-04T09:45:00Z', '2027-01-20T00:00:00Z', []], // a one-off that is over is gone
    [m3, '2027-01-04T07:00:00Z', '2027-01-20T00:00:00Z', [['u2-all', '2027-01-04T09:00:00.000Z', '2027-01-04T10:00:00.000Z']]],
  ])('%o from %s until %s', (monitor, at, until, expected) => {
    expect(calendar.currentAndUpcoming(monitor, t(at), t(until)).map(row)).toEqual(expected);
    expect(reversed.currentAndUpcoming(monitor, t(at), t(until)).map(row)).toEqual(expected);
  });

  it('gives one occurrence per window: the current one, not the next after it', () => {
    const list = calendar.currentAndUpcoming(m2, t('2027-01-04T08:10:00Z'), t('2027-02-01T00:00:00Z'));
    expect(list.map(row)).toEqual([
      ['weekly', '2027-01-04T08:00:00.000Z', '2027-01-04T09:30:00.000Z'],
      ['all', '2027-01-04T09:10:00.000Z', '2027-01-04T09:45:00.000Z'],
    ]);
  });
});
