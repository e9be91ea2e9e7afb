import 'server-only';
import type { z } from 'zod';
import * as channels from '@/lib/data/channels';
import { findUserById } from '@/lib/data/users';
import { InvalidError, type FieldIssue } from '@/lib/errors';
import { checkUrlTargetAllowed } from '@/lib/checker/address-policy';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import { getProviderContext } from '@/lib/alerting/provider-context';
import { mergeSettings } from '@/lib/alerting/channel-settings';
import { DeliveryError, type ChannelEvent, type ChannelKind } from '@/lib/alerting/channel-types';
import { sendConfirmationEmail } from '@/lib/alerting/confirm-email';
import { MAX_CHANNELS_PER_USER, type CreateChannelInput, type UpdateChannelInput } from '@/lib/schemas/channel';
import { getEnv } from '@/lib/env';
import { channelDto, type ChannelDto } from '@/lib/dto/channels';
import { randomToken, uuidv7 } from '@/lib/ids';
import { logger } from '@/lib/logger';

// Channel changes as one step each: validate the kind's settings, apply the outbound policy
// to user-supplied URLs, decide whether an email address must be confirmed, write.

type Settings = Record<string, unknown>;

/** A settings issue at its field's path; an unknown key is named by its own path, one issue per key. */
function settingsIssues(i: z.core.$ZodIssue): FieldIssue[] {
  const path = ['settings', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  if (i.code === 'unrecognized_keys') return i.keys.map((key) => ({ path: [...path, key], message: `Unknown setting "${key}"`, code: i.code }));
  return [{ path, message: i.message, code: i.code }];
}

/** A kind's settings as they will be stored, or every problem at its path (the import checks a whole file with it before writing). */
export function validSettings(kind: ChannelKind, raw: Settings): Settings {
  const provider = CHANNEL_PROVIDERS[kind];
  const parsed = provider.settings.safeParse(raw);
  const issues: FieldIssue[] = parsed.success ? [] : parsed.error.issues.flatMap(settingsIssues);
  const value = (parsed.success ? parsed.data : raw) as Settings;
  for (const field of provider.urlFields) {
    const url = value[field];
    if (typeof url !== 'string' || issues.some((i) => i.path[1] === field)) continue;
    const verdict = checkUrlTargetAllowed(url, { blockPrivateTargets: getEnv().BLOCK_PRIVATE_TARGETS });
    if (!verdict.allowed) issues.push({ path: ['settings', field], message: verdict.reason, code: 'custom' });
  }
  if (issues.length) throw new InvalidError('Request validation failed', issues);
  return value;
}

/** Email to the account's own address works at once; any other address waits for its confirmation link. */
export async function confirmation(userId: string, kind: ChannelKind, settings: Settings) {
  if (kind !== 'email') return { confirmedAt: null, confirmToken: null };
  const user = await findUserById(userId);
  if (user && String(settings.address).toLowerCase() === user.email) return { confirmedAt: new Date(), confirmToken: null };
  return { confirmedAt: null, confirmToken: randomToken(24) };
}

async function mailConfirmation(channel: channels.ChannelRow): Promise<void> {
  if (!channel.confirmToken) return;
  const address = String((channel.settings as Settings).address);
  await sendConfirmationEmail(address, channel.confirmToken).catch((err: unknown) =>
    logger.warn({ channelId: channel.id, error: err instanceof Error ? err.message : String(err) }, 'could not send the address confirmation email'),
  );
}

/** Whether this server can send email at all (SMTP or SendGrid configured). */
export function emailAvailable(): boolean {
  return getProviderContext().mailer.transport !== null;
}

function toDto(row: channels.ChannelRow): ChannelDto {
  return channelDto(row, emailAvailable());
}

export async function listChannelsFor(userId: string): Promise<ChannelDto[]> {
  return (await channels.listChannels(userId)).map(toDto);
}

export async function getChannelFor(userId: string, id: string): Promise<ChannelDto> {
  return toDto(await channels.getChannel(userId, id));
}

export async function createChannelFor(userId: string, input: CreateChannelInput): Promise<ChannelDto> {
  const settings = validSettings(input.kind, input.settings);
  const row = await channels.createChannel(
    userId,
    {
      kind: input.kind,
      name: input.name,
      settings: settings as channels.ChannelData['settings'],
      enabled: input.enabled ?? true,
      isDefault: input.isDefault ?? false,
      ...(await confirmation(userId, input.kind, settings)),
    },
    MAX_CHANNELS_PER_USER,
  );
  await mailConfirmation(row);
  return toDto(row);
}

export async function updateChannelFor(userId: string, id: string, patch: UpdateChannelInput): Promise<ChannelDto> {
  const current = await channels.getChannel(userId, id);
  if (patch.kind !== undefined && patch.kind !== current.kind) {
    throw InvalidError.field(['kind'], 'The kind of a channel cannot be changed; create a new channel instead');
  }
  const data: Partial<channels.ChannelData> = {};
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.enabled !== undefined) data.enabled = patch.enabled;
  if (patch.isDefault !== undefined) data.isDefault = patch.isDefault;
  if (patch.settings !== undefined) {
    const provider = CHANNEL_PROVIDERS[current.kind];
    const input = provider.normalizeInput ? provider.normalizeInput(patch.settings) : patch.settings;
    const settings = validSettings(current.kind, mergeSettings(provider, current.settings, input));
    data.settings = settings as channels.ChannelData['settings'];
    const before = current.settings as Settings;
    if (current.kind === 'email' && String(before.address).toLowerCase() !== String(settings.address).toLowerCase()) {
      Object.assign(data, await confirmation(userId, 'email', settings));
    }
  }
  const row = await channels.updateChannel(userId, id, data);
  if (data.confirmToken) await mailConfirmation(row);
  return toDto(row);
}

