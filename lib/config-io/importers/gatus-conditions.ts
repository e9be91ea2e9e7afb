import type { MonitorFields } from '@/lib/schemas/monitor';
import { clip, type Notes } from '@/lib/config-io/importers/draft';
import { plainJsonPath } from '@/lib/config-io/importers/json-path';

// Gatus decides an endpoint's health with conditions such as `[STATUS] == 200`; Pingboard with
// fields of the monitor. The common conditions become those fields: [STATUS] the accepted status
// codes, [RESPONSE_TIME] < n the maximum response time (a failure, as in Gatus; on a TCP check,
// which has no such limit, a DEGRADED threshold instead), [BODY] == pat(*text*) a keyword,
// [BODY].path comparisons JSON assertions, [CERTIFICATE_EXPIRATION] > d a certificate warning
// d ahead, and [CONNECTED] == true is what any check needs anyway. A condition that has no such
// field is left out with a note naming it; one whose absence would turn the check upside down
// makes the whole endpoint unmappable (`fatal`).

export type CheckKind = 'http' | 'tcp';

export interface ConditionMapping {
  fields: Partial<MonitorFields>;
  notes: Notes;
  /** Why the endpoint cannot be imported at all. */
  fatal?: string;
}

const GO_DURATION = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("30s", "1m30s", "48h", "500ms") in milliseconds, or null if it is not one. */
export function goDurationMs(text: string): number | null {
  const t = text.trim();
  if (t === '0') return 0;
  if (!/^(\d+(\.\d+)?(ns|us|µs|μs|ms|s|m|h))+$/.test(t)) return null;
  let ms = 0;
  for (const [, n, unit] of t.matchAll(GO_DURATION)) ms += Number(n) * UNIT_MS[unit];
  return ms;
}

/** A number of milliseconds as Gatus reads one in a numeric condition: a plain number, or a duration. */
function millis(text: string): number | null {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  return goDurationMs(t);
}

const COMPARATORS = ['==', '!=', '<=', '>=', '>', '<'] as const;
type Op = (typeof COMPARATORS)[number];
const MIRROR: Record<Op, Op> = { '==': '==', '!=': '!=', '<=': '>=', '>=': '<=', '>': '<', '<': '>' };

