import type { Monitor } from '@/lib/generated/prisma/client';
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
import { certificateAlertFor } from '@/lib/domain/certificate-alerts';
import { monitorTarget } from '@/lib/monitor-kinds';
import { logger } from '@/lib/logger';
import { retryWithBackoff } from '@/lib/shared/retry';
import { outcomeToLastCheck } from '@/lib/worker/check-row';

// The "alert" step of check -> store -> alert: persists status changes with their incidents
// and, in the same transaction, the alerts they owe (the outbox). Sending is the delivery
// loop's job, so no check ever waits for a provider.

export interface StatusAlerts {
  onResult(monitor: Monitor, t: Transition, outcome: CheckOutcome): Promise<void>;
  settle(): Promise<void>;
}

/** A status change is worth waiting for: five tries over about three seconds. */
function withRetry<T>(what: string, fn: () => Promise<T>): Promise<T> {
  return retryWithBackoff(fn, {
    attempts: 5,
    baseDelayMs: 200,
    onRetry: (err, attempt) => logger.warn({ err, attempt, what }, 'database write failed; retrying'),
  });
}

export class IncidentAlerts implements StatusAlerts {
  constructor(
    private readonly outbox: AlertOutbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async onResult(m: Monitor, t: Transition, outcome: CheckOutcome): Promise<void> {
    try {
      if (t.changed) await this.onStatusChange(m, t, outcome);
      else if (t.next.status === 'DOWN') await this.whileDown(m, outcome);
      await this.checkCertificate(m, outcome);
    } catch (err) {
      logger.error({ err, monitorId: m.id }, 'applying a check result failed');
    }
  }

  /** Every alert is in the database before onResult resolves; nothing is left in flight here. */
  async settle(): Promise<void> {}

  private context(m: Monitor): AlertContext {
    return { monitorName: m.name, monitorTarget: monitorTarget(m), channelKindsFor: (kind) => this.outbox.channelKindsFor(kind) };
  }

  private written(deliveries: number): void {
    if (deliveries > 0) this.outbox.written();
  }

  private async onStatusChange(m: Monitor, t: Transition, outcome: CheckOutcome): Promise<void> {
    const at = outcome.startedAt;
    const { deliveries } = await withRetry('status change', () =>
      recordStatusChange(
        {
          monitorId: m.id,
          status: t.next.status,
          at,
          consecutiveFailures: t.next.consecutiveFailures,
          cause: outcome.cause,
          error: outcome.error,
          // With its certificate: one rejected as expired is part of why it went DOWN.
          lastCheck: outcomeToLastCheck(outcome),
        },
        t.event,
        this.context(m),
      ),
    );
    logger.info({ monitorId: m.id, status: t.next.status, cause: outcome.cause, deliveries }, 'monitor status changed');
    this.written(deliveries);
  }

  private async whileDown(m: Monitor, outcome: CheckOutcome): Promise<void> {
    const incident = await findOpenIncident(m.id);
    if (!incident) return;
    if (incident.lastError !== outcome.error) await noteIncidentError(incident.id, outcome.error);
    const now = this.now();
    const clock = { intervalMinutes: m.reminderIntervalMinutes, startedAt: incident.startedAt, lastReminderAt: incident.lastReminderAt };
    if (reminderDue(clock, now)) {
      this.written(await recordReminder(incident, now, { cause: outcome.cause, error: outcome.error }, this.context(m)));
    }
  }

  private async checkCertificate(m: Monitor, outcome: CheckOutcome): Promise<void> {
    const due = certificateAlertFor(m, outcome.tls, this.now());
    if (!due) return;
    const deliveries = await recordCertificateAlert(m.id, due.kind, due.validTo, { at: this.now(), message: due.message }, this.context(m));
    // The worker keeps this object between checks; remember the alert without a reload.
    if (due.kind === 'CERT_EXPIRED') m.certExpiredWarnedFor = due.validTo;
    else m.certWarnedFor = due.validTo;
    this.written(deliveries);
  }
}
