import type { Monitor } from '@/lib/generated/prisma/client';
import type { Probe } from '@/lib/checker/types';
import { rowToFields } from '@/lib/data/monitor-row';
import { monitorKind } from '@/lib/monitor-kinds';

/** What the check engine needs from a stored monitor, as its kind builds it; null for kinds that are never probed. */
export function monitorToProbe(m: Monitor): Probe | null {
  return monitorKind(m.type).toProbe(rowToFields(m));
}

/** A stable fingerprint of everything that decides when and how a monitor is checked. */
export function scheduleKey(m: Monitor): string {
  return JSON.stringify([monitorToProbe(m), m.type, m.intervalSeconds, m.active, m.retries, m.retryIntervalSeconds, m.graceSeconds]);
}

/** The host a monitor's checks go to, for the per-host cap; null when it contacts nothing. */
export function destinationHost(m: Monitor): string | null {
  const target = monitorKind(m.type).policyTarget(rowToFields(m));
  if (!target) return null;
  if (target.field === 'host') return target.host;
  try {
    return new URL(target.url).hostname;
  } catch {
    return null;
  }
}
