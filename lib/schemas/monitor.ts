import { z } from 'zod';

// One schema for the API and the forms. Fields carry no zod defaults so the same shape
// serves create (defaults filled by withMonitorDefaults) and partial update; cross-field
// rules run on the merged monitor in monitorConfigIssues.

export const MONITOR_TYPES = ['http', 'tcp', 'heartbeat'] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export const JSON_ASSERTION_OPS = ['==', '!=', '<', '>', 'contains', 'exists'] as const;
export const FORBIDDEN_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection'] as const;
export const MAX_HEADERS = 20;
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;
export const MAX_URL_LENGTH = 2048;

/** Parses with the WHATWG URL parser only: no regular expression a crafted URL could make backtrack. */
export const monitorUrlSchema = z
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

/** A whole number in a range, with messages a form can show as they are. */
const intIn = (label: string, min: number, max: number, unit = '') =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}${unit}`)
    .max(max, `${label} must be at most ${max}${unit}`);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

export const headerSchema = z.strictObject({
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

export const jsonAssertionSchema = z.strictObject({
  path: z.string().trim().min(1, 'Path is required').max(200),
  op: z.enum(JSON_ASSERTION_OPS),
  value: z
    .union([z.string().max(1000), z.number(), z.boolean(), z.null()])
    .optional()
    .transform((v) => (v === undefined || v === null ? null : String(v))),
});

export const monitorFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters'),
  type: z.enum(MONITOR_TYPES),
  url: monitorUrlSchema.nullable(),
  method: z.enum(HTTP_METHODS),
  intervalSeconds: intIn('Interval', 1, 86_400, ' seconds'),
  timeoutSeconds: intIn('Timeout', 1, 60, ' seconds'),
  active: z.boolean(),
  /** A list of {name, value, secret}; a plain {"Name": "value"} object is accepted too, as many tools send it. */
  headers: z.preprocess(
    (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).map(([name, value]) => ({ name, value })) : v),
    z.array(headerSchema).max(MAX_HEADERS, `At most ${MAX_HEADERS} headers`),
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
  jsonAssertions: z.array(jsonAssertionSchema).max(10, 'At most 10 JSON assertions'),
  maxResponseTimeMs: intIn('Maximum response time', 1, 60_000, ' ms').nullable(),
  ignoreTlsErrors: z.boolean(),
  certExpiryThresholdDays: intIn('Certificate threshold', 0, 365, ' days'),
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'Enter a host name or IP address').nullable(),
  port: intIn('Port', 1, 65_535).nullable(),
  graceSeconds: intIn('Grace time', 0, 86_400, ' seconds'),
  retries: intIn('Retries', 0, 10),
  retryIntervalSeconds: intIn('Retry interval', 1, 3600, ' seconds'),
  reminderIntervalMinutes: intIn('Reminder interval', 1, 10_080, ' minutes').nullable(),
});

export type MonitorFields = z.infer<typeof monitorFieldsSchema>;

export const MONITOR_DEFAULTS: Omit<MonitorFields, 'name' | 'timeoutSeconds'> = {
  type: 'http',
  url: null,
  method: 'GET',
  intervalSeconds: 60,
  active: true,
  headers: [],
  body: null,
  acceptedStatusCodes: ['200-299'],
  followRedirects: true,
  maxRedirects: 5,
  keyword: null,
  keywordMode: 'present',
  keywordCaseSensitive: true,
  jsonAssertions: [],
  maxResponseTimeMs: null,
  ignoreTlsErrors: false,
  certExpiryThresholdDays: 14,
  host: null,
  port: null,
  graceSeconds: 60,
  retries: 1,
  retryIntervalSeconds: 10,
  reminderIntervalMinutes: null,
};
export const DEFAULT_TIMEOUT_SECONDS = 10;

export const createMonitorSchema = monitorFieldsSchema.partial().required({ name: true });
export type CreateMonitorInput = z.infer<typeof createMonitorSchema>;

export const updateMonitorSchema = monitorFieldsSchema.partial();
export type UpdateMonitorInput = z.infer<typeof updateMonitorSchema>;

/** A create body with every default filled in; the timeout never defaults above the interval. */
export function withMonitorDefaults(input: CreateMonitorInput): MonitorFields {
  const merged = { ...MONITOR_DEFAULTS, ...stripUndefined(input) } as MonitorFields;
  merged.timeoutSeconds = input.timeoutSeconds ?? Math.min(DEFAULT_TIMEOUT_SECONDS, merged.intervalSeconds);
  return merged;
}

/** An update applied to the stored monitor; a lowered interval pulls an implicit timeout down with it. */
export function mergeMonitorUpdate(current: MonitorFields, patch: UpdateMonitorInput): MonitorFields {
  const merged = { ...current, ...stripUndefined(patch) } as MonitorFields;
  if (patch.timeoutSeconds === undefined && merged.timeoutSeconds > merged.intervalSeconds) {
    merged.timeoutSeconds = merged.intervalSeconds;
  }
  return merged;
}

export interface ConfigLimits {
  minIntervalSeconds: number;
}

/** Rules that span fields, checked on the complete monitor; issues carry the field path for forms. */
export function monitorConfigIssues(m: MonitorFields, limits: ConfigLimits = { minIntervalSeconds: 1 }): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const add = (path: string, message: string) => issues.push({ code: 'custom', path: [path], message, input: undefined });
  if (m.type === 'http' && !m.url) add('url', 'URL is required for an HTTP monitor');
  if (m.type === 'tcp') {
    if (!m.host) add('host', 'Host is required for a TCP monitor');
    if (m.port === null) add('port', 'Port is required for a TCP monitor');
  }
  if (m.intervalSeconds < limits.minIntervalSeconds) {
    add('intervalSeconds', `Interval must be at least ${limits.minIntervalSeconds} seconds on this server`);
  }
  if (m.type !== 'heartbeat' && m.timeoutSeconds > m.intervalSeconds) add('timeoutSeconds', 'Timeout must not be longer than the interval');
  if (m.body !== null && (m.method === 'GET' || m.method === 'HEAD')) add('body', 'GET and HEAD requests cannot have a body');
  const names = m.headers.map((h) => h.name.toLowerCase());
  if (new Set(names).size !== names.length) add('headers', 'Each header may appear only once');
  m.jsonAssertions.forEach((a, i) => {
    if (a.op !== 'exists' && a.value === null) issues.push({ code: 'custom', path: ['jsonAssertions', i, 'value'], message: 'A value is required for this operator', input: undefined });
  });
  return issues;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
