import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChannelEvent, ChannelKind, ChannelProvider, ProviderContext } from '@/lib/alerting/channel-types';
import { DeliveryError } from '@/lib/alerting/channel-types';
import { waitFor } from '@/tests/support/api';
import { providerGroups } from '@/lib/alerting/providers';

// Alert grouping in the delivery loop against a real SQLite file: held deliveries of many
// monitors going out as one message per channel (none on PagerDuty, which never groups), at
// most 100 to a message, reminders never grouped, window 0 as before, a monitor's order kept
// inside and across groups, a group's failure retried as a group, and two loops never sending
// one delivery twice. Events are written with addAlertEvent as the worker writes them.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-grouping-'));
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = 'silent';

type Loop = import('@/lib/alerting/delivery-loop').DeliveryLoop;
let mod: typeof import('@/lib/alerting/delivery-loop');
let events: typeof import('@/lib/data/alert-events');
let db: import('@/lib/db/client').Db;

const WINDOW = 400;
const MONITORS = 120;

interface Sent {
  channelKind: ChannelKind;
  event: ChannelEvent;
  ids: string[];
  at: number;
}
const sent: Sent[] = [];
let behave: (channelKind: ChannelKind, e: ChannelEvent) => Promise<void> = async () => undefined;

function standIn(kind: ChannelKind, groups?: false): ChannelProvider {
  return {
    kind,
    label: kind,
    help: '',
    settings: { safeParse: (v: unknown) => ({ success: true, data: v }) },
    secretFields: [],
    urlFields: [],
    ...(groups === false ? { groups } : {}),
    async send(_s: unknown, e: ChannelEvent) {
      await behave(kind, e);
      sent.push({ channelKind: kind, event: e, ids: (e.group ?? [e]).map((m) => m.eventId), at: Date.now() });
      return { providerStatus: 200 };
    },
  } as unknown as ChannelProvider;
}
const webhook = standIn('webhook');
const pagerduty = standIn('pagerduty', false);
const providers = new Proxy({}, { get: (_t, kind) => (kind === 'pagerduty' ? pagerduty : webhook) }) as Record<ChannelKind, ChannelProvider>;
const context = { env: { appUrl: 'http://pingboard.test' } } as ProviderContext;
const loops: Loop[] = [];

function newLoop(groupWindowMs = WINDOW): Loop {
  const loop = new mod.DeliveryLoop({ providers, context, retryHours: 24, baseDelayMs: 50, maxDelayMs: 50, pollMs: 50, groupWindowMs });
  loops.push(loop);
  return loop;
}

/** Polls until `pred` holds (every 100 ms, for 10 s at most). */
const until = (pred: () => boolean | Promise<boolean>) => waitFor(async () => pred(), 10_000);

/** One alert event of monitor m<i> as the worker writes it, held for the window when it may be grouped. */
async function alert(i: number, kind: 'DOWN' | 'UP' | 'REMINDER', holdMs = kind === 'REMINDER' ? 0 : WINDOW) {
  await db.$transaction((tx) =>
    events.addAlertEvent(tx, {
      kind,
      dedupKey: randomUUID(),
      monitorId: `m${i}`,
      incidentId: null,
      at: new Date(),
      monitorName: `Shop ${i}`,
      monitorTarget: `https://shop${i}.example`,
      cause: 'timeout',
      error: 'Timed out after 10 s',
      downtimeMs: kind === 'UP' ? 1000 : null,
      certExpiresAt: null,
      channelKinds: ['webhook', 'pagerduty'],
      holdMs: (channelKind) => (providerGroups(channelKind) ? holdMs : 0),
    }),
  );
}
const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
const on = (kind: ChannelKind) => sent.filter((s) => s.channelKind === kind);

beforeAll(async () => {
  (await import('@/lib/db/sqlite/migrate')).migrateDatabase(path.join(dir, 'pingboard.db'));
  db = (await import('@/lib/db/client')).getDb();
  mod = await import('@/lib/alerting/delivery-loop');
  events = await import('@/lib/data/alert-events');
  await db.user.create({ data: { id: 'u1', email: 'u1@example.com', passwordHash: 'x' } });
  await db.monitor.createMany({ data: range(MONITORS).map((i) => ({ id: `m${i}`, userId: 'u1', name: `Shop ${i}`, url: `https://shop${i}.example` })) });
  await db.notificationChannel.create({ data: { id: 'hook', userId: 'u1', kind: 'webhook', name: 'hook', settings: { url: 'http://x' } } });
  await db.notificationChannel.create({ data: { id: 'pd', userId: 'u1', kind: 'pagerduty', name: 'pd', settings: { routingKey: 'x' } } });
  await db.monitorChannel.createMany({ data: range(MONITORS).flatMap((i) => [{ monitorId: `m${i}`, channelId: 'hook' }, { monitorId: `m${i}`, channelId: 'pd' }]) });
});

beforeEach(async () => {
  for (const l of loops.splice(0)) await l.stop(100);
  await db.alertEvent.deleteMany();
  sent.length = 0;
  behave = async () => undefined;
});

