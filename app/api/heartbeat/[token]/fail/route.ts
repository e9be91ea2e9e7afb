import { apiRoute, json } from '@/lib/api/handler';
import { receiveHeartbeat } from '@/lib/services/receive-heartbeat';

const fail = apiRoute({ auth: false }, async ({ params }) => {
  await receiveHeartbeat(params.token, false);
  return json({ ok: true });
});
export const GET = fail;
export const POST = fail;
