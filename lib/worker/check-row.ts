// One check outcome in the shapes it is stored in: its Check row and the monitor's last-check
// fields, built here once for the batched writer and for status changes alike.
import type { CheckOutcome } from '@/lib/checker/types';
import type { MonitorState } from '@/lib/domain/transition';
import type { NewCheck } from '@/lib/data/checks';
import type { MonitorSummary } from '@/lib/worker/result-writer';
import { checkId } from '@/lib/ids';

const round = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Math.round(v));

/** The stored row for one outcome; its id sorts by the time the check started. */
export function outcomeToRow(monitorId: string, o: CheckOutcome, maintenance = false): NewCheck {
  return {
    id: checkId(o.startedAt.getTime()),
    monitorId,
    status: o.status,
    latencyMs: Math.round(o.latencyMs),
    statusCode: o.statusCode,
    error: o.error,
    cause: o.cause,
    dnsMs: round(o.timings?.dnsMs),
    connectMs: round(o.timings?.connectMs),
    tlsMs: round(o.timings?.tlsMs),
    ttfbMs: round(o.timings?.ttfbMs),
    transferMs: round(o.timings?.transferMs),
    maintenance,
    checkedAt: o.startedAt,
  };
}

/** A monitor's last-check fields, as stored with every result and with every status change. */
export type LastCheck = Omit<MonitorSummary, 'consecutiveFailures' | 'failingSince' | 'streak' | 'streakSince'>;

/** The last-check fields for one outcome; the certificate only when the check saw one, so a stored one is kept otherwise. */
export function outcomeToLastCheck(o: CheckOutcome): LastCheck {
  return {
    lastCheckedAt: o.startedAt,
    lastLatencyMs: Math.round(o.latencyMs),
    lastStatusCode: o.statusCode,
    lastError: o.error,
    lastCause: o.cause,
    ...(o.tls ? { certExpiresAt: o.tls.validTo, certIssuer: o.tls.issuer } : {}),
  };
}

/** The last-check fields with the counts the monitor's state has after this check. */
export function outcomeToSummary(o: CheckOutcome, state: MonitorState): MonitorSummary {
  const { consecutiveFailures, failingSince, streak, streakSince } = state;
  return { ...outcomeToLastCheck(o), consecutiveFailures, failingSince, streak, streakSince };
}
