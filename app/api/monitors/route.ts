import { apiRoute, json, jsonText } from '@/lib/api/handler';
import { createMonitorSchema } from '@/lib/schemas/monitor';
import { createMonitorFor } from '@/lib/services/manage-monitors';
import { listMonitorsJson } from '@/lib/services/monitor-stats';
import { monitorDto } from '@/lib/dto';

export const GET = apiRoute({ auth: true }, async ({ session }) => jsonText(await listMonitorsJson(session.user.id)));

export const POST = apiRoute({ auth: true, body: createMonitorSchema }, async ({ session, body }) =>
  json({ monitor: monitorDto(await createMonitorFor(session.user.id, body)) }, 201),
);
