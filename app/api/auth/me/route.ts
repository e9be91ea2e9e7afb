import { apiRoute, json, noContent } from '@/lib/api/handler';
import { deleteAccountSchema } from '@/lib/schemas/auth';
import { deleteAccount } from '@/lib/services/account';
import { clearedSessionCookie } from '@/lib/auth/session';
import { userDto } from '@/lib/dto';

export const GET = apiRoute({ auth: true }, async ({ session }) => json({ user: userDto(session.user) }));

export const DELETE = apiRoute({ auth: true, allowApiKey: false, body: deleteAccountSchema }, async ({ req, session, body }) => {
  await deleteAccount(session.user.id, body.password);
  return noContent({ 'Set-Cookie': clearedSessionCookie(req) });
});
