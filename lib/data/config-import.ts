import 'server-only';
import { getDb } from '@/lib/db/client';
import { BULK_TRANSACTION } from '@/lib/data/database';
import { Prisma, type Monitor } from '@/lib/generated/prisma/client';
import { ConflictError, InvalidError, LimitReachedError } from '@/lib/errors';
import { lockUserForWrite } from '@/lib/data/users';
import { fieldsToRowData, rowHeaders } from '@/lib/data/monitor-row';
import { checksPerSecond, type CheckBudget } from '@/lib/data/monitors';
import type { ChannelData, ChannelRow } from '@/lib/data/channels';
import type { MaintenanceData } from '@/lib/data/maintenance-windows';
import type { SectionData, StatusPageData } from '@/lib/data/status-pages';
import type { MonitorFields } from '@/lib/schemas/monitor';
import { monitorKind } from '@/lib/monitor-kinds';
import { randomToken } from '@/lib/ids';

// A configuration import (lib/config-io) written in one transaction: every create and update
// of tags, channels, monitors, status pages and maintenance windows commits together or not at
// all. Items created here are named by a slot ("new:<type>:<n>") until they have an id, so a
// monitor can name a channel or parent created a few statements earlier. Every write carries
// the owner in its where clause, and the per-user limits are counted at the end, inside the
// transaction after locking the user, as the single-item writes count them.

/** An existing item's id, or the slot of one this import creates (lib/config-io/match.ts). */
type Slot = string;

export interface TagWrite {
  slot: Slot;
  id: string | null;
  data: { name: string; color: string };
}

export interface ChannelWrite {
  slot: Slot;
  id: string | null;
  /** An update leaves out confirmedAt and confirmToken unless the address changed. */
  data: Omit<ChannelData, 'confirmedAt' | 'confirmToken'> & Partial<Pick<ChannelData, 'confirmedAt' | 'confirmToken'>>;
}

export interface MonitorWrite {
  slot: Slot;
  /** The caller's monitor this updates, or null to create one. */
  id: string | null;
  /** parentId is a slot. */
  fields: MonitorFields;
  /** Slots; undefined leaves the links as they are. */
  tags?: Slot[];
  channels?: Slot[];
}

export interface StatusPageWrite {
  id: string | null;
  data: StatusPageData;
  /** monitorId of each entry is a slot. */
  sections: SectionData[];
}

export interface MaintenanceWrite {
  id: string | null;
  data: MaintenanceData;
  monitors: Slot[];
}

/** Writes in dependency order: a monitor's parent before the monitor (the planner sorts them so). */
export interface ImportWrites {
  tags: TagWrite[];
  channels: ChannelWrite[];
  monitors: MonitorWrite[];
  statusPages: StatusPageWrite[];
  maintenanceWindows: MaintenanceWrite[];
}

export interface ImportLimits {
  monitors: number;
  tags: number;
  channels: number;
  statusPages: number;
  maintenanceWindows: number;
  budget: Omit<CheckBudget, 'rate'>;
}

export interface AppliedImport {
  /** Created and updated monitors as stored now, for the worker. */
  monitors: Monitor[];
  /** Created and updated channels as stored now (a new email address gets its confirmation mail). */
  channels: ChannelRow[];
  statusPageIds: string[];
  maintenanceIds: string[];
}

/** Status page slugs and custom domains among these that another user's pages use. */
export async function pageNamesTakenByOthers(userId: string, slugs: string[], domains: string[]): Promise<{ slugs: Set<string>; domains: Set<string> }> {
  if (slugs.length === 0 && domains.length === 0) return { slugs: new Set(), domains: new Set() };
  const rows = await getDb().statusPage.findMany({
    where: { userId: { not: userId }, OR: [{ slug: { in: slugs } }, { customDomain: { in: domains } }] },
    select: { slug: true, customDomain: true },
  });
  return { slugs: new Set(rows.map((r) => r.slug)), domains: new Set(rows.flatMap((r) => (r.customDomain ? [r.customDomain] : []))) };
}

const withCount = { _count: { select: { monitors: true } } } as const;

