import 'server-only';
import { requireUser } from '@/lib/page-data/session';
import { listChannelsFor } from '@/lib/services/manage-channels';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import { CHANNEL_KINDS } from '@/lib/alerting/channel-types';
import type { ChannelDto } from '@/lib/dto/channels';
import type { ChannelChoice, ChannelKindInfo } from '@/lib/ui/channel-kinds';

// The pages' view of notification channels. Every loader starts with requireUser(); the
// kinds' labels and help lines come from the provider modules, which the browser never loads.

function kindInfos(): ChannelKindInfo[] {
  return CHANNEL_KINDS.map((kind) => ({ kind, label: CHANNEL_PROVIDERS[kind].label, help: CHANNEL_PROVIDERS[kind].help }));
}

export interface NotificationsPageData {
  channels: ChannelDto[];
  kinds: ChannelKindInfo[];
}

/** The Notifications page: the user's channels, and every kind the add form offers. */
export async function notificationsPage(): Promise<NotificationsPageData> {
  const user = await requireUser();
  return { channels: await listChannelsFor(user.id), kinds: kindInfos() };
}

/** The user's channels as the monitor form and the monitor page show them. */
export async function channelChoices(): Promise<ChannelChoice[]> {
  const user = await requireUser();
  return (await listChannelsFor(user.id)).map((c) => ({
    id: c.id,
    name: c.name,
    kind: c.kind,
    kindLabel: CHANNEL_PROVIDERS[c.kind].label,
    status: c.status,
    isDefault: c.isDefault,
  }));
}
