// JSON assertions as pure functions returning { success, message }; the message always shows the
// actual value so a failed check explains itself.
import type { JsonAssertion } from './types';

export interface AssertionResult {
  success: boolean;
  message: string;
}

type Segment = string | number;

const SEGMENT = /^(?:\.?([^.[\]]+)|\[(\d+)\]|\[\s*(["'])(.*?)\3\s*\])/;

/** `data.status`, `items[0].id`, `a.b[2].c`, `$.x`, `x["odd.key"]` → segments; null if malformed. */
export function parseJsonPath(path: string): Segment[] | null {
  let rest = path.trim().replace(/^\$\.?/, '');
  const segments: Segment[] = [];
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (!m) return null;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push(m[4]);
    rest = rest.slice(m[0].length);
  }
  return segments;
}

function getAt(doc: unknown, segments: Segment[]): { found: boolean; value: unknown } {
  let current: unknown = doc;
  for (const seg of segments) {
    if (typeof seg === 'number') {
      if (!Array.isArray(current) || seg >= current.length) return { found: false, value: undefined };
      current = current[seg];
    } else {
      if (typeof current !== 'object' || current === null || !Object.hasOwn(current, seg)) {
        return { found: false, value: undefined };
      }
      current = (current as Record<string, unknown>)[seg];
    }
  }
  return { found: true, value: current };
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function asText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
}

/** Short display of the actual value, JSON-quoted so "1" and 1 read differently. */
function show(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** -1/0/1, numerically when both sides are numbers, else as strings. */
function compare(actual: unknown, expected: string): number {
  const a = toNumber(actual);
  const e = toNumber(expected);
  if (a !== null && e !== null) return Math.sign(a - e);
  const text = asText(actual);
  return text === expected ? 0 : text < expected ? -1 : 1;
}

function contains(actual: unknown, expected: string): boolean {
  if (Array.isArray(actual)) return actual.some((item) => compare(item, expected) === 0);
  return asText(actual).includes(expected);
}

export function evaluateJsonAssertion(doc: unknown, assertion: JsonAssertion): AssertionResult {
  const { path, op } = assertion;
  const expected = assertion.value ?? '';
  const segments = parseJsonPath(path);
  if (!segments) return { success: false, message: `Invalid JSON path "${path}"` };
  const { found, value } = getAt(doc, segments);
  const label = `${path} ${op}${op === 'exists' ? '' : ` ${JSON.stringify(expected)}`}`;
  if (op === 'exists') {
    return found ? { success: true, message: `${label}: ok` } : { success: false, message: `Expected ${path} to exist` };
  }
  if (!found) return { success: false, message: `Expected ${label}, but ${path} does not exist` };
  const ok =
    op === '==' ? compare(value, expected) === 0
    : op === '!=' ? compare(value, expected) !== 0
    : op === '<' ? compare(value, expected) < 0
    : op === '>' ? compare(value, expected) > 0
    : contains(value, expected);
  return ok
    ? { success: true, message: `${label}: ok (got ${show(value)})` }
    : { success: false, message: `Expected ${label}, got ${show(value)}` };
}

/** Parses the body once and runs every assertion; the first failure is reported. */
export function evaluateJsonAssertions(body: string, assertions: readonly JsonAssertion[]): AssertionResult {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return { success: false, message: `Response is not valid JSON (starts with ${show(body.slice(0, 40))})` };
  }
  for (const assertion of assertions) {
    const result = evaluateJsonAssertion(doc, assertion);
    if (!result.success) return result;
  }
  return { success: true, message: `${assertions.length} JSON assertion(s) passed` };
}
