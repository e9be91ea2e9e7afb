import { z } from 'zod';
import { FORMAT_VERSION, pingboardDocumentSchema } from '@/lib/config-io/format';

// The published JSON Schema of the document (GET /api/schemas/export.json), generated from the
// zod schema the import reads with, so the two cannot drift. It describes what a file may hold
// (the input side: a monitor's status codes as numbers or text, defaults optional); rules that
// span fields or need the server (URL policy, limits, references) are checked on import only.

let cached: Record<string, unknown> | undefined;

export function exportJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(pingboardDocumentSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    title: `Pingboard configuration, version ${FORMAT_VERSION}`,
    description: 'Monitors, tags, notification channels, status pages and maintenance windows, as GET /api/export writes them and POST /api/import reads them. See docs/config-format.md.',
  };
  return cached;
}
