// Telegram Bot API: POST {base}/bot<token>/sendMessage with {chat_id, text, parse_mode: 'HTML'}.
// The token sits in the URL path, so it is passed as a secret: error messages show the origin
// only and any echo of the token is redacted. The base URL is the operator's
// (TELEGRAM_API_BASE_URL), so the request is a trusted one. A group's monitors that do not fit
// in Telegram's 4096 characters are counted.
import { z } from 'zod';
import type { ChannelProvider } from '../channel-types';
import { escapeHtml, eventIdText, fitItems, messageParts, moreLine, truncate, MORE_LINE_ROOM } from '../render-text';
import { postJson } from './post-json';
import { joinUrl, token } from './settings-fields';

const BOT_TOKEN = /^\d{3,20}:[A-Za-z0-9_-]{20,100}$/;
/** A numeric chat id (negative for groups and channels) or a public channel's @username. */
const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;

export const telegramSettingsSchema = z.strictObject({
  botToken: token(
    'Enter the bot token from @BotFather',
    BOT_TOKEN,
    'A bot token looks like 123456789:AAE-… (digits, a colon, then letters, digits, - and _)',
  ),
  chatId: z
    .union([z.number().int(), z.string()], { error: 'Enter the chat id (a number such as -1001234567890, or @channelname)' })
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(CHAT_ID, 'A chat id is a number such as -1001234567890, or @channelname')),
});
export type TelegramSettings = z.infer<typeof telegramSettingsSchema>;

/** Telegram's limit on a message's text, after entities are parsed. */
const MAX_TEXT = 4096;

export const telegramProvider: ChannelProvider<typeof telegramSettingsSchema> = {
  kind: 'telegram',
  label: 'Telegram',
  help: 'Create a bot with @BotFather, add it to the chat, and enter its token and the chat id.',
  settings: telegramSettingsSchema,
  secretFields: ['botToken'],
  urlFields: [],
  async send(settings, event, ctx) {
    const parts = messageParts(event);
    const head = [`<b>${escapeHtml(parts.title)}</b>`, escapeHtml(parts.lead), ...parts.notes.map((n) => `<i>${escapeHtml(n)}</i>`), ''];
    const ids = parts.eventIds.length > 1 ? ` and ${parts.eventIds.length - 1} more` : '';
    const tail = ['', `<a href="${escapeHtml(parts.link)}">${escapeHtml(parts.linkText)}</a>`, `${ids ? 'Event ids' : 'Event id'}: <code>${escapeHtml(parts.eventId)}</code>${ids}`];
    const facts = parts.facts.map(([k, v]) => `<b>${escapeHtml(k)}:</b> ${escapeHtml(truncate(v, 500))}`);
    // The limit counts the text after the markup is parsed; counting the markup too stays within it.
    const room = MAX_TEXT - [...head, ...tail].join('\n').length - MORE_LINE_ROOM;
    const { shown, hidden } = fitItems(facts, room, (l) => l.length);
    const text = [...head, ...shown, ...(hidden ? [escapeHtml(moreLine(hidden))] : []), ...tail].join('\n');
    const payload = {
      chat_id: settings.chatId,
      // Every part above is short and capped, so this only guards against a surprise.
      text: text.length > MAX_TEXT ? escapeHtml(truncate(`${parts.title}\n${parts.lead}\n${eventIdText(parts)}`, MAX_TEXT / 2)) : text,
      parse_mode: 'HTML',
      // Bot API 7.0 replaced disable_web_page_preview with this object.
      link_preview_options: { is_disabled: true },
    };
    const url = joinUrl(ctx.env.telegramApiBaseUrl, `bot${settings.botToken}/sendMessage`);
    return postJson(ctx, url, payload, { secrets: [settings.botToken], trusted: true });
  },
};
