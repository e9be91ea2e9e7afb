import type { DisplayStatus } from '@/lib/ui/view-models';

// What a monitor's status line says, shared by the dashboard rows and the monitor page: a
// monitor between statuses reads "retrying (1 of 2)" (a failure waits for the first of its two
// retries) or "recovering (1 of 3)" (a DOWN monitor counting its successes), from the API's
// phase fields, and push (heartbeat) monitors have no response time to show.

export interface PhaseSource {
  phase: 'retrying' | 'recovering' | null;
  attempt: number | null;
  of: number | null;
}

/**
 * "retrying (1 of 2)": the API counts failed checks of the retries + 1 that confirm DOWN
 * (attempt 1 of 3), the label counts retries, as the dashboard always has. "recovering (1 of 3)":
 * successes of the success threshold. Null when the monitor is not between statuses.
 */
export function phaseLabel(m: PhaseSource): string | null {
  if (!m.phase || m.attempt === null || m.of === null) return null;
  const of = m.phase === 'retrying' ? Math.max(1, m.of - 1) : m.of;
  return `${m.phase} (${Math.min(m.attempt, of)} of ${of})`;
}

/** What the phase means, in a sentence for the monitor page. */
export function phaseSentence(m: PhaseSource): string | null {
  const label = phaseLabel(m);
  if (!label) return null;
  return m.phase === 'retrying'
    ? `${label}: it turns DOWN if the retries fail too`
    : `${label}: it turns UP after ${m.of} successful checks in a row`;
}

/**
 * Response time as shown in lists: "—" for push monitors, for none yet, while DOWN and after any
 * failed check (the time a refused or failed attempt took is no response time, though it would
 * read like a fast one). A slow check (cause "degraded") did get its response.
 */
export function responseTimeLabel(m: { type: string; lastLatencyMs: number | null; status?: string; lastCause?: string | null }): string {
  if (m.type === 'heartbeat' || m.lastLatencyMs === null || m.status === 'DOWN') return '—';
  if (m.lastCause && m.lastCause !== 'degraded') return '—';
  return `${m.lastLatencyMs} ms`;
}

export type { DisplayStatus };
