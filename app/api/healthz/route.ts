import { json } from '@/lib/api/handler';
import { databaseReachable } from '@/lib/data/database';
import { workerCommands } from '@/lib/worker/command-port';

export async function GET(): Promise<Response> {
  const worker = workerCommands().status();
  if (await databaseReachable()) return json({ status: 'ok', db: 'ok', worker });
  return json({ status: 'error', db: 'unreachable', worker }, 503);
}
