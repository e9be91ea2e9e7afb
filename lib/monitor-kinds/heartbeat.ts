import type { Monitor } from '@/lib/generated/prisma/client';
import type { CheckOutcome } from '@/lib/checker/types';
import type { FieldTools, MonitorKind } from '@/lib/monitor-kinds/types';

// Heartbeat (push) monitors are never probed: the job pings us, and silence past the
// period plus the grace time is the failure. The timer therefore waits for a deadline that
// every ping moves, and a timer that fires past it records a missed ping.

export const heartbeatFields = ({ intIn }: FieldTools) => ({
  graceSeconds: intIn('Grace time', 0, 86_400, ' seconds'),
});

type DeadlineSource = Pick<Monitor, 'lastHeartbeatAt' | 'statusChangedAt' | 'createdAt' | 'intervalSeconds' | 'graceSeconds'>;

/** When the monitor is overdue: a period plus grace after the last ping (or after it was set up). */
export function heartbeatDeadline(m: DeadlineSource): number {
  const since = m.lastHeartbeatAt ?? m.statusChangedAt ?? m.createdAt;
  return since.getTime() + (m.intervalSeconds + m.graceSeconds) * 1000;
}

export function heartbeatOutcome(m: DeadlineSource, kind: 'ping' | 'fail' | 'missed', at: Date): CheckOutcome {
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

export const heartbeatKind = {
  type: 'heartbeat',
  fields: heartbeatFields,
  configIssues: () => [],
  fieldIssues: () => [],
  probed: false,
  needsPushToken: true,
  // The job calls us; there is no target to refuse.
  policyTarget: () => null,
  toProbe: () => null,
  schedule: {
    firstDelayMs: (m, now) => Math.max(0, heartbeatDeadline(m) - now),
    onTimer(m, now) {
      const deadline = heartbeatDeadline(m);
      return deadline > now ? { run: 'wait', delayMs: deadline - now } : { run: 'outcome', outcome: heartbeatOutcome(m, 'missed', new Date(now)) };
    },
    // Asked by hand, a heartbeat reports what the pings say: UP while one came within the deadline.
    onCheckNow: (m, now) => ({ run: 'outcome', outcome: heartbeatOutcome(m, heartbeatDeadline(m) > now && m.lastHeartbeatAt ? 'ping' : 'missed', new Date(now)) }),
    onPush: (m, ok, at) => ({ monitor: { ...m, lastHeartbeatAt: at }, outcome: heartbeatOutcome(m, ok ? 'ping' : 'fail', at) }),
  },
  // One missed deadline already waited out the grace time: no re-checks before DOWN.
  retries: () => 0,
  target: () => 'heartbeat',
  ui: {
    label: 'Heartbeat',
    hint: 'Your job pings Pingboard on a schedule',
    formFields: ['graceSeconds'],
    advancedSummary: 'dependency and reminders',
    target: () => 'Heartbeat',
    headline: (m, every) => `Heartbeat · every ${every}, ${m.graceSeconds} s grace`,
    showsCertificate: () => false,
  },
} satisfies MonitorKind;
