import { apiRoute, json } from '@/lib/api/handler';
import { testChannel } from '@/lib/services/manage-channels';

export const POST = apiRoute({ auth: true }, async ({ session, params }) => json(await testChannel(session.user.id, params.id)));
