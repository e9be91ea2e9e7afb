import { apiRoute, json } from '@/lib/api/handler';
import { loginSchema } from '@/lib/schemas/auth';
import { login } from '@/lib/services/account';
import { clientAddress } from '@/lib/auth/client-address';
import { sessionCookie } from '@/lib/auth/session';
import { userDto } from '@/lib/dto';

export const POST = apiRoute({ auth: false, body: loginSchema }, async ({ req, body }) => {
  const s = await login(body, clientAddress(req.headers));
  return json({ token: s.token, user: userDto(s.user) }, 200, { 'Set-Cookie': sessionCookie(s.token, s.expiresAt, req) });
});
