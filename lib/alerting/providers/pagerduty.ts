// PagerDuty Events API v2: POST PAGERDUTY_EVENTS_URL with `trigger` when a monitor goes down and
// `resolve` when it comes back, both under one dedup_key per incident, so PagerDuty opens and
// closes one incident and drops a repeated trigger itself. The event id rides in custom_details.
// Reminders are not sent: PagerDuty escalates and re-notifies on its own, and a repeat trigger
// under the same key would only add a line to the incident's log. A slowness incident triggers
// a warning on DEGRADED and resolves on DEGRADED_RESOLVED under its own key. Alerts are never
// grouped here (groups: false): each incident needs its own trigger for its resolve to find.
import { z } from 'zod';
import type { ChannelEvent, ChannelProvider, EventKind } from '../channel-types';
import { messageParts, reasonText, truncate } from '../render-text';
import { postJson } from './post-json';
import { token } from './settings-fields';

export const pagerdutySettingsSchema = z.strictObject({
  routingKey: token(
    'Enter the integration key (routing key) of a PagerDuty Events API v2 integration',
    /^[A-Za-z0-9]{32}$/,
    'A PagerDuty integration key is 32 letters and digits',
  ),
});
export type PagerdutySettings = z.infer<typeof pagerdutySettingsSchema>;

const SEVERITY: Record<EventKind, 'critical' | 'error' | 'warning' | 'info'> = {
  DOWN: 'critical',
  UP: 'critical', // a resolve ignores it; kept so the payload stays valid
  REMINDER: 'critical',
  CERT_EXPIRING: 'warning',
  CERT_EXPIRED: 'error',
  DEGRADED: 'warning',
  DEGRADED_RESOLVED: 'warning', // a resolve ignores it
};

/** The kinds that close what an earlier trigger opened. */
const RESOLVES: readonly EventKind[] = ['UP', 'DEGRADED_RESOLVED'];
/** The kinds whose summary ends with the check's reason (a DEGRADED lead already says it). */
const WITH_REASON: readonly EventKind[] = ['DOWN', 'REMINDER'];

/** One key per incident (DOWN and its UP share it); one per certificate; a test gets its own. */
export function pagerdutyDedupKey(event: ChannelEvent): string {
  if (event.test) return `pingboard:test:${event.eventId}`;
  if (event.kind === 'CERT_EXPIRING' || event.kind === 'CERT_EXPIRED') {
    return `pingboard:cert:${event.monitor.id}:${event.certExpiresAt?.toISOString() ?? 'unknown'}`;
  }
  return event.incidentId ? `pingboard:incident:${event.incidentId}` : `pingboard:monitor:${event.monitor.id}`;
}

export function pagerdutyEvent(routingKey: string, event: ChannelEvent) {
  const parts = messageParts(event);
  const reason = reasonText(event);
  const summary = `${event.test ? '[TEST] ' : ''}${parts.lead}${reason && WITH_REASON.includes(event.kind) ? ` ${reason}` : ''}`;
  return {
    routing_key: routingKey,
    event_action: RESOLVES.includes(event.kind) ? 'resolve' : 'trigger',
    dedup_key: pagerdutyDedupKey(event),
    payload: {
      summary: truncate(summary, 1024),
      source: truncate(event.monitor.target, 255),
      severity: event.test ? 'info' : SEVERITY[event.kind],
      timestamp: event.at.toISOString(),
      component: truncate(event.monitor.name, 255),
      class: event.cause ?? event.kind.toLowerCase(),
      custom_details: {
        eventId: event.eventId,
        kind: event.kind,
        monitor: event.monitor.name,
        monitorId: event.monitor.id,
        target: event.monitor.target,
        reason,
        incidentId: event.incidentId,
        downtimeMs: event.downtimeMs,
        certificateExpiresAt: event.certExpiresAt?.toISOString() ?? null,
        notes: parts.notes,
        test: event.test === true,
      },
    },
    links: [{ href: parts.link, text: 'View the monitor in Pingboard' }],
    client: 'Pingboard',
    client_url: parts.link,
  };
}

export const pagerdutyProvider: ChannelProvider<typeof pagerdutySettingsSchema> = {
  kind: 'pagerduty',
  label: 'PagerDuty',
  help: 'In PagerDuty, add an "Events API V2" integration to a service and enter its integration key.',
  settings: pagerdutySettingsSchema,
  secretFields: ['routingKey'],
  urlFields: [],
  handles: (kind) => kind !== 'REMINDER',
  groups: false,
  async send(settings, event, ctx) {
    return postJson(ctx, ctx.env.pagerdutyEventsUrl, pagerdutyEvent(settings.routingKey, event), {
      secrets: [settings.routingKey],
      trusted: true,
    });
  },
};
