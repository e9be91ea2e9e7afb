import 'server-only';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { LimitReachedError, NotFoundError } from '@/lib/errors';
import { lockUserForWrite } from '@/lib/data/users';
import type { CalendarWindow } from '@/lib/domain/maintenance-calendar';
import type { Recurrence } from '@/lib/domain/maintenance-schedule';

// Maintenance windows. The owner's functions take the user id and put it in the where clause;
// `allMaintenance` is the worker's calendar source and reads every user's windows.

const withMonitors = { monitors: { select: { monitorId: true } } } as const satisfies Prisma.MaintenanceInclude;
export type MaintenanceRow = Prisma.MaintenanceGetPayload<{ include: typeof withMonitors }>;

export interface MaintenanceData {
  title: string;
  allMonitors: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  recurrence: Prisma.InputJsonValue | null;
  timeZone: string;
}

function rowData(data: Partial<MaintenanceData>) {
  const { recurrence, ...rest } = data;
  return { ...rest, ...(recurrence !== undefined ? { recurrence: recurrence === null ? Prisma.DbNull : recurrence } : {}) };
}

export function listMaintenance(userId: string): Promise<MaintenanceRow[]> {
  return getDb().maintenance.findMany({ where: { userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: withMonitors });
}

export async function getMaintenance(userId: string, id: string): Promise<MaintenanceRow> {
  const row = await getDb().maintenance.findFirst({ where: { id, userId }, include: withMonitors });
  if (!row) throw new NotFoundError('Maintenance window');
  return row;
}

export async function createMaintenance(userId: string, data: MaintenanceData, monitorIds: string[], maxPerUser: number): Promise<MaintenanceRow> {
  return getDb().$transaction(async (tx) => {
    await lockUserForWrite(tx, userId);
    if ((await tx.maintenance.count({ where: { userId } })) >= maxPerUser) throw new LimitReachedError(`You can have at most ${maxPerUser} maintenance windows`);
    return tx.maintenance.create({
      data: { ...rowData(data), userId, monitors: { create: data.allMonitors ? [] : monitorIds.map((monitorId) => ({ monitorId })) } } as Prisma.MaintenanceUncheckedCreateInput,
      include: withMonitors,
    });
  });
}

export async function updateMaintenance(userId: string, id: string, data: Partial<MaintenanceData>, monitorIds: string[] | undefined): Promise<MaintenanceRow> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.maintenance.updateMany({ where: { id, userId }, data: rowData(data) as Prisma.MaintenanceUpdateManyMutationInput });
    if (count === 0) throw new NotFoundError('Maintenance window');
    if (monitorIds || data.allMonitors) {
      await tx.maintenanceMonitor.deleteMany({ where: { maintenanceId: id } });
      if (!data.allMonitors && monitorIds?.length) await tx.maintenanceMonitor.createMany({ data: monitorIds.map((monitorId) => ({ maintenanceId: id, monitorId })) });
    }
  });
  return getMaintenance(userId, id);
}

export async function deleteMaintenance(userId: string, id: string): Promise<void> {
  const { count } = await getDb().maintenance.deleteMany({ where: { id, userId } });
  if (count === 0) throw new NotFoundError('Maintenance window');
}

/** One user's windows (status pages and the dashboard show maintenance from these). */
export function maintenanceOfUser(userId: string): Promise<MaintenanceRow[]> {
  return getDb().maintenance.findMany({ where: { userId }, include: withMonitors });
}

/** Every window of every user: the worker's calendar. Few rows even on a large install. */
export function allMaintenance(): Promise<MaintenanceRow[]> {
  return getDb().maintenance.findMany({ include: withMonitors });
}

/** A stored window as the calendar reads it; the recurrence JSON was validated when written. */
export function toCalendarWindow(row: MaintenanceRow): CalendarWindow {
  return {
    id: row.id,
    userId: row.userId,
    title: row.title,
    allMonitors: row.allMonitors,
    monitorIds: row.monitors.map((m) => m.monitorId),
    schedule: { start: row.startsAt, end: row.endsAt, recurrence: (row.recurrence ?? null) as Recurrence | null, timeZone: row.timeZone },
  };
}

/** Every window as a calendar: the worker's view of maintenance. */
export async function loadCalendarWindows(userId?: string): Promise<CalendarWindow[]> {
  const rows = userId ? await maintenanceOfUser(userId) : await allMaintenance();
  return rows.map(toCalendarWindow);
}
