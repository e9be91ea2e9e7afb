import 'server-only';
import { InvalidError } from '@/lib/errors';
import { findCheck, listChecks } from '@/lib/data/checks';
import { deliveriesOfMonitor } from '@/lib/data/deliveries';
import { incidentsOfMonitor } from '@/lib/data/incidents';
import { deliveryDto, checkDto, incidentDto, type CheckDto } from '@/lib/dto';
import type { ListChecksQuery } from '@/lib/schemas/history';

// Read-only history of one monitor. Callers pass a monitor id they already resolved
// through lib/data/monitors with the owner's id.

export async function checksPage(monitorId: string, q: ListChecksQuery): Promise<{ checks: CheckDto[]; nextCursor: string | null }> {
  let before: { checkedAt: Date; id: string } | Date | undefined;
  if (q.before) {
    const asDate = /^\d{4}-\d{2}-\d{2}T/.test(q.before) ? new Date(q.before) : null;
    if (asDate && !Number.isNaN(asDate.getTime())) before = asDate;
    else {
      const cursor = await findCheck(monitorId, q.before);
      if (!cursor) throw InvalidError.field(['before'], 'Unknown cursor');
      before = { checkedAt: cursor.checkedAt, id: cursor.id };
    }
  }
  const rows = await listChecks(monitorId, { limit: q.limit, before });
  return { checks: rows.map(checkDto), nextCursor: rows.length === q.limit ? rows[rows.length - 1].id : null };
}

export async function incidentsOf(monitorId: string, limit: number) {
  const rows = await incidentsOfMonitor(monitorId, limit);
  const now = Date.now();
  return rows.map((i) => incidentDto(i, now));
}

export async function alertsOf(monitorId: string, limit: number) {
  const rows = await deliveriesOfMonitor(monitorId, limit);
  return rows.map(deliveryDto);
}
