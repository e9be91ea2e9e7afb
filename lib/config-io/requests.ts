import { z } from 'zod';
import { EXPORT_FORMATS } from '@/lib/config-io/export';
import { IMPORT_SOURCES } from '@/lib/config-io/importers';

// The query strings and body of the export and import routes, shared with the OpenAPI document.

const format = z.enum(EXPORT_FORMATS, { error: `format must be ${EXPORT_FORMATS.join(' or ')}` }).default('json');

export const exportQuerySchema = z.object({
  format,
  includeSecrets: z
    .literal('false', { error: 'includeSecrets=true needs your password: POST /api/export with {"password": "...", "includeSecrets": true}' })
    .optional(),
});

/**
 * Secrets are exported only on this request, with the account's password typed again.
 * includeSecrets and format may come in the body or, as on GET, in the query string
 * (`POST /api/export?format=yaml&includeSecrets=true` with `{"password": "..."}`); the body wins.
 */
export const exportWithSecretsSchema = z.strictObject({
  includeSecrets: z.literal(true, { error: 'includeSecrets must be true (GET /api/export exports without secrets)' }).optional(),
  password: z.string({ error: 'Password is required' }).min(1, 'Password is required').max(200, 'Password is incorrect'),
  format: z.enum(EXPORT_FORMATS, { error: `format must be ${EXPORT_FORMATS.join(' or ')}` }).optional(),
});

export const exportWithSecretsQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: `format must be ${EXPORT_FORMATS.join(' or ')}` }).optional(),
  includeSecrets: z.enum(['true', 'false'], { error: 'includeSecrets must be true or false' }).optional(),
});

const flag = (name: string) => z.enum(['true', 'false'], { error: `${name} must be true or false` }).default('false').transform((v) => v === 'true');

export const importQuerySchema = z.object({
  dryRun: flag('dryRun'),
  source: z.enum(IMPORT_SOURCES, { error: `source must be one of ${IMPORT_SOURCES.join(', ')}` }).default('pingboard'),
});
