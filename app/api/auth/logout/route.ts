import { apiRoute, noContent } from '@/lib/api/handler';
import { logout } from '@/lib/services/account';
import { clearedSessionCookie } from '@/lib/auth/session';

/**
 * Revokes every login token of the user (all devices) and clears the cookie; without a session
 * it only clears the cookie. API keys stay valid, and cannot log the account out (403).
 */
export const POST = apiRoute({ auth: false, allowApiKey: false }, async ({ req, session }) => {
  if (session) await logout(session.user.id);
  return noContent({ 'Set-Cookie': clearedSessionCookie(req) });
});