/** `left op right` the way Gatus reads it (the first comparator found, in its order), placeholder on the left. */
function split(condition: string): { left: string; op: Op; right: string } | null {
  for (const op of COMPARATORS) {
    const at = condition.indexOf(` ${op} `);
    if (at < 0) continue;
    const left = condition.slice(0, at).trim();
    const right = condition.slice(at + op.length + 2).trim();
    const isPlaceholder = (s: string) => /^\[|^(len|has)\(\[/i.test(s);
    return !isPlaceholder(left) && isPlaceholder(right) ? { left: right, op: MIRROR[op], right: left } : { left, op, right };
  }
  return null;
}

/** `fn(x)` → x, when `text` is a call of that function. */
function call(fn: string, text: string): string | null {
  return text.toLowerCase().startsWith(`${fn}(`) && text.endsWith(')') ? text.slice(fn.length + 1, -1) : null;
}

/** A Gatus pattern (`*`, `?`, `[...]` as in a file name) as a regular expression. */
function globRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** `*text*` with no other wildcard: the text a keyword check looks for. */
function containedText(pattern: string): string | null {
  const m = /^\*([^*?[\]]+)\*$/.exec(pattern);
  return m ? m[1] : null;
}

const CODES = Array.from({ length: 500 }, (_, i) => i + 100);

/** The status codes a [STATUS] condition lets through, or null if Pingboard cannot read it. */
function statusCodes(op: Op, value: string): Set<number> | null {
  const anyOf = call('any', value);
  const pattern = call('pat', value);
  if (op === '==' || op === '!=') {
    let match: Set<number>;
    if (anyOf !== null) {
      const list = anyOf.split(',').map((s) => s.trim());
      if (!list.every((s) => /^\d{3}$/.test(s))) return null;
      match = new Set(list.map(Number));
    } else if (pattern !== null) {
      const re = globRegExp(pattern.trim());
      match = new Set(CODES.filter((c) => re.test(String(c))));
    } else if (/^\d{3}$/.test(value)) match = new Set([Number(value)]);
    else return null;
    return new Set(CODES.filter((c) => match.has(c) === (op === '==')));
  }
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  const test = { '<': (c: number) => c < n, '<=': (c: number) => c <= n, '>': (c: number) => c > n, '>=': (c: number) => c >= n }[op];
  return new Set(CODES.filter(test));
}

/** Allowed codes as Pingboard's specs ("200", "200-299"), runs of consecutive codes joined. */
function codeSpecs(allowed: Set<number>): string[] {
  const specs: string[] = [];
  let start: number | null = null;
  for (let c = 100; c <= 600; c++) {
    if (allowed.has(c) && start === null) start = c;
    if (!allowed.has(c) && start !== null) {
      specs.push(start === c - 1 ? String(start) : `${start}-${c - 1}`);
      start = null;
    }
  }
  return specs;
}

export function mapConditions(conditions: readonly string[], kind: CheckKind): ConditionMapping {
  const fields: Partial<MonitorFields> = {};
  const notes: Notes = [];
  let allowed: Set<number> | null = null;
  let slowestMs: number | null = null;
  const assertions: NonNullable<MonitorFields['jsonAssertions']> = [];
  const leaveOut = (condition: string, why: string) => notes.push(`condition "${clip(condition, 80)}" left out (${why})`);

  for (const condition of conditions) {
    const parts = split(condition.trim());
    if (!parts) {
      leaveOut(condition, 'not a comparison Gatus would accept');
      continue;
    }
    const { left, op, right } = parts;
    const placeholder = left.toUpperCase();
    if (placeholder === '[CONNECTED]') {
      if (op === '==' && right.toLowerCase() === 'false') return { fields, notes, fatal: 'It expects the connection to fail, and Pingboard has no inverted check' };
      if (!(op === '==' && right.toLowerCase() === 'true')) leaveOut(condition, 'Pingboard cannot express it');
      continue;
    }
    if (placeholder === '[RESPONSE_TIME]') {
      const ms = millis(right);
      if (ms === null || (op !== '<' && op !== '<=')) leaveOut(condition, 'Pingboard limits only the slowest response time');
      else slowestMs = Math.min(slowestMs ?? Infinity, op === '<' ? Math.ceil(ms) - 1 : Math.floor(ms));
      continue;
    }
    if (placeholder === '[CERTIFICATE_EXPIRATION]') {
      const ms = millis(right);
      if (ms === null || (op !== '>' && op !== '>=')) leaveOut(condition, 'Pingboard warns about certificates expiring within some days only');
      else if (kind === 'http' && ms > 0) fields.certExpiryThresholdDays = Math.min(365, Math.max(fields.certExpiryThresholdDays ?? 0, Math.ceil(ms / 86_400_000)));
      continue;
    }
    if (kind === 'tcp' && (placeholder.startsWith('[STATUS]') || placeholder.includes('[BODY]'))) {
      leaveOut(condition, 'it has no meaning for a TCP check');
      continue;
    }
    if (placeholder === '[STATUS]') {
      const codes = statusCodes(op, right);
      if (!codes) leaveOut(condition, 'Pingboard cannot read this status comparison');
      else allowed = new Set([...(allowed ?? CODES)].filter((c) => codes.has(c)));
      continue;
    }
    if (placeholder === '[BODY]') {
      const text = containedText(call('pat', right)?.trim() ?? '');
      if ((op !== '==' && op !== '!=') || text === null) leaveOut(condition, 'Pingboard looks for text in the body, not at the whole body or a pattern');
      else if (text.length > 1000) leaveOut(condition, 'the text is over 1000 characters');
      else if (fields.keyword !== undefined) leaveOut(condition, 'Pingboard checks one keyword per monitor');
      else Object.assign(fields, { keyword: text, keywordMode: op === '==' ? 'present' : 'absent', keywordCaseSensitive: true });
      continue;
    }
    const has = call('has', left);
    const jsonPath = has !== null ? (has.toUpperCase().startsWith('[BODY]') ? has.slice(6) : null) : placeholder.startsWith('[BODY]') ? left.slice(6) : null;
    if (jsonPath !== null) {
      const path = plainJsonPath(jsonPath);
      const assertion = path === null ? null : has !== null ? hasAssertion(path, op, right) : jsonAssertion(path, op, right);
      if (path === null) leaveOut(condition, 'its JSON path is not a plain path');
      else if (!assertion) leaveOut(condition, has !== null ? 'Pingboard checks only that a value exists' : 'Pingboard compares JSON values with ==, !=, <, > and contains only');
      else if (assertions.length >= 10) leaveOut(condition, 'Pingboard checks at most 10 JSON values');
      else assertions.push(assertion);
      continue;
    }
    leaveOut(condition, UNSUPPORTED[placeholder.replace(/\(.*$/, '(')] ?? 'Pingboard cannot express it');
  }

  if (kind === 'http') {
    if (allowed === null) {
      fields.acceptedStatusCodes = ['100-599'];
      notes.push('no [STATUS] condition: every status code counts as up, as in Gatus');
    } else {
      const specs = codeSpecs(allowed);
      if (!specs.length) return { fields, notes, fatal: 'Its [STATUS] conditions accept no status code' };
      if (specs.length > 20) notes.push('status codes beyond the first 20 ranges left out');
      fields.acceptedStatusCodes = specs.slice(0, 20);
    }
    if (assertions.length) fields.jsonAssertions = assertions;
  }
  if (slowestMs !== null) {
    const limit = Math.min(60_000, Math.max(1, slowestMs));
    if (limit !== slowestMs) notes.push(`response time limit ${slowestMs} ms kept within 1 to 60000 ms`);
    if (kind === 'http') fields.maxResponseTimeMs = limit;
    else {
      fields.degraded = { totalMs: limit, consecutive: 1 };
      notes.push(`a TCP check cannot fail on slowness here: slower than ${limit} ms marks it DEGRADED instead`);
    }
  }
  if (fields.certExpiryThresholdDays !== undefined) notes.push(`a certificate expiring within ${fields.certExpiryThresholdDays} days sends a certificate warning instead of failing the check`);
  return { fields, notes };
}

const UNSUPPORTED: Record<string, string> = {
  '[IP]': 'Pingboard does not compare the resolved address',
  '[DNS_RCODE]': 'Pingboard does not query DNS',
  '[DOMAIN_EXPIRATION]': 'Pingboard does not check domain registrations',
  'LEN(': 'Pingboard does not compare lengths',
};

type Assertion = NonNullable<MonitorFields['jsonAssertions']>[number];

function jsonAssertion(path: string, op: Op, right: string): Assertion | null {
  const contains = containedText(call('pat', right)?.trim() ?? '');
  if (op === '==' && contains !== null) return { path, op: 'contains', value: contains };
  if (call('pat', right) !== null || call('any', right) !== null || right.length > 1000) return null;
  if (op === '<=' || op === '>=') return null;
  return { path, op, value: right };
}

function hasAssertion(path: string, op: Op, right: string): Assertion | null {
  return op === '==' && right.toLowerCase() === 'true' ? { path, op: 'exists', value: null } : null;
}
