import { json } from '@/lib/api/handler';
import { databaseReachable } from '@/lib/data/database';
import { workerCommands } from '@/lib/worker/command-port';

export async function GET(): Promise<Response> {
  const worker = workerCommands().status();
  // Degraded: writes are queuing (a locked database); checks go on and nothing is lost.
  if (await databaseReachable()) return json({ status: worker.degraded ? 'degraded' : 'ok', db: 'ok', worker });
  return json({ status: 'error', db: 'unreachable', worker }, 503);
}
