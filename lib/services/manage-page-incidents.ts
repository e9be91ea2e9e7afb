import 'server-only';
import * as incidents from '@/lib/data/page-incidents';
import { getStatusPage } from '@/lib/data/status-pages';
import { foreignMonitorIds } from '@/lib/data/monitors';
import { InvalidError } from '@/lib/errors';
import { changed } from '@/lib/services/manage-status-pages';
import type { CreateIncidentUpdateInput, CreatePageIncidentInput, UpdatePageIncidentInput } from '@/lib/schemas/status-page';

// Incidents written on a status page: the page must be the caller's, and so must every monitor
// named as affected. A time given for an update may not lie in the future.

async function checkMonitorIds(userId: string, ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const foreign = await foreignMonitorIds(userId, ids);
  if (foreign.length) throw InvalidError.field(['monitorIds'], `Unknown monitor: ${foreign.join(', ')}`, 'Request validation failed');
}

/** Late write-ups may be dated back; a little clock skew aside, never forward. */
function whenOf(at: Date | undefined, now = new Date()): Date {
  if (!at) return now;
  if (at.getTime() > now.getTime() + 60_000) throw InvalidError.field(['at'], 'The time of an update cannot be in the future');
  return at;
}

export async function listPageIncidentsFor(userId: string, pageId: string) {
  await getStatusPage(userId, pageId);
  return incidents.listPageIncidents(userId, pageId);
}

export async function getPageIncidentFor(userId: string, pageId: string, id: string) {
  return incidents.getPageIncident(userId, pageId, id);
}

export async function createPageIncidentFor(userId: string, pageId: string, input: CreatePageIncidentInput) {
  await getStatusPage(userId, pageId);
  await checkMonitorIds(userId, input.monitorIds);
  const id = await incidents.createPageIncident(pageId, { ...input, at: whenOf(input.at) });
  await changed(pageId);
  return incidents.getPageIncident(userId, pageId, id);
}

/** The incident after the update, and the update itself (not necessarily its newest: it may be dated back). */
export async function addIncidentUpdateFor(userId: string, pageId: string, id: string, input: CreateIncidentUpdateInput) {
  const updateId = await incidents.addIncidentUpdate(userId, pageId, id, { status: input.status, message: input.message, at: whenOf(input.at) });
  await changed(pageId);
  return { incident: await incidents.getPageIncident(userId, pageId, id), updateId };
}

export async function updatePageIncidentFor(userId: string, pageId: string, id: string, patch: UpdatePageIncidentInput) {
  await checkMonitorIds(userId, patch.monitorIds);
  await incidents.updatePageIncident(userId, pageId, id, patch);
  await changed(pageId);
  return incidents.getPageIncident(userId, pageId, id);
}

export async function deletePageIncidentFor(userId: string, pageId: string, id: string): Promise<void> {
  await incidents.deletePageIncident(userId, pageId, id);
  await changed(pageId);
}
