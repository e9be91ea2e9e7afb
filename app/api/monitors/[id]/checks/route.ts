import { apiRoute, json } from '@/lib/api/handler';
import { listChecksQuerySchema } from '@/lib/schemas/history';
import { getMonitor } from '@/lib/data/monitors';
import { checksPage } from '@/lib/services/monitor-history';

export const GET = apiRoute({ auth: true, query: listChecksQuerySchema }, async ({ session, params, query }) => {
  const monitor = await getMonitor(session.user.id, params.id);
  return json(await checksPage(monitor.id, query));
});
