import type { KindSchedule } from '@/lib/monitor-kinds/types';

// What the probed kinds (http, tcp) share: the worker checks them on its own timer, and a
// due timer or "Check now" always means "run the probe".

export const PROBED_SCHEDULE: KindSchedule = {
  firstDelayMs: (_m, _now, defaultDelayMs) => defaultDelayMs,
  onTimer: () => ({ run: 'probe' }),
  onCheckNow: () => ({ run: 'probe' }),
};
