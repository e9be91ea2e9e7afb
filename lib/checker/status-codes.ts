// Accepted status code specs: "200", "200-299". One spec per list entry; a probe's list
// matches when any entry does.

interface CodeRange {
  min: number;
  max: number;
}

const SPEC = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/;

function parseSpec(spec: string): CodeRange | null {
  const m = SPEC.exec(spec);
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (min < 100 || max > 599 || min > max) return null;
  return { min, max };
}

/** For zod: `z.string().refine(isValidStatusCodeSpec, 'Use a code like 200 or a range like 200-299')`. */
export function isValidStatusCodeSpec(spec: string): boolean {
  return parseSpec(spec) !== null;
}

/** Whether `code` is in any of the specs; invalid specs never match. */
export function matchesStatusCodes(code: number, specs: readonly string[]): boolean {
  return specs.some((spec) => {
    const range = parseSpec(spec);
    return range !== null && code >= range.min && code <= range.max;
  });
}

export const DEFAULT_ACCEPTED_STATUS_CODES: readonly string[] = ['200-299'];
