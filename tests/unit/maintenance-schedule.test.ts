import { describe, expect, it } from 'vitest';
import {
  currentOrNextOccurrence,
  isValidTimeZone,
  occurrenceAt,
  occurrencesBetween,
  type MaintenanceSchedule,
  type Occurrence,
  type Weekday,
} from '@/lib/domain/maintenance-schedule';

// Instants are written in UTC (Z) so each expectation states the exact instant, whatever the zone.
const t = (iso: string) => new Date(iso);
const span = (o: Occurrence | null) => (o ? [o.start.toISOString(), o.end.toISOString()] : null);
const spans = (os: Occurrence[]) => os.map(span);
const z = (iso: string) => new Date(iso).toISOString(); // '2027-03-21T01:00Z' -> full ISO form

interface Bounds {
  start?: string;
  end?: string;
}
const oneOff = (start: string, end: string): MaintenanceSchedule => ({ start: t(start), end: t(end), recurrence: null, timeZone: 'UTC' });
const weekly = (days: Weekday[], startTime: string, endTime: string, timeZone = 'UTC', b: Bounds = {}): MaintenanceSchedule => ({
  start: b.start ? t(b.start) : null,
  end: b.end ? t(b.end) : null,
  recurrence: { type: 'weekly', days, startTime, endTime },
  timeZone,
});
const cron = (expression: string, durationMinutes: number, timeZone = 'UTC', b: Bounds = {}): MaintenanceSchedule => ({
  start: b.start ? t(b.start) : null,
  end: b.end ? t(b.end) : null,
  recurrence: { type: 'cron', cron: expression, durationMinutes },
  timeZone,
});

