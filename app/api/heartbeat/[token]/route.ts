import { apiRoute, json } from '@/lib/api/handler';
import { receiveHeartbeat } from '@/lib/services/receive-heartbeat';

const ping = apiRoute({ auth: false }, async ({ params }) => {
  await receiveHeartbeat(params.token, true);
  return json({ ok: true });
});
export const GET = ping;
export const POST = ping;
