import type { DisplayStatus } from '@/lib/ui/view-models';

// What a monitor's status line says, shared by the dashboard rows and the monitor page: a
// failure waiting for its confirmation retry reads "retrying (1 of 2)", not UP beside a red
// check, and push (heartbeat) monitors have no response time to show.

export interface StatusSource {
  active: boolean;
  status: string;
  type: string;
  consecutiveFailures: number;
  retries: number;
}

/** Unconfirmed failures while UP or PENDING: `attempt` of `of` failed checks needed for DOWN. */
export function retrying(m: StatusSource): { attempt: number; of: number } | null {
  if (!m.active || m.type === 'heartbeat') return null;
  if (m.status !== 'UP' && m.status !== 'PENDING') return null;
  if (m.consecutiveFailures <= 0 || m.retries <= 0) return null;
  return { attempt: Math.min(m.consecutiveFailures, m.retries), of: m.retries };
}

/** "retrying (1 of 2)" or null. */
export function retryingLabel(m: StatusSource): string | null {
  const r = retrying(m);
  return r ? `retrying (${r.attempt} of ${r.of})` : null;
}

/**
 * Response time as shown in lists: "—" for push monitors, for none yet, and while DOWN (the time
 * a refused or failed attempt took is no response time, though it would read like a fast one).
 */
export function responseTimeLabel(m: { type: string; lastLatencyMs: number | null; status?: string }): string {
  if (m.type === 'heartbeat' || m.lastLatencyMs === null || m.status === 'DOWN') return '—';
  return `${m.lastLatencyMs} ms`;
}

export type { DisplayStatus };
