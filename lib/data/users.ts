import 'server-only';
import { getDb, getDialect } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { ConflictError } from '@/lib/errors';

export interface SessionUser {
  id: string;
  email: string;
  tokenVersion: number;
}

export const sessionSelect = { id: true, email: true, tokenVersion: true } as const;

export async function createUser(email: string, passwordHash: string): Promise<SessionUser> {
  try {
    return await getDb().user.create({ data: { email, passwordHash }, select: sessionSelect });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new ConflictError('An account with this email already exists');
    }
    throw err;
  }
}

/** With sign-up closed: creates the account only while there is none, in one transaction; null when one exists. */
export async function createFirstUser(email: string, passwordHash: string, staleMarkerCleared = false): Promise<SessionUser | null> {
  const db = getDb();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findFirst({ select: { id: true } })) return null;
      // On PostgreSQL two first sign-ups at once (on two instances) both see no user; the unique
      // key of this marker lets only one of them commit. SQLite's write lock already lets only one through.
      if (getDialect().name === 'postgresql') await tx.setting.create({ data: { key: FIRST_USER, value: email } });
      return tx.user.create({ data: { email, passwordHash }, select: sessionSelect });
    });
  } catch (err) {
    if ((err as { code?: string }).code !== 'P2002') throw err;
    // Someone else's first sign-up won, or the marker outlived every account (all deleted since):
    // then clear it and try once more.
    if (staleMarkerCleared || (await hasAnyUser())) return null;
    await db.setting.deleteMany({ where: { key: FIRST_USER } });
    return createFirstUser(email, passwordHash, true);
  }
}

const FIRST_USER = 'first-user';

export async function hasAnyUser(): Promise<boolean> {
  return (await getDb().user.findFirst({ select: { id: true } })) !== null;
}

export function findUserById(id: string): Promise<SessionUser | null> {
  return getDb().user.findUnique({ where: { id }, select: sessionSelect });
}

export function findUserByEmail(email: string): Promise<SessionUser | null> {
  return getDb().user.findUnique({ where: { email }, select: sessionSelect });
}

/** The only read of a password hash, for login and re-authentication. */
export async function findPasswordHash(userId: string): Promise<string | null> {
  const row = await getDb().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return row?.passwordHash ?? null;
}

/** Revokes every token issued so far. */
export async function bumpTokenVersion(userId: string): Promise<number> {
  const row = await getDb().user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } }, select: { tokenVersion: true } });
  return row.tokenVersion;
}

/** Revokes every token and deletes every API key in the same write (a nested write is one transaction). */
export async function setPassword(userId: string, passwordHash: string): Promise<SessionUser> {
  return getDb().user.update({
    where: { id: userId },
    data: { passwordHash, tokenVersion: { increment: 1 }, apiKeys: { deleteMany: {} } },
    select: sessionSelect,
  });
}

/** Monitors, checks, incidents, alerts and API keys go with the user by cascade. */
export async function deleteUser(userId: string): Promise<void> {
  await getDb().user.delete({ where: { id: userId } });
}

/**
 * Serialises a user's limit-checked writes (monitor and channel counts, the check budget): an
 * update of the user's row inside the transaction holds that row until commit on PostgreSQL
 * (SQLite's write lock already does), so a count taken after it cannot be raced by another
 * instance's transaction under READ COMMITTED.
 */
export async function lockUserForWrite(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  // One user's burst of creates queues here one by one; on a busy machine that queue can outlast
  // the pool's general lock_timeout (3 s), and each create must then be made or refused, not 503.
  if (getDialect().name === 'postgresql') await tx.$executeRaw`SET LOCAL lock_timeout = '15s'`;
  await tx.user.updateMany({ where: { id: userId }, data: { updatedAt: new Date() } });
}
