import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { probeCanary, type Canary } from '@/lib/worker/canaries';
import { ConnectivityGuard, type ConnectivityState } from '@/lib/worker/connectivity-guard';
import { waitFor } from '../support/api';
import { closeServer, listenOnLoopback } from '../support/recorder';

// The shared offline detector against real loopback canaries that the test stops and starts
// again on the same port: all down is offline, one up is online, one round serves everybody,
// and recovery is noticed by the guard's own poll.

interface CanaryServer {
  canary: Canary;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const servers: net.Server[] = [];
const guards: ConnectivityGuard[] = [];

afterEach(async () => {
  for (const g of guards.splice(0)) g.stop();
  await Promise.all(servers.splice(0).filter((s) => s.listening).map((s) => closeServer(s)));
});

async function canaryServer(up = true): Promise<CanaryServer> {
  const make = () => {
    const s = net.createServer((socket) => socket.destroy());
    servers.push(s);
    return s;
  };
  let server = make();
  const port = await listenOnLoopback(server);
  const self: CanaryServer = {
    canary: { kind: 'tcp', host: '127.0.0.1', port, label: `127.0.0.1:${port}` },
    stop: () => closeServer(server),
    start: () => {
      server = make();
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
    },
  };
  if (!up) await self.stop();
  return self;
}

/** A real probe that counts its calls. */
function countingProbe() {
  const calls: string[] = [];
  return {
    calls,
    probe: (c: Canary) => {
      calls.push(c.label);
      return probeCanary(c, 500);
    },
  };
}

function guard(canaries: Canary[], opts: ConstructorParameters<typeof ConnectivityGuard>[1] = {}): ConnectivityGuard {
  const g = new ConnectivityGuard(canaries, opts);
  guards.push(g);
  return g;
}

const T0 = Date.parse('2025-03-01T12:00:00Z');

describe('ConnectivityGuard', () => {
  it('is offline when every canary fails, from the moment the round started', async () => {
    const [a, b] = await Promise.all([canaryServer(false), canaryServer(false)]);
    const changes: ConnectivityState[] = [];
    const g = guard([a.canary, b.canary], { now: () => T0, onChange: (s) => changes.push(s) });
    expect(g.enabled).toBe(true);
    expect(g.state()).toEqual({ connectivity: 'online', offlineSince: null });
    expect(await g.isOffline()).toBe(true);
    expect(g.state()).toEqual({ connectivity: 'offline', offlineSince: new Date(T0) });
    expect(changes).toEqual([{ connectivity: 'offline', offlineSince: new Date(T0) }]);
  });

  it('is online when one canary answers', async () => {
    const [down, up] = await Promise.all([canaryServer(false), canaryServer(true)]);
    const changes: ConnectivityState[] = [];
    const g = guard([down.canary, up.canary], { onChange: (s) => changes.push(s) });
    expect(await g.isOffline()).toBe(false);
    expect(g.state()).toEqual({ connectivity: 'online', offlineSince: null });
    expect(changes).toEqual([]);
  });

  it('probes at most once per minIntervalMs and answers from the last round in between', async () => {
    const [a, b] = await Promise.all([canaryServer(), canaryServer()]);
    const { calls, probe } = countingProbe();
    let t = T0;
    const g = guard([a.canary, b.canary], { probe, now: () => t, minIntervalMs: 3000 });
    expect(await g.isOffline()).toBe(false);
    expect(calls).toHaveLength(2);
    await a.stop();
    await b.stop();
    t += 2999;
    expect(await g.isOffline()).toBe(false); // the cached answer: the canaries were not asked again
    expect(calls).toHaveLength(2);
    t += 1;
    expect(await g.isOffline()).toBe(true);
    expect(calls).toHaveLength(4);
    await a.start();
    expect(await g.isOffline()).toBe(true); // cached offline too
    expect(calls).toHaveLength(4);
  });

  it('gives concurrent callers one shared round', async () => {
    const [a, b] = await Promise.all([canaryServer(false), canaryServer(false)]);
    const { calls, probe } = countingProbe();
    const g = guard([a.canary, b.canary], { probe, minIntervalMs: 0, pollMs: 60_000 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => g.isOffline()));
    expect(answers).toEqual(Array(10).fill(true));
    expect(calls.sort()).toEqual([a.canary.label, b.canary.label].sort());
  });

  it('polls while offline and, when a canary is back, goes online and fires onRecover once', async () => {
    const [a, b] = await Promise.all([canaryServer(false), canaryServer(false)]);
    const { calls, probe } = countingProbe();
    const events: string[] = [];
    const g = guard([a.canary, b.canary], { probe, minIntervalMs: 60_000, pollMs: 20, onChange: (s) => events.push(s.connectivity) });
    g.onRecover(() => events.push('recover'));
    const unsubscribe = g.onRecover(() => events.push('unsubscribed listener'));
    unsubscribe();
    expect(await g.isOffline()).toBe(true);
    await waitFor(async () => calls.length >= 6, 2000, 'three rounds of polling while offline');
    expect(g.state().connectivity).toBe('offline');
    await b.start();
    await waitFor(async () => events.includes('recover'), 2000, 'recovery');
    expect(events).toEqual(['offline', 'online', 'recover']);
    expect(g.state()).toEqual({ connectivity: 'online', offlineSince: null });
    expect(await g.isOffline()).toBe(false); // from the poll's round, within minIntervalMs
    expect(events).toEqual(['offline', 'online', 'recover']);
  });

  it('goes offline again after a recovery, with a new offlineSince', async () => {
    const a = await canaryServer(false);
    let t = T0;
    const g = guard([a.canary], { now: () => t, minIntervalMs: 0, pollMs: 60_000 });
    expect(await g.isOffline()).toBe(true);
    await a.start();
    t += 10_000;
    expect(await g.isOffline()).toBe(false);
    await a.stop();
    t += 10_000;
    expect(await g.isOffline()).toBe(true);
    expect(g.state().offlineSince).toEqual(new Date(T0 + 20_000));
  });

  it('stops polling on stop()', async () => {
    const a = await canaryServer(false);
    const stopped = countingProbe();
    const running = countingProbe();
    const g = guard([a.canary], { probe: stopped.probe, pollMs: 20 });
    const reference = guard([a.canary], { probe: running.probe, pollMs: 20 });
    expect(await g.isOffline()).toBe(true);
    g.stop();
    expect(await reference.isOffline()).toBe(true);
    // The reference guard, polling at the same pace, makes five more rounds; the stopped one none.
    await waitFor(async () => running.calls.length >= 6, 2000, 'the reference guard to poll');
    expect(stopped.calls).toHaveLength(1);
  });

  it('counts a probe that throws or rejects as a failed canary, and survives a listener that throws', async () => {
    const canaries: Canary[] = [
      { kind: 'tcp', host: '127.0.0.1', port: 1, label: 'throws' },
      { kind: 'tcp', host: '127.0.0.1', port: 2, label: 'rejects' },
    ];
    const probe = (c: Canary) => {
      if (c.label === 'throws') throw new Error('probe bug');
      return Promise.reject(new Error('probe failed'));
    };
    const g = guard(canaries, {
      probe,
      pollMs: 60_000,
      onChange: () => {
        throw new Error('listener bug');
      },
    });
    expect(await g.isOffline()).toBe(true);
    expect(g.state().connectivity).toBe('offline');
  });

  it('without canaries is disabled: never offline, never probes', async () => {
    const { calls, probe } = countingProbe();
    const g = guard([], { probe });
    expect(g.enabled).toBe(false);
    expect(g.state()).toEqual({ connectivity: 'disabled', offlineSince: null });
    expect(await g.isOffline()).toBe(false);
    expect(calls).toEqual([]);
  });
});
