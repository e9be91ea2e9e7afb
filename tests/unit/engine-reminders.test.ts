import { describe, expect, it } from 'vitest';
import { reminderDue } from '@/lib/domain/reminders';

const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min));

describe('reminderDue', () => {
  it.each([
    // interval, incident start, last reminder, now, due
    [null, 0, null, 600, false], // reminders off
    [0, 0, null, 600, false],
    [30, 0, null, 29, false], // not yet a full interval into the incident
    [30, 0, null, 30, true], // exactly one interval after the start
    [30, 0, 30, 59, false], // counted from the last reminder
    [30, 0, 30, 60, true],
    [1, 0, null, 1, true], // the shortest interval the API allows
    [30, 0, 30, 200, true], // a late check still sends one (the caller records it, so not one per missed period)
  ] as const)('every %s min, started %s, last %s, now %s -> %s', (interval, start, last, now, due) => {
    expect(reminderDue({ intervalMinutes: interval, startedAt: t(start), lastReminderAt: last === null ? null : t(last) }, t(now))).toBe(due);
  });
});
