import { apiRoute, json } from '@/lib/api/handler';
import { createPageIncidentSchema } from '@/lib/schemas/status-page';
import { createPageIncidentFor, listPageIncidentsFor } from '@/lib/services/manage-page-incidents';
import { pageIncidentDto } from '@/lib/dto/status-pages';

export const GET = apiRoute({ auth: true }, async ({ session, params }) =>
  json({ incidents: (await listPageIncidentsFor(session.user.id, params.id)).map(pageIncidentDto) }),
);

export const POST = apiRoute({ auth: true, body: createPageIncidentSchema }, async ({ session, params, body }) =>
  json({ incident: pageIncidentDto(await createPageIncidentFor(session.user.id, params.id, body)) }, 201),
);
