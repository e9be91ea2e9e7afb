import { getDb } from '@/lib/db/client';
import { getWorker } from '@/lib/worker/instance';
import { json } from '@/lib/api/handler';

export async function GET(): Promise<Response> {
  const worker = getWorker();
  const workerInfo = { running: worker?.running ?? false, scheduled: worker?.scheduled ?? 0 };
  try {
    await getDb().$queryRaw`SELECT 1`;
    return json({ status: 'ok', db: 'ok', worker: workerInfo });
  } catch {
    return json({ status: 'error', db: 'unreachable', worker: workerInfo }, 503);
  }
}
