import 'server-only';
import { getDb, type Db } from '@/lib/db/client';

// Install-wide values made once and shared by every instance (the Setting table): the first
// value stored for a key is the one every instance reads, whoever made it. The client is the
// last argument so a test can play several instances.

/** Prisma's "unique constraint failed", by code: the two engines' clients have their own error classes. */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

/**
 * The stored value of `key`; when no instance has stored one yet, stores `make()` first. Two
 * instances starting together both end with the value that was inserted first: the loser's
 * insert hits the primary key, and it reads the winner's.
 */
export async function getOrCreateSetting(key: string, make: () => string, db: Db = getDb()): Promise<string> {
  const found = await db.setting.findUnique({ where: { key }, select: { value: true } });
  if (found) return found.value;
  try {
    const created = await db.setting.create({ data: { key, value: make() }, select: { value: true } });
    return created.value;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await db.setting.findUniqueOrThrow({ where: { key }, select: { value: true } });
    return winner.value;
  }
}
