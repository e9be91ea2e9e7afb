import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { TimeProvider, TimeZoneCookie } from '@/components/ui/time';
import { viewerTimeZone } from '@/lib/page-data/time-zone';
import { viewerTheme } from '@/lib/page-data/theme';
import { ZodJitless } from '@/app/zod-jitless';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Pingboard', template: '%s · Pingboard' },
  description: 'Self-hosted website uptime monitoring',
};

const THEME_COLOR = { light: '#fafafa', dark: '#09090b' } as const;

/** The browser chrome follows the chosen theme, or the system's when none is chosen. */
export async function generateViewport(): Promise<Viewport> {
  const theme = await viewerTheme();
  return {
    width: 'device-width',
    initialScale: 1,
    colorScheme: theme === 'system' ? 'light dark' : theme,
    themeColor:
      theme === 'system'
        ? [
            { media: '(prefers-color-scheme: light)', color: THEME_COLOR.light },
            { media: '(prefers-color-scheme: dark)', color: THEME_COLOR.dark },
          ]
        : THEME_COLOR[theme],
  };
}

// The theme is a class on <html> rendered by the server from the pb_theme cookie, so the first
// paint is already right: no script, no flash. 'system' sets no class and the CSS follows the
// device (see the dark variant in globals.css).
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [theme, tz] = await Promise.all([viewerTheme(), viewerTimeZone()]);
  return (
    <html lang="en" className={theme === 'system' ? undefined : theme} data-theme={theme}>
      <body className="min-h-dvh font-sans">
        <TimeProvider serverNow={Date.now()} timeZone={tz.timeZone} chosen={tz.chosen}>
          <TimeZoneCookie />
          <ZodJitless />
          {children}
        </TimeProvider>
      </body>
    </html>
  );
}
