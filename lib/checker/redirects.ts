// Manual redirect following: which responses redirect, and what the next request looks like.
import { CheckFailure } from './causes';
import type { HttpMethod } from './types';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export interface HopRequest {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  /** Lower-case names of the headers the user marked secret (an API key, a token). */
  secretHeaders: readonly string[];
  body: string | null;
}

/**
 * Credentials are not handed to another origin, as browsers and fetch do: these, and every
 * header marked secret, since a custom header such as X-Api-Key is as much a credential.
 */
const CROSS_ORIGIN_DROPPED = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'transfer-encoding'];

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}

/**
 * The request to send after a redirect response. Throws CheckFailure for a missing/invalid
 * Location or a non-http(s) target; loop and limit checks are the caller's (it keeps the history).
 */
export function planRedirect(current: HopRequest, statusCode: number, location: string): HopRequest {
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    throw new CheckFailure('network_error', `Redirect to an invalid URL: ${location}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CheckFailure('network_error', `Redirect to unsupported scheme ${url.protocol} (${url.href})`);
  }
  url.hash = '';
  // 303 always, and 301/302 after a POST, become a body-less GET (HEAD stays HEAD).
  const toGet =
    current.method !== 'HEAD' && (statusCode === 303 || ((statusCode === 301 || statusCode === 302) && current.method === 'POST'));
  let headers = current.headers;
  // Another scheme, host or port is another origin; once dropped, a header stays dropped.
  if (url.origin !== current.url.origin) headers = withoutHeaders(headers, [...CROSS_ORIGIN_DROPPED, ...current.secretHeaders]);
  if (toGet) headers = withoutHeaders(headers, BODY_HEADERS);
  return { url, method: toGet ? 'GET' : current.method, headers, secretHeaders: current.secretHeaders, body: toGet ? null : current.body };
}
