import { apiRoute, json } from '@/lib/api/handler';
import { createChannelSchema } from '@/lib/schemas/channel';
import { createChannelFor, listChannelsFor } from '@/lib/services/manage-channels';

export const GET = apiRoute({ auth: true }, async ({ session }) => json({ channels: await listChannelsFor(session.user.id) }));

export const POST = apiRoute({ auth: true, body: createChannelSchema }, async ({ session, body }) =>
  json({ channel: await createChannelFor(session.user.id, body) }, 201),
);
