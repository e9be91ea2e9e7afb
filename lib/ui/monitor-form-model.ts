import {
  createMonitorSchema,
  MONITOR_DEFAULTS,
  monitorConfigIssues,
  monitorFieldsSchema,
  withMonitorDefaults,
  type CreateMonitorInput,
  type HTTP_METHODS,
  type JSON_ASSERTION_OPS,
  type MONITOR_TYPES,
} from '@/lib/schemas/monitor';
import type { MonitorDto } from '@/lib/dto';
import { DEGRADED_LIMITS, type DegradedLimit } from '@/lib/domain/degraded';
import { monitorKind, type MonitorFieldKey } from '@/lib/monitor-kinds';
import { INTERVAL_PRESETS } from '@/lib/ui/view-models';

// The monitor form as plain data: text inputs in, the API body out. Validation is the
// shared zod schema plus monitorConfigIssues, exactly as the server runs it; only what zod
// cannot see in a text box (an empty number field) is checked here.

export type MonitorType = (typeof MONITOR_TYPES)[number];
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type JsonOp = (typeof JSON_ASSERTION_OPS)[number];

export interface HeaderRow {
  key: number;
  name: string;
  value: string;
  secret: boolean;
  /** A secret whose value the server keeps: an empty input means "unchanged". */
  stored: boolean;
  /** The name it is stored under: the server matches a kept value by name. */
  storedName: string | null;
  /** A secret copied from another monitor: the API never reveals its value, so it must be typed again. */
  reenter?: boolean;
}

export interface AssertionRow {
  key: number;
  path: string;
  op: JsonOp;
  value: string;
}

export interface FormValues {
  type: MonitorType;
  name: string;
  url: string;
  method: HttpMethod;
  interval: string; // a preset's seconds, or 'custom'
  customInterval: string;
  timeout: string;
  active: boolean;
  host: string;
  port: string;
  grace: string;
  headers: HeaderRow[];
  body: string;
  acceptedStatusCodes: string;
  followRedirects: boolean;
  maxRedirects: string;
  keyword: string;
  keywordMode: 'present' | 'absent';
  keywordCaseSensitive: boolean;
  jsonAssertions: AssertionRow[];
  maxResponseTimeMs: string;
  ignoreTlsErrors: boolean;
  certExpiryThresholdDays: string;
  retries: string;
  retryIntervalSeconds: string;
  successThreshold: string;
  reminderIntervalMinutes: string;
  /** Slowness thresholds in ms (empty: none) and the checks in a row they need (empty: 3). */
  degraded: DegradedInputs;
  /** The monitor this one depends on; '' for none. */
  parentId: string;
  /** The notification channels it alerts (checkboxes). */
  channelIds: string[];
}

export type DegradedInputs = Record<DegradedLimit | 'consecutive', string>;

/** The inputs of the degraded thresholds, in the form's order, keyed as the API names them. */
export const DEGRADED_INPUTS = [...DEGRADED_LIMITS, 'consecutive'] as const;

/** Errors by field: "url", "headers.2.value" for one input of one row, "degraded.tlsMs" for one threshold. */
export type FormErrors = Record<string, string>;
export type SetValue = <K extends keyof FormValues>(key: K, value: FormValues[K]) => void;

export const METHODS_WITH_BODY: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

let nextKey = 1;
export const rowKey = (): number => nextKey++;

const str = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

