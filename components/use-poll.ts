'use client';

import { useEffect, useRef } from 'react';

/**
 * Runs `task` every `intervalMs` after the previous run finished, never two at once; it
 * waits while the tab is hidden and catches up as soon as it is shown again.
 */
export function usePoll(task: (signal: AbortSignal) => Promise<void>, intervalMs: number, enabled = true): void {
  const latest = useRef(task);
  useEffect(() => {
    latest.current = task;
  });
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let running = false;
    const controller = new AbortController();

    const run = async () => {
      if (stopped || running) return;
      if (timer) clearTimeout(timer);
      timer = null;
      if (document.hidden) return;
      running = true;
      try {
        await latest.current(controller.signal);
      } catch {
        // The task reports its own errors; an abort on unmount is expected.
      } finally {
        running = false;
        if (!stopped) timer = setTimeout(run, intervalMs);
      }
    };
    const onVisible = () => {
      if (!document.hidden) void run();
    };
    timer = setTimeout(run, intervalMs);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, enabled]);
}
