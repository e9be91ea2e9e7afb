import { apiRoute, json } from '@/lib/api/handler';
import { createIncidentUpdateSchema } from '@/lib/schemas/status-page';
import { addIncidentUpdateFor } from '@/lib/services/manage-page-incidents';
import { pageIncidentDto } from '@/lib/dto/status-pages';

export const POST = apiRoute({ auth: true, body: createIncidentUpdateSchema }, async ({ session, params, body }) => {
  const incident = pageIncidentDto(await addIncidentUpdateFor(session.user.id, params.id, params.incidentId, body));
  return json({ incident, update: incident.updates[0] }, 201);
});
