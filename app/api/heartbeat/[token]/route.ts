import { apiRoute, json } from '@/lib/api/handler';
import { receiveHeartbeat } from '@/lib/monitors/heartbeat-ping';

const ping = apiRoute({ auth: false }, async ({ params }) => {
  await receiveHeartbeat(params.token, true);
  return json({ ok: true });
});
export const GET = ping;
export const POST = ping;
