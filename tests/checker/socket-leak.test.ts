// 1,000 failing checks must leave no sockets or timers behind.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCheck } from '@/lib/checker/run-check';
import type { FailureCause, Probe } from '@/lib/checker/types';
import { closedPort, httpProbe, OPEN, startHttpServer, startTcpServer, tcpProbe, type TestServer } from './helpers';

const WATCHED = ['TCPSocketWrap', 'TCPWrap', 'TCPConnectWrap', 'Timeout'];
const TOTAL = 1000;
const BATCH = 100;
const SLACK = 3;

let resetter: TestServer; // destroys every connection at once
let silent: TestServer; // accepts and never answers
let hanger: TestServer; // HTTP server that reads the request and never answers
let refusedPort: number;

function counts(): Record<string, number> {
  const out = Object.fromEntries(WATCHED.map((k) => [k, 0]));
  for (const name of process.getActiveResourcesInfo()) if (name in out) out[name]++;
  return out;
}

async function settled(baseline: Record<string, number>): Promise<Record<string, number>> {
  // closes finish on the next few event-loop turns; poll briefly instead of sleeping blindly
  for (let i = 0; i < 40; i++) {
    const now = counts();
    if (WATCHED.every((k) => now[k] <= baseline[k] + SLACK)) return now;
    await new Promise((r) => setTimeout(r, 50));
  }
  return counts();
}

beforeAll(async () => {
  resetter = await startTcpServer((socket) => socket.resetAndDestroy());
  // resume() so the server side reads the client's FIN and closes too
  silent = await startTcpServer((socket) => socket.resume());
  hanger = await startHttpServer(() => {});
  refusedPort = await closedPort();
});
afterAll(async () => {
  await Promise.all([resetter.close(), silent.close(), hanger.close()]);
});

function probeFor(i: number): [Probe, FailureCause] {
  switch (i % 5) {
    case 0: return [httpProbe(`http://127.0.0.1:${refusedPort}/`), 'connection_refused'];
    case 1: return [httpProbe(`http://127.0.0.1:${resetter.port}/`), 'connection_reset'];
    case 2: return [httpProbe(`http://127.0.0.1:${silent.port}/`, { timeoutMs: 200 }), 'timeout'];
    case 3: return [httpProbe(`${hanger.origin}/`, { timeoutMs: 200 }), 'timeout'];
    default: return [tcpProbe('127.0.0.1', refusedPort), 'connection_refused'];
  }
}

it(`leaves no sockets or timers after ${TOTAL} failing checks`, { timeout: 30_000 }, async () => {
  const baseline = counts();
  const causes: Record<string, number> = {};
  for (let start = 0; start < TOTAL; start += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, j) => probeFor(start + j));
    const outcomes = await Promise.all(batch.map(([probe]) => runCheck(probe, OPEN)));
    outcomes.forEach((o, j) => {
      expect(o.status).toBe('DOWN');
      expect(o.cause).toBe(batch[j][1]);
      causes[o.cause ?? 'none'] = (causes[o.cause ?? 'none'] ?? 0) + 1;
    });
  }
  expect(causes).toEqual({ connection_refused: 400, connection_reset: 200, timeout: 400 });
  const after = await settled(baseline);
  for (const k of WATCHED) expect(after[k], k).toBeLessThanOrEqual(baseline[k] + SLACK);
});
