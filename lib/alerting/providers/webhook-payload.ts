// The webhook's JSON payload, version 1 (documented in docs/webhooks.md), and the values its
// body template may use. Adding a field is fine within version 1; renaming or removing one
// needs version 2. A group (several monitors' alerts in one request) is the first event's
// fields with the group's sentence as `message`, plus `group: true`, `count` and `events`, each
// in the single-event shape; a single event's payload has none of these three.
import { formatMsCoarse } from '@/lib/shared/durations';
import type { ChannelEvent, EventKind } from '../channel-types';
import { groupMemberText, isGroupEvent, leadSentence, messageParts, reasonText, toSingleLine } from '../render-text';

export const WEBHOOK_PAYLOAD_VERSION = 1;

/** The monitor's state the event implies; certificate events say nothing about it. */
const STATUS: Record<EventKind, 'down' | 'up' | 'degraded' | null> = {
  DOWN: 'down',
  REMINDER: 'down',
  UP: 'up',
  CERT_EXPIRING: null,
  CERT_EXPIRED: null,
  DEGRADED: 'degraded',
  DEGRADED_RESOLVED: 'up',
};

/** One event's payload: the whole body of a single alert, one item of a group's `events`. */
export function eventPayload(event: ChannelEvent) {
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
export type EventPayload = ReturnType<typeof eventPayload>;
export type WebhookPayload = EventPayload | (EventPayload & { group: true; count: number; events: EventPayload[] });

export function webhookPayload(event: ChannelEvent): WebhookPayload {
  if (!isGroupEvent(event)) return eventPayload(event);
  const [first] = event.group;
  return { ...eventPayload(first), message: messageParts(event).lead, group: true, count: event.group.length, events: event.group.map(eventPayload) };
}

/** Template values: strings (or null, rendered empty) and the numbers downtimeMs (null rendered as null) and count. */
export type TemplateValues = Record<string, string | number | null>;

/** The template's {{message}}: the sentence and reason; for a group, its sentence and every monitor with what happened to it. */
function templateMessage(event: ChannelEvent): string {
  if (isGroupEvent(event)) {
    const list = event.group.map((e) => `${toSingleLine(e.monitor.name)} (${toSingleLine(groupMemberText(e))})`).join('; ');
    return `${messageParts(event).lead} ${list}`;
  }
  return [event.test ? '[TEST]' : null, leadSentence(event), reasonText(event)].filter(Boolean).join(' ');
}

/** A group's template values describe its first event, but {{message}} names every monitor and {{count}} says how many. */
export function templateValues(event: ChannelEvent): TemplateValues {
  const p = eventPayload(isGroupEvent(event) ? event.group[0] : event);
  const message = templateMessage(event);
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
    count: isGroupEvent(event) ? event.group.length : 1,
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
