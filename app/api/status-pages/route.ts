import { apiRoute, json } from '@/lib/api/handler';
import { createStatusPageSchema } from '@/lib/schemas/status-page';
import { createStatusPageFor, listStatusPagesFor } from '@/lib/services/manage-status-pages';
import { statusPageDto } from '@/lib/dto/status-pages';

export const GET = apiRoute({ auth: true }, async ({ session }) => json({ statusPages: (await listStatusPagesFor(session.user.id)).map(statusPageDto) }));

export const POST = apiRoute({ auth: true, body: createStatusPageSchema }, async ({ session, body }) =>
  json({ statusPage: statusPageDto(await createStatusPageFor(session.user.id, body)) }, 201),
);
