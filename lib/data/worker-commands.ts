import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { uuidv7 } from '@/lib/ids';

// Commands for the instance that owns a monitor (check now, a heartbeat ping): posted by the
// instance that took the request, claimed by the owner with a conditional update, answered
// in the same row.

export type CommandKind = 'check' | 'heartbeat';

export interface PostedCommand {
  id: string;
  monitorId: string;
  kind: CommandKind;
  payload: unknown;
}

export async function postCommand(instanceId: string, monitorId: string, kind: CommandKind, payload: unknown, now = new Date()): Promise<string> {
  const id = uuidv7(now.getTime());
  await getDb().workerCommand.create({
    data: { id, monitorId, instanceId, kind, payload: (payload ?? undefined) as Prisma.InputJsonValue | undefined, createdAt: now },
  });
  return id;
}

/** Claims this instance's pending commands, oldest first. */
export async function claimCommands(instanceId: string, limit = 50): Promise<PostedCommand[]> {
  const db = getDb();
  const pending = await db.workerCommand.findMany({
    where: { instanceId, state: 'pending' },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true, monitorId: true, kind: true, payload: true },
  });
  const claimed: PostedCommand[] = [];
  for (const c of pending) {
    const { count } = await db.workerCommand.updateMany({ where: { id: c.id, state: 'pending' }, data: { state: 'running' } });
    if (count === 1) claimed.push({ id: c.id, monitorId: c.monitorId, kind: c.kind as CommandKind, payload: c.payload });
  }
  return claimed;
}

export async function finishCommand(id: string, outcome: { result: unknown } | { error: string }, now = new Date()): Promise<void> {
  await getDb().workerCommand.updateMany({
    where: { id, state: 'running' },
    data:
      'error' in outcome
        ? { state: 'failed', error: outcome.error, finishedAt: now }
        : { state: 'done', result: outcome.result as Prisma.InputJsonValue, finishedAt: now },
  });
}

/** Hands a pending or claimed command to another instance (the monitor moved). */
export async function redirectCommand(id: string, instanceId: string): Promise<void> {
  await getDb().workerCommand.updateMany({ where: { id, state: { in: ['pending', 'running'] } }, data: { instanceId, state: 'pending' } });
}

export async function commandOutcome(id: string): Promise<{ state: string; result: unknown; error: string | null } | null> {
  return getDb().workerCommand.findUnique({ where: { id }, select: { state: true, result: true, error: true } });
}

/** The requester gave up waiting: a command nobody claimed is dropped rather than run late. */
export async function abandonCommand(id: string, now = new Date()): Promise<boolean> {
  const { count } = await getDb().workerCommand.updateMany({ where: { id, state: 'pending' }, data: { state: 'failed', error: 'abandoned', finishedAt: now } });
  return count === 1;
}

export async function removeOldCommands(before: Date): Promise<number> {
  const { count } = await getDb().workerCommand.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
