import { describe, expect, it } from 'vitest';
import type { ChannelEvent } from '@/lib/alerting/channel-types';
import { leadSentence, messageParts, plainText, toAlertEvent } from '@/lib/alerting/render-text';
import { renderAlert } from '@/lib/alerting/templates';
import { APP_URL, CERT, DOWN, TEST, UP } from '@/tests/support/channel-fixtures';

// The message parts every channel lays out: the same lead sentence as the email templates,
// the facts, the notes for test messages and undelivered outage alerts, the event id.

const REMINDER: ChannelEvent = { ...DOWN, kind: 'REMINDER', downtimeMs: 3_600_000 };
const EXPIRED: ChannelEvent = { ...CERT, kind: 'CERT_EXPIRED', certExpiresAt: new Date(CERT.at.getTime() - 86_400_000) };

describe('message parts', () => {
  it('uses the email templates’ lead sentence for every kind', () => {
    for (const event of [DOWN, UP, REMINDER, CERT, EXPIRED, { ...UP, downtimeMs: null }]) {
      const emailLead = renderAlert(toAlertEvent(event), APP_URL).text.split('\n')[0];
      expect(leadSentence(event), event.kind).toBe(emailLead);
    }
  });

  it('builds title, lead, facts, link and event id', () => {
    expect(messageParts(DOWN)).toEqual({
      title: '[DOWN] Checkout "API" (https://shop.example/health)',
      lead: 'Checkout "API" is down.',
      notes: [],
      facts: [
        ['Monitor', 'Checkout "API"'],
        ['Target', 'https://shop.example/health'],
        ['Reason', 'Timeout — Timed out after 10 s'],
        ['Time', '2025-03-04T05:06:07.000Z (Tue, 04 Mar 2025 05:06:07 UTC)'],
      ],
      link: DOWN.monitor.link,
      eventId: DOWN.eventId,
    });
  });

  it('words UP, reminders and certificates', () => {
    expect(messageParts(UP).facts.map(([k]) => k)).toEqual(['Monitor', 'Target', 'It was down because', 'Back up at']);
    expect(messageParts(REMINDER).title).toBe('[STILL DOWN] Checkout "API" (https://shop.example/health)');
    expect(messageParts(REMINDER).lead).toBe('Checkout "API" is still down (for 1 h so far).');
    expect(messageParts(CERT).lead).toBe('The TLS certificate of Checkout "API" expires in 5 d.');
    expect(messageParts(CERT).facts.map(([k]) => k)).toEqual(['Monitor', 'Target', 'Certificate expiry', 'Time']);
    expect(messageParts(EXPIRED).title).toMatch(/^\[CERT EXPIRED\] /);
  });

  it('adds the notes: a marked test, an undelivered outage alert (UP only)', () => {
    expect(messageParts(TEST).title).toMatch(/^\[TEST\] \[DOWN\] /);
    expect(messageParts(TEST).notes).toEqual(['Test message from Pingboard: nothing happened to this monitor, this shows how its alerts will look.']);
    expect(messageParts(UP).notes).toEqual(['The alert that this monitor went down could not be delivered on this channel.']);
    expect(messageParts({ ...DOWN, outageAlertUndelivered: true }).notes).toEqual([]);
  });

  it('keeps names and errors on one line', () => {
    const parts = messageParts({ ...DOWN, monitor: { ...DOWN.monitor, name: 'two\nlines' }, error: 'a\r\nb' });
    expect(parts.lead).toBe('two lines is down.');
    expect(parts.title).not.toContain('\n');
    expect(parts.facts).toContainEqual(['Reason', 'Timeout — a b']);
    expect(plainText(parts).split('\n')).toEqual([
      'two lines is down.',
      '',
      'Monitor: two lines',
      'Target: https://shop.example/health',
      'Reason: Timeout — a b',
      'Time: 2025-03-04T05:06:07.000Z (Tue, 04 Mar 2025 05:06:07 UTC)',
      '',
      `View the monitor: ${DOWN.monitor.link}`,
      `Event id: ${DOWN.eventId}`,
    ]);
  });
});
