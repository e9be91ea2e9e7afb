import { apiRoute, json } from '@/lib/api/handler';
import { signupSchema } from '@/lib/schemas/auth';
import { signup } from '@/lib/services/account';
import { clientAddress } from '@/lib/auth/client-address';
import { sessionCookie } from '@/lib/auth/session';
import { userDto } from '@/lib/dto';

export const POST = apiRoute({ auth: false, body: signupSchema }, async ({ req, body }) => {
  const s = await signup(body, clientAddress(req.headers));
  return json({ token: s.token, user: userDto(s.user) }, 201, { 'Set-Cookie': sessionCookie(s.token, s.expiresAt, req) });
});
