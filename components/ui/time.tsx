'use client';

import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { formatAgo } from '@/lib/ui/view-models';
import { preferenceCookie, TZ_COOKIE } from '@/lib/ui/preferences';

// Times render in the viewer's time zone: the one chosen on the settings page, else the
// browser's. The server learns either from a cookie (pb_tz_choice, pb_tz) so the first HTML
// already matches; after hydration a viewer who chose none gets the browser's own zone.
// A single 1 s clock drives every "12 s ago", however many rows there are.

const TimeContext = createContext<{ serverNow: number; timeZone: string; chosen: boolean }>({ serverNow: 0, timeZone: 'UTC', chosen: false });

export function TimeProvider({ serverNow, timeZone, chosen = false, children }: { serverNow: number; timeZone: string; chosen?: boolean; children: ReactNode }) {
  return <TimeContext.Provider value={{ serverNow, timeZone, chosen }}>{children}</TimeContext.Provider>;
}

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribeClock(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useNow(): number {
  const { serverNow } = useContext(TimeContext);
  return useSyncExternalStore(subscribeClock, () => now, () => serverNow);
}

const noopSubscribe = () => () => {};
export function useHydrated(): boolean {
  return useSyncExternalStore(noopSubscribe, () => true, () => false);
}

export function useTimeZone(): string {
  const { timeZone, chosen } = useContext(TimeContext);
  const hydrated = useHydrated();
  return hydrated && !chosen ? browserTimeZone() : timeZone;
}

/** Whether the zone in use was chosen on the settings page (else it is the browser's). */
export function useTimeZoneChosen(): boolean {
  return useContext(TimeContext).chosen;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, kind: 'full' | 'short'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'full'
        ? { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }
        : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
    try {
      f = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f;
}

export function formatAbsolute(iso: string, timeZone: string, kind: 'full' | 'short' = 'full'): string {
  return formatter(timeZone, kind).format(new Date(iso));
}

/** "12 s ago", with the absolute local time on hover. */
export function RelativeTime({ iso, prefix = '', empty = 'never' }: { iso: string | null; prefix?: string; empty?: string }) {
  const nowMs = useNow();
  const tz = useTimeZone();
  if (!iso) return <span>{empty}</span>;
  return (
    <time dateTime={iso} title={formatAbsolute(iso, tz)}>
      {prefix}
      {formatAgo(new Date(iso).getTime(), nowMs)}
    </time>
  );
}

/** An absolute time in the viewer's zone; the full form with the zone name on hover. */
export function LocalTime({ iso, kind = 'short' }: { iso: string; kind?: 'full' | 'short' }) {
  const tz = useTimeZone();
  return (
    <time dateTime={iso} title={formatAbsolute(iso, tz, 'full')}>
      {formatAbsolute(iso, tz, kind)}
    </time>
  );
}

/** Keeps the pb_tz cookie equal to the browser's zone so server renders use it when no zone was chosen. */
export function TimeZoneCookie() {
  useEffect(() => {
    const tz = browserTimeZone();
    const current = document.cookie.split('; ').find((c) => c.startsWith(`${TZ_COOKIE}=`));
    if (current !== `${TZ_COOKIE}=${encodeURIComponent(tz)}`) {
      document.cookie = preferenceCookie(TZ_COOKIE, tz);
    }
  }, []);
  return null;
}
