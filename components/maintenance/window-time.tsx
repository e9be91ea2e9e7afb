'use client';

import { useTimeZone } from '@/components/ui/time';

// Maintenance times to the minute: a window's own schedule reads in its own zone, and when it
// next happens reads in the viewer's.

const formatters = new Map<string, Intl.DateTimeFormat>();
function minuteFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function formatMinute(iso: string, timeZone: string): string {
  return minuteFormatter(timeZone).format(new Date(iso));
}

/** "Thu, 3 Dec 2026, 22:00 – Fri, 4 Dec 2026, 02:00" in `timeZone`. */
export function formatRange(start: string, end: string, timeZone: string): string {
  return `${formatMinute(start, timeZone)} – ${formatMinute(end, timeZone)}`;
}

/** A range in the viewer's own zone. */
export function ViewerRange({ start, end }: { start: string; end: string }) {
  const tz = useTimeZone();
  return (
    <span>
      <time dateTime={start}>{formatMinute(start, tz)}</time> – <time dateTime={end}>{formatMinute(end, tz)}</time>
    </span>
  );
}
