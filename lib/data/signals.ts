import 'server-only';
import { databaseLocation, getDb, getDialect } from '@/lib/db/client';

// Signals between instances (NOTIFY on PostgreSQL, in process on SQLite). A signal only says
// "look now": every receiver re-reads the database, so a lost one only delays.

export const SIGNAL = {
  /** A monitor's settings changed (created, updated, paused, resumed, deleted); payload: "<sender instance> <monitor id>". */
  monitor: 'pingboard_monitor',
  /** A command waits for an instance; payload: that instance's id. */
  command: 'pingboard_command',
  /** A command was answered; payload: the command's id. */
  commandDone: 'pingboard_command_done',
  /** An instance handed monitors back; payload: its id. The others claim at once. */
  rebalance: 'pingboard_rebalance',
  /** A maintenance window was created, changed or deleted; payload: its id. Workers re-read their calendars. */
  maintenance: 'pingboard_maintenance',
  /** A status page changed; payload: its id. Instances drop their cached public views and domains. */
  statusPage: 'pingboard_status_page',
} as const;

export function publishSignal(channel: string, payload: string): Promise<void> {
  return getDialect().signals.publish(getDb(), channel, payload);
}

export function subscribeSignals(channels: string[], onMessage: (channel: string, payload: string) => void, onReconnect: () => void) {
  return getDialect().signals.subscribe(databaseLocation(), channels, onMessage, onReconnect);
}

/** SQLite's in-process signals cannot be lost; PostgreSQL's can (a dropped connection), so owners also poll there. */
export function signalsCanBeLost(): boolean {
  return getDialect().name === 'postgresql';
}
