import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { TimeProvider, TimeZoneCookie } from '@/components/ui/time';
import { viewerTimeZone } from '@/lib/page-data/time-zone';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Pingboard', template: '%s · Pingboard' },
  description: 'Self-hosted website uptime monitoring',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fafafa' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <TimeProvider serverNow={Date.now()} timeZone={await viewerTimeZone()}>
          <TimeZoneCookie />
          {children}
        </TimeProvider>
      </body>
    </html>
  );
}