export async function deleteChannelFor(userId: string, id: string): Promise<void> {
  await channels.deleteChannel(userId, id);
}

export interface TestResult {
  ok: boolean;
  providerStatus?: number;
  error?: string;
}

/** Sends a clearly marked test message at once, outside the outbox; the answer says what the provider said. */
export async function testChannel(userId: string, id: string): Promise<TestResult> {
  const channel = await channels.getChannel(userId, id);
  if (channel.kind === 'email' && !channel.confirmedAt) {
    return { ok: false, error: 'This address is not confirmed yet: open the link sent to it first' };
  }
  const provider = CHANNEL_PROVIDERS[channel.kind];
  const settings = provider.settings.safeParse(channel.settings);
  if (!settings.success) return { ok: false, error: 'The stored settings are invalid; edit the channel' };
  const ctx = getProviderContext();
  const now = new Date();
  const event: ChannelEvent = {
    eventId: uuidv7(now.getTime()),
    kind: 'DOWN',
    at: now,
    monitor: { id: 'test', name: 'Pingboard test', target: 'https://example.com', link: `${ctx.env.appUrl}/notifications` },
    incidentId: null,
    cause: null,
    error: 'This is a test message; nothing is down.',
    downtimeMs: null,
    certExpiresAt: null,
    test: true,
  };
  try {
    const result = await provider.send(settings.data, event, ctx);
    return { ok: true, ...(result.providerStatus !== undefined ? { providerStatus: result.providerStatus } : {}) };
  } catch (err) {
    const e = err instanceof DeliveryError ? err : null;
    return { ok: false, error: e ? e.message : 'The test message could not be sent', ...(e?.providerStatus !== undefined ? { providerStatus: e.providerStatus } : {}) };
  }
}

/** Whether a confirmation link still confirms something (opened, not yet used). */
export async function confirmationPending(token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return false;
  return (await channels.findChannelByToken(token)) !== null;
}

/** A confirmation link was opened (and its button pressed): the address may now receive alerts. */
export async function confirmEmailChannel(token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return false;
  return (await channels.confirmChannelByToken(token, new Date())) !== null;
}
