import { ApiError } from '@/lib/api/errors';
import { findMonitorByHeartbeatToken, recordHeartbeat } from '@/lib/data/monitor-state';
import { getWorker } from '@/lib/worker/instance';

/** A job's ping: stored at once, then applied by the worker like any check result. */
export async function receiveHeartbeat(token: string, ok: boolean): Promise<void> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw ApiError.notFound('Heartbeat');
  const monitor = await findMonitorByHeartbeatToken(token);
  if (!monitor || monitor.type !== 'heartbeat') throw ApiError.notFound('Heartbeat');
  const at = new Date();
  await recordHeartbeat(monitor.id, at);
  if (!monitor.active) return;
  const worker = getWorker();
  if (!worker) throw new ApiError('unavailable', 'The monitor worker is not running');
  await worker.heartbeat(monitor, ok, at);
}
