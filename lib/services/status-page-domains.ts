import 'server-only';
import { customDomains } from '@/lib/data/public-status';
import { getEnv } from '@/lib/env';
import { cached } from '@/lib/status-pages/view-cache';

// Custom domains: a request whose Host is a published page's custom domain gets that page at /.
// Host is what the client connected for; X-Forwarded-Host counts only behind a proxy the
// operator declared (TRUST_PROXY), as X-Forwarded-For does for addresses. The proxy (proxy.ts)
// asks through a function start-up puts on globalThis, so it loads no database code itself.

const DOMAINS_TTL_MS = 5_000;
const LOOKUP = Symbol.for('pingboard.customDomainLookup');

export type CustomDomainLookup = (headers: Headers) => Promise<{ slug: string; host: string } | null>;

/** The host name a request was made for: lower-case, without port. */
export function requestHost(headers: Headers): string | null {
  const forwarded = getEnv().TRUST_PROXY ? headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  const host = forwarded || headers.get('host');
  if (!host) return null;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name.toLowerCase() || null;
}

/**
 * Added by the proxy to a request it rewrote from a custom domain to its page: the host it came
 * for, so the page links to itself there. (A query parameter: a request header set by the proxy
 * does not survive Next's rewrite when the server binds a host name.) The page believes it only
 * when that host really is its custom domain, so a client sending it gains nothing.
 */
export const STATUS_HOST_PARAM = 'pingboard_status_host';

/** The slug of the page served at this host, or null (the app itself). */
export async function slugForHost(host: string | null): Promise<string | null> {
  if (!host || host === new URL(getEnv().APP_URL).hostname.toLowerCase()) return null;
  const domains = await cached('custom-domains', DOMAINS_TTL_MS, customDomains);
  return domains.get(host) ?? null;
}

/** The slug of the page served at this request's host, or null (the app itself). */
export function slugForRequest(headers: Headers): Promise<{ slug: string; host: string } | null> {
  const host = requestHost(headers);
  return slugForHost(host).then((slug) => (slug && host ? { slug, host } : null));
}

export function installCustomDomainLookup(): void {
  (globalThis as unknown as Record<symbol, CustomDomainLookup>)[LOOKUP] = slugForRequest;
}
