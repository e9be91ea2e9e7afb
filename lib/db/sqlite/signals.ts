import { EventEmitter } from 'node:events';
import type { Signals } from '@/lib/db/dialect';

// One process owns a SQLite file, so a signal never has to leave it: an emitter on globalThis
// (Next.js may load this module once per bundle) stands in for PostgreSQL's NOTIFY.
const globalForBus = globalThis as unknown as { __pingboardSignalBus?: EventEmitter };
const bus = (globalForBus.__pingboardSignalBus ??= new EventEmitter().setMaxListeners(0));

export const sqliteSignals: Signals = {
  async publish(_db, channel, payload) {
    // After the caller's write has returned, like NOTIFY after COMMIT; never inside the caller's stack.
    setImmediate(() => bus.emit('signal', channel, payload));
  },
  async subscribe(_url, channels, onMessage) {
    const listener = (channel: string, payload: string) => {
      if (channels.includes(channel)) onMessage(channel, payload);
    };
    bus.on('signal', listener);
    return async () => {
      bus.off('signal', listener);
    };
  },
};
