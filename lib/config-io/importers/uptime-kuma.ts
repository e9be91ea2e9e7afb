import { z } from 'zod';
import { HTTP_METHODS, MAX_REQUEST_BODY_BYTES, type MonitorFields } from '@/lib/schemas/monitor';
import type { MonitorItem } from '@/lib/config-io/format';
import { ImportDraft, basicAuthorization, clampInt, clip, httpTarget, invalidFile, monitorHeaders, type ImporterOutput, type Notes } from '@/lib/config-io/importers/draft';
import { jsonObject, kumaChannels } from '@/lib/config-io/importers/uptime-kuma-channels';
import { plainJsonPath } from '@/lib/config-io/importers/json-path';

// Uptime Kuma's "Export backup" JSON ({version, notificationList, monitorList}, Settings >
// Backup in 1.x) as a Pingboard document. HTTP, keyword and JSON-query monitors become HTTP
// monitors, port monitors TCP monitors, push monitors heartbeats; notifications become channels
// where Pingboard has the kind; tags keep their name and colour, and a group's monitors get the
// group's name as a tag. Fields are read leniently (Kuma wrote numbers and booleans as 0/1 in
// some versions); only a file that is not a backup at all is refused.

const num = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const flag = z.union([z.boolean(), z.number(), z.string()]).transform((v) => v === true || v === 1 || v === '1' || v === 'true');
const str = z.string().nullish();

const kumaMonitor = z.looseObject({
  id: num,
  name: z.string(),
  type: z.string(),
  url: str,
  method: str,
  hostname: str,
  port: num.nullish(),
  interval: num.nullish(),
  retryInterval: num.nullish(),
  maxretries: num.nullish(),
  timeout: num.nullish(),
  resendInterval: num.nullish(),
  active: flag.nullish(),
  keyword: str,
  invertKeyword: flag.nullish(),
  jsonPath: str,
  jsonPathOperator: str,
  expectedValue: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  accepted_statuscodes: z.array(z.union([z.string(), z.number()])).nullish(),
  headers: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  body: str,
  httpBodyEncoding: str,
  ignoreTls: flag.nullish(),
  maxredirects: num.nullish(),
  expiryNotification: flag.nullish(),
  upsideDown: flag.nullish(),
  authMethod: str,
  basic_auth_user: str,
  basic_auth_pass: str,
  parent: num.nullish(),
  proxyId: num.nullish(),
  tags: z.array(z.looseObject({ name: z.string(), color: str, value: str })).nullish(),
  notificationIDList: z.record(z.string(), z.unknown()).nullish(),
});
type KumaMonitor = z.output<typeof kumaMonitor>;

const kumaBackup = z.looseObject({
  version: z.union([z.string(), z.number()]).nullish(),
  notificationList: z.array(z.looseObject({ id: num, name: str, config: z.string(), active: flag.nullish(), isDefault: flag.nullish(), is_default: flag.nullish() })).nullish(),
  monitorList: z.array(kumaMonitor, { error: 'monitorList must be the list of monitors of an Uptime Kuma backup' }),
});

/** Kuma marks certificates 21, 14 and 7 days ahead by default; its first warning is Pingboard's threshold. */
const KUMA_CERT_WARNING_DAYS = 21;
const STATUS_SPEC = /^(\d{3})(?:-(\d{3}))?$/;
const CONTENT_TYPES: Record<string, string> = { json: 'application/json', xml: 'text/xml; charset=utf-8' };

