import { apiRoute, json } from '@/lib/api/handler';
import { heartbeatsQuerySchema } from '@/lib/schemas/history';
import { heartbeats } from '@/lib/services/dashboard-feed';

export const GET = apiRoute({ auth: true, query: heartbeatsQuerySchema }, async ({ session, query }) => json({ heartbeats: await heartbeats(session.user.id, query.ids, query.limit) }));
