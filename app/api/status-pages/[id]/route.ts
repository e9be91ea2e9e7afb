import { apiRoute, json, noContent } from '@/lib/api/handler';
import { updateStatusPageSchema } from '@/lib/schemas/status-page';
import { deleteStatusPageFor, getStatusPageFor, updateStatusPageFor } from '@/lib/services/manage-status-pages';
import { statusPageDto } from '@/lib/dto/status-pages';

export const GET = apiRoute({ auth: true }, async ({ session, params }) => json({ statusPage: statusPageDto(await getStatusPageFor(session.user.id, params.id)) }));

const update = apiRoute({ auth: true, body: updateStatusPageSchema }, async ({ session, params, body }) =>
  json({ statusPage: statusPageDto(await updateStatusPageFor(session.user.id, params.id, body)) }),
);
export const PATCH = update;
export const PUT = update;

export const DELETE = apiRoute({ auth: true }, async ({ session, params }) => {
  await deleteStatusPageFor(session.user.id, params.id);
  return noContent();
});
