import 'server-only';
import { cookies } from 'next/headers';
import { parseTheme, THEME_COOKIE, type Theme } from '@/lib/ui/preferences';

/** The theme chosen on the settings page (pb_theme), or 'system' to follow the device. */
export async function viewerTheme(): Promise<Theme> {
  return parseTheme((await cookies()).get(THEME_COOKIE)?.value);
}
