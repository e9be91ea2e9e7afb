'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { preferenceCookie, THEME_COOKIE, THEMES, type Theme } from '@/lib/ui/preferences';

// Light, dark, or the system's. The choice is a cookie the root layout reads to put a class on
// <html>, so the next page load paints in it at once; here the class is switched in place too.

const LABELS: Record<Theme, { label: string; hint: string }> = {
  system: { label: 'System', hint: 'Follow the device’s light or dark setting' },
  light: { label: 'Light', hint: 'Always light' },
  dark: { label: 'Dark', hint: 'Always dark' },
};

function applyTheme(theme: Theme) {
  const root = document.documentElement;
  root.classList.remove('light', 'dark');
  if (theme !== 'system') root.classList.add(theme);
  root.dataset.theme = theme;
}

export function ThemeSetting({ initial }: { initial: Theme }) {
  const router = useRouter();
  const [theme, setTheme] = useState<Theme>(initial);

  function choose(next: Theme) {
    setTheme(next);
    applyTheme(next);
    document.cookie = preferenceCookie(THEME_COOKIE, next === 'system' ? null : next);
    router.refresh();
  }

  return (
    <div className="p-4">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">Theme</legend>
        <div className="flex flex-wrap gap-2">
          {THEMES.map((t) => (
            <label
              key={t}
              className="flex cursor-pointer items-start gap-2 rounded-md border border-zinc-300 px-3 py-2 text-sm has-checked:border-sky-600 has-checked:bg-sky-50 dark:border-zinc-700 dark:has-checked:border-sky-400 dark:has-checked:bg-sky-950/40"
            >
              <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => choose(t)} className="mt-0.5 accent-sky-600" />
              <span>
                <span className="block font-medium">{LABELS[t].label}</span>
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{LABELS[t].hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
