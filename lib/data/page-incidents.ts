import 'server-only';
import { getDb } from '@/lib/db/client';
import type { IncidentImpact, IncidentUpdateStatus, Prisma } from '@/lib/generated/prisma/client';
import { NotFoundError } from '@/lib/errors';

// Incidents the owner writes on a status page, with their update timelines. Every function
// takes the owner's id and reaches the incident through its page's owner, so another user's
// page or incident reads as missing.

const withTimeline = {
  updates: { orderBy: [{ at: 'desc' }, { id: 'desc' }] },
  monitors: { select: { monitorId: true } },
} as const satisfies Prisma.StatusPageIncidentInclude;

export type PageIncidentRow = Prisma.StatusPageIncidentGetPayload<{ include: typeof withTimeline }>;

const ownedPage = (userId: string, pageId: string) => ({ pageId, page: { userId } });

export function listPageIncidents(userId: string, pageId: string, limit = 200): Promise<PageIncidentRow[]> {
  return getDb().statusPageIncident.findMany({
    where: ownedPage(userId, pageId),
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: limit,
    include: withTimeline,
  });
}

export async function getPageIncident(userId: string, pageId: string, id: string): Promise<PageIncidentRow> {
  const row = await getDb().statusPageIncident.findFirst({ where: { id, ...ownedPage(userId, pageId) }, include: withTimeline });
  if (!row) throw new NotFoundError('Incident');
  return row;
}

export interface NewPageIncident {
  title: string;
  impact: IncidentImpact;
  monitorIds: string[];
  status: IncidentUpdateStatus;
  message: string;
  at: Date;
}

/** The incident and its first update, in one transaction. The page must be the caller's (checked by the service). */
export async function createPageIncident(pageId: string, input: NewPageIncident): Promise<string> {
  const row = await getDb().statusPageIncident.create({
    data: {
      pageId,
      title: input.title,
      impact: input.impact,
      status: input.status,
      startedAt: input.at,
      resolvedAt: input.status === 'resolved' ? input.at : null,
      updates: { create: [{ status: input.status, message: input.message, at: input.at }] },
      monitors: { create: input.monitorIds.map((monitorId) => ({ monitorId })) },
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * Adds an update and moves the incident's status to the newest update's: the incident's status
 * is that of its latest update by time, so a late-written older update does not reopen it.
 */
/** Returns the new update's id. */
export async function addIncidentUpdate(userId: string, pageId: string, id: string, update: { status: IncidentUpdateStatus; message: string; at: Date }): Promise<string> {
  return getDb().$transaction(async (tx) => {
    const incident = await tx.statusPageIncident.findFirst({ where: { id, ...ownedPage(userId, pageId) }, select: { id: true } });
    if (!incident) throw new NotFoundError('Incident');
    const created = await tx.statusPageIncidentUpdate.create({ data: { incidentId: id, ...update }, select: { id: true } });
    const latest = await tx.statusPageIncidentUpdate.findFirstOrThrow({ where: { incidentId: id }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
    await tx.statusPageIncident.update({
      where: { id },
      data: { status: latest.status, resolvedAt: latest.status === 'resolved' ? latest.at : null },
    });
    return created.id;
  });
}

export async function updatePageIncident(
  userId: string,
  pageId: string,
  id: string,
  patch: { title?: string; impact?: IncidentImpact; monitorIds?: string[] },
): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.statusPageIncident.updateMany({
      where: { id, ...ownedPage(userId, pageId) },
      data: { ...(patch.title !== undefined ? { title: patch.title } : {}), ...(patch.impact ? { impact: patch.impact } : {}) },
    });
    if (count === 0) throw new NotFoundError('Incident');
    if (patch.monitorIds) {
      await tx.statusPageIncidentMonitor.deleteMany({ where: { incidentId: id } });
      if (patch.monitorIds.length) await tx.statusPageIncidentMonitor.createMany({ data: patch.monitorIds.map((monitorId) => ({ incidentId: id, monitorId })) });
    }
  });
}

export async function deletePageIncident(userId: string, pageId: string, id: string): Promise<void> {
  const { count } = await getDb().statusPageIncident.deleteMany({ where: { id, ...ownedPage(userId, pageId) } });
  if (count === 0) throw new NotFoundError('Incident');
}
