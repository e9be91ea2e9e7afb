// How a provider request failed, in words safe to store and show: which failures are worth
// retrying (timeouts, 429, 5xx, network trouble) and which are not (bad credentials, unknown
// endpoint, refused address). Messages name the origin only, never a path, query or token.
import { ADDRESS_CLASS_LABELS, classifyAddress } from '@/lib/checker/address-policy';
import { BlockedTargetError } from '@/lib/checker/safe-lookup';
import { formatMs } from '@/lib/shared/durations';
import { DeliveryError } from './channel-types';

export const MAX_ERROR_CHARS = 300;
const MAX_DETAIL_CHARS = 120;
/** A Retry-After longer than this is treated as this: the delivery loop's own limits still apply. */
const MAX_RETRY_AFTER_MS = 6 * 3_600_000;

const TEMPORARY_STATUSES = new Set([408, 425, 429]);

/** Replaces every secret (and the request's path and query, which may hold a token) with [redacted]. */
export function createRedactor(url: URL | null, secrets: readonly string[] = []): (text: string) => string {
  const needles = [...secrets, url && url.pathname.length > 1 ? url.pathname : '', url?.search ?? '']
    .filter((s) => s.length >= 4)
    .sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((acc, needle) => acc.split(needle).join('[redacted]'), text);
}

export function clip(text: string, max = MAX_ERROR_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The service's own words from an error body: Telegram's description, Slack's text, `errors[0].message`... */
export function errorDetail(body: string): string {
  const text = body.trim();
  if (!text || text.startsWith('<')) return ''; // an HTML error page says nothing useful
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const errors = Array.isArray(json.errors) ? json.errors : [];
    const first = errors[0] as unknown;
    const candidates = [
      json.description,
      json.message,
      json.error,
      typeof first === 'string' ? first : (first as { message?: unknown } | undefined)?.message,
    ];
    const found = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
    return found ? clip(found, MAX_DETAIL_CHARS) : '';
  } catch {
    return clip(text, MAX_DETAIL_CHARS);
  }
}

/** Retry-After as seconds or an HTTP date; else a JSON `retry_after` (Telegram puts it in `parameters`). */
export function retryAfterMs(header: string | string[] | undefined, body: string, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  let ms: number | undefined;
  if (value && /^\d+$/.test(value.trim())) ms = Number(value.trim()) * 1000;
  else if (value && !Number.isNaN(Date.parse(value))) ms = Math.max(0, Date.parse(value) - now);
  else {
    try {
      const json = JSON.parse(body) as { retry_after?: unknown; parameters?: { retry_after?: unknown } };
      const seconds = json.parameters?.retry_after ?? json.retry_after;
      if (typeof seconds === 'number' && seconds >= 0) ms = seconds * 1000;
    } catch {
      // not JSON: no hint
    }
  }
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** null for a 2xx; else the DeliveryError this status means. */
export function statusFailure(
  status: number,
  origin: string,
  res: { headers: Record<string, string | string[] | undefined>; body: string },
  redact: (text: string) => string,
): DeliveryError | null {
  if (status >= 200 && status < 300) return null;
  const detail = errorDetail(res.body);
  const message = clip(redact(`${origin} answered HTTP ${status}${detail ? `: ${detail}` : ''}`));
  const temporary = TEMPORARY_STATUSES.has(status) || status >= 500 || status < 200;
  const wait = status === 429 || status === 503 ? retryAfterMs(res.headers['retry-after'], res.body) : undefined;
  return new DeliveryError(message, !temporary, status, wait);
}

/** Refused by the outbound policy: the class of address only, never the address it resolved to. */
export function refusedError(address: string | null): DeliveryError {
  const label = address ? ADDRESS_CLASS_LABELS[classifyAddress(address)] : ADDRESS_CLASS_LABELS.loopback;
  return new DeliveryError(`Refused: ${label}`, true);
}

const TLS_CODE = /^(ERR_TLS_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_SSL_)/;

/** A socket-level failure (or our deadline): temporary, except a refused address. */
export function networkFailure(err: unknown, url: URL, timeoutMs: number, redact: (text: string) => string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof BlockedTargetError) return refusedError(err.address);
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const origin = url.origin;
  let message: string;
  if (code === 'ETIMEDOUT_DEADLINE') message = `Timed out after ${formatMs(timeoutMs)} waiting for ${origin}`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') message = `Could not resolve ${url.hostname}`;
  else if (code === 'ECONNREFUSED') message = `Connection refused by ${origin}`;
  else if (code === 'ECONNRESET' || code === 'EPIPE') message = `Connection reset by ${origin}`;
  else if (TLS_CODE.test(code)) message = `TLS error with ${origin}: ${code}`;
  else message = `Request to ${origin} failed: ${code || (err instanceof Error ? err.message : String(err))}`;
  return new DeliveryError(clip(redact(message)), false);
}
