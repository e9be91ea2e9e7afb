import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { ConflictError, LimitReachedError, NotFoundError } from '@/lib/errors';
import { lockUserForWrite } from '@/lib/data/users';

// The owner's status pages. Every function takes the owner's id and puts it in the where
// clause, so another user's page is indistinguishable from a missing one. Public reads by slug
// or domain live in lib/data/public-status.ts.

const withSections = {
  sections: {
    orderBy: { position: 'asc' },
    include: { monitors: { orderBy: { position: 'asc' }, include: { monitor: { select: { name: true } } } } },
  },
} as const satisfies Prisma.StatusPageInclude;

export type StatusPageRow = Prisma.StatusPageGetPayload<{ include: typeof withSections }>;

export interface StatusPageData {
  slug: string;
  title: string;
  description: string | null;
  logoUrl: string | null;
  footerText: string | null;
  published: boolean;
  customDomain: string | null;
}

export interface SectionData {
  name: string;
  monitors: Array<{ monitorId: string; displayName: string | null; showDetails: boolean }>;
}

/** The password change, if any: a new hash (or null to remove) bumps the version so old unlock cookies stop working. */
export type PasswordChange = { hash: string | null } | undefined;

export function listStatusPages(userId: string): Promise<StatusPageRow[]> {
  return getDb().statusPage.findMany({ where: { userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: withSections });
}

export async function getStatusPage(userId: string, id: string): Promise<StatusPageRow> {
  const row = await getDb().statusPage.findFirst({ where: { id, userId }, include: withSections });
  if (!row) throw new NotFoundError('Status page');
  return row;
}

function sectionCreates(pageId: string, sections: SectionData[]): Prisma.StatusPageSectionCreateWithoutPageInput[] {
  return sections.map((s, position) => ({
    name: s.name,
    position,
    monitors: { create: s.monitors.map((m, i) => ({ pageId, monitorId: m.monitorId, position: i, displayName: m.displayName, showDetails: m.showDetails })) },
  }));
}

/** The slug and the custom domain are unique across the install; say which one clashed. */
function uniqueClash(err: unknown): never {
  const e = err as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (e?.code === 'P2002') {
    const target = JSON.stringify(e.meta ?? {});
    if (target.includes('customDomain')) throw new ConflictError('Another status page already uses this custom domain');
    if (target.includes('slug')) throw new ConflictError('Another status page already uses this slug');
  }
  throw err;
}

export async function createStatusPage(
  userId: string,
  data: StatusPageData,
  passwordHash: string | null,
  sections: SectionData[],
  maxPerUser: number,
): Promise<StatusPageRow> {
  try {
    return await getDb().$transaction(async (tx) => {
      await lockUserForWrite(tx, userId);
      if ((await tx.statusPage.count({ where: { userId } })) >= maxPerUser) throw new LimitReachedError(`You can have at most ${maxPerUser} status pages`);
      const page = await tx.statusPage.create({ data: { ...data, userId, passwordHash } });
      for (const s of sectionCreates(page.id, sections)) await tx.statusPageSection.create({ data: { ...s, page: { connect: { id: page.id } } } });
      return tx.statusPage.findUniqueOrThrow({ where: { id: page.id }, include: withSections });
    });
  } catch (err) {
    uniqueClash(err);
  }
}

export async function updateStatusPage(
  userId: string,
  id: string,
  data: Partial<StatusPageData>,
  password: PasswordChange,
  sections: SectionData[] | undefined,
): Promise<StatusPageRow> {
  try {
    await getDb().$transaction(async (tx) => {
      const { count } = await tx.statusPage.updateMany({
        where: { id, userId },
        // updatedAt always changes, so a PATCH of the sections alone (or of nothing) still matches the
        // row: SQLite counts an UPDATE with nothing to set as no row.
        data: { ...data, updatedAt: new Date(), ...(password ? { passwordHash: password.hash, passwordVersion: { increment: 1 } } : {}) },
      });
      if (count === 0) throw new NotFoundError('Status page');
      if (sections) {
        // Replaced as a whole: the editor always sends every section in its order.
        await tx.statusPageSection.deleteMany({ where: { pageId: id } });
        for (const s of sectionCreates(id, sections)) await tx.statusPageSection.create({ data: { ...s, page: { connect: { id } } } });
      }
    });
  } catch (err) {
    uniqueClash(err);
  }
  return getStatusPage(userId, id);
}

export async function deleteStatusPage(userId: string, id: string): Promise<void> {
  const { count } = await getDb().statusPage.deleteMany({ where: { id, userId } });
  if (count === 0) throw new NotFoundError('Status page');
}

/** The ids of a page's monitors, for checking an incident's affected monitors. */
export async function pageMonitorIds(pageId: string): Promise<string[]> {
  const rows = await getDb().statusPageMonitor.findMany({ where: { pageId }, select: { monitorId: true } });
  return rows.map((r) => r.monitorId);
}
