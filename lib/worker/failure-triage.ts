import type { Monitor } from '@/lib/generated/prisma/client';
import type { CheckOutcome } from '@/lib/checker/types';
import type { Suppression } from '@/lib/domain/transition';
import { logger } from '@/lib/logger';

// Whether a failed check says anything about its target. Two things make checks fail without
// the target being at fault: Pingboard's own network (every connectivity canary fails too), and
// a monitor's parent being down (the child's failure follows from it). Such a failure is stored
// with that cause and changes nothing, so neither raises a storm of false alarms.

export interface TriageDeps {
  /** The connectivity guard; unset or disabled: never offline. */
  connectivity?: { readonly enabled: boolean; isOffline(): Promise<boolean> } | null;
  /** The parent's row as stored now (its status may have been stored by another instance). */
  loadParent(id: string): Promise<Pick<Monitor, 'id' | 'name' | 'status' | 'active'> | null>;
  /** Checks the parent now; true when that check fails. Unset, or null for a parent that cannot be probed: its stored status alone decides. */
  parentFailsNow?(parentId: string): Promise<boolean | null>;
  /** How long one parent check answers for all its children. */
  parentCheckTtlMs?: number;
}

export interface Triage {
  suppressed: Suppression;
  /** Stored as the check's error: what happened, then what the check itself saw. */
  error: string;
}

const DEFAULT_PARENT_TTL_MS = 2000;

export class FailureTriage {
  /** One check of a parent answers for all its children failing at the same time. */
  private readonly parentChecks = new Map<string, { at: number; failing: Promise<boolean | null> }>();

  constructor(private readonly deps: TriageDeps) {}

  /**
   * For a failed check: `confirming` says the failure would raise DOWN, so a parent not yet
   * known to be down is checked now (its own schedule may not have reached the outage yet;
   * this is what lets a parent and its children going down together raise one alert).
   */
  async triage(m: Pick<Monitor, 'id' | 'parentId'>, outcome: CheckOutcome, confirming: boolean): Promise<Triage | null> {
    if (outcome.status !== 'DOWN') return null;
    const seen = outcome.error ? `; the check saw: ${outcome.error}` : '';
    try {
      const guard = this.deps.connectivity;
      if (guard?.enabled && (await guard.isOffline())) {
        return { suppressed: 'probe_offline', error: `Pingboard cannot reach the network (every connectivity canary failed)${seen}` };
      }
      if (!m.parentId) return null;
      const parent = await this.deps.loadParent(m.parentId);
      if (!parent || !parent.active) return null;
      const down = parent.status === 'DOWN' || (confirming && (await this.parentFailsNow(parent.id)) === true);
      return down ? { suppressed: 'parent_down', error: `Parent ${parent.name} is down${seen}` } : null;
    } catch (err) {
      // Unsure: the failure counts as the target's, which is what it would be without a guard.
      logger.warn({ err, monitorId: m.id }, 'could not tell whether a failure was the network or a parent; counting it');
      return null;
    }
  }

  private parentFailsNow(parentId: string): Promise<boolean | null> {
    const check = this.deps.parentFailsNow;
    if (!check) return Promise.resolve(null);
    const now = Date.now();
    const cached = this.parentChecks.get(parentId);
    if (cached && now - cached.at < (this.deps.parentCheckTtlMs ?? DEFAULT_PARENT_TTL_MS)) return cached.failing;
    const failing = check(parentId).catch((err: unknown) => {
      logger.warn({ err, monitorId: parentId }, 'checking a parent monitor failed');
      return null;
    });
    this.parentChecks.set(parentId, { at: now, failing });
    if (this.parentChecks.size > 1000) for (const [id, c] of this.parentChecks) if (now - c.at > 60_000) this.parentChecks.delete(id);
    return failing;
  }
}
