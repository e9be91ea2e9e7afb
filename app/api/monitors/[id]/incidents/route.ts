import { apiRoute, json } from '@/lib/api/handler';
import { listIncidentsQuerySchema } from '@/lib/schemas/history';
import { getMonitor } from '@/lib/data/monitors';
import { incidentsOf } from '@/lib/services/monitor-history';

export const GET = apiRoute({ auth: true, query: listIncidentsQuerySchema }, async ({ session, params, query }) => {
  const monitor = await getMonitor(session.user.id, params.id);
  return json({ incidents: await incidentsOf(monitor.id, query.limit) });
});
