import type { Monitor } from '@/lib/generated/prisma/client';
import type { MonitorFields } from '@/lib/schemas/monitor';
import { MONITOR_DEFAULTS } from '@/lib/schemas/monitor';
import { Prisma } from '@/lib/generated/prisma/client';
import { readThresholds } from '@/lib/domain/degraded';

// Converts between the validated monitor settings and the stored row, so Json columns are
// read and written in exactly one place.

export type StoredHeader = { name: string; value: string; secret: boolean };

export function rowHeaders(row: Pick<Monitor, 'headers'>): StoredHeader[] {
  return Array.isArray(row.headers) ? (row.headers as StoredHeader[]) : [];
}

/** The stored thresholds as entered (no defaults filled in), or null. */
function rowDegraded(row: Pick<Monitor, 'degraded'>): MonitorFields['degraded'] {
  const t = readThresholds(row.degraded);
  if (!t) return null;
  const raw = row.degraded as Record<string, unknown>;
  return { ...t, consecutive: typeof raw.consecutive === 'number' ? t.consecutive : undefined };
}

export function rowToFields(row: Monitor): MonitorFields {
  return {
    name: row.name,
    type: row.type,
    url: row.url,
    method: row.method,
    intervalSeconds: row.intervalSeconds,
    timeoutSeconds: row.timeoutSeconds,
    active: row.active,
    headers: rowHeaders(row),
    body: row.body,
    acceptedStatusCodes: Array.isArray(row.acceptedStatusCodes) ? (row.acceptedStatusCodes as string[]) : MONITOR_DEFAULTS.acceptedStatusCodes,
    followRedirects: row.followRedirects,
    maxRedirects: row.maxRedirects,
    keyword: row.keyword,
    keywordMode: row.keywordMode,
    keywordCaseSensitive: row.keywordCaseSensitive,
    jsonAssertions: Array.isArray(row.jsonAssertions) ? (row.jsonAssertions as MonitorFields['jsonAssertions']) : [],
    maxResponseTimeMs: row.maxResponseTimeMs,
    ignoreTlsErrors: row.ignoreTlsErrors,
    certExpiryThresholdDays: row.certExpiryThresholdDays,
    host: row.host,
    port: row.port,
    graceSeconds: row.graceSeconds,
    retries: row.retries,
    retryIntervalSeconds: row.retryIntervalSeconds,
    successThreshold: row.successThreshold,
    reminderIntervalMinutes: row.reminderIntervalMinutes,
    degraded: rowDegraded(row),
    parentId: row.parentId,
    publicBadge: row.publicBadge,
  };
}

/** Secret header values omitted from an update keep what was stored under the same name. */
export function fieldsToRowData(fields: MonitorFields, previousHeaders: StoredHeader[] = []) {
  const headers: StoredHeader[] = fields.headers.map((h) => {
    const previous = previousHeaders.find((p) => p.name.toLowerCase() === h.name.toLowerCase());
    const value = h.value ?? previous?.value ?? '';
    return { name: h.name, value, secret: h.secret ?? previous?.secret ?? false };
  });
  // Prisma writes SQL NULL into a Json column only when told so explicitly.
  const degraded = fields.degraded ?? Prisma.DbNull;
  return { ...fields, headers, acceptedStatusCodes: fields.acceptedStatusCodes, jsonAssertions: fields.jsonAssertions, degraded };
}