export function importUptimeKuma(raw: unknown): ImporterOutput {
  const parsed = kumaBackup.safeParse(raw);
  if (!parsed.success) throw invalidFile('an Uptime Kuma backup (JSON with notificationList and monitorList)', parsed.error);
  const draft = new ImportDraft();
  const channelsOf = new Map<string, string[]>();

  for (const n of parsed.data.notificationList ?? []) {
    const config = jsonObject(n.config);
    const name = n.name ?? (typeof config?.name === 'string' ? config.name : `Notification ${n.id}`);
    if (!config) {
      draft.skip('channel', name, 'Its config is not valid JSON');
      continue;
    }
    const notes: Notes = [];
    const specs = kumaChannels(config, notes);
    if ('problem' in specs) {
      draft.skip('channel', name, specs.problem);
      continue;
    }
    const refs = specs.flatMap((spec, i) => {
      const ref = draft.channel(
        { key: `uptime-kuma-notification-${n.id}${specs.length > 1 ? `-${i + 1}` : ''}`, name: spec.suffix ? `${name} (${spec.suffix})` : name, kind: spec.kind, settings: spec.settings, enabled: n.active ?? true, isDefault: Boolean(n.is_default ?? n.isDefault ?? config.isDefault) },
        notes,
      );
      return ref ? [ref] : [];
    });
    channelsOf.set(String(n.id), refs);
  }

  const byId = new Map(parsed.data.monitorList.map((m) => [m.id, m]));
  for (const m of parsed.data.monitorList) {
    if (m.type === 'group') {
      draft.skip('monitor', m.name, `An Uptime Kuma group, not a check: its monitors are imported with the tag "${clip(m.name.trim(), 40)}"`);
      continue;
    }
    const mapped = mapMonitor(m);
    if ('problem' in mapped) {
      draft.skip('monitor', m.name, mapped.problem);
      continue;
    }
    const { item, notes } = mapped;
    const tags = new Set<string>();
    for (const t of m.tags ?? []) {
      if (!t.name.trim()) continue;
      tags.add(draft.tag(t.name, t.color));
      if (t.value?.trim()) notes.push(`the value "${t.value.trim()}" of tag ${t.name.trim()} left out (Pingboard tags have no values)`);
    }
    for (const group of groupsOf(m, byId)) tags.add(draft.tag(group.name));
    item.tags = [...tags];
    item.channels = [...new Set(Object.entries(m.notificationIDList ?? {}).flatMap(([id, on]) => (on ? (channelsOf.get(id) ?? []) : [])))];
    draft.monitor(item, notes);
  }
  return draft.result();
}

/** The groups a monitor sits in, innermost first. */
function groupsOf(m: KumaMonitor, byId: Map<number, KumaMonitor>): KumaMonitor[] {
  const out: KumaMonitor[] = [];
  let parent = m.parent != null ? byId.get(m.parent) : undefined;
  while (parent && parent.type === 'group' && !out.includes(parent)) {
    out.push(parent);
    parent = parent.parent != null ? byId.get(parent.parent) : undefined;
  }
  return out;
}

type Mapped = { item: MonitorItem; notes: Notes } | { problem: string };

function mapMonitor(m: KumaMonitor): Mapped {
  if (m.upsideDown) return { problem: 'Upside down mode (up when the check fails) has no Pingboard equivalent' };
  const notes: Notes = [];
  const name = m.name.trim();
  if (!name) return { problem: 'It has no name' };
  if (name.length > 100) notes.push('name shortened to 100 characters');
  const interval = m.interval && m.interval > 0 ? m.interval : 60;
  const item: MonitorItem = { name: clip(name, 100), active: m.active ?? true, intervalSeconds: clampInt(interval, 1, 86_400, 'interval', ' s', notes) };
  if (m.proxyId != null) notes.push('its proxy left out (Pingboard connects directly)');

  if (m.type === 'push') {
    // Kuma waits one interval, then retries maxretries times a retry interval apart before DOWN.
    const grace = (m.maxretries ?? 0) * (m.retryInterval ?? interval);
    notes.push('push URL changes: point the job at this monitor\'s heartbeat URL (/api/heartbeat/<token>)');
    return { item: { ...item, type: 'heartbeat', graceSeconds: clampInt(grace, 0, 86_400, 'grace time', ' s', notes) }, notes };
  }
  Object.assign(item, alerting(m, interval, notes));
  if (m.type === 'port') {
    const host = m.hostname?.trim() ?? '';
    if (!/^[A-Za-z0-9.:_-]{1,253}$/.test(host)) return { problem: `Its host "${clip(host, 80)}" is not a host name or IP address` };
    if (!m.port || m.port < 1 || m.port > 65_535 || !Number.isInteger(m.port)) return { problem: `Its port ${m.port ?? '(none)'} is not a port number` };
    return { item: { ...item, type: 'tcp', host, port: m.port, ...timeout(m, item.intervalSeconds!, notes) }, notes };
  }
  if (m.type !== 'http' && m.type !== 'keyword' && m.type !== 'json-query') {
    return { problem: `Uptime Kuma's "${m.type}" monitors have no Pingboard equivalent (Pingboard checks HTTP(S), TCP ports and heartbeats)` };
  }
  const target = httpTarget(m.url ?? '');
  if ('problem' in target) return { problem: `It cannot be checked: ${target.problem}` };
  return { item: { ...item, type: 'http', url: target.url, ...timeout(m, item.intervalSeconds!, notes), ...httpRequest(m, target.authorization, notes), ...httpRules(m, notes) }, notes };
}

