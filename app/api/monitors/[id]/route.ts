import { apiRoute, json, noContent } from '@/lib/api/handler';
import { ApiError } from '@/lib/api/errors';
import { updateMonitorSchema } from '@/lib/schemas/monitor';
import { deleteMonitorFor, getMonitorFor, updateMonitorFor } from '@/lib/services/manage-monitors';
import { monitorDto } from '@/lib/dto';

export const GET = apiRoute({ auth: true }, async ({ session, params }) =>
  json({ monitor: monitorDto(await getMonitorFor(session.user.id, params.id)) }),
);

const update = apiRoute({ auth: true, body: updateMonitorSchema }, async ({ session, params, body }) =>
  json({ monitor: monitorDto(await updateMonitorFor(session.user.id, params.id, body)) }),
);
export const PUT = update;
export const PATCH = update;

export const DELETE = apiRoute({ auth: true }, async ({ session, params }) => {
  await deleteMonitorFor(session.user.id, params.id);
  return noContent();
});

// Defined so that Next does not answer 405 before the session is checked: /api/monitors/bulk.rsc
// and the like land here, and an anonymous caller gets 401 like everywhere else.
export const POST = apiRoute({ auth: true }, async () => {
  throw new ApiError('method_not_allowed', 'POST is not allowed on a monitor; use PATCH to change it');
});
