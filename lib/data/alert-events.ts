import 'server-only';
import type { AlertKind, ChannelKind, Prisma } from '@/lib/generated/prisma/client';
import { uuidv7 } from '@/lib/ids';

// The outbox: an alert event and one delivery per channel of the monitor, written inside the
// transaction that records what happened (a status change, a reminder, a certificate warning).
// The event exists only if that transaction committed, and dedupKey is unique, so no retry,
// restart or second process can owe the same alert twice. A held event's deliveries fall due
// only after `holdMs`, so the delivery loop can send other monitors' alerts of that moment in the
// same message (alert grouping); the caller says how long per channel kind (PagerDuty, which never groups, is not held).

export interface NewAlertEvent {
  kind: AlertKind;
  /** The happening, once: `<incident>:DOWN`, `<incident>:UP`, `cert:<monitor>:<kind>:<expiry>`, ... */
  dedupKey: string;
  monitorId: string;
  incidentId: string | null;
  at: Date;
  monitorName: string;
  monitorTarget: string;
  cause: string | null;
  error: string | null;
  downtimeMs: number | null;
  certExpiresAt: Date | null;
  /** Channel kinds that take this kind of event (PagerDuty, say, skips reminders). */
  channelKinds: readonly ChannelKind[];
  /** How long its delivery on a channel of this kind is held for company (the grouping window); absent or 0: due at once. */
  holdMs?: (channelKind: ChannelKind) => number;
}

type Tx = Prisma.TransactionClient;

/** Adds the event and its deliveries; null when this happening already has its event. */
export async function addAlertEvent(tx: Tx, e: NewAlertEvent, now = new Date()): Promise<{ eventId: string; deliveries: number } | null> {
  if (await tx.alertEvent.findUnique({ where: { dedupKey: e.dedupKey }, select: { id: true } })) return null;
  const links = await tx.monitorChannel.findMany({
    where: {
      monitorId: e.monitorId,
      channel: { enabled: true, kind: { in: [...e.channelKinds] }, OR: [{ kind: { not: 'email' } }, { confirmedAt: { not: null } }] },
    },
    select: { channel: { select: { id: true, kind: true } } },
  });
  const { channelKinds: _kinds, holdMs, ...event } = e;
  const eventId = uuidv7(now.getTime());
  await tx.alertEvent.create({ data: { id: eventId, ...event, createdAt: now } });
  if (links.length > 0) {
    await tx.delivery.createMany({
      data: links.map(({ channel }) => ({
        eventId,
        channelId: channel.id,
        channelKind: channel.kind,
        monitorId: e.monitorId,
        nextAttemptAt: new Date(now.getTime() + Math.max(0, holdMs?.(channel.kind) ?? 0)),
        createdAt: now,
      })),
    });
  }
  return { eventId, deliveries: links.length };
}
