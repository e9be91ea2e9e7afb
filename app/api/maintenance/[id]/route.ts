import { apiRoute, json, noContent } from '@/lib/api/handler';
import { updateMaintenanceSchema } from '@/lib/schemas/maintenance';
import { deleteMaintenanceFor, getMaintenanceFor, updateMaintenanceFor } from '@/lib/services/manage-maintenance';
import { maintenanceDto } from '@/lib/dto/maintenance';

export const GET = apiRoute({ auth: true }, async ({ session, params }) => json({ maintenance: maintenanceDto(await getMaintenanceFor(session.user.id, params.id)) }));

const update = apiRoute({ auth: true, body: updateMaintenanceSchema }, async ({ session, params, body }) =>
  json({ maintenance: maintenanceDto(await updateMaintenanceFor(session.user.id, params.id, body)) }),
);
export const PATCH = update;
export const PUT = update;

export const DELETE = apiRoute({ auth: true }, async ({ session, params }) => {
  await deleteMaintenanceFor(session.user.id, params.id);
  return noContent();
});