/** Retries, their interval and reminders, as Kuma's maxretries, retryInterval and resendInterval (in checks) say. */
function alerting(m: KumaMonitor, interval: number, notes: Notes): Partial<MonitorFields> {
  const resend = m.resendInterval ?? 0;
  return {
    retries: clampInt(m.maxretries ?? 0, 0, 10, 'retries', '', notes),
    retryIntervalSeconds: clampInt(m.retryInterval && m.retryInterval > 0 ? m.retryInterval : interval, 1, 3600, 'retry interval', ' s', notes),
    reminderIntervalMinutes: resend > 0 ? clampInt(Math.ceil((resend * interval) / 60), 1, 10_080, 'reminder interval', ' min', notes) : null,
  };
}

function timeout(m: KumaMonitor, interval: number, notes: Notes): Partial<MonitorFields> {
  if (!m.timeout || m.timeout <= 0) return {};
  return { timeoutSeconds: clampInt(Math.ceil(m.timeout), 1, Math.min(60, interval), 'timeout', ' s', notes) };
}

function httpRequest(m: KumaMonitor, urlAuthorization: string | null, notes: Notes): Partial<MonitorFields> {
  const method = (m.method ?? 'GET').toUpperCase();
  const out: Partial<MonitorFields> = { method: (HTTP_METHODS as readonly string[]).includes(method) ? (method as MonitorFields['method']) : 'GET' };
  if (out.method !== method) notes.push(`method ${method} replaced by GET`);
  const raw = jsonObject(m.headers);
  if (raw === null) notes.push('its headers are not a JSON object: left out');
  const headers = { ...(raw ?? {}) };
  const has = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
  const authorization = m.basic_auth_user && (m.authMethod === 'basic' || !m.authMethod) ? basicAuthorization(m.basic_auth_user, m.basic_auth_pass ?? '') : urlAuthorization;
  if (authorization && !has('authorization')) headers.Authorization = authorization;
  if (m.authMethod && m.authMethod !== 'basic' && m.authMethod !== 'null') notes.push(`${m.authMethod} authentication left out (Pingboard sends request headers only)`);
  const body = m.body?.trim() ? m.body : null;
  if (body && (out.method === 'GET' || out.method === 'HEAD')) notes.push(`its request body left out (${out.method} requests have none)`);
  else if (body && new TextEncoder().encode(body).length > MAX_REQUEST_BODY_BYTES) notes.push('its request body left out (over 64 KiB)');
  else if (body) {
    out.body = body;
    const type = CONTENT_TYPES[m.httpBodyEncoding ?? 'json'];
    if (type && !has('content-type')) headers['Content-Type'] = type;
    if (m.httpBodyEncoding === 'form') notes.push('its body is sent as written, not converted to a form');
  }
  out.headers = monitorHeaders(headers, notes);
  return out;
}

function httpRules(m: KumaMonitor, notes: Notes): Partial<MonitorFields> {
  const codes = (m.accepted_statuscodes ?? []).map(String).filter((c) => {
    const r = STATUS_SPEC.exec(c.trim());
    return r !== null && Number(r[1]) >= 100 && Number(r[2] ?? r[1]) <= 599 && Number(r[1]) <= Number(r[2] ?? r[1]);
  });
  if (codes.length < (m.accepted_statuscodes?.length ?? 0)) notes.push('accepted status codes Pingboard cannot read left out');
  const redirects = m.maxredirects ?? 10;
  const out: Partial<MonitorFields> = {
    acceptedStatusCodes: codes.length ? codes.slice(0, 20).map((c) => c.trim()) : ['200-299'],
    followRedirects: redirects > 0,
    maxRedirects: clampInt(redirects, 0, 20, 'maximum redirects', '', notes),
    ignoreTlsErrors: m.ignoreTls ?? false,
    certExpiryThresholdDays: m.expiryNotification ? KUMA_CERT_WARNING_DAYS : 0,
  };
  if (m.type === 'keyword') {
    const keyword = m.keyword ?? '';
    if (!keyword || keyword.length > 1000) notes.push('its keyword left out (empty or over 1000 characters)');
    else Object.assign(out, { keyword, keywordMode: m.invertKeyword ? 'absent' : 'present', keywordCaseSensitive: true });
  }
  if (m.type === 'json-query') {
    const path = plainJsonPath(m.jsonPath ?? '');
    const op = m.jsonPathOperator ?? '==';
    const value = m.expectedValue == null ? '' : String(m.expectedValue);
    if (!path) notes.push(`its JSON query "${clip(m.jsonPath ?? '', 80)}" is an expression, not a plain path: only the status code is checked`);
    else if (op !== '==' && op !== '!=' && op !== '<' && op !== '>' && op !== 'contains') notes.push(`its JSON query's comparison ${op} has no Pingboard equivalent: only the status code is checked`);
    else if (value.length > 1000) notes.push('its expected value is over 1000 characters: only the status code is checked');
    else out.jsonAssertions = [{ path, op, value }];
  }
  return out;
}
