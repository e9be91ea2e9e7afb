import 'server-only';
import { NotFoundError } from '@/lib/errors';
import { monitorKind } from '@/lib/monitor-kinds';
import { findMonitorByHeartbeatToken, recordHeartbeat } from '@/lib/data/monitor-state';
import { workerCommands } from '@/lib/worker/command-port';

/** A job's ping: stored at once, then applied by the worker like any check result. */
export async function receiveHeartbeat(token: string, ok: boolean): Promise<void> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw new NotFoundError('Heartbeat');
  const monitor = await findMonitorByHeartbeatToken(token);
  if (!monitor || !monitorKind(monitor.type).needsPushToken) throw new NotFoundError('Heartbeat');
  const at = new Date();
  await recordHeartbeat(monitor.id, at);
  if (!monitor.active) return;
  await workerCommands().heartbeatReceived(monitor, ok, at);
}
