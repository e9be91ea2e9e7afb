import { apiRoute, json, noContent } from '@/lib/api/handler';
import { updatePageIncidentSchema } from '@/lib/schemas/status-page';
import { deletePageIncidentFor, getPageIncidentFor, updatePageIncidentFor } from '@/lib/services/manage-page-incidents';
import { pageIncidentDto } from '@/lib/dto/status-pages';

export const GET = apiRoute({ auth: true }, async ({ session, params }) =>
  json({ incident: pageIncidentDto(await getPageIncidentFor(session.user.id, params.id, params.incidentId)) }),
);

const update = apiRoute({ auth: true, body: updatePageIncidentSchema }, async ({ session, params, body }) =>
  json({ incident: pageIncidentDto(await updatePageIncidentFor(session.user.id, params.id, params.incidentId, body)) }),
);
export const PATCH = update;
export const PUT = update;

export const DELETE = apiRoute({ auth: true }, async ({ session, params }) => {
  await deletePageIncidentFor(session.user.id, params.id, params.incidentId);
  return noContent();
});
