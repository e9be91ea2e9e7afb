import { z } from 'zod';
import { MONITOR_KINDS, monitorKind, type MonitorType } from '@/lib/monitor-kinds';
import { configIssue, type FieldTools } from '@/lib/monitor-kinds/types';
import { httpFields } from '@/lib/monitor-kinds/http';
import { tcpFields } from '@/lib/monitor-kinds/tcp';
import { heartbeatFields } from '@/lib/monitor-kinds/heartbeat';

// One schema for the API and the forms: the fields every monitor has, plus each kind's own
// (lib/monitor-kinds). Every monitor accepts every kind's fields, validated the same way, as
// the API always has: the web form and API clients send them, e.g. `host: null` on an HTTP
// monitor. Fields carry no zod defaults so the same shape serves create (defaults filled by
// withMonitorDefaults) and partial update; cross-field rules run on the merged monitor in
// monitorConfigIssues, where each kind adds its own.

export { HTTP_METHODS, JSON_ASSERTION_OPS, FORBIDDEN_HEADERS, MAX_HEADERS, MAX_REQUEST_BODY_BYTES, MAX_URL_LENGTH } from '@/lib/monitor-kinds/http';

/** A whole number in a range, with messages a form can show as they are. */
export const intIn = (label: string, min: number, max: number, unit = '') =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}${unit}`)
    .max(max, `${label} must be at most ${max}${unit}`);

const tools: FieldTools = { z, intIn };

const limitMs = (label: string) => intIn(label, 1, 60_000, ' ms').optional();

/** Response-time thresholds (ms) on the total time and single phases; over one for `consecutive` checks makes the monitor DEGRADED. */
export const degradedSchema = z
  .strictObject(
    {
      totalMs: limitMs('Response time threshold'),
      dnsMs: limitMs('DNS threshold'),
      connectMs: limitMs('Connect threshold'),
      tlsMs: limitMs('TLS handshake threshold'),
      ttfbMs: limitMs('Time to first byte threshold'),
      consecutive: intIn('Consecutive checks', 1, 100).optional(),
    },
    { error: 'degraded must be an object of thresholds in milliseconds, or null' },
  )
  .refine((d) => d.totalMs !== undefined || d.dnsMs !== undefined || d.connectMs !== undefined || d.tlsMs !== undefined || d.ttfbMs !== undefined, {
    message: 'Set at least one threshold (totalMs, dnsMs, connectMs, tlsMs or ttfbMs), or null for none',
  });
const { url, method, ...httpRequest } = httpFields(tools);

/** The registry's types, in its order: http, tcp, heartbeat. */
export const MONITOR_TYPES = Object.keys(MONITOR_KINDS) as [MonitorType, ...MonitorType[]];

/**
 * Key order is the order issues are reported in, the one the API has always used: name and
 * type, the HTTP target, the schedule, the rest of the HTTP request, TCP, heartbeat, alerting.
 */
export const monitorFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters'),
  type: z.enum(MONITOR_TYPES),
  url,
  method,
  intervalSeconds: intIn('Interval', 1, 86_400, ' seconds'),
  timeoutSeconds: intIn('Timeout', 1, 60, ' seconds'),
  active: z.boolean(),
  ...httpRequest,
  ...tcpFields(tools),
  ...heartbeatFields(tools),
  retries: intIn('Retries', 0, 10),
  retryIntervalSeconds: intIn('Retry interval', 1, 3600, ' seconds'),
  /** Successes in a row a DOWN monitor needs to be UP again. */
  successThreshold: intIn('Success threshold', 1, 10),
  reminderIntervalMinutes: intIn('Reminder interval', 1, 10_080, ' minutes').nullable(),
  degraded: degradedSchema.nullable(),
  /** A monitor of the same user this one depends on (the service checks it is one, and that there is no cycle). */
  parentId: z.string({ error: 'parentId must be a monitor id or null' }).min(1, 'parentId must be a monitor id or null').max(64, 'Unknown monitor').nullable(),
  /** Badges at /badge/<badgeKey>/... answer for this monitor. */
  publicBadge: z.boolean({ error: 'publicBadge must be true or false' }),
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
  successThreshold: 1,
  reminderIntervalMinutes: null,
  degraded: null,
  parentId: null,
  publicBadge: false,
};
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** The notification channels a monitor alerts (the caller's own; checked against the database by the service). */
export const channelIdsSchema = z
  .array(z.string().min(1).max(64), { error: 'channelIds must be a list of channel ids' })
  .max(50, 'At most 50 channels per monitor')
  .refine((ids) => new Set(ids).size === ids.length, 'Each channel may appear only once');

/** A create body: any subset of the fields, with a name, and optionally its channels (default: the user's default channels). */
/** The monitor's tags (the caller's own; checked against the database by the service). */
export const tagIdsSchema = z
  .array(z.string().min(1).max(64), { error: 'tagIds must be a list of tag ids' })
  .max(50, 'At most 50 tags per monitor')
  .refine((ids) => new Set(ids).size === ids.length, 'Each tag may appear only once');

const createFieldsSchema = monitorFieldsSchema.partial().required({ name: true }).extend({ channelIds: channelIdsSchema.optional(), tagIds: tagIdsSchema.optional() });

/** One branch per kind; a body without a type is an HTTP monitor, as MONITOR_DEFAULTS says. */
const KIND_BRANCHES = {
  http: createFieldsSchema.extend({ type: z.literal('http').optional() }),
  tcp: createFieldsSchema.extend({ type: z.literal('tcp') }),
  heartbeat: createFieldsSchema.extend({ type: z.literal('heartbeat') }),
} satisfies Record<MonitorType, z.ZodObject>;
type KindBranch = (typeof KIND_BRANCHES)[MonitorType];
const byKind = z.discriminatedUnion('type', Object.values(KIND_BRANCHES) as [KindBranch, ...KindBranch[]]);

/**
 * The create body: its fields checked as one object, then read as a discriminated union on
 * `type`. Checking the fields first keeps the answers the API has always given: every issue
 * in one response, a bad `type` beside any other mistake (a union alone reports only that
 * the type matched no branch), and it is the request body the OpenAPI document shows, one
 * object of every field. Checked values parse to themselves, so the union never adds an
 * issue; zod types a pipe's second stage as taking exactly the first stage's output, which
 * the branches (taking raw input) accept but cannot be typed as, hence the cast.
 */
export const createMonitorSchema = createFieldsSchema.pipe(byKind as unknown as z.ZodType<z.output<typeof byKind>, z.output<typeof createFieldsSchema>>);
export type CreateMonitorInput = z.infer<typeof createMonitorSchema>;

export const updateMonitorSchema = monitorFieldsSchema.partial().extend({ channelIds: channelIdsSchema.optional(), tagIds: tagIdsSchema.optional() });
export type UpdateMonitorInput = z.infer<typeof updateMonitorSchema>;

/** A create body with every default filled in; the timeout never defaults above the interval. */
export function withMonitorDefaults(input: CreateMonitorInput): MonitorFields {
  const { channelIds: _channels, tagIds: _tags, ...fields } = input;
  const merged = { ...MONITOR_DEFAULTS, ...stripUndefined(fields) } as MonitorFields;
  merged.timeoutSeconds = input.timeoutSeconds ?? Math.min(DEFAULT_TIMEOUT_SECONDS, merged.intervalSeconds);
  return merged;
}

/** An update applied to the stored monitor; a lowered interval pulls an implicit timeout down with it. */
export function mergeMonitorUpdate(current: MonitorFields, patch: UpdateMonitorInput): MonitorFields {
  const { channelIds: _channels, tagIds: _tags, ...fields } = patch;
  const merged = { ...current, ...stripUndefined(fields) } as MonitorFields;
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
  const kind = monitorKind(m.type);
  const issues = kind.configIssues(m);
  if (m.intervalSeconds < limits.minIntervalSeconds) {
    issues.push(configIssue(['intervalSeconds'], `Interval must be at least ${limits.minIntervalSeconds} seconds on this server`));
  }
  if (kind.probed && m.timeoutSeconds > m.intervalSeconds) issues.push(configIssue(['timeoutSeconds'], 'Timeout must not be longer than the interval'));
  for (const k of Object.values(MONITOR_KINDS)) issues.push(...k.fieldIssues(m));
  return issues;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