describe('one-off window', () => {
  const s = oneOff('2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z');
  const window = [z('2027-01-04T09:00Z'), z('2027-01-04T10:00Z')];

  it.each([
    ['2027-01-04T08:59:59.999Z', null],
    ['2027-01-04T09:00:00.000Z', window], // start is inclusive
    ['2027-01-04T09:30:00.000Z', window],
    ['2027-01-04T09:59:59.999Z', window],
    ['2027-01-04T10:00:00.000Z', null], // end is exclusive
  ])('at %s', (at, expected) => {
    expect(span(occurrenceAt(s, t(at)))).toEqual(expected);
  });

  it('is next before it starts, and over once it ends', () => {
    expect(span(currentOrNextOccurrence(s, t('2027-01-01T00:00:00Z')))).toEqual(window);
    expect(currentOrNextOccurrence(s, t('2027-01-04T10:00:00Z'))).toBeNull();
  });

  it('has no occurrence without both ends', () => {
    expect(occurrenceAt({ ...s, end: null }, t('2027-01-04T09:30:00Z'))).toBeNull();
    expect(currentOrNextOccurrence({ ...s, start: null }, t('2027-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('weekly window in UTC', () => {
  // 2027-01-04 is a Monday.
  const s = weekly([1, 3], '09:00', '10:00');

  it.each([
    ['2027-01-04T08:59:59.999Z', null],
    ['2027-01-04T09:00:00Z', ['2027-01-04T09:00Z', '2027-01-04T10:00Z']],
    ['2027-01-04T09:59:59.999Z', ['2027-01-04T09:00Z', '2027-01-04T10:00Z']],
    ['2027-01-04T10:00:00Z', null],
    ['2027-01-05T09:30:00Z', null], // Tuesday is not one of its days
    ['2027-01-06T09:30:00Z', ['2027-01-06T09:00Z', '2027-01-06T10:00Z']],
    ['2027-01-11T09:30:00Z', ['2027-01-11T09:00Z', '2027-01-11T10:00Z']],
  ])('at %s', (at, expected) => {
    expect(span(occurrenceAt(s, t(at)))).toEqual(expected && expected.map(z));
  });
});

describe('weekly window across midnight', () => {
  it.each([
    // Saturday 22:00 to Sunday 02:00 (2027-01-02 is a Saturday).
    [weekly([6], '22:00', '02:00'), '2027-01-02T21:59:59Z', null],
    [weekly([6], '22:00', '02:00'), '2027-01-02T23:00:00Z', ['2027-01-02T22:00Z', '2027-01-03T02:00Z']],
    [weekly([6], '22:00', '02:00'), '2027-01-03T01:59:59Z', ['2027-01-02T22:00Z', '2027-01-03T02:00Z']],
    [weekly([6], '22:00', '02:00'), '2027-01-03T02:00:00Z', null],
    [weekly([6], '22:00', '02:00'), '2027-01-03T23:00:00Z', null], // Sunday night: not its day
    // Sunday 23:00 to Monday 01:00 wraps into the next week.
    [weekly([0], '23:00', '01:00'), '2027-01-04T00:30:00Z', ['2027-01-03T23:00Z', '2027-01-04T01:00Z']],
    // An end a minute before the start on the clock: nearly a whole day.
    [weekly([1], '10:00', '09:59'), '2027-01-05T09:58:00Z', ['2027-01-04T10:00Z', '2027-01-05T09:59Z']],
    // In a zone: Friday 22:00 to Saturday 02:00 in New York (UTC-5 in January).
    [weekly([5], '22:00', '02:00', 'America/New_York'), '2027-01-09T06:00:00Z', ['2027-01-09T03:00Z', '2027-01-09T07:00Z']],
  ])('%# at %s', (s, at, expected) => {
    expect(span(occurrenceAt(s, t(at)))).toEqual(expected && expected.map(z));
  });
});

describe('weekly window across daylight-saving changes', () => {
  // Europe/Berlin: CET (UTC+1) until 2027-03-28 02:00, when clocks skip to 03:00 CEST (UTC+2);
  // back to CET on 2027-10-31, when 03:00 CEST becomes 02:00 CET and 02:00-03:00 happens twice.
  // America/New_York: EST (UTC-5) to EDT (UTC-4) on 2027-03-14 at 02:00, back on 2027-11-07 at 02:00.
  // A start or end in the skipped hour moves to the first existing time after it (03:00 local);
  // one in the repeated hour is its first occurrence.
  it.each([
    ['Berlin Sun 01:00-03:00, spring', weekly([0], '01:00', '03:00', 'Europe/Berlin'), '2027-03-20', '2027-04-05', [
      ['2027-03-21T00:00Z', '2027-03-21T02:00Z'],
      ['2027-03-28T00:00Z', '2027-03-28T01:00Z'], // 01:00 CET to 03:00 CEST: one real hour
      ['2027-04-03T23:00Z', '2027-04-04T01:00Z'],
    ]],
    ['Berlin Sun 03:00-05:00, spring', weekly([0], '03:00', '05:00', 'Europe/Berlin'), '2027-03-20', '2027-04-05', [
      ['2027-03-21T02:00Z', '2027-03-21T04:00Z'],
      ['2027-03-28T01:00Z', '2027-03-28T03:00Z'], // 03:00 CEST
      ['2027-04-04T01:00Z', '2027-04-04T03:00Z'],
    ]],
    ['Berlin Sun 02:00-04:00, spring (02:00 does not exist on the 28th)', weekly([0], '02:00', '04:00', 'Europe/Berlin'), '2027-03-20', '2027-04-05', [
      ['2027-03-21T01:00Z', '2027-03-21T03:00Z'], // 02:00 CET
      ['2027-03-28T01:00Z', '2027-03-28T02:00Z'], // starts at 03:00 CEST, the first time after the gap
      ['2027-04-04T00:00Z', '2027-04-04T02:00Z'], // 02:00 CEST
    ]],
    ['Berlin Sun 02:15-02:45, wholly in the gap on the 28th: skipped', weekly([0], '02:15', '02:45', 'Europe/Berlin'), '2027-03-20', '2027-04-05', [
      ['2027-03-21T01:15Z', '2027-03-21T01:45Z'],
      ['2027-04-04T00:15Z', '2027-04-04T00:45Z'],
    ]],
    ['Berlin Sun 01:00-03:00, autumn', weekly([0], '01:00', '03:00', 'Europe/Berlin'), '2027-10-23', '2027-11-08', [
      ['2027-10-23T23:00Z', '2027-10-24T01:00Z'],
      ['2027-10-30T23:00Z', '2027-10-31T02:00Z'], // 01:00 CEST to 03:00 CET: three real hours
      ['2027-11-07T00:00Z', '2027-11-07T02:00Z'],
    ]],
    ['Berlin Sun 03:00-05:00, autumn', weekly([0], '03:00', '05:00', 'Europe/Berlin'), '2027-10-23', '2027-11-08', [
      ['2027-10-24T01:00Z', '2027-10-24T03:00Z'],
      ['2027-10-31T02:00Z', '2027-10-31T04:00Z'], // 03:00 CET
      ['2027-11-07T02:00Z', '2027-11-07T04:00Z'],
    ]],
    ['Berlin Sun 02:00-04:00, autumn (02:00 happens twice on the 31st)', weekly([0], '02:00', '04:00', 'Europe/Berlin'), '2027-10-30', '2027-11-01', [
      ['2027-10-31T00:00Z', '2027-10-31T03:00Z'], // the first 02:00 (CEST) to 04:00 CET
    ]],
    ['New York Sun 02:30-04:00, spring', weekly([0], '02:30', '04:00', 'America/New_York'), '2027-03-06', '2027-03-22', [
      ['2027-03-07T07:30Z', '2027-03-07T09:00Z'], // EST
      ['2027-03-14T07:00Z', '2027-03-14T08:00Z'], // 03:00 EDT, the first time after the gap
      ['2027-03-21T06:30Z', '2027-03-21T08:00Z'], // EDT
    ]],
    ['New York Sun 01:30-02:30, autumn (01:30 happens twice on Nov 7)', weekly([0], '01:30', '02:30', 'America/New_York'), '2027-10-30', '2027-11-15', [
      ['2027-10-31T05:30Z', '2027-10-31T06:30Z'],
      ['2027-11-07T05:30Z', '2027-11-07T07:30Z'], // the first 01:30 (EDT) to 02:30 EST
      ['2027-11-14T06:30Z', '2027-11-14T07:30Z'],
    ]],
  ])('%s', (_name, s, from, to, expected) => {
    expect(spans(occurrencesBetween(s, t(from), t(to)))).toEqual(expected.map((pair) => pair.map(z)));
  });

  it.each([
    // Berlin Sunday 03:00-05:00 on the spring-forward day: 03:00 CEST is 01:00Z.
    [weekly([0], '03:00', '05:00', 'Europe/Berlin'), '2027-03-28T00:59:59.999Z', null],
    [weekly([0], '03:00', '05:00', 'Europe/Berlin'), '2027-03-28T01:00:00Z', ['2027-03-28T01:00Z', '2027-03-28T03:00Z']],
    [weekly([0], '03:00', '05:00', 'Europe/Berlin'), '2027-03-28T02:59:59.999Z', ['2027-03-28T01:00Z', '2027-03-28T03:00Z']],
    [weekly([0], '03:00', '05:00', 'Europe/Berlin'), '2027-03-28T03:00:00Z', null],
    // Berlin Sunday 01:00-03:00 on the fall-back day: runs through both 02:00-03:00 hours.
    [weekly([0], '01:00', '03:00', 'Europe/Berlin'), '2027-10-31T01:30:00Z', ['2027-10-30T23:00Z', '2027-10-31T02:00Z']],
    [weekly([0], '01:00', '03:00', 'Europe/Berlin'), '2027-10-31T02:00:00Z', null],
  ])('%# at %s', (s, at, expected) => {
    expect(span(occurrenceAt(s, t(at)))).toEqual(expected && expected.map(z));
  });

  it('agrees with occurrencesBetween at every instant sampled over a year', () => {
    const schedules = [
      weekly([0, 3], '02:30', '01:30', 'Europe/Berlin'),
      weekly([0, 1, 2, 3, 4, 5, 6], '01:45', '02:15', 'America/New_York'),
      weekly([5], '23:00', '23:30', 'Australia/Lord_Howe'), // a 30-minute DST change
    ];
    const from = t('2027-01-01T00:00:00Z');
    const to = t('2028-01-01T00:00:00Z');
    for (const s of schedules) {
      const all = occurrencesBetween(s, from, to, 10_000);
      for (let ms = from.getTime(); ms < to.getTime(); ms += 37 * 60_000) {
        const covering = all.find((o) => o.start.getTime() <= ms && ms < o.end.getTime()) ?? null;
        expect(span(occurrenceAt(s, new Date(ms)))).toEqual(span(covering));
      }
    }
  });
});

describe('cron window', () => {
  it('reads the expression in its zone and lasts its duration, across a DST change', () => {
    // Sunday 02:00 Berlin for two hours; on 2027-03-28 02:00 does not exist, so it runs at 03:00 CEST.
    const s = cron('0 2 * * 0', 120, 'Europe/Berlin');
    expect(spans(occurrencesBetween(s, t('2027-03-20T00:00:00Z'), t('2027-04-05T00:00:00Z')))).toEqual([
      [z('2027-03-21T01:00Z'), z('2027-03-21T03:00Z')],
      [z('2027-03-28T01:00Z'), z('2027-03-28T03:00Z')],
      [z('2027-04-04T00:00Z'), z('2027-04-04T02:00Z')],
    ]);
  });

  it.each([
    // Daily 01:30 New York for an hour; 01:30 happens twice on 2027-11-07 and runs once, the first time.
    ['2027-11-06T05:30:00Z', ['2027-11-06T05:30Z', '2027-11-06T06:30Z']], // EDT
    ['2027-11-07T05:29:59.999Z', null],
    ['2027-11-07T06:00:00Z', ['2027-11-07T05:30Z', '2027-11-07T06:30Z']],
    ['2027-11-07T06:45:00Z', null], // the second 01:30 (EST) starts nothing
    ['2027-11-08T07:00:00Z', ['2027-11-08T06:30Z', '2027-11-08T07:30Z']], // EST
  ])('New York daily 01:30 at %s', (at, expected) => {
    expect(span(occurrenceAt(cron('30 1 * * *', 60, 'America/New_York'), t(at)))).toEqual(expected && expected.map(z));
  });

  it('answers with the earliest-started window when windows overlap', () => {
    const s = cron('0 * * * *', 90); // hourly, 90 minutes each
    expect(span(occurrenceAt(s, t('2027-01-04T10:15:00Z')))).toEqual([z('2027-01-04T09:00Z'), z('2027-01-04T10:30Z')]);
    expect(span(occurrenceAt(s, t('2027-01-04T10:30:00Z')))).toEqual([z('2027-01-04T10:00Z'), z('2027-01-04T11:30Z')]);
  });

  it('answers the same in any order of questions (its cache holds only facts)', () => {
    const s = cron('*/20 9-17 * * 1-5', 5, 'Europe/Berlin');
    const instants = Array.from({ length: 400 }, (_, i) => Date.UTC(2027, 2, 22) + ((i * 7919) % 400) * 3 * 60_000);
    const ordered = [...instants].sort((a, b) => a - b).map((ms) => [ms, span(occurrenceAt(s, new Date(ms)))] as const);
    const shuffled = new Map(instants.map((ms) => [ms, span(occurrenceAt(s, new Date(ms)))]));
    for (const [ms, expected] of ordered) expect(shuffled.get(ms)).toEqual(expected);
    expect(ordered.filter(([, o]) => o !== null).length).toBeGreaterThan(0);
  });

  it('has no occurrences for an expression croner cannot read (only a row that bypassed the schema)', () => {
    expect(occurrenceAt(cron('not a cron', 10), t('2027-01-04T10:00:00Z'))).toBeNull();
    expect(occurrencesBetween(cron('0 2 * * 0', 60, 'Mars/Base'), t('2027-01-01T00:00:00Z'), t('2027-02-01T00:00:00Z'))).toEqual([]);
  });
});

describe('bounded recurrence', () => {
  // Mondays 09:00-10:00 UTC, valid from Jan 11 09:00 (inclusive) until Jan 25 09:00 (exclusive).
  const bounds = { start: '2027-01-11T09:00:00Z', end: '2027-01-25T09:00:00Z' };

  it.each([
    ['weekly', weekly([1], '09:00', '10:00', 'UTC', bounds)],
    ['cron', cron('0 9 * * 1', 60, 'UTC', bounds)],
  ])('%s starts at or after start and before end', (_kind, s) => {
    expect(spans(occurrencesBetween(s, t('2027-01-01T00:00:00Z'), t('2027-03-01T00:00:00Z')))).toEqual([
      [z('2027-01-11T09:00Z'), z('2027-01-11T10:00Z')],
      [z('2027-01-18T09:00Z'), z('2027-01-18T10:00Z')],
    ]);
    expect(occurrenceAt(s, t('2027-01-04T09:30:00Z'))).toBeNull(); // before start
    expect(occurrenceAt(s, t('2027-01-25T09:30:00Z'))).toBeNull(); // starts exactly at end: excluded
    expect(span(currentOrNextOccurrence(s, t('2027-01-01T00:00:00Z')))).toEqual([z('2027-01-11T09:00Z'), z('2027-01-11T10:00Z')]);
    expect(currentOrNextOccurrence(s, t('2027-01-18T10:00:00Z'))).toBeNull();
  });

  it('leaves out an occurrence that began before start, even if still open', () => {
    const s = weekly([1], '09:00', '10:00', 'UTC', { start: '2027-01-04T09:30:00Z' });
    expect(occurrenceAt(s, t('2027-01-04T09:45:00Z'))).toBeNull();
    expect(span(currentOrNextOccurrence(s, t('2027-01-04T09:45:00Z')))).toEqual([z('2027-01-11T09:00Z'), z('2027-01-11T10:00Z')]);
  });
});

describe('occurrencesBetween', () => {
  const nightly = weekly([0, 1, 2, 3, 4, 5, 6], '23:00', '01:00');

  it('lists windows overlapping [from, to), oldest first, including one already open at from', () => {
    expect(spans(occurrencesBetween(nightly, t('2027-01-05T00:00:00Z'), t('2027-01-07T00:00:00Z')))).toEqual([
      [z('2027-01-04T23:00Z'), z('2027-01-05T01:00Z')],
      [z('2027-01-05T23:00Z'), z('2027-01-06T01:00Z')],
      [z('2027-01-06T23:00Z'), z('2027-01-07T01:00Z')],
    ]);
  });

  it('treats from and to as a half-open range', () => {
    // The window ending exactly at from and the one starting exactly at to are outside.
    expect(spans(occurrencesBetween(nightly, t('2027-01-05T01:00:00Z'), t('2027-01-05T23:00:00Z')))).toEqual([]);
    expect(spans(occurrencesBetween(nightly, t('2027-01-05T00:59:59.999Z'), t('2027-01-05T23:00:00.001Z')))).toHaveLength(2);
  });

  it.each([
    ['weekly', nightly],
    ['cron', cron('0 23 * * *', 120)],
  ])('stops at the limit (%s)', (_kind, s) => {
    const from = t('2027-01-05T00:00:00Z');
    const to = t('2028-01-05T00:00:00Z');
    const firstThree = occurrencesBetween(s, from, to, 3);
    expect(spans(firstThree)).toEqual(spans(occurrencesBetween(s, from, to).slice(0, 3)));
    expect(firstThree).toHaveLength(3);
    expect(occurrencesBetween(s, from, to, 0)).toEqual([]);
    expect(occurrencesBetween(s, from, to)).toHaveLength(366); // 2027-01-04 23:00 to 2028-01-04 23:00
  });

  it('is empty for an empty or reversed range', () => {
    expect(occurrencesBetween(nightly, t('2027-01-05T00:00:00Z'), t('2027-01-05T00:00:00Z'))).toEqual([]);
    expect(occurrencesBetween(nightly, t('2027-01-06T00:00:00Z'), t('2027-01-05T00:00:00Z'))).toEqual([]);
  });
});

describe('currentOrNextOccurrence', () => {
  const s = weekly([3], '12:00', '13:00', 'Europe/Berlin'); // Wednesdays, 11:00Z in winter

  it.each([
    ['inside a window: that window', '2027-01-06T11:30:00Z', ['2027-01-06T11:00Z', '2027-01-06T12:00Z']],
    ['at its end: the next one', '2027-01-06T12:00:00Z', ['2027-01-13T11:00Z', '2027-01-13T12:00Z']],
    ['between windows: the next one', '2027-01-08T00:00:00Z', ['2027-01-13T11:00Z', '2027-01-13T12:00Z']],
    ['across the spring change: local noon', '2027-03-25T00:00:00Z', ['2027-03-31T10:00Z', '2027-03-31T11:00Z']],
  ])('%s', (_name, at, expected) => {
    expect(span(currentOrNextOccurrence(s, t(at)))).toEqual(expected.map(z));
  });

  it('finds the next cron window', () => {
    expect(span(currentOrNextOccurrence(cron('0 2 1 * *', 30, 'Europe/Berlin'), t('2027-01-15T00:00:00Z')))).toEqual([z('2027-02-01T01:00Z'), z('2027-02-01T01:30Z')]);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['america/new_york', true],
    ['Asia/Kathmandu', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['Europe/Berlin ', false],
  ])('%j -> %s', (tz, valid) => {
    expect(isValidTimeZone(tz)).toBe(valid);
  });
});
