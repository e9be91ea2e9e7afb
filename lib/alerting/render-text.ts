// The parts every channel message is made of, built once from a ChannelEvent: a title, the lead
// sentence, the notes (test message, undelivered outage alert), the facts and the link. Each
// provider lays these out in its own format and escapes them for it. The wording is the email's
// (lib/alerting/templates.ts); a test keeps the two leads identical.
import { causeText } from '@/lib/domain/cause-labels';
import { formatMsCoarse } from '@/lib/shared/durations';
import type { ChannelEvent, EventKind } from './channel-types';
import { formatTime, renderSubject, toSingleLine } from './templates';
import type { AlertEvent } from './types';

export const EVENT_TAGS: Record<EventKind, string> = {
  DOWN: 'DOWN',
  UP: 'UP',
  REMINDER: 'STILL DOWN',
  CERT_EXPIRING: 'CERT EXPIRING',
  CERT_EXPIRED: 'CERT EXPIRED',
};

export const TEST_NOTE = 'Test message from Pingboard: nothing happened to this monitor, this shows how its alerts will look.';
export const UNDELIVERED_NOTE = 'The alert that this monitor went down could not be delivered on this channel.';

export interface MessageParts {
  /** "[DOWN] My API (https://api.example.com)", "[TEST] [UP] ..." */
  title: string;
  /** "My API is back up. It was down for 3 min 12 s." */
  lead: string;
  notes: string[];
  facts: Array<[label: string, value: string]>;
  link: string;
  eventId: string;
}

/** The old AlertEvent shape templates.ts takes, with names and errors on one line (chat formats are line-based). */
export function toAlertEvent(event: ChannelEvent): AlertEvent {
  return {
    kind: event.kind,
    monitorId: event.monitor.id,
    incidentId: event.incidentId,
    monitor: { id: event.monitor.id, name: toSingleLine(event.monitor.name), target: toSingleLine(event.monitor.target) },
    recipient: '',
    at: event.at,
    cause: event.cause,
    error: event.error === null ? null : toSingleLine(event.error),
    downtimeMs: event.downtimeMs,
    certExpiresAt: event.certExpiresAt,
  };
}

/** The lead sentence; the same words as the email's first line. */
export function leadSentence(event: ChannelEvent): string {
  const name = toSingleLine(event.monitor.name);
  const down = event.downtimeMs != null ? formatMsCoarse(event.downtimeMs) : null;
  const cert = event.certExpiresAt;
  const gap = cert ? formatMsCoarse(Math.abs(cert.getTime() - event.at.getTime())) : null;
  switch (event.kind) {
    case 'DOWN':
      return `${name} is down.`;
    case 'UP':
      return down ? `${name} is back up. It was down for ${down}.` : `${name} is back up.`;
    case 'REMINDER':
      return down ? `${name} is still down (for ${down} so far).` : `${name} is still down.`;
    case 'CERT_EXPIRING':
      return gap ? `The TLS certificate of ${name} expires in ${gap}.` : `The TLS certificate of ${name} expires soon.`;
    case 'CERT_EXPIRED':
      return gap ? `The TLS certificate of ${name} expired ${gap} ago.` : `The TLS certificate of ${name} has expired.`;
  }
}

/** "Timeout — Timed out after 10 s", on one line; null for certificate events and when nothing is known. */
export function reasonText(event: ChannelEvent): string | null {
  if (event.kind === 'CERT_EXPIRING' || event.kind === 'CERT_EXPIRED') return null;
  const reason = causeText(event.cause, event.error);
  return reason ? toSingleLine(reason) : null;
}

export function messageNotes(event: ChannelEvent): string[] {
  const notes: string[] = [];
  if (event.test) notes.push(TEST_NOTE);
  if (event.kind === 'UP' && event.outageAlertUndelivered) notes.push(UNDELIVERED_NOTE);
  return notes;
}

export function messageParts(event: ChannelEvent): MessageParts {
  const facts: Array<[string, string]> = [
    ['Monitor', toSingleLine(event.monitor.name)],
    ['Target', toSingleLine(event.monitor.target)],
  ];
  const reason = reasonText(event);
  if (reason) facts.push([event.kind === 'UP' ? 'It was down because' : 'Reason', reason]);
  if (event.certExpiresAt) facts.push(['Certificate expiry', formatTime(event.certExpiresAt)]);
  facts.push([event.kind === 'UP' ? 'Back up at' : 'Time', formatTime(event.at)]);
  const subject = renderSubject(toAlertEvent(event));
  return {
    title: event.test ? `[TEST] ${subject}` : subject,
    lead: leadSentence(event),
    notes: messageNotes(event),
    facts,
    link: event.monitor.link,
    eventId: event.eventId,
  };
}

/** Plain text: lead, notes, facts, link and event id, one per line. */
export function plainText(parts: MessageParts, opts: { includeLink?: boolean } = {}): string {
  return [
    parts.lead,
    ...parts.notes,
    '',
    ...parts.facts.map(([k, v]) => `${k}: ${v}`),
    ...(opts.includeLink === false ? [] : ['', `View the monitor: ${parts.link}`]),
    `Event id: ${parts.eventId}`,
  ].join('\n');
}

/** Cuts a value to a service's limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
