import 'server-only';
import * as pages from '@/lib/data/status-pages';
import { foreignMonitorIds } from '@/lib/data/monitors';
import { publishSignal, SIGNAL } from '@/lib/data/signals';
import { InvalidError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { getEnv } from '@/lib/env';
import { forgetPublicStatus } from '@/lib/status-pages/view-cache';
import { logger } from '@/lib/logger';
import {
  MAX_STATUS_PAGES_PER_USER,
  type CreateStatusPageInput,
  type SectionsInput,
  type UpdateStatusPageInput,
} from '@/lib/schemas/status-page';

// Status page changes as one step each: check that every monitor placed is the caller's,
// write the page with its sections, and tell every instance to drop its cached public view.

/** Only the caller's monitors may be placed; another user's reads as unknown, at its field. */
async function checkSections(userId: string, sections: SectionsInput | undefined): Promise<pages.SectionData[] | undefined> {
  if (!sections) return undefined;
  const ids = sections.flatMap((s) => s.monitors.map((m) => m.monitorId));
  const foreign = new Set(await foreignMonitorIds(userId, ids));
  const issues = sections.flatMap((s, si) =>
    s.monitors.flatMap((m, mi) => (foreign.has(m.monitorId) ? [{ path: ['sections', si, 'monitors', mi, 'monitorId'], message: `Unknown monitor: ${m.monitorId}` }] : [])),
  );
  if (issues.length) throw new InvalidError('Request validation failed', issues);
  return sections.map((s) => ({
    name: s.name,
    monitors: s.monitors.map((m) => ({ monitorId: m.monitorId, displayName: m.displayName ?? null, showDetails: m.showDetails ?? false })),
  }));
}

/** The app's own host is never a custom domain: its Host would then serve the page instead of the app. */
export function checkCustomDomain(domain: string | null | undefined): void {
  if (!domain) return;
  const own = new URL(getEnv().APP_URL).hostname.toLowerCase();
  if (domain === own) throw InvalidError.field(['customDomain'], 'The custom domain cannot be the address Pingboard itself is served at (APP_URL)');
}

export async function changed(pageId: string): Promise<void> {
  forgetPublicStatus(pageId);
  await publishSignal(SIGNAL.statusPage, pageId).catch((err) => logger.warn({ err, pageId }, 'signalling a status page change failed; other instances refresh within seconds'));
}

export function listStatusPagesFor(userId: string) {
  return pages.listStatusPages(userId);
}

export function getStatusPageFor(userId: string, id: string) {
  return pages.getStatusPage(userId, id);
}

export async function createStatusPageFor(userId: string, input: CreateStatusPageInput) {
  checkCustomDomain(input.customDomain);
  const sections = (await checkSections(userId, input.sections)) ?? [];
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const page = await pages.createStatusPage(
    userId,
    {
      slug: input.slug,
      title: input.title,
      description: input.description ?? null,
      logoUrl: input.logoUrl ?? null,
      footerText: input.footerText ?? null,
      published: input.published ?? true,
      customDomain: input.customDomain ?? null,
    },
    passwordHash,
    sections,
    MAX_STATUS_PAGES_PER_USER,
  );
  await changed(page.id);
  return page;
}

export async function updateStatusPageFor(userId: string, id: string, patch: UpdateStatusPageInput) {
  checkCustomDomain(patch.customDomain);
  await pages.getStatusPage(userId, id);
  const sections = await checkSections(userId, patch.sections);
  const password: pages.PasswordChange = patch.password === undefined ? undefined : { hash: patch.password ? await hashPassword(patch.password) : null };
  const { sections: _s, password: _p, ...fields } = patch;
  const page = await pages.updateStatusPage(userId, id, stripUndefined(fields), password, sections);
  await changed(page.id);
  return page;
}

export async function deleteStatusPageFor(userId: string, id: string): Promise<void> {
  await pages.deleteStatusPage(userId, id);
  await changed(id);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
