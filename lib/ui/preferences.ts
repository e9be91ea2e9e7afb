// The viewer's display preferences, kept in cookies of this browser so the server's first
// render already honours them (no flash of the wrong theme, no times in the wrong zone).
// Isomorphic: app/layout.tsx reads them, the settings page writes them.

export const THEME_COOKIE = 'pb_theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The browser's own zone, kept current by <TimeZoneCookie> so server renders can use it. */
export const TZ_COOKIE = 'pb_tz';
/** A zone the viewer chose on the settings page; absent means "the browser's". */
export const TZ_CHOICE_COOKIE = 'pb_tz_choice';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function parseTheme(raw: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(raw ?? '') ? (raw as Theme) : 'system';
}

/** The canonical IANA name of `raw`, or null when it is not a zone this runtime knows. */
export function validTimeZone(raw: string | undefined): string | null {
  if (!raw || raw.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** A `document.cookie` assignment that sets `name` for a year, or clears it when `value` is null. */
export function preferenceCookie(name: string, value: string | null): string {
  return value === null ? `${name}=; Path=/; Max-Age=0; SameSite=Lax` : `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax`;
}
