import { apiRoute, json } from '@/lib/api/handler';
import { uptimeQuerySchema } from '@/lib/schemas/history';
import { getMonitor } from '@/lib/data/monitors';
import { timingReport } from '@/lib/services/monitor-stats';

export const GET = apiRoute({ auth: true, query: uptimeQuerySchema }, async ({ session, params, query }) => {
  const monitor = await getMonitor(session.user.id, params.id);
  return json(await timingReport(monitor.id, query.hours));
});
