import 'server-only';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/page-data/session';
import { listMonitors } from '@/lib/data/monitors';
import { getStatusPageFor, listStatusPagesFor } from '@/lib/services/manage-status-pages';
import { listPageIncidentsFor } from '@/lib/services/manage-page-incidents';
import { pageIncidentDto, statusPageDto, type PageIncidentDto, type StatusPageDto } from '@/lib/dto/status-pages';
import { NotFoundError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import type { MonitorChoice } from '@/lib/ui/status-page-form-model';

// The pages' view of status pages: the same services and DTOs the API routes use, so the
// first render and every later fetch agree. Every loader starts with requireUser(); another
// user's page is a 404, exactly like a missing one.

/** The user's monitors as the pickers list them, in creation order. */
export async function monitorChoices(): Promise<MonitorChoice[]> {
  const user = await requireUser();
  return (await listMonitors(user.id)).map((m) => ({ id: m.id, name: m.name }));
}

/** Where the app is served, for the slug's hint ("https://status.example.com/status/<slug>"). */
function appOrigin(): string {
  return getEnv().APP_URL.replace(/\/$/, '');
}

/** Turns the services' "not found" into the page's 404. */
async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export async function statusPagesList(): Promise<StatusPageDto[]> {
  const user = await requireUser();
  return (await listStatusPagesFor(user.id)).map(statusPageDto);
}

export async function newStatusPageData(): Promise<{ monitors: MonitorChoice[]; origin: string }> {
  return { monitors: await monitorChoices(), origin: appOrigin() };
}

export async function statusPageForEdit(id: string): Promise<{ page: StatusPageDto; monitors: MonitorChoice[]; origin: string }> {
  const user = await requireUser();
  const [page, monitors] = await Promise.all([orNotFound(getStatusPageFor(user.id, id)), monitorChoices()]);
  return { page: statusPageDto(page), monitors, origin: appOrigin() };
}

export async function statusPageIncidents(id: string): Promise<{ page: StatusPageDto; incidents: PageIncidentDto[] }> {
  const user = await requireUser();
  const page = await orNotFound(getStatusPageFor(user.id, id));
  return { page: statusPageDto(page), incidents: (await listPageIncidentsFor(user.id, id)).map(pageIncidentDto) };
}