/** A new monitor starts with `defaultChannelIds` checked (the user's default channels). */
export function initialValues(m?: MonitorDto, defaultChannelIds: string[] = []): FormValues {
  const d = MONITOR_DEFAULTS;
  const interval = m?.intervalSeconds ?? d.intervalSeconds;
  const preset = INTERVAL_PRESETS.some((p) => p.seconds === interval);
  return {
    type: (m?.type as MonitorType) ?? 'http',
    name: m?.name ?? '',
    url: m?.url ?? '',
    method: (m?.method as HttpMethod) ?? d.method,
    interval: preset ? String(interval) : 'custom',
    customInterval: preset ? '' : String(interval),
    timeout: m ? String(m.timeoutSeconds) : '',
    active: m?.active ?? true,
    host: m?.host ?? '',
    port: str(m?.port),
    grace: str(m?.graceSeconds ?? d.graceSeconds),
    headers: (m?.headers ?? []).map((h) => ({ key: rowKey(), name: h.name, value: h.value ?? '', secret: h.secret, stored: h.secret, storedName: h.secret ? h.name : null })),
    body: m?.body ?? '',
    acceptedStatusCodes: (m?.acceptedStatusCodes ?? d.acceptedStatusCodes).join(', '),
    followRedirects: m?.followRedirects ?? d.followRedirects,
    maxRedirects: str(m?.maxRedirects ?? d.maxRedirects),
    keyword: m?.keyword ?? '',
    keywordMode: (m?.keywordMode as FormValues['keywordMode']) ?? d.keywordMode,
    keywordCaseSensitive: m?.keywordCaseSensitive ?? d.keywordCaseSensitive,
    jsonAssertions: (m?.jsonAssertions ?? []).map((a) => ({ key: rowKey(), path: a.path, op: a.op as JsonOp, value: a.value ?? '' })),
    maxResponseTimeMs: str(m?.maxResponseTimeMs),
    ignoreTlsErrors: m?.ignoreTlsErrors ?? d.ignoreTlsErrors,
    certExpiryThresholdDays: str(m?.certExpiryThresholdDays ?? d.certExpiryThresholdDays),
    retries: str(m?.retries ?? d.retries),
    retryIntervalSeconds: str(m?.retryIntervalSeconds ?? d.retryIntervalSeconds),
    successThreshold: str(m?.successThreshold ?? d.successThreshold),
    reminderIntervalMinutes: str(m?.reminderIntervalMinutes),
    degraded: degradedInputs(m?.degraded ?? null),
    parentId: m?.parentId ?? '',
    channelIds: m ? [...m.channelIds] : [...defaultChannelIds],
  };
}

function degradedInputs(d: MonitorDto['degraded']): DegradedInputs {
  return Object.fromEntries(DEGRADED_INPUTS.map((k) => [k, str(d?.[k])])) as DegradedInputs;
}

/** The limit of the name input, from the shared schema (100). */
export const NAME_MAX = monitorFieldsSchema.shape.name.maxLength ?? 100;

