import { apiRoute, json } from '@/lib/api/handler';
import { createApiKeySchema } from '@/lib/schemas/api-key';
import { createApiKeyFor, listApiKeysFor } from '@/lib/services/api-keys';
import { apiKeyDto } from '@/lib/dto/api-keys';

// Key management needs the password's session: an API key cannot list, make or revoke keys.

export const GET = apiRoute({ auth: true, allowApiKey: false }, async ({ session }) => json({ apiKeys: (await listApiKeysFor(session.user.id)).map(apiKeyDto) }));

/** The key is in this answer only; afterwards the list shows its prefix. */
export const POST = apiRoute({ auth: true, allowApiKey: false, body: createApiKeySchema }, async ({ session, body }) => {
  const { key, apiKey } = await createApiKeyFor(session.user.id, body);
  return json({ key, apiKey: apiKeyDto(apiKey) }, 201);
});
