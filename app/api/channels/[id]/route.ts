import { apiRoute, json, noContent } from '@/lib/api/handler';
import { updateChannelSchema } from '@/lib/schemas/channel';
import { deleteChannelFor, getChannelFor, updateChannelFor } from '@/lib/services/manage-channels';

export const GET = apiRoute({ auth: true }, async ({ session, params }) => json({ channel: await getChannelFor(session.user.id, params.id) }));

const update = apiRoute({ auth: true, body: updateChannelSchema }, async ({ session, params, body }) =>
  json({ channel: await updateChannelFor(session.user.id, params.id, body) }),
);
export const PATCH = update;
export const PUT = update;

export const DELETE = apiRoute({ auth: true }, async ({ session, params }) => {
  await deleteChannelFor(session.user.id, params.id);
  return noContent();
});
