import pg from 'pg';
import type { Signals } from '@/lib/db/dialect';
import { logger } from '@/lib/logger';

// LISTEN/NOTIFY. Listening needs a connection of its own (the pool hands connections out per
// query), kept open and re-opened after it drops; since NOTIFY is not queued for a listener
// that was away, `onReconnect` tells the caller to poll for what it missed.

const RECONNECT_MS = 1000;

export const postgresSignals: Signals = {
  async publish(db, channel, payload) {
    await db.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
  },

  async subscribe(url, channels, onMessage, onReconnect) {
    let client: pg.Client | null = null;
    let stopped = false;
    let everConnected = false;

    const connect = async (): Promise<void> => {
      if (stopped) return;
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true });
      c.on('notification', (n) => {
        if (n.payload !== undefined) onMessage(n.channel, n.payload);
      });
      c.on('error', (err) => logger.warn({ err }, 'PostgreSQL listening connection failed'));
      c.on('end', () => {
        if (client === c) client = null;
        if (!stopped) setTimeout(() => void retry(), RECONNECT_MS).unref();
      });
      await c.connect();
      for (const ch of channels) await c.query(`LISTEN "${ch.replaceAll('"', '')}"`);
      client = c;
      if (everConnected) onReconnect();
      everConnected = true;
    };
    const retry = async () => {
      try {
        await connect();
      } catch (err) {
        logger.warn({ err }, 'PostgreSQL listening connection could not be opened; retrying');
        if (!stopped) setTimeout(() => void retry(), RECONNECT_MS).unref();
      }
    };

    await connect();
    return async () => {
      stopped = true;
      await client?.end().catch(() => undefined);
    };
  },
};