afterAll(async () => {
  for (const l of loops.splice(0)) await l.stop(100);
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('alert grouping', () => {
  it('sends 20 monitors failing together as one message on a grouping channel, and 20 on PagerDuty at once', async () => {
    // A window long enough for 20 writes on a busy machine, so its timing can be checked.
    const held = 1500;
    newLoop(held).start();
    const start = Date.now();
    for (const i of range(20)) await alert(i, 'DOWN', held);
    await until(async () => (await db.delivery.count({ where: { state: 'delivered' } })) === 40);
    await new Promise((r) => setTimeout(r, held + 200));
    expect(on('webhook')).toHaveLength(1);
    const [message] = on('webhook');
    expect(message.event.group?.map((e) => e.monitor.name)).toEqual(range(20).map((i) => `Shop ${i}`));
    expect(message.event.eventId).toBe(message.event.group?.[0].eventId);
    // Held for the window (from the first event), and not much longer.
    expect(message.at - start).toBeGreaterThanOrEqual(held - 20);
    expect(message.at - start).toBeLessThan(held + 1000);
    // PagerDuty: never held, never grouped.
    expect(on('pagerduty')).toHaveLength(20);
    expect(on('pagerduty').every((s) => s.event.group === undefined)).toBe(true);
    expect(Math.max(...on('pagerduty').map((s) => s.at)) - start).toBeLessThan(message.at - start);
    const rows = await db.delivery.findMany({ where: { channelId: 'hook' } });
    expect(rows.every((r) => r.state === 'delivered' && r.attempts === 1)).toBe(true);
  });

  it('puts at most 100 monitors in one message', async () => {
    for (const i of range(MONITORS)) await alert(i, 'DOWN');
    // A window that spans all 120 writes, so only the cap splits them.
    newLoop(10_000).start();
    await until(() => on('webhook').reduce((n, s) => n + s.ids.length, 0) === MONITORS);
    expect(on('webhook').map((s) => s.ids.length).sort((a, b) => b - a)).toEqual([100, MONITORS - 100]);
  });

  it('never groups reminders, and with window 0 sends one message per alert at once', async () => {
    newLoop().start();
    for (const i of range(5)) await alert(i, 'REMINDER');
    await until(() => on('webhook').length === 5);
    expect(on('webhook').every((s) => s.event.group === undefined)).toBe(true);
    for (const l of loops.splice(0)) await l.stop(100);
    sent.length = 0;
    newLoop(0).start();
    for (const i of range(5)) await alert(i, 'DOWN', 0);
    await until(() => on('webhook').length === 5);
    expect(on('webhook').every((s) => s.event.group === undefined)).toBe(true);
  });

  it("keeps each monitor in order: a flapping monitor's second DOWN waits for its UP, outside the first group", async () => {
    for (const i of range(3)) await alert(i, 'DOWN');
    await alert(1, 'UP');
    await alert(1, 'DOWN');
    // Written before the loop starts, so a window spanning every write keeps slow writes from splitting the group.
    newLoop(10_000).start();
    await until(() => on('webhook').reduce((n, s) => n + s.ids.length, 0) === 5);
    const kinds = on('webhook').map((s) => `${s.event.kind}:${(s.event.group ?? [s.event]).map((e) => e.monitor.id).join(',')}`);
    expect(kinds).toEqual(['DOWN:m1,m2,m3', 'UP:m1', 'DOWN:m1']);
  });

  it('retries a failed group as a group, recording the outcome on every member', async () => {
    let failures = 1;
    behave = async (kind) => {
      if (kind === 'webhook' && failures-- > 0) throw new DeliveryError('HTTP 503', false, 503);
    };
    for (const i of range(10)) await alert(i, 'DOWN');
    newLoop(10_000).start();
    await until(async () => (await db.delivery.count({ where: { channelId: 'hook', state: 'delivered' } })) === 10);
    expect(on('webhook')).toHaveLength(1);
    expect(on('webhook')[0].ids).toHaveLength(10);
    const rows = await db.delivery.findMany({ where: { channelId: 'hook' } });
    expect(rows.map((r) => [r.state, r.attempts])).toEqual(range(10).map(() => ['delivered', 2]));
  });

  it('never sends one delivery from two loops', async () => {
    behave = async () => new Promise((r) => setTimeout(r, 20));
    newLoop().start();
    newLoop().start();
    for (const round of range(3)) {
      for (const i of range(30)) await alert(i, round % 2 ? 'DOWN' : 'UP');
    }
    await until(async () => (await db.delivery.count({ where: { state: 'delivered' } })) === 180);
    await new Promise((r) => setTimeout(r, WINDOW + 200));
    for (const kind of ['webhook', 'pagerduty'] as const) {
      const ids = on(kind).flatMap((s) => s.ids);
      expect(ids, kind).toHaveLength(90);
      expect(new Set(ids).size, kind).toBe(90);
    }
    // Grouping happened: far fewer messages than alerts on the webhook.
    expect(on('webhook').length).toBeLessThan(20);
  });
});
