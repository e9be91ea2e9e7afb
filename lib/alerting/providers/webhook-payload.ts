// The webhook's JSON payload, version 1 (documented in docs/webhooks.md), and the values its
// body template may use. Adding a field is fine within version 1; renaming or removing one
// needs version 2.
import { formatMsCoarse } from '@/lib/shared/durations';
import type { ChannelEvent, EventKind } from '../channel-types';
import { leadSentence, reasonText } from '../render-text';

export const WEBHOOK_PAYLOAD_VERSION = 1;

/** The monitor's state the event implies; certificate events say nothing about it. */
const STATUS: Record<EventKind, 'down' | 'up' | null> = {
  DOWN: 'down',
  REMINDER: 'down',
  UP: 'up',
  CERT_EXPIRING: null,
  CERT_EXPIRED: null,
};

export function webhookPayload(event: ChannelEvent) {
  return {
    version: WEBHOOK_PAYLOAD_VERSION,
    eventId: event.eventId,
    kind: event.kind,
    time: event.at.toISOString(),
    monitor: { id: event.monitor.id, name: event.monitor.name, target: event.monitor.target, link: event.monitor.link },
    status: STATUS[event.kind],
    cause: event.cause,
    error: event.error,
    downtimeMs: event.downtimeMs,
    incidentId: event.incidentId,
    certificateExpiresAt: event.certExpiresAt?.toISOString() ?? null,
    message: leadSentence(event),
    outageAlertUndelivered: event.outageAlertUndelivered === true,
    test: event.test === true,
  };
}
export type WebhookPayload = ReturnType<typeof webhookPayload>;

/** Template values: strings (or null, rendered empty) and the one number, downtimeMs (null rendered as null). */
export type TemplateValues = Record<string, string | number | null>;

export function templateValues(event: ChannelEvent): TemplateValues {
  const p = webhookPayload(event);
  const message = [event.test ? '[TEST]' : null, p.message, reasonText(event)].filter(Boolean).join(' ');
  return {
    eventId: p.eventId,
    kind: p.kind,
    time: p.time,
    'monitor.id': p.monitor.id,
    'monitor.name': p.monitor.name,
    'monitor.target': p.monitor.target,
    'monitor.link': p.monitor.link,
    status: p.status,
    cause: p.cause,
    error: p.error,
    downtimeMs: p.downtimeMs,
    downtime: p.downtimeMs === null ? null : formatMsCoarse(p.downtimeMs),
    incidentId: p.incidentId,
    certificateExpiresAt: p.certificateExpiresAt,
    message,
  };
}

/** Events a template is tried with when saved: every value set (with quotes and a line break), then every optional value null. */
export const SAMPLE_EVENTS: ChannelEvent[] = [
  {
    eventId: '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b',
    kind: 'UP',
    at: new Date('2025-01-01T00:00:00Z'),
    monitor: { id: 'mon_sample', name: 'Sample "API"\nprimary', target: 'https://example.com/health', link: 'https://pingboard.example/monitors/mon_sample' },
    incidentId: 'inc_sample',
    cause: 'timeout',
    error: 'Timed out after 10 s',
    downtimeMs: 192_000,
    certExpiresAt: new Date('2025-02-01T00:00:00Z'),
  },
  {
    eventId: '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5c',
    kind: 'CERT_EXPIRING',
    at: new Date('2025-01-01T00:00:00Z'),
    monitor: { id: 'mon_sample', name: 'Sample', target: 'heartbeat', link: 'https://pingboard.example/monitors/mon_sample' },
    incidentId: null,
    cause: null,
    error: null,
    downtimeMs: null,
    certExpiresAt: null,
  },
];
