import { apiRoute, json } from '@/lib/api/handler';
import { createMaintenanceSchema } from '@/lib/schemas/maintenance';
import { createMaintenanceFor, listMaintenanceFor } from '@/lib/services/manage-maintenance';
import { maintenanceDto } from '@/lib/dto/maintenance';

export const GET = apiRoute({ auth: true }, async ({ session }) => {
  const now = new Date();
  return json({ maintenance: (await listMaintenanceFor(session.user.id)).map((m) => maintenanceDto(m, now)) });
});

export const POST = apiRoute({ auth: true, body: createMaintenanceSchema }, async ({ session, body }) =>
  json({ maintenance: maintenanceDto(await createMaintenanceFor(session.user.id, body)) }, 201),
);
