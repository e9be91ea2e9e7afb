import { apiRoute } from '@/lib/api/handler';
import { clientAddress } from '@/lib/auth/client-address';
import { exportConfig } from '@/lib/config-io/export-config';
import { ApiError } from '@/lib/api/errors';
import { exportQuerySchema, exportWithSecretsQuerySchema, exportWithSecretsSchema } from '@/lib/config-io/requests';

function attachment(file: { body: string; contentType: string; filename: string }): Response {
  return new Response(file.body, {
    headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.filename}"`, 'Cache-Control': 'private, no-store' },
  });
}

/** The caller's configuration without secrets. */
export const GET = apiRoute({ auth: true, query: exportQuerySchema }, async ({ req, session, query }) =>
  attachment(await exportConfig(session, { format: query.format, address: clientAddress(req.headers) })),
);

/** With secrets: the password typed again, on a signed-in session (never an API key). */
export const POST = apiRoute({ auth: true, allowApiKey: false, body: exportWithSecretsSchema, query: exportWithSecretsQuerySchema }, async ({ req, session, body, query }) => {
  if (!body.includeSecrets && query.includeSecrets !== 'true') {
    const message = 'includeSecrets must be true (GET /api/export exports without secrets)';
    throw new ApiError('validation_failed', message, [{ path: ['includeSecrets'], message, code: 'invalid_value' }]);
  }
  const format = body.format ?? query.format ?? 'json';
  return attachment(await exportConfig(session, { format, password: body.password, address: clientAddress(req.headers) }));
});
