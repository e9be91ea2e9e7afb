import { json } from '@/lib/api/handler';
import { databaseReachable, getDialectName } from '@/lib/data/database';
import { workerCommands } from '@/lib/worker/command-port';

export async function GET(): Promise<Response> {
  const commands = workerCommands();
  const worker = commands.status();
  const self = commands.instance();
  // Which instance answered: behind a load balancer, each has its own id, role and share of monitors.
  const instance = { instance: self?.id ?? null, role: self?.role ?? null, leader: self?.leader ?? false, database: getDialectName() };
  // Degraded: writes are queuing (a locked database); checks go on and nothing is lost.
  // offline: this instance's own network is down (every connectivity canary fails), so its failed checks say nothing.
  const net = { connectivity: worker.connectivity, offlineSince: worker.offlineSince };
  if (await databaseReachable()) return json({ status: worker.degraded ? 'degraded' : 'ok', db: 'ok', ...instance, ...net, worker });
  return json({ status: 'error', db: 'unreachable', ...instance, ...net, worker }, 503);
}
