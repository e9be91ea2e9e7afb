import { NextResponse, type NextRequest } from 'next/server';

// An early redirect for visitors without a session cookie, to save a render. It only looks
// for the cookie; every page verifies the session itself on the server (lib/ui/session.ts),
// so skipping or fooling this proxy reveals nothing.

const PUBLIC_PAGES = new Set(['/login', '/signup']);
/** Opened by whoever reads a confirmation email, usually without a Pingboard session. */
const PUBLIC_PREFIXES = ['/channels/confirm/'];

export function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  const isPublic = PUBLIC_PAGES.has(path) || PUBLIC_PREFIXES.some((p) => path.startsWith(p));
  if (!isPublic && !req.cookies.has('pingboard_session')) {
    return NextResponse.redirect(new URL('/login', req.url));
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon\\.ico$|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)'],
};
