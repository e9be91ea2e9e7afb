import { describe, expect, it } from 'vitest';
import { isBusyError } from '@/lib/db/sqlite/errors';

describe('isBusyError', () => {
  it('recognises Prisma’s P1008 wrapping of a locked SQLite database', () => {
    // The shape Prisma 7 + @prisma/adapter-better-sqlite3 throws while another connection holds the write lock.
    const err = Object.assign(new Error('Operation has timed out'), {
      code: 'P1008',
      meta: {
        modelName: 'Alert',
        driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: 'SQLITE_BUSY', originalMessage: 'database is locked', kind: 'SocketTimeout' } },
      },
    });
    expect(isBusyError(err)).toBe(true);
    expect(isBusyError({ code: 'SQLITE_BUSY_SNAPSHOT' })).toBe(true);
    expect(isBusyError(new Error('x', { cause: new Error('database is locked') }))).toBe(true);
  });

  it('does not retry errors that will not go away', () => {
    expect(isBusyError(Object.assign(new Error('Foreign key constraint violated'), { code: 'P2003' }))).toBe(false);
    expect(isBusyError(null)).toBe(false);
    expect(isBusyError('SQLITE_BUSY')).toBe(false);
  });
});
