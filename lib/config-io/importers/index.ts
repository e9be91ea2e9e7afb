import type { ImporterResult } from '@/lib/config-io/format';
import { importUptimeKuma } from '@/lib/config-io/importers/uptime-kuma';
import { importGatus } from '@/lib/config-io/importers/gatus';

// The import sources POST /api/import?source= accepts besides Pingboard's own format. Each
// importer maps another monitor's file (already read as JSON or YAML, or its raw text) onto a
// PingboardDocument and lists what it could not map; the import then plans and applies that
// document exactly as it would a Pingboard file. Adding a source is one entry here.

export const IMPORT_SOURCES = ['pingboard', 'uptime-kuma', 'gatus'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** An importer reads the parsed file (`data`, JSON or YAML) or its raw text, whichever its format needs. */
export type Importer = (file: { data: unknown; text: string }) => ImporterResult;

/** Sources with an importer; a source listed in IMPORT_SOURCES but absent here answers 400 'not supported yet'. */
export const IMPORTERS: Partial<Record<Exclude<ImportSource, 'pingboard'>, Importer>> = {
  'uptime-kuma': ({ data }) => importUptimeKuma(data),
  gatus: ({ text }) => importGatus(text),
};
