import { NextResponse, type NextRequest } from 'next/server';

// Two jobs, both cheap. First, custom domains: a request whose Host is a status page's custom
// domain gets that page at / (and its feed, JSON and unlock form beside it); the lookup is a
// function start-up installs on globalThis (lib/status-pages/custom-domains.ts), so this file
// loads no database code. Second, an early redirect to /login for visitors without a session
// cookie, to save a render. It only looks for the cookie; every page verifies the session
// itself on the server, so skipping or fooling this proxy reveals nothing.

const PUBLIC_PAGES = new Set(['/login', '/signup']);
/** Opened without a Pingboard session: confirmation links, public status pages, badges. */
const PUBLIC_PREFIXES = ['/channels/confirm/', '/status/', '/badge/'];
/** What a custom domain serves, mapped to the page's own paths. */
const STATUS_PATHS: Record<string, string> = { '/': '', '/summary.json': '/summary.json', '/feed.atom': '/feed.atom', '/unlock': '/unlock' };

type CustomDomainLookup = (headers: Headers) => Promise<string | null>;
const LOOKUP = Symbol.for('pingboard.customDomainLookup');

export async function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  const lookup = (globalThis as unknown as Record<symbol, CustomDomainLookup | undefined>)[LOOKUP];
  if (lookup && path in STATUS_PATHS) {
    const slug = await lookup(req.headers).catch(() => null);
    if (slug) return NextResponse.rewrite(new URL(`/status/${slug}${STATUS_PATHS[path]}`, req.url));
  }
  const isPublic = PUBLIC_PAGES.has(path) || PUBLIC_PREFIXES.some((p) => path.startsWith(p));
  if (!isPublic && !req.cookies.has('pingboard_session')) {
    return NextResponse.redirect(new URL('/login', req.url));
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon\\.ico$|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)'],
};
