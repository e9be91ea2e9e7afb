import { z } from 'zod';
import type { Monitor } from '@/lib/generated/prisma/client';
import { ApiError } from '@/lib/api/errors';
import * as monitors from '@/lib/data/monitors';
import { rowHeaders, rowToFields, type StoredHeader } from '@/lib/data/monitor-row';
import {
  mergeMonitorUpdate,
  monitorConfigIssues,
  withMonitorDefaults,
  type CreateMonitorInput,
  type MonitorFields,
  type UpdateMonitorInput,
} from '@/lib/schemas/monitor';
import { checkHostTargetAllowed, checkUrlTargetAllowed } from '@/lib/checker/address-policy';
import { getWorker } from '@/lib/worker/instance';
import { getEnv } from '@/lib/env';

// Monitor changes as one step each: validate the whole monitor, write it, tell the worker.

function validate(fields: MonitorFields, previousHeaders: StoredHeader[] = []): void {
  const env = getEnv();
  const issues = monitorConfigIssues(fields, { minIntervalSeconds: env.MIN_INTERVAL_SECONDS });
  // A null value means "keep the stored one", which only exists for a header of the same name.
  fields.headers.forEach((h, i) => {
    if ((h.value === null || h.value === undefined) && !previousHeaders.some((p) => p.name.toLowerCase() === h.name.toLowerCase())) {
      issues.push({ code: 'custom', path: ['headers', i, 'value'], message: 'A value is required for a new header', input: undefined });
    }
  });
  if (fields.type === 'http' && fields.url) {
    const verdict = checkUrlTargetAllowed(fields.url, { blockPrivateTargets: env.BLOCK_PRIVATE_TARGETS });
    if (!verdict.allowed) issues.push({ code: 'custom', path: ['url'], message: verdict.reason, input: undefined });
  }
  if (fields.type === 'tcp' && fields.host) {
    const verdict = checkHostTargetAllowed(fields.host, { blockPrivateTargets: env.BLOCK_PRIVATE_TARGETS });
    if (!verdict.allowed) issues.push({ code: 'custom', path: ['host'], message: verdict.reason, input: undefined });
  }
  if (issues.length) throw ApiError.validation(new z.ZodError(issues));
}

export async function createMonitorFor(userId: string, input: CreateMonitorInput): Promise<Monitor> {
  const fields = withMonitorDefaults(input);
  validate(fields);
  const monitor = await monitors.createMonitor(userId, fields, getEnv().MAX_MONITORS_PER_USER);
  getWorker()?.sync(monitor);
  return monitor;
}

export async function updateMonitorFor(userId: string, id: string, patch: UpdateMonitorInput): Promise<Monitor> {
  const current = await monitors.getMonitor(userId, id);
  const fields = mergeMonitorUpdate(rowToFields(current), patch);
  validate(fields, rowHeaders(current));
  const monitor = await monitors.updateMonitor(userId, current, fields);
  getWorker()?.sync(monitor);
  return monitor;
}

export async function deleteMonitorFor(userId: string, id: string): Promise<void> {
  await monitors.deleteMonitor(userId, id);
  getWorker()?.remove(id);
}

export async function checkMonitorNow(userId: string, id: string) {
  const monitor = await monitors.getMonitor(userId, id);
  const worker = getWorker();
  if (!worker) throw new ApiError('unavailable', 'The monitor worker is not running');
  const run = await worker.checkNow(monitor);
  await run.written;
  return run.row;
}
