// A TCP check: UP when a connection (through the safe lookup) opens within the deadline.
import net from 'node:net';
import { describeError, type Failure } from './causes';
import type { CheckContext } from './context';
import { onDeadline } from './deadline';
import { buildOutcome } from './outcome';
import { bareHost, createSafeLookup, preflightHost } from './safe-lookup';
import { newMarks, toCheckTimings, type PhaseMarks } from './timings';
import type { CheckOutcome, TcpProbe } from './types';

function connectOnce(probe: TcpProbe, ctx: CheckContext, marks: PhaseMarks): Promise<void> {
  const { deadline, now } = ctx;
  return new Promise<void>((resolve, reject) => {
    let socket: net.Socket | null = null;
    let settled = false;
    let unsubscribe = () => {};
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      socket?.destroy(); // we only wanted to know the port answers
      if (err) reject(err);
      else resolve();
    };
    if (deadline.signal.aborted) return finish(deadline.signal.reason as Error);
    try {
      const host = bareHost(probe.host);
      deadline.phase = preflightHost(host, ctx.policy) ? 'connecting' : 'resolving DNS';
      const lookup = createSafeLookup(ctx.policy, ctx.resolve, {
        onResolved: () => {
          marks.dnsEnd = now();
          deadline.phase = 'connecting';
        },
      });
      socket = net.connect({ host, port: probe.port, lookup });
    } catch (err) {
      return finish(err instanceof Error ? err : new Error(String(err)));
    }
    unsubscribe = onDeadline(deadline.signal, finish);
    socket.on('error', finish);
    socket.once('connect', () => {
      marks.connected = now();
      marks.end = marks.connected;
      finish(null);
    });
  });
}

export async function runTcpCheck(probe: TcpProbe, ctx: CheckContext): Promise<CheckOutcome> {
  const marks = newMarks(ctx.now());
  let failure: Failure | null = null;
  try {
    await connectOnce(probe, ctx, marks);
  } catch (err) {
    failure = describeError(err);
  }
  const timings = toCheckTimings(marks, ctx.startedAt, marks.end ?? ctx.now());
  return buildOutcome({ startedAt: ctx.startedAt, failure, statusCode: null, timings, tls: null });
}
