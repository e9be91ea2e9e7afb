import { apiRoute, json } from '@/lib/api/handler';
import { checkMonitorNow } from '@/lib/services/manage-monitors';
import { checkDto } from '@/lib/dto';
import type { Check } from '@/lib/generated/prisma/client';

export const POST = apiRoute({ auth: true }, async ({ session, params }) => {
  const row = await checkMonitorNow(session.user.id, params.id);
  return json({ check: checkDto(row as Check) });
});
