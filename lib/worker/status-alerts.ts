import type { Monitor } from '@/lib/generated/prisma/client';
import type { CheckOutcome } from '@/lib/checker/types';
import type { Transition } from '@/lib/domain/transition';
import { reminderDue } from '@/lib/domain/reminders';
import type { AlertEvent, AlertKind } from '@/lib/alerting/types';
import {
  findOpenIncident,
  markCertificateAlerted,
  markReminderSent,
  noteIncidentError,
  ownerEmail,
  recordStatusChange,
} from '@/lib/data/monitor-state';
import { certificateAlertFor } from '@/lib/domain/certificate-alerts';
import { monitorTarget } from '@/lib/monitor-kinds';
import { logger } from '@/lib/logger';
import { retryWithBackoff } from '@/lib/shared/retry';
import { outcomeToLastCheck } from '@/lib/worker/check-row';

// The "alert" step of check -> store -> alert: persists status changes with their
// incidents (awaited, so a restart resumes from them) and hands alerts to the dispatcher
// without waiting for the email to go out.

export interface StatusAlerts {
  onResult(monitor: Monitor, t: Transition, outcome: CheckOutcome): Promise<void>;
  settle(): Promise<void>;
}

type Dispatch = (event: AlertEvent) => Promise<void>;

/** A status change is worth waiting for: five tries over about three seconds. */
function withRetry<T>(what: string, fn: () => Promise<T>): Promise<T> {
  return retryWithBackoff(fn, {
    attempts: 5,
    baseDelayMs: 200,
    onRetry: (err, attempt) => logger.warn({ err, attempt, what }, 'database write failed; retrying'),
  });
}

export class IncidentAlerts implements StatusAlerts {
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly dispatch: Dispatch,
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

  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async onStatusChange(m: Monitor, t: Transition, outcome: CheckOutcome): Promise<void> {
    const at = outcome.startedAt;
    const incident = await withRetry('status change', () =>
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
      ),
    );
    logger.info({ monitorId: m.id, status: t.next.status, cause: outcome.cause }, 'monitor status changed');
    if (t.event === 'DOWN' && incident) {
      this.send(m, 'DOWN', incident.id, { cause: outcome.cause, error: outcome.error, at });
    } else if (t.event === 'UP' && incident) {
      this.send(m, 'UP', incident.id, {
        cause: incident.cause,
        error: incident.lastError,
        at,
        downtimeMs: at.getTime() - incident.startedAt.getTime(),
      });
    }
  }

  private async whileDown(m: Monitor, outcome: CheckOutcome): Promise<void> {
    const incident = await findOpenIncident(m.id);
    if (!incident) return;
    if (incident.lastError !== outcome.error) await noteIncidentError(incident.id, outcome.error);
    const now = this.now();
    const clock = { intervalMinutes: m.reminderIntervalMinutes, startedAt: incident.startedAt, lastReminderAt: incident.lastReminderAt };
    if (reminderDue(clock, now)) {
      await markReminderSent(incident.id, now);
      this.send(m, 'REMINDER', incident.id, {
        cause: outcome.cause,
        error: outcome.error,
        at: now,
        downtimeMs: now.getTime() - incident.startedAt.getTime(),
      });
    }
  }

  private async checkCertificate(m: Monitor, outcome: CheckOutcome): Promise<void> {
    const due = certificateAlertFor(m, outcome.tls, this.now());
    if (!due) return;
    await markCertificateAlerted(m.id, due.kind, due.validTo);
    // The worker keeps this object between checks; remember the alert without a reload.
    if (due.kind === 'CERT_EXPIRED') m.certExpiredWarnedFor = due.validTo;
    else m.certWarnedFor = due.validTo;
    this.send(m, due.kind, null, { cause: 'tls_error', error: due.message, at: this.now(), certExpiresAt: due.validTo });
  }

  private send(
    m: Monitor,
    kind: AlertKind,
    incidentId: string | null,
    details: { cause: string | null; error: string | null; at: Date; downtimeMs?: number; certExpiresAt?: Date },
  ): void {
    const task = (async () => {
      const recipient = await ownerEmail(m.id);
      if (!recipient) return;
      await this.dispatch({
        kind,
        monitorId: m.id,
        incidentId,
        monitor: { id: m.id, name: m.name, target: monitorTarget(m) },
        recipient,
        at: details.at,
        cause: details.cause,
        error: details.error,
        downtimeMs: details.downtimeMs ?? null,
        certExpiresAt: details.certExpiresAt ?? null,
      });
    })().catch((err) => logger.error({ err, monitorId: m.id, kind }, 'alert dispatch failed'));
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }
}
