import 'server-only';
import { cookies } from 'next/headers';
import { TZ_CHOICE_COOKIE, TZ_COOKIE, validTimeZone } from '@/lib/ui/preferences';

/**
 * The zone the viewer's times are shown in: the one chosen on the settings page (pb_tz_choice),
 * else the browser's own (pb_tz), else UTC when neither is there or known.
 */
export async function viewerTimeZone(): Promise<{ timeZone: string; chosen: boolean }> {
  const jar = await cookies();
  const chosen = validTimeZone(jar.get(TZ_CHOICE_COOKIE)?.value);
  if (chosen) return { timeZone: chosen, chosen: true };
  return { timeZone: validTimeZone(jar.get(TZ_COOKIE)?.value) ?? 'UTC', chosen: false };
}
