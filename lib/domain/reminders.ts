// Whether a "still down" reminder is due. Pure, so the rule has its own unit tests.
import { MINUTE_MS } from '@/lib/shared/time';

export interface ReminderClock {
  /** The monitor's reminderIntervalMinutes; null or 0 means reminders are off. */
  intervalMinutes: number | null;
  /** When the incident opened. */
  startedAt: Date;
  /** When the last reminder for this incident went out, if any. */
  lastReminderAt: Date | null;
}

/** Due a full interval after the incident opened, then a full interval after each reminder. */
export function reminderDue({ intervalMinutes, startedAt, lastReminderAt }: ReminderClock, now: Date): boolean {
  if (!intervalMinutes || intervalMinutes <= 0) return false;
  const since = (lastReminderAt ?? startedAt).getTime();
  return now.getTime() - since >= intervalMinutes * MINUTE_MS;
}
