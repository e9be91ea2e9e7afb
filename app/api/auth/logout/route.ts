import { apiRoute, noContent } from '@/lib/api/handler';
import { logout } from '@/lib/services/account';
import { clearedSessionCookie } from '@/lib/auth/session';

/** Revokes every token of the user (all devices) and clears the cookie; without a session it only clears the cookie. */
export const POST = apiRoute({ auth: false }, async ({ req, session }) => {
  if (session) await logout(session.user.id);
  return noContent({ 'Set-Cookie': clearedSessionCookie(req) });
});
