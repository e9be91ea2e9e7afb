import 'server-only';
import * as monitors from '@/lib/data/monitors';
import { foreignChannelIds, setChannelsOfMonitors } from '@/lib/data/channels';
import { foreignTagIds, tagMonitors } from '@/lib/data/tags';
import { InvalidError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { MONITOR_KINDS, type MonitorType } from '@/lib/monitor-kinds';
import { workerCommands } from '@/lib/worker/command-port';
import { forgetPublicStatus } from '@/lib/status-pages/view-cache';
import type { BulkActionInput } from '@/lib/schemas/bulk';

// One action on many monitors (the dashboard's selection): every id must be the caller's (an
// unknown one is refused, naming it, and nothing changes), the change is one transaction, and
// the worker hears of each monitor it touched.

const PROBED_TYPES = (Object.keys(MONITOR_KINDS) as MonitorType[]).filter((t) => MONITOR_KINDS[t].probed);
const SIGNAL_BATCH = 100;

async function checkOwned(userId: string, ids: string[]): Promise<void> {
  const foreign = await monitors.foreignMonitorIds(userId, ids);
  if (foreign.length) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
    throw InvalidError.field(['monitorIds'], `Unknown monitor: ${shown}`, 'Request validation failed');
  }
}

/** Tells the worker, a batch at a time so ten thousand signals do not all leave at once. */
async function inBatches<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += SIGNAL_BATCH) await Promise.all(items.slice(i, i + SIGNAL_BATCH).map(fn));
}

export async function runBulkAction(userId: string, input: BulkActionInput): Promise<{ action: BulkActionInput['action']; affected: number }> {
  const ids = [...new Set(input.monitorIds)];
  await checkOwned(userId, ids);
  const { action } = input;
  switch (input.action) {
    case 'pause':
    case 'resume': {
      const budget = { maxPerSecond: getEnv().MAX_CHECKS_PER_SECOND_PER_USER, probedTypes: PROBED_TYPES };
      const changed = await monitors.setMonitorsActive(userId, ids, input.action === 'resume', budget);
      forgetPublicStatus();
      await inBatches(changed, (m) => workerCommands().monitorChanged(m));
      return { action, affected: changed.length };
    }
    case 'delete': {
      const deleted = await monitors.deleteMonitors(userId, ids);
      forgetPublicStatus();
      await inBatches(deleted, (id) => workerCommands().monitorRemoved(id));
      return { action, affected: deleted.length };
    }
    case 'addTag':
    case 'removeTag':
      if ((await foreignTagIds(userId, [input.tagId])).length) throw InvalidError.field(['tagId'], `Unknown tag: ${input.tagId}`, 'Request validation failed');
      return { action, affected: await tagMonitors(userId, ids, input.tagId, input.action === 'addTag') };
    case 'setChannels': {
      const foreign = await foreignChannelIds(userId, input.channelIds);
      if (foreign.length) throw InvalidError.field(['channelIds'], `Unknown channel: ${foreign.join(', ')}`, 'Request validation failed');
      return { action, affected: await setChannelsOfMonitors(userId, ids, input.channelIds) };
    }
  }
}
