import { apiRoute, json } from '@/lib/api/handler';
import { createMonitorSchema } from '@/lib/schemas/monitor';
import { createMonitorFor } from '@/lib/services/manage-monitors';
import { listMonitorsWithStats } from '@/lib/services/monitor-stats';
import { monitorDto } from '@/lib/dto';

export const GET = apiRoute({ auth: true }, async ({ session }) => json({ monitors: await listMonitorsWithStats(session.user.id) }));

export const POST = apiRoute({ auth: true, body: createMonitorSchema }, async ({ session, body }) =>
  json({ monitor: monitorDto(await createMonitorFor(session.user.id, body)) }, 201),
);
