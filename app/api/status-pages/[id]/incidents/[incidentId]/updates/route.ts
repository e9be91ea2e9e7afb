import { apiRoute, json } from '@/lib/api/handler';
import { createIncidentUpdateSchema } from '@/lib/schemas/status-page';
import { addIncidentUpdateFor } from '@/lib/services/manage-page-incidents';
import { pageIncidentDto } from '@/lib/dto/status-pages';

export const POST = apiRoute({ auth: true, body: createIncidentUpdateSchema }, async ({ session, params, body }) => {
  const { incident, updateId } = await addIncidentUpdateFor(session.user.id, params.id, params.incidentId, body);
  const dto = pageIncidentDto(incident);
  return json({ incident: dto, update: dto.updates.find((u) => u.id === updateId) }, 201);
});
