import { apiRoute, json, noContent } from '@/lib/api/handler';
import { updateTagSchema } from '@/lib/schemas/tag';
import { deleteTagFor, getTagFor, updateTagFor } from '@/lib/services/manage-tags';
import { tagDto } from '@/lib/dto/tags';

export const GET = apiRoute({ auth: true }, async ({ session, params }) => json({ tag: tagDto(await getTagFor(session.user.id, params.id)) }));

const update = apiRoute({ auth: true, body: updateTagSchema }, async ({ session, params, body }) => json({ tag: tagDto(await updateTagFor(session.user.id, params.id, body)) }));
export const PATCH = update;
export const PUT = update;

export const DELETE = apiRoute({ auth: true }, async ({ session, params }) => {
  await deleteTagFor(session.user.id, params.id);
  return noContent();
});
