import { apiRoute, json } from '@/lib/api/handler';
import { dashboardFeedQuerySchema } from '@/lib/schemas/history';
import { dashboardFeed } from '@/lib/services/dashboard-feed';

export const GET = apiRoute({ auth: true, query: dashboardFeedQuerySchema }, async ({ session, query }) => json(await dashboardFeed(session.user.id, query.since ?? null)));
