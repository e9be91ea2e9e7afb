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
import { MONITOR_KINDS, monitorKind, type MonitorType } from '@/lib/monitor-kinds';
import type { CheckBudget } from '@/lib/data/monitors';
import { getEnv } from '@/lib/env';
import { defaultChannelIds, foreignChannelIds, setMonitorChannels } from '@/lib/data/channels';
import { foreignTagIds, setMonitorTags } from '@/lib/data/tags';
import { toMonitorViews, type MonitorView } from '@/lib/services/monitor-views';
import { forgetPublicStatus } from '@/lib/status-pages/view-cache';

// Monitor changes as one step each: validate the whole monitor, write it, tell the worker.

/** Every rule a monitor's fields must pass to be written (the import checks a whole file with it before writing). */
export function validate(fields: MonitorFields, previous?: { headers: StoredHeader[]; fields: MonitorFields }): void {
  const previousHeaders = previous?.headers ?? [];
  const env = getEnv();
  const issues = monitorConfigIssues(fields, { minIntervalSeconds: env.MIN_INTERVAL_SECONDS });
  // A null value means "keep the stored one", which only exists for a header of the same name.
  fields.headers.forEach((h, i) => {
    if ((h.value === null || h.value === undefined) && !previousHeaders.some((p) => p.name.toLowerCase() === h.name.toLowerCase())) {
      issues.push({ code: 'custom', path: ['headers', i, 'value'], message: 'A value is required for a new header', input: undefined });
    }
  });
  const target = monitorKind(fields.type).policyTarget(fields);
  // An unchanged target is not judged again: a monitor saved before BLOCK_PRIVATE_TARGETS was
  // turned on (now BLOCKED) can still be paused, renamed or deleted.
  const before = previous ? monitorKind(previous.fields.type).policyTarget(previous.fields) : null;
  const unchanged = before !== null && target !== null && JSON.stringify(before) === JSON.stringify(target);
  if (target && !unchanged) {
    const policy = { blockPrivateTargets: env.BLOCK_PRIVATE_TARGETS };
    const verdict = target.field === 'url' ? checkUrlTargetAllowed(target.url, policy) : checkHostTargetAllowed(target.host, policy);
    if (!verdict.allowed) issues.push({ code: 'custom', path: [target.field], message: verdict.reason, input: undefined });
  }
  if (issues.length) {
    const fieldIssues: FieldIssue[] = issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, code: i.code }));
    throw new InvalidError('Request validation failed', fieldIssues);
  }
}

export const PROBED_TYPES = (Object.keys(MONITOR_KINDS) as MonitorType[]).filter((t) => MONITOR_KINDS[t].probed);

/** What this monitor adds to its owner's checks per second once written. */
function checkBudget(fields: MonitorFields): CheckBudget {
  const rate = fields.active && monitorKind(fields.type).probed ? 1 / fields.intervalSeconds : 0;
  return { maxPerSecond: getEnv().MAX_CHECKS_PER_SECOND_PER_USER, probedTypes: PROBED_TYPES, rate };
}

/** Only the caller's own channels may be attached; another user's id reads as unknown. */
async function checkChannelIds(userId: string, channelIds: string[] | undefined): Promise<void> {
  if (!channelIds?.length) return;
  const foreign = await foreignChannelIds(userId, channelIds);
  if (foreign.length) throw InvalidError.field(['channelIds'], `Unknown channel: ${foreign.join(', ')}`, 'Request validation failed');
}

/** Only the caller's own tags may be attached; another user's id reads as unknown. */
async function checkTagIds(userId: string, tagIds: string[] | undefined): Promise<void> {
  if (!tagIds?.length) return;
  const foreign = await foreignTagIds(userId, tagIds);
  if (foreign.length) throw InvalidError.field(['tagIds'], `Unknown tag: ${foreign.join(', ')}`, 'Request validation failed');
}

/** How deep a chain of dependencies may go: deeper is a configuration nobody means. */
export const MAX_PARENT_DEPTH = 10;

/** A parent must be one of the caller's monitors, not the monitor itself nor any monitor below it (no cycles). */
async function checkParent(userId: string, monitorId: string | null, parentId: string | null): Promise<void> {
  if (!parentId) return;
  const issue = (message: string) => InvalidError.field(['parentId'], message, 'Request validation failed');
  if (parentId === monitorId) throw issue('A monitor cannot be its own parent');
  const chain = await monitors.parentChain(userId, parentId, MAX_PARENT_DEPTH + 1);
  if (chain.unknown && chain.ids.length === 0) throw issue(`Unknown monitor: ${parentId}`);
  if (monitorId && chain.ids.includes(monitorId)) throw issue('That parent depends on this monitor: dependencies cannot form a cycle');
  if (chain.ids.length > MAX_PARENT_DEPTH) throw issue(`Dependencies may be at most ${MAX_PARENT_DEPTH} monitors deep`);
}

export async function createMonitorFor(userId: string, input: CreateMonitorInput): Promise<MonitorView> {
  const fields = withMonitorDefaults(input);
  validate(fields);
  await checkParent(userId, null, fields.parentId);
  await checkChannelIds(userId, input.channelIds);
  await checkTagIds(userId, input.tagIds);
  const channelIds = input.channelIds ?? (await defaultChannelIds(userId));
  const monitor = await monitors.createMonitor(userId, fields, getEnv().MAX_MONITORS_PER_USER, channelIds, checkBudget(fields));
  if (input.tagIds?.length) await setMonitorTags(monitor.id, input.tagIds);
  await workerCommands().monitorChanged(monitor);
  return (await toMonitorViews(userId, [monitor]))[0];
}

export async function updateMonitorFor(userId: string, id: string, patch: UpdateMonitorInput): Promise<MonitorView> {
  const current = await monitors.getMonitor(userId, id);
  const fields = mergeMonitorUpdate(rowToFields(current), patch);
  validate(fields, { headers: rowHeaders(current), fields: rowToFields(current) });
  if (patch.parentId !== undefined && patch.parentId !== current.parentId) await checkParent(userId, current.id, fields.parentId);
  await checkChannelIds(userId, patch.channelIds);
  await checkTagIds(userId, patch.tagIds);
  // Only a change that adds checks (a shorter interval, a resume) is held to the budget, so an
  // account over a lowered budget can still rename or pause its monitors.
  const adds = checkBudget(fields).rate > checkBudget(rowToFields(current)).rate;
  const monitor = await monitors.updateMonitor(userId, current, fields, adds ? checkBudget(fields) : undefined);
  if (patch.channelIds) await setMonitorChannels(monitor.id, patch.channelIds);
  if (patch.tagIds) await setMonitorTags(monitor.id, patch.tagIds);
  // Its badge may be off now, its name on a status page changed (other instances: on the monitor signal).
  forgetPublicStatus(monitor.id);
  await workerCommands().monitorChanged(monitor);
  return (await toMonitorViews(userId, [monitor]))[0];
}

export async function getMonitorFor(userId: string, id: string): Promise<MonitorView> {
  return (await toMonitorViews(userId, [await monitors.getMonitor(userId, id)]))[0];
}

export async function deleteMonitorFor(userId: string, id: string): Promise<void> {
  await monitors.deleteMonitor(userId, id);
  forgetPublicStatus(id);
  await workerCommands().monitorRemoved(id);
}

export async function checkMonitorNow(userId: string, id: string) {
  const monitor = await monitors.getMonitor(userId, id);
  return workerCommands().checkNow(monitor);
}
