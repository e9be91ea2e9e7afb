import type { z } from 'zod';
import type { HttpProbe } from '@/lib/checker/types';
import { PROBED_SCHEDULE } from '@/lib/monitor-kinds/probed';
import { configIssue, type FieldTools, type MonitorKind } from '@/lib/monitor-kinds/types';

// HTTP monitors: the worker requests a URL and judges the answer (status code, keyword,
// JSON assertions, response time, certificate). The request fields are built with the zod
// lib/schemas/monitor.ts hands in (FieldTools), so reading this kind loads no zod.

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export const JSON_ASSERTION_OPS = ['==', '!=', '<', '>', 'contains', 'exists'] as const;
export const FORBIDDEN_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection'] as const;
export const MAX_HEADERS = 20;
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;
export const MAX_URL_LENGTH = 2048;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/** The request and the rules its answer must pass. */
export function httpFields({ z, intIn }: FieldTools) {
  /** Parses with the WHATWG URL parser only: no regular expression a crafted URL could make backtrack. */
  const urlSchema = z
    .string()
    .trim()
    .min(1, 'URL is required')
    .max(MAX_URL_LENGTH, `URL must be at most ${MAX_URL_LENGTH} characters`)
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Enter an absolute URL such as https://example.com' });
        return;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        ctx.addIssue({ code: 'custom', message: 'Only http and https URLs can be monitored' });
      } else if (url.username || url.password) {
        ctx.addIssue({ code: 'custom', message: 'URLs with credentials are not allowed; use a request header instead' });
      } else if (!url.hostname) {
        ctx.addIssue({ code: 'custom', message: 'URL must have a host' });
      }
    });

  const header = z.strictObject({
    name: z
      .string()
      .regex(HEADER_NAME, 'Header name must be a valid HTTP token')
      .refine((n) => !(FORBIDDEN_HEADERS as readonly string[]).includes(n.toLowerCase()), 'This header is set by Pingboard and cannot be overridden'),
    /** Omitted or null on an update of a secret header keeps the stored value. */
    value: z
      .string()
      .max(4096, 'Header value must be at most 4096 characters')
      .refine((v) => !/[\r\n\0]/.test(v), 'Header value must not contain line breaks')
      .nullish(),
    secret: z.boolean().optional(),
  });

  const statusCodeSpec = z
    .union([z.number().int(), z.string().trim()])
    .transform((v) => String(v))
    .refine((v) => {
      const m = /^(\d{3})(?:-(\d{3}))?$/.exec(v);
      if (!m) return false;
      const lo = Number(m[1]);
      const hi = m[2] ? Number(m[2]) : lo;
      return lo >= 100 && hi <= 599 && lo <= hi;
    }, 'Use a status code like 200 or a range like 200-299 (100 to 599)');

  const jsonAssertion = z.strictObject({
    path: z.string().trim().min(1, 'Path is required').max(200),
    op: z.enum(JSON_ASSERTION_OPS),
    value: z
      .union([z.string().max(1000), z.number(), z.boolean(), z.null()])
      .optional()
      .transform((v) => (v === undefined || v === null ? null : String(v))),
  });

  return {
    url: urlSchema.nullable(),
    method: z.enum(HTTP_METHODS),
    /** A list of {name, value, secret}; a plain {"Name": "value"} object is accepted too, as many tools send it. */
    headers: z.preprocess(
      (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).map(([name, value]) => ({ name, value })) : v),
      z.array(header).max(MAX_HEADERS, `At most ${MAX_HEADERS} headers`),
    ),
    body: z
      .string()
      .refine((b) => new TextEncoder().encode(b).length <= MAX_REQUEST_BODY_BYTES, 'Request body must be at most 64 KiB')
      .nullable(),
    acceptedStatusCodes: z.array(statusCodeSpec).min(1, 'Accept at least one status code').max(20),
    followRedirects: z.boolean(),
    maxRedirects: intIn('Maximum redirects', 0, 20),
    keyword: z.string().min(1).max(1000).nullable(),
    keywordMode: z.enum(['present', 'absent']),
    keywordCaseSensitive: z.boolean(),
    jsonAssertions: z.array(jsonAssertion).max(10, 'At most 10 JSON assertions'),
    maxResponseTimeMs: intIn('Maximum response time', 1, 60_000, ' ms').nullable(),
    ignoreTlsErrors: z.boolean(),
    certExpiryThresholdDays: intIn('Certificate threshold', 0, 365, ' days'),
  };
}

export const httpKind = {
  type: 'http',
  fields: httpFields,
  configIssues: (m) => (m.url ? [] : [configIssue(['url'], 'URL is required for an HTTP monitor')]),
  // The request fields' own rules, checked on monitors of every kind, since every kind accepts them.
  fieldIssues(m) {
    const issues: z.core.$ZodIssue[] = [];
    if (m.body !== null && (m.method === 'GET' || m.method === 'HEAD')) issues.push(configIssue(['body'], 'GET and HEAD requests cannot have a body'));
    const names = m.headers.map((h) => h.name.toLowerCase());
    if (new Set(names).size !== names.length) issues.push(configIssue(['headers'], 'Each header may appear only once'));
    m.jsonAssertions.forEach((a, i) => {
      if (a.op !== 'exists' && a.value === null) issues.push(configIssue(['jsonAssertions', i, 'value'], 'A value is required for this operator'));
    });
    return issues;
  },
  probed: true,
  needsPushToken: false,
  policyTarget: (f) => (f.url ? { field: 'url', url: f.url } : null),
  toProbe(f): HttpProbe | null {
    if (!f.url) return null;
    return {
      type: 'http',
      url: f.url,
      method: f.method,
      headers: f.headers.map((h) => ({ name: h.name, value: h.value ?? '', secret: h.secret ?? false })),
      body: f.body,
      timeoutMs: f.timeoutSeconds * 1000,
      acceptedStatusCodes: f.acceptedStatusCodes,
      followRedirects: f.followRedirects,
      maxRedirects: f.maxRedirects,
      keyword: f.keyword,
      keywordMode: f.keywordMode,
      keywordCaseSensitive: f.keywordCaseSensitive,
      jsonAssertions: f.jsonAssertions.map((a) => ({ path: a.path, op: a.op, value: a.value })),
      maxResponseTimeMs: f.maxResponseTimeMs,
      ignoreTlsErrors: f.ignoreTlsErrors,
    };
  },
  schedule: PROBED_SCHEDULE,
  retries: (m) => m.retries,
  target: (m) => m.url ?? '',
  ui: {
    label: 'HTTP',
    hint: 'Request a URL and check the answer',
    formFields: [
      'url', 'method', 'timeoutSeconds', 'retries', 'retryIntervalSeconds', 'headers', 'body', 'acceptedStatusCodes', 'followRedirects', 'maxRedirects',
      'keyword', 'keywordMode', 'keywordCaseSensitive', 'jsonAssertions', 'maxResponseTimeMs', 'ignoreTlsErrors', 'certExpiryThresholdDays', 'successThreshold', 'degraded',
    ],
    advancedSummary: 'headers, body, status codes, keyword, JSON, TLS, retries, slowness, dependency',
    target: (m) => m.url ?? '',
    headline: (m) => `${m.method} ${m.url ?? ''}`,
    showsCertificate: (m) => Boolean(m.url?.startsWith('https:')) || m.certExpiresAt !== null,
  },
} satisfies MonitorKind;
