import { apiRoute, json } from '@/lib/api/handler';
import { createTagSchema } from '@/lib/schemas/tag';
import { createTagFor, listTagsFor } from '@/lib/services/manage-tags';
import { tagDto } from '@/lib/dto/tags';

export const GET = apiRoute({ auth: true }, async ({ session }) => json({ tags: (await listTagsFor(session.user.id)).map(tagDto) }));

export const POST = apiRoute({ auth: true, body: createTagSchema }, async ({ session, body }) => json({ tag: tagDto(await createTagFor(session.user.id, body)) }, 201));
