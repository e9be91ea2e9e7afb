import { apiRoute, json } from '@/lib/api/handler';
import { bulkActionSchema } from '@/lib/schemas/bulk';
import { runBulkAction } from '@/lib/services/bulk-monitors';

// Ten thousand ids are about 300 KB of JSON.
export const POST = apiRoute({ auth: true, body: bulkActionSchema, maxBodyBytes: 1024 * 1024 }, async ({ session, body }) => json(await runBulkAction(session.user.id, body)));
