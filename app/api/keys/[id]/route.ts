import { apiRoute, noContent } from '@/lib/api/handler';
import { revokeApiKeyFor } from '@/lib/services/api-keys';

/** Revokes at once: the next request with the key gets 401 on every instance. */
export const DELETE = apiRoute({ auth: true, allowApiKey: false }, async ({ session, params }) => {
  await revokeApiKeyFor(session.user.id, params.id);
  return noContent();
});
