import 'server-only';
import { cookies } from 'next/headers';

/** The viewer's IANA time zone from the pb_tz cookie, or UTC when absent or unknown. */
export async function viewerTimeZone(): Promise<string> {
  const raw = (await cookies()).get('pb_tz')?.value;
  if (!raw || raw.length > 64) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}
