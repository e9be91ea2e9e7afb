// Field schemas the channel kinds share, with messages a form shows as they are: an http(s)
// URL parsed by the WHATWG parser only, a required trimmed string, a token of a known shape.
import { z } from 'zod';

export const MAX_SETTINGS_URL = 2048;

/** An absolute http(s) URL without credentials; `what` reads like "Enter the webhook URL from Slack". */
export function httpUrl(enterMessage: string) {
  return z
    .string({ error: enterMessage })
    .trim()
    .min(1, enterMessage)
    .max(MAX_SETTINGS_URL, `URL must be at most ${MAX_SETTINGS_URL} characters`)
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${enterMessage} (an absolute URL starting with https://)` });
        return;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        ctx.addIssue({ code: 'custom', message: 'Only http and https URLs can be used' });
      } else if (url.username || url.password) {
        ctx.addIssue({ code: 'custom', message: 'URLs with a user name or password are not allowed' });
      } else if (url.hash) {
        ctx.addIssue({ code: 'custom', message: 'Remove the #fragment from the URL' });
      }
    });
}

/** A required string, trimmed, with one message for missing, empty and wrong type. */
export function requiredText(enterMessage: string, max: number) {
  return z.string({ error: enterMessage }).trim().min(1, enterMessage).max(max, `Must be at most ${max} characters`);
}

/** A required string of a known shape (token, key), trimmed. */
export function token(enterMessage: string, pattern: RegExp, shapeMessage: string) {
  return z.string({ error: enterMessage }).trim().min(1, enterMessage).max(256, shapeMessage).regex(pattern, shapeMessage);
}

/** `${base}/path` without a doubled or missing slash, whatever the base ends with. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
