import { NextResponse, type NextRequest } from 'next/server';
import { APP_SECURITY_HEADERS, CUSTOM_DOMAIN_PATHS } from '@/lib/security-headers';

// Two jobs, both cheap. First, custom domains: a request whose Host is a status page's custom
// domain gets that page at / (and its feed, JSON and unlock form beside it); the lookup is a
// function start-up installs on globalThis (lib/services/status-page-domains.ts), so this file
// loads no database code. Second, an early redirect to /login for visitors without a session
// cookie, to save a render. It only looks for the cookie; every page verifies the session
// itself on the server, so skipping or fooling this proxy reveals nothing.

const PUBLIC_PAGES = new Set(['/login', '/signup']);
/** Opened without a Pingboard session: confirmation links, public status pages, badges. */
const PUBLIC_PREFIXES = ['/channels/confirm/', '/status/', '/badge/'];
const SHARED_PATHS = new Set<string>(CUSTOM_DOMAIN_PATHS);

type CustomDomainLookup = (headers: Headers) => Promise<{ slug: string; host: string } | null>;
/** Tells the page which custom domain it is served at (lib/services/status-page-domains.ts). */
const STATUS_HOST_PARAM = 'pingboard_status_host';
const LOOKUP = Symbol.for('pingboard.customDomainLookup');

export async function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  const lookup = (globalThis as unknown as Record<symbol, CustomDomainLookup | undefined>)[LOOKUP];
  if (SHARED_PATHS.has(path)) {
    const mapped = lookup ? await lookup(req.headers).catch(() => null) : null;
    // The page's own headers (a stricter CSP) come from its route handler.
    if (mapped) {
      const target = new URL(`/status/${mapped.slug}${path === '/' ? '' : path}`, req.url);
      target.searchParams.set(STATUS_HOST_PARAM, mapped.host);
      return NextResponse.rewrite(target);
    }
  }
  const isPublic = PUBLIC_PAGES.has(path) || PUBLIC_PREFIXES.some((p) => path.startsWith(p));
  const res = !isPublic && !req.cookies.has('pingboard_session') ? NextResponse.redirect(new URL('/login', req.url)) : NextResponse.next();
  // next.config leaves these paths to us: the app's headers, as everywhere else.
  if (SHARED_PATHS.has(path)) for (const h of APP_SECURITY_HEADERS) res.headers.set(h.key, h.value);
  return res;
}

export const config = {
  // Not for the API, Next's assets and files, nor /metrics (Prometheus sends a bearer token, never a cookie).
  matcher: ['/((?!api/|_next/|metrics$|favicon\\.ico$|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)'],
};
