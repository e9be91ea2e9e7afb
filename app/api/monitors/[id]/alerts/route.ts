import { apiRoute, json } from '@/lib/api/handler';
import { listAlertsQuerySchema } from '@/lib/schemas/history';
import { getMonitor } from '@/lib/data/monitors';
import { alertsOf } from '@/lib/services/monitor-history';

export const GET = apiRoute({ auth: true, query: listAlertsQuerySchema }, async ({ session, params, query }) => {
  const monitor = await getMonitor(session.user.id, params.id);
  return json({ alerts: await alertsOf(monitor.id, query.limit) });
});