/** "Site (copy)", shortened so the copy still fits the name limit. */
export function copyName(name: string): string {
  const suffix = ' (copy)';
  return `${name.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
}

/**
 * A new monitor with the settings of `m`: its name marked as a copy, and each secret header
 * kept by name with an empty value to type again (the API does not reveal secret values).
 */
export function cloneValues(m: MonitorDto): FormValues {
  const v = initialValues(m);
  return {
    ...v,
    name: copyName(m.name),
    headers: v.headers.map((h) => (h.secret ? { ...h, value: '', stored: false, storedName: null, reenter: true } : h)),
  };
}

/** The names of the secret headers a clone must be given again. */
export const secretsToReenter = (v: FormValues): string[] => v.headers.filter((h) => h.reenter).map((h) => h.name);

/** Reads number inputs, recording a readable error for a blank or non-numeric required one; `fail` records any other. */
function numberReader(errors: FormErrors) {
  const read = (key: string, text: string, label: string, optional = false): number | null => {
    if (text.trim() === '') {
      if (!optional) errors[key] = `Enter ${label}`;
      return null;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) errors[key] = `Enter ${label} as a number`;
    return n;
  };
  return Object.assign(read, { fail: (key: string, message: string) => void (errors[key] = message) });
}

export interface BuildOptions {
  editing: boolean;
  /** On edit an untouched timeout is left to the server, which keeps it within the interval. */
  timeoutTouched: boolean;
}

/** The request body the form describes, plus errors zod cannot express for text inputs. */
export function buildPayload(v: FormValues, opts: BuildOptions): { payload: CreateMonitorInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const num = numberReader(errors);
  const intervalSeconds = v.interval === 'custom' ? num('intervalSeconds', v.customInterval, 'the interval in seconds') : Number(v.interval);
  const payload: CreateMonitorInput = { name: v.name, type: v.type, intervalSeconds: intervalSeconds ?? Number.NaN, active: v.active, channelIds: v.channelIds };
  payload.reminderIntervalMinutes = num('reminderIntervalMinutes', v.reminderIntervalMinutes, 'the reminder interval in minutes', true);

  // Only what the kind shows is sent: the rest keeps its stored value or default.
  const shows = (key: MonitorFieldKey) => monitorKind(v.type).ui.formFields.includes(key);
  if (shows('timeoutSeconds') && v.timeout.trim() !== '' && (!opts.editing || opts.timeoutTouched)) {
    payload.timeoutSeconds = num('timeoutSeconds', v.timeout, 'the timeout in seconds') ?? undefined;
  }
  if (shows('retries')) payload.retries = num('retries', v.retries, 'the number of retries') ?? undefined;
  if (shows('retryIntervalSeconds')) payload.retryIntervalSeconds = num('retryIntervalSeconds', v.retryIntervalSeconds, 'the retry interval in seconds') ?? undefined;
  if (shows('successThreshold')) payload.successThreshold = num('successThreshold', v.successThreshold, 'the success threshold') ?? undefined;
  if (shows('degraded')) payload.degraded = degradedPayload(v.degraded, num);
  payload.parentId = v.parentId === '' ? null : v.parentId;
  if (shows('graceSeconds')) payload.graceSeconds = num('graceSeconds', v.grace, 'the grace period in seconds') ?? undefined;
  if (shows('host')) payload.host = v.host.trim() === '' ? null : v.host;
  if (shows('port')) payload.port = num('port', v.port, 'a port', true);
  if (shows('url')) Object.assign(payload, httpPayload(v, errors));
  return { payload, errors };
}

/** null when every threshold is empty (never DEGRADED); an empty consecutive is left to the server's 3. */
function degradedPayload(d: DegradedInputs, num: ReturnType<typeof numberReader>): CreateMonitorInput['degraded'] {
  if (DEGRADED_INPUTS.every((k) => d[k].trim() === '')) return null;
  if (DEGRADED_LIMITS.every((k) => d[k].trim() === '')) num.fail('degraded', 'Set at least one threshold, or leave Consecutive checks empty');
  const out: Record<string, number> = {};
  for (const k of DEGRADED_INPUTS) {
    const n = num(`degraded.${k}`, d[k], k === 'consecutive' ? 'the number of checks' : 'a time in ms', true);
    if (n !== null) out[k] = n;
  }
  return out as CreateMonitorInput['degraded'];
}

function httpPayload(v: FormValues, errors: FormErrors): Partial<CreateMonitorInput> {
  const num = numberReader(errors);
  v.headers.forEach((h, i) => {
    if (h.name.trim() === '') errors[`headers.${i}.name`] = 'Enter a header name or remove the row';
    if (h.stored && !h.secret && h.value === '') errors[`headers.${i}.value`] = 'Enter the value to stop keeping it secret';
    else if (h.reenter && h.value === '') errors[`headers.${i}.value`] = 'Enter this secret value again: a copy does not carry it';
    else if (h.stored && h.value === '' && h.name.trim().toLowerCase() !== h.storedName?.toLowerCase()) {
      errors[`headers.${i}.value`] = 'Enter the value again: a renamed header does not keep the stored one';
    }
  });
  v.jsonAssertions.forEach((a, i) => {
    if (a.path.trim() === '') errors[`jsonAssertions.${i}.path`] = 'Enter a path such as data.status, or remove the row';
  });
  return {
    url: v.url,
    method: v.method,
    headers: v.headers.map((h) => ({ name: h.name.trim(), value: h.stored && h.value === '' ? null : h.value, secret: h.secret })),
    body: METHODS_WITH_BODY.has(v.method) && v.body !== '' ? v.body : null,
    acceptedStatusCodes: v.acceptedStatusCodes.split(',').map((s) => s.trim()).filter(Boolean),
    followRedirects: v.followRedirects,
    maxRedirects: num('maxRedirects', v.maxRedirects, 'the maximum number of redirects') ?? undefined,
    keyword: v.keyword === '' ? null : v.keyword,
    keywordMode: v.keywordMode,
    keywordCaseSensitive: v.keywordCaseSensitive,
    jsonAssertions: v.jsonAssertions.map((a) => ({ path: a.path, op: a.op, value: a.op === 'exists' || a.value === '' ? null : a.value })),
    maxResponseTimeMs: num('maxResponseTimeMs', v.maxResponseTimeMs, 'the maximum response time in ms', true),
    ignoreTlsErrors: v.ignoreTlsErrors,
    certExpiryThresholdDays: num('certExpiryThresholdDays', v.certExpiryThresholdDays, 'the number of days') ?? undefined,
  };
}

/** "headers.2.value" for row fields, "degraded.tlsMs" for a threshold, the top-level name for everything else (a status code list is one input). */
export function issueKey(path: ReadonlyArray<PropertyKey>): string {
  const [head, index, field] = path;
  if (head === 'degraded' && typeof index === 'string' && (DEGRADED_INPUTS as readonly string[]).includes(index)) return `degraded.${index}`;
  if ((head === 'headers' || head === 'jsonAssertions') && typeof index === 'number') {
    return field === undefined ? `${head}.${index}` : `${head}.${index}.${String(field)}`;
  }
  return head === undefined ? '_form' : String(head);
}

/** The first message per key, for showing beside that input. */
export function issueErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> | undefined): FormErrors {
  const out: FormErrors = {};
  for (const i of issues ?? []) out[issueKey(i.path)] ??= i.message;
  return out;
}

/** The shared API rules, run in the browser: same rules, same messages as the server. */
export function validate(v: FormValues, opts: BuildOptions): { payload: CreateMonitorInput; errors: FormErrors } {
  const { payload, errors } = buildPayload(v, opts);
  const parsed = createMonitorSchema.safeParse(payload);
  const schemaErrors = parsed.success ? issueErrors(monitorConfigIssues(withMonitorDefaults(parsed.data))) : issueErrors(parsed.error.issues);
  return { payload, errors: { ...schemaErrors, ...errors } };
}

/** Inputs every kind shows; the rest are the kind's formFields. */
const COMMON: readonly string[] = ['name', 'type', 'intervalSeconds', 'active', 'reminderIntervalMinutes', 'channelIds', 'parentId'];
/** Fields inside the collapsed "Advanced options"; an error there opens it. */
export const ADVANCED_FIELDS = new Set(['headers', 'body', 'acceptedStatusCodes', 'followRedirects', 'maxRedirects', 'keyword', 'keywordMode', 'keywordCaseSensitive', 'jsonAssertions', 'maxResponseTimeMs', 'ignoreTlsErrors', 'certExpiryThresholdDays', 'retries', 'retryIntervalSeconds', 'reminderIntervalMinutes', 'successThreshold', 'degraded', 'parentId']);

/** Whether an error key has an input on screen for this form state (else it goes in the notice on top). */
export function hasInputFor(key: string, v: FormValues): boolean {
  const [head, index] = key.split('.');
  if (!COMMON.includes(head) && !(monitorKind(v.type).ui.formFields as readonly string[]).includes(head)) return false;
  if (head === 'body' && !METHODS_WITH_BODY.has(v.method)) return false;
  if (index === undefined) return true;
  if (head === 'degraded') return (DEGRADED_INPUTS as readonly string[]).includes(index);
  const rows = head === 'headers' ? v.headers : head === 'jsonAssertions' ? v.jsonAssertions : [];
  return Number(index) < rows.length;
}

/** What every part of the form receives. */
export interface FormPartProps {
  values: FormValues;
  errors: FormErrors;
  set: SetValue;
}
