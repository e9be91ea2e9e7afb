import { parseJsonPath } from '@/lib/checker/json-assertions';

// Uptime Kuma's JSON queries (JSONata) and Gatus's [BODY] paths are full expression languages;
// Pingboard's JSON assertions take a plain path (`data.items[0].status`). A path is carried
// over only when it is plain: no functions, filters, wildcards or operators, which Pingboard
// would read as an odd key name and so fail every check.

const EXPRESSION = /[\s()=<>!&|*?,+@^~{}$%#;:]/;

/** The path in Pingboard's form (no leading `$.`), or null when it is an expression. */
export function plainJsonPath(raw: string): string | null {
  const path = raw.trim().replace(/^\$\.?/, '').replace(/^\./, '');
  if (!path || path.length > 200 || EXPRESSION.test(path)) return null;
  const segments = parseJsonPath(path);
  return segments && segments.length > 0 ? path : null;
}
