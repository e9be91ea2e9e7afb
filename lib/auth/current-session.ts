import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { authenticate, type Session } from '@/lib/auth/session';

// For pages and server components: the same check the API does, from the request's own
// headers, so no page depends on the proxy having run.

/** Pages are for browsers, which sign in with the cookie; a Bearer token only opens the API. */
export async function currentSession(): Promise<Session | null> {
  const cookieOnly = new Headers(await headers());
  cookieOnly.delete('authorization');
  return authenticate(cookieOnly);
}

/** The signed-in session, or a redirect to /login. */
export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session) redirect('/login');
  return session;
}
