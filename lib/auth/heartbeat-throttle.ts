import { getEnv } from '@/lib/env';
import { take, type Refused, type Taken } from '@/lib/auth/attempt-counters';

// Pings per heartbeat URL and second. A job stuck in a loop (or anyone who learned the URL)
// must not turn one token into a stream of database writes and worker commands.

export function takeHeartbeatPing(token: string): Promise<Taken | Refused> {
  return take('heartbeat', [{ key: token, max: getEnv().HEARTBEAT_MAX_PER_SECOND, windowMs: 1000 }]);
}