export async function applyImport(userId: string, writes: ImportWrites, limits: ImportLimits): Promise<AppliedImport> {
  try {
    return await getDb().$transaction(async (tx) => {
      await lockUserForWrite(tx, userId);
      const ids = new Map<Slot, string>();
      const idOf = (slot: Slot) => ids.get(slot) ?? slot;
      const budgetBefore = await checkRate(tx, userId, limits.budget);

      for (const t of writes.tags) {
        if (t.id) await tx.tag.updateMany({ where: { id: t.id, userId }, data: t.data });
        else ids.set(t.slot, (await tx.tag.create({ data: { ...t.data, userId }, select: { id: true } })).id);
      }
      const channels: ChannelRow[] = [];
      for (const c of writes.channels) {
        if (c.id) await tx.notificationChannel.updateMany({ where: { id: c.id, userId }, data: c.data });
        const row = c.id
          ? await tx.notificationChannel.findFirstOrThrow({ where: { id: c.id, userId }, include: withCount })
          : await tx.notificationChannel.create({ data: { ...c.data, userId }, include: withCount });
        ids.set(c.slot, row.id);
        channels.push(row);
      }

      const monitorIds: string[] = [];
      for (const m of writes.monitors) {
        const fields = { ...m.fields, parentId: m.fields.parentId ? idOf(m.fields.parentId) : null };
        const current = m.id ? await tx.monitor.findFirstOrThrow({ where: { id: m.id, userId } }) : null;
        const id = current
          ? current.id
          : (await tx.monitor.create({ data: { ...fieldsToRowData(fields), userId, ...tokens(fields, null) }, select: { id: true } })).id;
        if (current) {
          const data = { ...fieldsToRowData(fields, rowHeaders(current)), ...tokens(fields, current), revision: { increment: 1 } };
          await tx.monitor.updateMany({ where: { id, userId }, data });
        }
        ids.set(m.slot, id);
        monitorIds.push(id);
        if (m.tags) {
          await tx.monitorTag.deleteMany({ where: { monitorId: id } });
          if (m.tags.length) await tx.monitorTag.createMany({ data: m.tags.map((slot) => ({ monitorId: id, tagId: idOf(slot) })) });
        }
        if (m.channels) {
          await tx.monitorChannel.deleteMany({ where: { monitorId: id } });
          if (m.channels.length) await tx.monitorChannel.createMany({ data: m.channels.map((slot) => ({ monitorId: id, channelId: idOf(slot) })) });
        }
      }

      const statusPageIds: string[] = [];
      for (const p of writes.statusPages) {
        const id = p.id ?? (await tx.statusPage.create({ data: { ...p.data, userId }, select: { id: true } })).id;
        if (p.id) await tx.statusPage.updateMany({ where: { id, userId }, data: { ...p.data, updatedAt: new Date() } });
        await tx.statusPageSection.deleteMany({ where: { pageId: id } });
        for (const [position, s] of p.sections.entries()) {
          await tx.statusPageSection.create({
            data: {
              name: s.name,
              position,
              page: { connect: { id } },
              monitors: { create: s.monitors.map((e, i) => ({ pageId: id, monitorId: idOf(e.monitorId), position: i, displayName: e.displayName, showDetails: e.showDetails })) },
            },
          });
        }
        statusPageIds.push(id);
      }

      const maintenanceIds: string[] = [];
      for (const w of writes.maintenanceWindows) {
        const { recurrence, ...rest } = w.data;
        const data = { ...rest, recurrence: recurrence === null ? Prisma.DbNull : recurrence };
        const id = w.id ?? (await tx.maintenance.create({ data: { ...data, userId }, select: { id: true } })).id;
        if (w.id) await tx.maintenance.updateMany({ where: { id, userId }, data });
        await tx.maintenanceMonitor.deleteMany({ where: { maintenanceId: id } });
        if (!w.data.allMonitors && w.monitors.length) await tx.maintenanceMonitor.createMany({ data: w.monitors.map((slot) => ({ maintenanceId: id, monitorId: idOf(slot) })) });
        maintenanceIds.push(id);
      }
      // Monitors entering or leaving maintenance: the dashboard's delta feed reports them.
      if (maintenanceIds.length) await tx.monitor.updateMany({ where: { userId }, data: { updatedAt: new Date() } });

      await checkCounts(tx, userId, limits);
      // Only an import that adds checks is held to the budget, as a single update is.
      const budgetAfter = await checkRate(tx, userId, limits.budget);
      if (budgetAfter > budgetBefore && budgetAfter > limits.budget.maxPerSecond + 1e-9) {
        throw InvalidError.field(
          ['monitors'],
          `This import would make your active monitors check ${budgetAfter.toFixed(2)} times per second; the budget on this server is ${limits.budget.maxPerSecond} per user.`,
          'Check budget exceeded',
        );
      }
      const monitors = monitorIds.length ? await tx.monitor.findMany({ where: { userId, id: { in: monitorIds } } }) : [];
      return { monitors, channels, statusPageIds, maintenanceIds };
    }, BULK_TRANSACTION);
  } catch (err) {
    // Unique keys (a tag name, a page's slug or domain) taken by a write that raced this import.
    if ((err as { code?: string })?.code === 'P2002') throw new ConflictError('A name, slug or domain in the file was taken while importing; try again');
    throw err;
  }
}

/** A monitor's push token and badge key: kept when it has them, made when its kind or badge needs one. */
function tokens(fields: MonitorFields, current: Monitor | null) {
  return {
    heartbeatToken: monitorKind(fields.type).needsPushToken ? (current?.heartbeatToken ?? randomToken()) : null,
    badgeKey: fields.publicBadge ? (current?.badgeKey ?? randomToken(18)) : (current?.badgeKey ?? null),
  };
}

/** The checks per second the user's active probed monitors make together. */
function checkRate(tx: Prisma.TransactionClient, userId: string, budget: ImportLimits['budget']): Promise<number> {
  return checksPerSecond(tx, { userId, active: true, type: { in: budget.probedTypes } });
}

async function checkCounts(tx: Prisma.TransactionClient, userId: string, limits: ImportLimits): Promise<void> {
  const counts: Array<[number, number, string]> = [
    [await tx.monitor.count({ where: { userId } }), limits.monitors, 'monitors'],
    [await tx.tag.count({ where: { userId } }), limits.tags, 'tags'],
    [await tx.notificationChannel.count({ where: { userId } }), limits.channels, 'notification channels'],
    [await tx.statusPage.count({ where: { userId } }), limits.statusPages, 'status pages'],
    [await tx.maintenance.count({ where: { userId } }), limits.maintenanceWindows, 'maintenance windows'],
  ];
  for (const [count, max, what] of counts) {
    if (count > max) throw new LimitReachedError(`This import would give you ${count} ${what}; you can have at most ${max}`);
  }
}
