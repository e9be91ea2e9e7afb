import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChannelEvent, ChannelKind, ChannelProvider, ProviderContext } from '@/lib/alerting/channel-types';
import { DeliveryError } from '@/lib/alerting/channel-types';

// The delivery loop against a real SQLite file: ordering per channel, permanent failures,
// giving up after the retry window, and two loops never sending one delivery twice. The
// provider is a stand-in object handed to the loop (as start-up hands it the real registry).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-deliveries-'));
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = 'silent';

type Loop = import('@/lib/alerting/delivery-loop').DeliveryLoop;
let mod: typeof import('@/lib/alerting/delivery-loop');
let state: typeof import('@/lib/data/monitor-state');
let db: import('@/lib/db/client').Db;

const sent: ChannelEvent[] = [];
let behave: (e: ChannelEvent) => Promise<void> = async () => undefined;
const provider = {
  kind: 'webhook',
  label: 'Stand-in',
  help: '',
  settings: { safeParse: (v: unknown) => ({ success: true, data: v }) },
  secretFields: [],
  urlFields: [],
  async send(_s: unknown, e: ChannelEvent) {
    await behave(e);
    sent.push(e);
    return { providerStatus: 200 };
  },
} as unknown as ChannelProvider;
const providers = new Proxy({}, { get: () => provider }) as Record<ChannelKind, ChannelProvider>;
const context = { env: { appUrl: 'http://pingboard.test' } } as ProviderContext;
const alert = { monitorName: 'Shop', monitorTarget: 'https://shop.example', channelKindsFor: () => ['webhook' as const], holdMs: () => 0 };
/** Added to the real time the loop sees: the retry window test jumps two hours ahead. */
let skew = 0;
const loops: Loop[] = [];

function newLoop(retryHours = 24): Loop {
  const loop = new mod.DeliveryLoop({ providers, context, retryHours, baseDelayMs: 1, maxDelayMs: 5, pollMs: 10, now: () => new Date(Date.now() + skew) });
  loops.push(loop);
  return loop;
}

async function until(pred: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const lastCheck = (at: Date) => ({ lastCheckedAt: at, lastLatencyMs: 1, lastStatusCode: 500, lastError: 'x', lastCause: 'http_status' });
async function flip(status: 'DOWN' | 'UP') {
  const at = new Date();
  const { status: from } = (await db.monitor.findUnique({ where: { id: 'm1' }, select: { status: true } }))!;
  const counts = { consecutiveFailures: status === 'DOWN' ? 1 : 0, failingSince: status === 'DOWN' ? at : null, streak: 0, streakSince: null };
  await state.recordStatusChange({ monitorId: 'm1', from, state: { status, ...counts }, at, cause: 'http_status', error: 'HTTP 500', lastCheck: lastCheck(at) }, status, alert);
}
const deliveries = () => db.delivery.findMany({ orderBy: { eventId: 'asc' }, include: { event: true } });

beforeAll(async () => {
  (await import('@/lib/db/sqlite/migrate')).migrateDatabase(path.join(dir, 'pingboard.db'));
  db = (await import('@/lib/db/client')).getDb();
  mod = await import('@/lib/alerting/delivery-loop');
  state = await import('@/lib/data/monitor-state');
  await db.user.create({ data: { id: 'u1', email: 'u1@example.com', passwordHash: 'x' } });
  await db.monitor.create({ data: { id: 'm1', userId: 'u1', name: 'Shop', url: 'https://shop.example' } });
  await db.notificationChannel.create({ data: { id: 'c1', userId: 'u1', kind: 'webhook', name: 'hook', settings: { url: 'http://x' } } });
  await db.monitorChannel.create({ data: { monitorId: 'm1', channelId: 'c1' } });
});

beforeEach(async () => {
  for (const l of loops.splice(0)) await l.stop(100);
  await db.alertEvent.deleteMany();
  await db.incident.deleteMany();
  sent.length = 0;
  behave = async () => undefined;
  skew = 0;
});

afterAll(async () => {
  for (const l of loops.splice(0)) await l.stop(100);
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('DeliveryLoop', () => {
  it('sends an UP only after its DOWN on the same channel, retrying the DOWN until it goes', async () => {
    let failures = 3;
    behave = async (e) => {
      if (e.kind === 'DOWN' && failures-- > 0) throw new DeliveryError('HTTP 503', false, 503);
    };
    await flip('DOWN');
    await flip('UP');
    newLoop().start();
    await until(() => sent.length === 2);
    expect(sent.map((e) => e.kind)).toEqual(['DOWN', 'UP']);
    const rows = await deliveries();
    expect(rows.map((r) => [r.event.kind, r.state, r.attempts])).toEqual([['DOWN', 'delivered', 4], ['UP', 'delivered', 1]]);
    expect(sent[0].eventId).toBe(rows[0].eventId);
  });

  it('stops at once on a permanent failure, and the UP then says the outage alert was not delivered', async () => {
    behave = async (e) => {
      if (e.kind === 'DOWN') throw new DeliveryError('HTTP 404', true, 404);
    };
    await flip('DOWN');
    await flip('UP');
    newLoop().start();
    await until(() => sent.length === 1);
    const [down, up] = await deliveries();
    expect([down.state, down.attempts, down.lastError, down.providerStatus]).toEqual(['failed', 1, 'HTTP 404', 404]);
    expect(up.state).toBe('delivered');
    expect(sent[0]).toMatchObject({ kind: 'UP', outageAlertUndelivered: true });
  });

  it('gives up once the retry window has passed', async () => {
    behave = async () => {
      throw new DeliveryError('timed out', false);
    };
    await flip('DOWN');
    newLoop(1).start();
    await until(async () => (await deliveries())[0].attempts >= 2);
    skew = 2 * 3_600_000;
    await until(async () => (await deliveries())[0].state === 'failed');
    expect((await deliveries())[0].lastError).toMatch(/^Gave up after \d+ attempts over 1 h: timed out$/);
  });

  it('never sends one delivery from two loops', async () => {
    let inFlight = 0;
    behave = async () => {
      inFlight++;
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
    };
    for (let i = 0; i < 10; i++) {
      await flip('DOWN');
      await flip('UP');
    }
    newLoop().start();
    newLoop().start();
    await until(() => sent.length === 20);
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toHaveLength(20);
    expect(new Set(sent.map((e) => e.eventId)).size).toBe(20);
    // Per channel and monitor, still in order.
    expect(sent.map((e) => e.kind)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 'UP' : 'DOWN')));
    expect(inFlight).toBe(0);
  });
});
