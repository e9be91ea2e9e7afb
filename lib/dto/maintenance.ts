import type { MaintenanceRow } from '@/lib/data/maintenance-windows';
import { toCalendarWindow } from '@/lib/data/maintenance-windows';
import { currentOrNextOccurrence, occurrenceAt } from '@/lib/domain/maintenance-schedule';
import { iso } from '@/lib/dto';

// A maintenance window as the owner's API shows it, with whether it covers now and its current
// or next occurrence, so clients need not evaluate recurrences themselves.


export function maintenanceDto(row: MaintenanceRow, now = new Date()) {
  const { schedule, monitorIds } = toCalendarWindow(row);
  const next = currentOrNextOccurrence(schedule, now);
  return {
    id: row.id,
    title: row.title,
    allMonitors: row.allMonitors,
    monitorIds,
    start: iso(row.startsAt),
    end: iso(row.endsAt),
    recurrence: schedule.recurrence,
    timeZone: row.timeZone,
    active: occurrenceAt(schedule, now) !== null,
    nextWindow: next ? { start: next.start.toISOString(), end: next.end.toISOString() } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type MaintenanceDto = ReturnType<typeof maintenanceDto>;
