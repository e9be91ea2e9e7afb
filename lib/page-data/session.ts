import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { currentSession, requireSession } from '@/lib/auth/current-session';
import type { SessionUser } from '@/lib/data/users';

// Pages authenticate through here: the same token check the API does, run on the server
// for every render (cached per request so a layout and its page share one lookup).

/** The signed-in user, or a redirect to /login. */
export const requireUser = cache(async (): Promise<SessionUser> => (await requireSession()).user);

/** For /login and /signup: a signed-in visitor goes straight to the dashboard. */
export async function redirectIfSignedIn(): Promise<void> {
  if (await currentSession()) redirect('/');
}
