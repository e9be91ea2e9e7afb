import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { authenticate, type Session } from '@/lib/auth/session';

// For pages and server components: the same check the API does, from the request's own
// headers, so no page depends on the proxy having run.

export async function currentSession(): Promise<Session | null> {
  return authenticate(await headers());
}

/** The signed-in session, or a redirect to /login. */
export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session) redirect('/login');
  return session;
}
