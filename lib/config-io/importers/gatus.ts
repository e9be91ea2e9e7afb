import { z } from 'zod';
import { parseDocument } from 'yaml';
import { InvalidError } from '@/lib/errors';
import { HTTP_METHODS, MAX_REQUEST_BODY_BYTES, type MonitorFields } from '@/lib/schemas/monitor';
import type { MonitorItem } from '@/lib/config-io/format';
import { ImportDraft, clampInt, clip, httpTarget, invalidFile, monitorHeaders, type ImporterOutput, type Notes } from '@/lib/config-io/importers/draft';
import { goDurationMs, mapConditions } from '@/lib/config-io/importers/gatus-conditions';
import { gatusChannels } from '@/lib/config-io/importers/gatus-alerting';

// A Gatus config.yaml as a Pingboard document. Each HTTP(S) endpoint becomes an HTTP monitor and
// each tcp:// endpoint a TCP monitor, its conditions mapped to the monitor's rules
// (gatus-conditions.ts), its group to a tag, its alerts to the channels made from the
// `alerting:` providers; failure-threshold n becomes n - 1 retries at the endpoint's interval
// (Gatus evaluates every interval) and success-threshold the success threshold. An external
// endpoint with a heartbeat becomes a heartbeat monitor. DNS, ICMP, SSH and the other kinds of
// endpoint, and conditions Pingboard cannot express, are listed with the reason.

const duration = z
  .string({ error: 'Use a duration such as 30s, 5m or 1h' })
  .refine((d) => goDurationMs(d) !== null, 'Use a duration such as 30s, 5m or 1h')
  .transform((d) => goDurationMs(d)!);
const str = z.string().nullish();
const threshold = z.number().int().nullish();

const gatusAlert = z.looseObject({
  type: z.string(),
  enabled: z.boolean().nullish(),
  'failure-threshold': threshold,
  'success-threshold': threshold,
  'minimum-reminder-interval': duration.nullish(),
});
type GatusAlert = z.output<typeof gatusAlert>;

