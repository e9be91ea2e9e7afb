import { exportJsonSchema } from '@/lib/config-io/json-schema';

/** Public and the same for every caller: cacheable. */
export function GET(): Response {
  return Response.json(exportJsonSchema(), { headers: { 'Cache-Control': 'public, max-age=3600' } });
}
