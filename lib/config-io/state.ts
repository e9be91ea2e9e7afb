import 'server-only';
import { listMonitors } from '@/lib/data/monitors';
import { rowToFields } from '@/lib/data/monitor-row';
import { listTags, tagIdsByMonitor } from '@/lib/data/tags';
import { channelIdsByMonitor, defaultChannelIds, listChannels } from '@/lib/data/channels';
import { listStatusPages } from '@/lib/data/status-pages';
import { listMaintenance } from '@/lib/data/maintenance-windows';
import type { ImportState } from '@/lib/config-io/plan';

// The caller's configuration as the planner and the export read it: every item of the user,
// with its links, in creation order (tags by name), through the owner-scoped data functions.

export async function loadConfigState(userId: string): Promise<ImportState> {
  const [monitorRows, tags, channels, pages, windows, defaults] = await Promise.all([
    listMonitors(userId),
    listTags(userId),
    listChannels(userId),
    listStatusPages(userId),
    listMaintenance(userId),
    defaultChannelIds(userId),
  ]);
  const ids = monitorRows.map((m) => m.id);
  const [tagLinks, channelLinks] = await Promise.all([tagIdsByMonitor(ids), channelIdsByMonitor(ids)]);
  return {
    monitors: monitorRows.map((m) => ({ id: m.id, name: m.name, fields: rowToFields(m), tagIds: tagLinks.get(m.id) ?? [], channelIds: channelLinks.get(m.id) ?? [] })),
    tags: tags.map((t) => ({ id: t.id, name: t.name, color: t.color })),
    channels: channels.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      settings: (c.settings ?? {}) as Record<string, unknown>,
      enabled: c.enabled,
      isDefault: c.isDefault,
    })),
    statusPages: pages.map((p) => ({
      id: p.id,
      data: { slug: p.slug, title: p.title, description: p.description, logoUrl: p.logoUrl, footerText: p.footerText, published: p.published, customDomain: p.customDomain },
      sections: p.sections.map((s) => ({ name: s.name, monitors: s.monitors.map((e) => ({ monitorId: e.monitorId, displayName: e.displayName, showDetails: e.showDetails })) })),
    })),
    maintenanceWindows: windows.map((w) => ({
      id: w.id,
      data: { title: w.title, allMonitors: w.allMonitors, startsAt: w.startsAt, endsAt: w.endsAt, recurrence: (w.recurrence ?? null) as ImportState['maintenanceWindows'][number]['data']['recurrence'], timeZone: w.timeZone },
      monitorIds: w.monitors.map((m) => m.monitorId),
    })),
    defaultChannelIds: defaults,
  };
}