const gatusEndpoint = z.looseObject({
  name: z.string(),
  group: str,
  url: z.string(),
  enabled: z.boolean().nullish(),
  method: str,
  body: str,
  graphql: z.boolean().nullish(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullish(),
  interval: duration.nullish(),
  conditions: z.array(z.string()).nullish(),
  alerts: z.array(gatusAlert).nullish(),
  dns: z.unknown().optional(),
  client: z.looseObject({ insecure: z.boolean().nullish(), 'ignore-redirect': z.boolean().nullish(), timeout: duration.nullish() }).nullish(),
  'maintenance-windows': z.array(z.unknown()).nullish(),
});
type GatusEndpoint = z.output<typeof gatusEndpoint>;

const gatusExternal = z.looseObject({ name: z.string(), group: str, enabled: z.boolean().nullish(), alerts: z.array(gatusAlert).nullish(), heartbeat: z.looseObject({ interval: duration.nullish() }).nullish() });

const gatusConfig = z
  .looseObject({
    alerting: z.record(z.string(), z.looseObject({ 'default-alert': gatusAlert.partial().nullish() }).nullable()).nullish(),
    endpoints: z.array(gatusEndpoint).nullish(),
    'external-endpoints': z.array(gatusExternal).nullish(),
    suites: z.array(z.looseObject({ name: z.string() })).nullish(),
    maintenance: z.unknown().optional(),
  })
  .refine((c) => (c.endpoints?.length ?? 0) + (c['external-endpoints']?.length ?? 0) > 0, { path: ['endpoints'], message: 'A Gatus config lists its checks under endpoints:' });

/** Gatus's own defaults: an alert fires after 3 failures in a row and resolves after 2 successes. */
const GATUS_FAILURE_THRESHOLD = 3;
const GATUS_SUCCESS_THRESHOLD = 2;
const DEFAULT_INTERVAL_MS = 60_000;
const UNSUPPORTED_SCHEMES: Record<string, string> = {
  'icmp:': 'ICMP ping',
  'udp:': 'UDP',
  'sctp:': 'SCTP',
  'tls:': 'TLS connection',
  'starttls:': 'STARTTLS',
  'grpc:': 'gRPC',
  'grpcs:': 'gRPC',
  'ws:': 'WebSocket',
  'wss:': 'WebSocket',
  'ssh:': 'SSH',
};

export function importGatus(text: string): ImporterOutput {
  const yaml = parseDocument(text);
  if (yaml.errors.length) {
    throw new InvalidError('This is not valid YAML', yaml.errors.slice(0, 20).map((e) => ({ path: [], message: `Line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}` })));
  }
  let data: unknown;
  try {
    data = yaml.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Aliases that would expand past maxAliasCount (a "billion laughs" file) are refused here.
    throw new InvalidError('This is not valid YAML', [{ path: [], message: err instanceof Error ? err.message : String(err) }]);
  }
  const parsed = gatusConfig.safeParse(data);
  if (!parsed.success) throw invalidFile('a Gatus configuration (config.yaml with endpoints:)', parsed.error);
  const config = parsed.data;
  const draft = new ImportDraft();

  const channelsOf = new Map<string, string[]>();
  for (const [provider, settings] of Object.entries(config.alerting ?? {})) {
    const notes: Notes = [];
    const specs = gatusChannels(provider, settings ?? {}, notes);
    if ('problem' in specs) {
      draft.skip('channel', `Gatus ${provider}`, specs.problem);
      channelsOf.set(provider, []);
      continue;
    }
    const refs = specs.flatMap((s, i) => {
      const key = `gatus-${provider}${specs.length > 1 ? `-${i + 1}` : ''}`;
      return draft.channel({ key, name: `Gatus ${provider}${s.suffix ? ` (${s.suffix})` : ''}`, kind: s.kind, settings: s.settings }, notes) ?? [];
    });
    channelsOf.set(provider, refs);
  }
  const alerts = (list: GatusAlert[] | null | undefined, notes: Notes) =>
    enabledAlerts(list ?? [], (type) => config.alerting?.[type]?.['default-alert'] ?? {}, channelsOf, notes);

  // Gatus tells endpoints apart by group and name; Pingboard shows names, so a name two groups share gets its group.
  const all = [...(config.endpoints ?? []), ...(config['external-endpoints'] ?? [])];
  const count = (name: string) => all.filter((e) => e.name === name).length;
  const displayName = (e: { name: string; group?: string | null }) => clip(count(e.name) > 1 && e.group ? `${e.name} (${e.group})` : e.name, 100);

  for (const e of config.endpoints ?? []) {
    const name = displayName(e);
    const mapped = mapEndpoint(e, name);
    if ('problem' in mapped) {
      draft.skip('monitor', name, mapped.problem);
      continue;
    }
    const { item, notes } = mapped;
    const on = alerts(e.alerts, notes);
    Object.assign(item, { channels: on.channels, ...thresholds(on.alerts, item.intervalSeconds!, notes) });
    if (e['maintenance-windows']?.length) notes.push('its maintenance windows left out');
    draft.monitor({ ...item, tags: e.group ? [draft.tag(e.group)] : [] }, notes);
  }

  for (const e of config['external-endpoints'] ?? []) {
    const name = displayName(e);
    const expectMs = e.heartbeat?.interval;
    if (!expectMs) {
      draft.skip('monitor', name, 'A Gatus external endpoint without a heartbeat interval only records what is pushed to it; a Pingboard heartbeat needs the interval');
      continue;
    }
    const notes: Notes = ["Gatus's push URL changes: point the job at this monitor's heartbeat URL (/api/heartbeat/<token>)"];
    // Pingboard's deadline is interval plus grace: a heartbeat expected every 25h is a day plus an hour's grace.
    const total = Math.max(1, Math.round(expectMs / 1000));
    const intervalSeconds = Math.min(total, 86_400);
    const item: MonitorItem = { name, type: 'heartbeat', active: e.enabled ?? true, intervalSeconds, graceSeconds: clampInt(total - intervalSeconds, 0, 86_400, 'grace time', ' s', notes) };
    draft.monitor({ ...item, channels: alerts(e.alerts, notes).channels, tags: e.group ? [draft.tag(e.group)] : [] }, notes);
  }

  for (const suite of config.suites ?? []) draft.skip('monitor', suite.name, 'A Gatus suite (endpoints run in order, sharing values) has no Pingboard equivalent');
  if (config.maintenance) draft.skip('maintenanceWindow', 'Gatus maintenance', "Gatus's maintenance schedule is not imported: add it as a maintenance window here");
  return draft.result();
}

type Mapped = { item: MonitorItem; notes: Notes } | { problem: string };

const unsupported = (what: string) => `Pingboard has no ${what} check (it checks HTTP(S), TCP ports and heartbeats)`;

function mapEndpoint(e: GatusEndpoint, name: string): Mapped {
  if (e.dns) return { problem: unsupported('DNS query') };
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(e.url.trim())?.[0].toLowerCase() ?? '';
  if (UNSUPPORTED_SCHEMES[scheme]) return { problem: unsupported(UNSUPPORTED_SCHEMES[scheme]) };
  const notes: Notes = [];
  if (name !== e.name) notes.push(e.name.length > 100 ? 'name shortened to 100 characters' : `named with its group, as another group has an endpoint "${e.name}"`);
  const intervalSeconds = clampInt((e.interval ?? DEFAULT_INTERVAL_MS) / 1000, 1, 86_400, 'interval', ' s', notes);
  const base: MonitorItem = { name, active: e.enabled ?? true, intervalSeconds };
  const timeoutMs = e.client?.timeout;
  if (timeoutMs) base.timeoutSeconds = clampInt(Math.ceil(timeoutMs / 1000), 1, Math.min(60, intervalSeconds), 'timeout', ' s', notes);
  const clientOptions = Object.keys(e.client ?? {}).filter((k) => !['insecure', 'ignore-redirect', 'timeout'].includes(k));
  if (clientOptions.length) notes.push(`client options ${clientOptions.join(', ')} left out`);

  if (scheme === 'tcp:') {
    const address = /^tcp:\/\/\[?([A-Za-z0-9.:_-]+?)\]?:(\d{1,5})\/?$/i.exec(e.url.trim());
    if (!address || Number(address[2]) < 1 || Number(address[2]) > 65_535) return { problem: `Its address "${clip(e.url, 80)}" is not tcp://host:port` };
    const conditions = mapConditions(e.conditions ?? [], 'tcp');
    if (conditions.fatal) return { problem: conditions.fatal };
    return { item: { ...base, type: 'tcp', host: address[1], port: Number(address[2]), ...conditions.fields }, notes: [...notes, ...conditions.notes] };
  }
  const target = httpTarget(e.url);
  if ('problem' in target) return { problem: scheme && scheme !== 'http:' && scheme !== 'https:' ? unsupported(scheme.slice(0, -1)) : `It cannot be checked: ${target.problem}` };
  const conditions = mapConditions(e.conditions ?? [], 'http');
  if (conditions.fatal) return { problem: conditions.fatal };
  return { item: { ...base, type: 'http', url: target.url, ...request(e, target.authorization, notes), ...conditions.fields }, notes: [...notes, ...conditions.notes] };
}

function request(e: GatusEndpoint, authorization: string | null, notes: Notes): Partial<MonitorFields> {
  let method = (e.method ?? 'GET').toUpperCase();
  const headers: Record<string, unknown> = { ...(e.headers ?? {}) };
  const has = (h: string) => Object.keys(headers).some((k) => k.toLowerCase() === h);
  if (authorization && !has('authorization')) headers.Authorization = authorization;
  let body = e.body?.trim() ? e.body : null;
  if (body && e.graphql) {
    body = JSON.stringify({ query: body });
    if (!has('content-type')) headers['Content-Type'] = 'application/json';
  }
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    notes.push(`method ${method} replaced by GET`);
    method = 'GET';
  }
  const out: Partial<MonitorFields> = { method: method as MonitorFields['method'], ignoreTlsErrors: e.client?.insecure ?? false, followRedirects: !(e.client?.['ignore-redirect'] ?? false) };
  if (body && (method === 'GET' || method === 'HEAD')) notes.push(`its request body left out (${method} requests have none)`);
  else if (body && new TextEncoder().encode(body).length > MAX_REQUEST_BODY_BYTES) notes.push('its request body left out (over 64 KiB)');
  else if (body) out.body = body;
  out.headers = monitorHeaders(headers, notes);
  return out;
}

