import type { StatusPageRow } from '@/lib/data/status-pages';
import type { PageIncidentRow } from '@/lib/data/page-incidents';
import { getEnv } from '@/lib/env';
import { iso } from '@/lib/dto';

// Status pages and their incidents as the owner's API shows them: built field by field, with
// the password reduced to whether there is one.


export function statusPageUrl(slug: string): string {
  return `${getEnv().APP_URL}/status/${slug}`;
}

export function statusPageDto(p: StatusPageRow) {
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    description: p.description,
    logoUrl: p.logoUrl,
    footerText: p.footerText,
    published: p.published,
    hasPassword: p.passwordHash !== null,
    customDomain: p.customDomain,
    url: statusPageUrl(p.slug),
    sections: p.sections.map((s) => ({
      id: s.id,
      name: s.name,
      monitors: s.monitors.map((m) => ({ monitorId: m.monitorId, name: m.monitor.name, displayName: m.displayName, showDetails: m.showDetails })),
    })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type StatusPageDto = ReturnType<typeof statusPageDto>;

export function pageIncidentDto(i: PageIncidentRow) {
  return {
    id: i.id,
    pageId: i.pageId,
    title: i.title,
    impact: i.impact,
    status: i.status,
    monitorIds: i.monitors.map((m) => m.monitorId),
    startedAt: i.startedAt.toISOString(),
    resolvedAt: iso(i.resolvedAt),
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    updates: i.updates.map((u) => ({ id: u.id, status: u.status, message: u.message, at: u.at.toISOString() })),
  };
}
export type PageIncidentDto = ReturnType<typeof pageIncidentDto>;
