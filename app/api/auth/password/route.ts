import { apiRoute, json } from '@/lib/api/handler';
import { changePasswordSchema } from '@/lib/schemas/auth';
import { changePassword } from '@/lib/services/account';
import { sessionCookie } from '@/lib/auth/session';
import { userDto } from '@/lib/dto';

export const POST = apiRoute({ auth: true, allowApiKey: false, body: changePasswordSchema }, async ({ req, session, body }) => {
  const s = await changePassword(session.user.id, body);
  return json({ token: s.token, user: userDto(s.user) }, 200, { 'Set-Cookie': sessionCookie(s.token, s.expiresAt, req) });
});
