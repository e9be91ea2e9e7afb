import { getEnv } from '@/lib/env';
import { takeInProcess, type Refused, type Taken } from '@/lib/auth/attempt-counters';

// Pings per heartbeat URL and second. A job stuck in a loop (or anyone who learned the URL)
// must not turn one token into a stream of database writes and worker commands.
//
// Counted in each instance's memory on every engine: a shared count would itself cost a
// database transaction per ping, the load this limit exists to keep away. Behind a load
// balancer a token may get up to the limit from each instance, still a fixed bound.

export function takeHeartbeatPing(token: string): Promise<Taken | Refused> {
  return takeInProcess('heartbeat', [{ key: token, max: getEnv().HEARTBEAT_MAX_PER_SECOND, windowMs: 1000 }]);
}
