import { apiRoute, json } from '@/lib/api/handler';
import { readBodyText } from '@/lib/api/read-json';
import { importConfig, MAX_IMPORT_BYTES } from '@/lib/config-io/import-config';
import { importQuerySchema } from '@/lib/config-io/requests';

/** The file is the body (JSON or YAML); the answer is the plan, and whether it was applied. */
export const POST = apiRoute({ auth: true, query: importQuerySchema }, async ({ req, session, query }) => {
  const text = await readBodyText(req, MAX_IMPORT_BYTES, 'The request body must be the file to import');
  return json(await importConfig(session.user.id, { text, contentType: req.headers.get('content-type'), ...query }));
});
