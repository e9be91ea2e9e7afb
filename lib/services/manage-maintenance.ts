import 'server-only';
import * as windows from '@/lib/data/maintenance-windows';
import { foreignMonitorIds, touchMonitors } from '@/lib/data/monitors';
import { publishSignal, SIGNAL } from '@/lib/data/signals';
import { InvalidError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { forgetPublicStatus } from '@/lib/status-pages/view-cache';
import type { Prisma } from '@/lib/generated/prisma/client';
import { maintenanceConfigIssues, type CreateMaintenanceInput, type UpdateMaintenanceInput } from '@/lib/schemas/maintenance';

// Maintenance window changes as one step each: check the monitors are the caller's, check the
// merged window's rules, write it, and tell every worker to re-read its calendar (and every
// instance to drop its cached status pages, which show maintenance).

export const MAX_MAINTENANCE_PER_USER = 200;

async function checkMonitorIds(userId: string, ids: string[]): Promise<void> {
  const foreign = await foreignMonitorIds(userId, ids);
  if (foreign.length) throw InvalidError.field(['monitorIds'], `Unknown monitor: ${foreign.join(', ')}`, 'Request validation failed');
}

type Merged = Parameters<typeof maintenanceConfigIssues>[0];

function checkRules(merged: Merged): void {
  const issues = maintenanceConfigIssues(merged);
  if (issues.length) throw new InvalidError('Request validation failed', issues);
}

function toData(m: Merged): windows.MaintenanceData {
  return {
    title: m.title,
    allMonitors: m.allMonitors,
    startsAt: m.start,
    endsAt: m.end,
    recurrence: (m.recurrence ?? null) as Prisma.InputJsonValue | null,
    timeZone: m.timeZone,
  };
}

async function changed(id: string): Promise<void> {
  forgetPublicStatus(id);
  await publishSignal(SIGNAL.maintenance, id).catch((err) => logger.warn({ err, id }, 'signalling a maintenance change failed; workers re-read within 30 s'));
}

export function listMaintenanceFor(userId: string) {
  return windows.listMaintenance(userId);
}

export function getMaintenanceFor(userId: string, id: string) {
  return windows.getMaintenance(userId, id);
}

export async function createMaintenanceFor(userId: string, input: CreateMaintenanceInput) {
  const merged: Merged = { ...input, monitorIds: input.allMonitors ? [] : input.monitorIds };
  checkRules(merged);
  await checkMonitorIds(userId, merged.monitorIds);
  const row = await windows.createMaintenance(userId, toData(merged), merged.monitorIds, MAX_MAINTENANCE_PER_USER);
  await touchMonitors(userId, merged.allMonitors ? 'all' : merged.monitorIds);
  await changed(row.id);
  return row;
}

export async function updateMaintenanceFor(userId: string, id: string, patch: UpdateMaintenanceInput) {
  const current = await windows.getMaintenance(userId, id);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Merged>;
  const merged: Merged = {
    title: current.title,
    allMonitors: current.allMonitors,
    monitorIds: current.monitors.map((m) => m.monitorId),
    start: current.startsAt,
    end: current.endsAt,
    recurrence: (current.recurrence ?? null) as Merged['recurrence'],
    timeZone: current.timeZone,
    ...defined,
  };
  // Naming monitors turns "all monitors" off unless the patch says otherwise, and the reverse.
  if (patch.monitorIds !== undefined && patch.allMonitors === undefined) merged.allMonitors = false;
  // The stored list gives way to "all monitors"; a list sent beside it is refused, as on create.
  if (merged.allMonitors && patch.monitorIds === undefined) merged.monitorIds = [];
  checkRules(merged);
  await checkMonitorIds(userId, merged.monitorIds);
  const row = await windows.updateMaintenance(userId, id, toData(merged), merged.monitorIds);
  // Both the monitors it covered and those it covers now may have entered or left maintenance.
  const before = current.allMonitors ? 'all' : current.monitors.map((m) => m.monitorId);
  await touchMonitors(userId, before === 'all' || merged.allMonitors ? 'all' : [...new Set([...before, ...merged.monitorIds])]);
  await changed(id);
  return row;
}

export async function deleteMaintenanceFor(userId: string, id: string): Promise<void> {
  const current = await windows.getMaintenance(userId, id);
  await windows.deleteMaintenance(userId, id);
  await touchMonitors(userId, current.allMonitors ? 'all' : current.monitors.map((m) => m.monitorId));
  await changed(id);
}
