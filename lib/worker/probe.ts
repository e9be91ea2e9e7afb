import type { Monitor } from '@/lib/generated/prisma/client';
import type { Probe } from '@/lib/checker/types';
import { rowToFields } from '@/lib/data/monitor-row';

/** What the check engine needs from a stored monitor; null for heartbeat monitors, which are never probed. */
export function monitorToProbe(m: Monitor): Probe | null {
  const f = rowToFields(m);
  const timeoutMs = f.timeoutSeconds * 1000;
  if (f.type === 'tcp') return f.host && f.port ? { type: 'tcp', host: f.host, port: f.port, timeoutMs } : null;
  if (f.type !== 'http' || !f.url) return null;
  return {
    type: 'http',
    url: f.url,
    method: f.method,
    headers: f.headers.map((h) => ({ name: h.name, value: h.value ?? '' })),
    body: f.body,
    timeoutMs,
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
}

/** A stable fingerprint of everything that decides when and how a monitor is checked. */
export function scheduleKey(m: Monitor): string {
  return JSON.stringify([monitorToProbe(m), m.type, m.intervalSeconds, m.active, m.retries, m.retryIntervalSeconds, m.graceSeconds]);
}
