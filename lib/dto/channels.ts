import type { ChannelRow } from '@/lib/data/channels';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import { maskSettings } from '@/lib/alerting/channel-settings';

// A channel as the API shows it: settings with every secret replaced by null, and a plain
// status saying whether it can deliver now.

export type ChannelStatus = 'ready' | 'disabled' | 'unconfirmed' | 'unavailable';

export function channelStatus(c: Pick<ChannelRow, 'kind' | 'enabled' | 'confirmedAt'>, emailAvailable: boolean): ChannelStatus {
  if (!c.enabled) return 'disabled';
  if (c.kind === 'email' && !emailAvailable) return 'unavailable';
  if (c.kind === 'email' && !c.confirmedAt) return 'unconfirmed';
  return 'ready';
}

export function channelDto(c: ChannelRow, emailAvailable: boolean) {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    settings: maskSettings(CHANNEL_PROVIDERS[c.kind], c.settings),
    enabled: c.enabled,
    isDefault: c.isDefault,
    confirmed: c.kind !== 'email' || c.confirmedAt !== null,
    status: channelStatus(c, emailAvailable),
    monitorCount: c._count.monitors,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ChannelDto = ReturnType<typeof channelDto>;
