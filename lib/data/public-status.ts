import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';

// What public status pages and badges read: a page by its slug or custom domain, and what its
// monitors did. Not scoped to a user: the caller (lib/services/public-status.ts) decides what
// of it may be shown, and only ever passes ids that came from the page itself.

const pageMonitorFields = {
  id: true,
  userId: true,
  name: true,
  type: true,
  active: true,
  url: true,
  host: true,
  port: true,
  status: true,
  statusChangedAt: true,
  lastCheckedAt: true,
  lastLatencyMs: true,
  lastError: true,
} as const satisfies Prisma.MonitorSelect;

const withPublicSections = {
  sections: {
    orderBy: { position: 'asc' },
    include: { monitors: { orderBy: { position: 'asc' }, include: { monitor: { select: pageMonitorFields } } } },
  },
} as const satisfies Prisma.StatusPageInclude;

export type PublicPageRow = Prisma.StatusPageGetPayload<{ include: typeof withPublicSections }>;
export type PublicMonitorRow = PublicPageRow['sections'][number]['monitors'][number]['monitor'];

/** A published page by slug (an unpublished one reads as missing). */
export function findPublishedPage(slug: string): Promise<PublicPageRow | null> {
  return getDb().statusPage.findFirst({ where: { slug, published: true }, include: withPublicSections });
}

/** Published pages' custom domains, for the Host mapping. */
export async function customDomains(): Promise<Map<string, string>> {
  const rows = await getDb().statusPage.findMany({ where: { published: true, customDomain: { not: null } }, select: { customDomain: true, slug: true } });
  return new Map(rows.map((r) => [r.customDomain as string, r.slug]));
}

const withPublicTimeline = {
  updates: { orderBy: [{ at: 'desc' }, { id: 'desc' }] },
  monitors: { select: { monitorId: true } },
} as const satisfies Prisma.StatusPageIncidentInclude;

export type PublicIncidentRow = Prisma.StatusPageIncidentGetPayload<{ include: typeof withPublicTimeline }>;

/** A page's unresolved incidents and those resolved since `since`, newest first. */
export function pageIncidentsSince(pageId: string, since: Date, limit = 100): Promise<PublicIncidentRow[]> {
  return getDb().statusPageIncident.findMany({
    where: { pageId, OR: [{ resolvedAt: null }, { resolvedAt: { gte: since } }] },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: limit,
    include: withPublicTimeline,
  });
}

/** Automatic outages (open or ended since `since`) of the given monitors, newest first. */
export function outagesSince(monitorIds: string[], since: Date, limit = 5000) {
  if (monitorIds.length === 0) return Promise.resolve([]);
  return getDb().incident.findMany({
    // Slowness (DEGRADED) is not an outage: the service was up.
    where: { monitorId: { in: monitorIds }, kind: 'DOWN', OR: [{ endedAt: null }, { endedAt: { gte: since } }] },
    orderBy: { startedAt: 'desc' },
    take: limit,
    select: { monitorId: true, startedAt: true, endedAt: true },
  });
}

/** A monitor by its badge key, only while its badge is on. */
export function findBadgeMonitor(badgeKey: string) {
  return getDb().monitor.findFirst({
    where: { badgeKey, publicBadge: true },
    select: { id: true, userId: true, name: true, active: true, status: true, lastLatencyMs: true },
  });
}
