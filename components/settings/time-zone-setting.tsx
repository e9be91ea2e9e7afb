'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { preferenceCookie, TZ_CHOICE_COOKIE } from '@/lib/ui/preferences';
import { browserTimeZone, formatAbsolute, useHydrated, useNow, useTimeZone, useTimeZoneChosen } from '@/components/ui/time';
import { Field, inputClass } from '@/components/ui/field';

// The zone every time in the app is shown in. "The browser's" (the default) follows the
// device wherever it is; a chosen zone is kept in a cookie of this browser and sticks.

const BROWSER = '';

function zones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes('UTC') ? all : ['UTC', ...all];
}

export function TimeZoneSetting() {
  const router = useRouter();
  const current = useTimeZone();
  const chosen = useTimeZoneChosen();
  const hydrated = useHydrated();
  const now = useNow();
  const [value, setValue] = useState(chosen ? current : BROWSER);
  // Node's and the browser's zone lists differ, so the full list appears after hydration only.
  const all = useMemo(() => (hydrated ? zones() : []), [hydrated]);
  const options = all.length ? all : value === BROWSER ? [] : [value];

  function choose(next: string) {
    setValue(next);
    document.cookie = preferenceCookie(TZ_CHOICE_COOKIE, next === BROWSER ? null : next);
    // The root layout reads the cookie again, so every time on every page follows.
    router.refresh();
  }

  // Until the server's render is refreshed, show the zone just picked.
  const shown = value === BROWSER ? (hydrated ? browserTimeZone() : current) : value;
  return (
    <div className="space-y-2 p-4">
      <Field
        id="settings-time-zone"
        label="Time zone"
        className="max-w-md"
        hint={
          <span data-testid="time-zone-preview">
            Times are shown in {shown}: now {formatAbsolute(new Date(now).toISOString(), shown, 'full')}
          </span>
        }
      >
        {(a11y) => (
          <select {...a11y} name="timeZone" className={inputClass} value={value} onChange={(e) => choose(e.target.value)}>
            <option value={BROWSER}>{hydrated ? `The browser's (${browserTimeZone()})` : "The browser's"}</option>
            {options.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