/** An endpoint's enabled alerts, each with its provider's default-alert filled in, and the channels they reach. */
function enabledAlerts(list: GatusAlert[], defaults: (type: string) => Partial<GatusAlert>, channelsOf: Map<string, string[]>, notes: Notes) {
  const alerts = list.map((a) => ({ ...defaults(a.type), ...stripNull(a), type: a.type })).filter((a) => a.enabled !== false);
  const channels = new Set<string>();
  for (const a of alerts) {
    const refs = channelsOf.get(a.type);
    if (!refs?.length) notes.push(`its ${a.type} alert left out (${refs ? 'its channel is not imported' : `no ${a.type} provider under alerting:`})`);
    for (const ref of refs ?? []) channels.add(ref);
  }
  return { alerts, channels: [...channels] };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;

/**
 * Retries, success threshold and reminders from an endpoint's alerts. Gatus keeps thresholds
 * per alert; a Pingboard monitor has one, so the lowest (the first alert Gatus would send)
 * applies to every channel, and a note says so when they differed. Gatus evaluates every
 * interval, so the retries are an interval apart.
 */
function thresholds(alerts: Partial<GatusAlert>[], intervalSeconds: number, notes: Notes): Partial<MonitorFields> {
  if (!alerts.length) return {};
  const failures = Math.min(...alerts.map((a) => (a['failure-threshold'] && a['failure-threshold'] > 0 ? a['failure-threshold'] : GATUS_FAILURE_THRESHOLD)));
  const successes = alerts.map((a) => (a['success-threshold'] && a['success-threshold'] > 0 ? a['success-threshold'] : GATUS_SUCCESS_THRESHOLD));
  const allFailures = new Set(alerts.map((a) => a['failure-threshold'] ?? GATUS_FAILURE_THRESHOLD));
  if (allFailures.size > 1 || new Set(successes).size > 1) {
    notes.push(`its alerts had different thresholds: every channel is alerted after ${plural(failures, 'failure')} and back up after ${plural(Math.min(...successes), 'success')}`);
  }
  const reminders = alerts.flatMap((a) => (a['minimum-reminder-interval'] ? [a['minimum-reminder-interval']] : []));
  return {
    retries: clampInt(failures - 1, 0, 10, 'retries', '', notes),
    successThreshold: clampInt(Math.min(...successes), 1, 10, 'success threshold', '', notes),
    retryIntervalSeconds: clampInt(intervalSeconds, 1, 3600, 'retry interval', ' s', notes),
    ...(reminders.length ? { reminderIntervalMinutes: clampInt(Math.ceil(Math.min(...reminders) / 60_000), 1, 10_080, 'reminder interval', ' min', notes) } : {}),
  };
}

function stripNull<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}
