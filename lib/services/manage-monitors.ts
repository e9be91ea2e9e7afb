import 'server-only';
import type { Monitor } from '@/lib/generated/prisma/client';
import { InvalidError, type FieldIssue } from '@/lib/errors';
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
import { workerCommands } from '@/lib/worker/command-port';
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
  if (issues.length) {
    const fieldIssues: FieldIssue[] = issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, code: i.code }));
    throw new InvalidError('Request validation failed', fieldIssues);
  }
}

export async function createMonitorFor(userId: string, input: CreateMonitorInput): Promise<Monitor> {
  const fields = withMonitorDefaults(input);
  validate(fields);
  const monitor = await monitors.createMonitor(userId, fields, getEnv().MAX_MONITORS_PER_USER);
  await workerCommands().monitorChanged(monitor);
  return monitor;
}

export async function updateMonitorFor(userId: string, id: string, patch: UpdateMonitorInput): Promise<Monitor> {
  const current = await monitors.getMonitor(userId, id);
  const fields = mergeMonitorUpdate(rowToFields(current), patch);
  validate(fields, rowHeaders(current));
  const monitor = await monitors.updateMonitor(userId, current, fields);
  await workerCommands().monitorChanged(monitor);
  return monitor;
}

export async function deleteMonitorFor(userId: string, id: string): Promise<void> {
  await monitors.deleteMonitor(userId, id);
  await workerCommands().monitorRemoved(id);
}

export async function checkMonitorNow(userId: string, id: string) {
  const monitor = await monitors.getMonitor(userId, id);
  return workerCommands().checkNow(monitor);
}
