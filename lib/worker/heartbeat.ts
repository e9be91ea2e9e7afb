import type { Monitor } from '@/lib/generated/prisma/client';
import type { CheckOutcome } from '@/lib/checker/types';

// Heartbeat (push) monitors are never probed: the job pings us, and silence past the
// period plus the grace time is the failure.

/** When the monitor is overdue: a period plus grace after the last ping (or after it was set up). */
export function heartbeatDeadline(m: Monitor): number {
  const since = m.lastHeartbeatAt ?? m.statusChangedAt ?? m.createdAt;
  return since.getTime() + (m.intervalSeconds + m.graceSeconds) * 1000;
}

export function heartbeatOutcome(m: Monitor, kind: 'ping' | 'fail' | 'missed', at: Date): CheckOutcome {
  const base = { latencyMs: 0, statusCode: null, timings: null, tls: null, startedAt: at };
  if (kind === 'ping') return { ...base, status: 'UP', cause: null, error: null };
  if (kind === 'fail') return { ...base, status: 'DOWN', cause: 'heartbeat_failed', error: 'The job reported a failure' };
  const last = m.lastHeartbeatAt ? `last ping ${m.lastHeartbeatAt.toISOString()}` : 'no ping received yet';
  return {
    ...base,
    status: 'DOWN',
    cause: 'heartbeat_missed',
    error: `No ping within ${m.intervalSeconds} s + ${m.graceSeconds} s grace (${last})`,
  };
}
