import type { Monitor, MonitorStatus } from '@/lib/generated/prisma/client';
import type { CheckOutcome } from '@/lib/checker/types';
import type { Transition } from '@/lib/domain/transition';
import { reminderDue } from '@/lib/domain/reminders';
import {
  findOpenIncident,
  noteIncidentError,
  recordCertificateAlert,
  recordReminder,
  recordStatusChange,
  type AlertContext,
} from '@/lib/data/monitor-state';
import type { AlertOutbox } from '@/lib/alerting/channel-types';
import { certificateAlertFor, type CertificateAlertDue } from '@/lib/domain/certificate-alerts';
import { isDatabaseBusy } from '@/lib/data/database';
import { OrderedWrites } from '@/lib/worker/ordered-writes';
import { monitorTarget } from '@/lib/monitor-kinds';
import { logger } from '@/lib/logger';
import { outcomeToLastCheck } from '@/lib/worker/check-row';

// The "alert" step of check -> store -> alert: persists status changes with their incidents
// and, in the same transaction, the alerts they owe (the outbox). These writes queue per
// monitor (OrderedWrites) instead of holding up the check, so a locked database delays them
// but never drops one, and no check waits for it. Sending is the delivery loop's job.

export interface StatusAlerts {
  /**
   * Queues what this result means for the monitor's state (`from`: its status before); resolves
   * once that is stored. `reason` overrides the check's cause and error for the event (a
   * DEGRADED monitor's slowness).
   */
  onResult(monitor: Monitor, t: Transition, outcome: CheckOutcome, from: MonitorStatus, reason?: EventReason): Promise<void>;
  settle(): Promise<void>;
  /** State writes not yet stored, and since when they wait for a busy database. */
  readonly backlog?: { pending: number; stalledSince: number | null };
}

/** Why a status changed, when the check alone does not say (it succeeded, but slowly). */
export interface EventReason {
  cause: string;
  error: string;
}

export class IncidentAlerts implements StatusAlerts {
  private readonly writes: OrderedWrites;

  constructor(
    private readonly outbox: AlertOutbox,
    private readonly now: () => Date = () => new Date(),
    isBusy: (err: unknown) => boolean = isDatabaseBusy,
    /** A status change found the monitor already moved on (another instance stored one first). */
    private readonly onStale: (monitorId: string) => void = () => undefined,
  ) {
    this.writes = new OrderedWrites({ isBusy });
  }

  get backlog() {
    return { pending: this.writes.pending, stalledSince: this.writes.stalledSince };
  }

  onResult(m: Monitor, t: Transition, outcome: CheckOutcome, from: MonitorStatus, reason?: EventReason): Promise<void> {
    const stored: Promise<void>[] = [];
    if (t.changed) stored.push(this.writes.run(m.id, 'status change', () => this.onStatusChange(m, t, outcome, from, reason)));
    // Only a real failure of a DOWN monitor says it is still down: a blocked check learnt
    // nothing, a suppressed one was not the target's, and a success is a recovery under way.
    else if (t.next.status === 'DOWN' && outcome.status === 'DOWN' && !t.suppressed) {
      stored.push(this.writes.run(m.id, 'still down', () => this.whileDown(m, outcome, t.maintenance)));
    }
    const due = certificateAlertFor(m, outcome.tls, this.now());
    if (due) {
      // The worker keeps this object between checks: remember the warning now, so the next
      // check does not queue it again while this one waits to be stored.
      if (due.kind === 'CERT_EXPIRED') m.certExpiredWarnedFor = due.validTo;
      else m.certWarnedFor = due.validTo;
      stored.push(this.writes.run(m.id, 'certificate warning', () => this.storeCertificateAlert(m, due)));
    }
    return Promise.all(stored).then(() => undefined);
  }

  async settle(): Promise<void> {
    await this.writes.settle();
  }

  private context(m: Monitor): AlertContext {
    return {
      monitorName: m.name,
      monitorTarget: monitorTarget(m),
      channelKindsFor: (kind) => this.outbox.channelKindsFor(kind),
      holdMs: (kind) => this.outbox.holdMs(kind),
    };
  }

  private written(deliveries: number): void {
    if (deliveries > 0) this.outbox.written();
  }

  private async onStatusChange(m: Monitor, t: Transition, outcome: CheckOutcome, from: MonitorStatus, reason?: EventReason): Promise<void> {
    const { applied, deliveries } = await recordStatusChange(
        {
          monitorId: m.id,
          from,
          state: t.next,
          // An outage starts at its first failed check, and ends at the first success of the run that confirmed the end.
          at: t.eventAt ?? outcome.startedAt,
          cause: reason?.cause ?? outcome.cause,
          error: reason?.error ?? outcome.error,
          // With its certificate: one rejected as expired is part of why it went DOWN.
          lastCheck: outcomeToLastCheck(outcome),
        },
        t.event,
        this.context(m),
      );
    if (!applied) {
      logger.info({ monitorId: m.id, from, to: t.next.status }, 'status already changed elsewhere; re-reading it instead of alerting again');
      this.onStale(m.id);
      return;
    }
    logger.info({ monitorId: m.id, status: t.next.status, cause: outcome.cause, deliveries }, 'monitor status changed');
    this.written(deliveries);
  }

  /** During maintenance the incident still notes its error, but no reminder goes out. */
  private async whileDown(m: Monitor, outcome: CheckOutcome, maintenance: boolean): Promise<void> {
    const incident = await findOpenIncident(m.id);
    if (!incident) return;
    if (incident.lastError !== outcome.error) await noteIncidentError(incident.id, outcome.error);
    if (maintenance) return;
    const now = this.now();
    const clock = { intervalMinutes: m.reminderIntervalMinutes, startedAt: incident.startedAt, lastReminderAt: incident.lastReminderAt };
    if (reminderDue(clock, now)) {
      this.written(await recordReminder(incident, now, { cause: outcome.cause, error: outcome.error }, this.context(m)));
    }
  }

  private async storeCertificateAlert(m: Monitor, due: CertificateAlertDue): Promise<void> {
    this.written(await recordCertificateAlert(m.id, due.kind, due.validTo, { at: this.now(), message: due.message }, this.context(m)));
  }
}
