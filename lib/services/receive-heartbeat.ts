import 'server-only';
import { NotFoundError, RateLimitedError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { takeHeartbeatPing } from '@/lib/auth/heartbeat-throttle';
import { monitorKind } from '@/lib/monitor-kinds';
import { findMonitorByHeartbeatToken, recordHeartbeat } from '@/lib/data/monitor-state';
import { workerCommands } from '@/lib/worker/command-port';

/**
 * A job's ping: stored at once, then applied by the worker like any check result. Pings beyond
 * the per-token rate are refused before they reach the database.
 */
export async function receiveHeartbeat(token: string, ok: boolean): Promise<void> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw new NotFoundError('Heartbeat');
  const slot = await takeHeartbeatPing(token);
  if (!slot.allowed) {
    throw new RateLimitedError(`Too many pings for this heartbeat: at most ${getEnv().HEARTBEAT_MAX_PER_SECOND} per second`, slot.retryAfterSeconds);
  }
  const monitor = await findMonitorByHeartbeatToken(token);
  if (!monitor || !monitorKind(monitor.type).needsPushToken) throw new NotFoundError('Heartbeat');
  const at = new Date();
  await recordHeartbeat(monitor.id, at);
  if (!monitor.active) return;
  await workerCommands().heartbeatReceived(monitor, ok, at);
}
