import { apiRoute, json } from '@/lib/api/handler';
import { uptimeQuerySchema } from '@/lib/schemas/history';
import { monitorOverview } from '@/lib/services/monitor-overview';

export const GET = apiRoute({ auth: true, query: uptimeQuerySchema }, async ({ session, params, query }) => json(await monitorOverview(session.user.id, params.id, query.hours)));
