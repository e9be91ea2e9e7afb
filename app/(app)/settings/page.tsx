import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { requireUser } from '@/lib/page-data/session';
import { viewerTheme } from '@/lib/page-data/theme';
import { Card, CardHeader } from '@/components/ui/card';
import { PasswordForm } from '@/components/settings/password-form';
import { TimeZoneSetting } from '@/components/settings/time-zone-setting';
import { ThemeSetting } from '@/components/settings/theme-setting';
import { SessionsSetting } from '@/components/settings/sessions-setting';
import { DeleteAccount } from '@/components/settings/delete-account';
import { ApiKeysSection } from '@/components/settings/api-keys-section';
import { ImportExportSection } from '@/components/settings/import-export-section';

export const metadata: Metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

// The account (password, sessions, deletion) and this browser's display preferences (time
// zone, theme), each section talking to the API or its cookie on its own.
export default async function SettingsPage() {
  const [user, theme] = await Promise.all([requireUser(), viewerTheme()]);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{user.email}</span>
        </p>
      </div>

      <Section id="display-title" title="Display" note="Kept in this browser">
        <TimeZoneSetting />
        <div className="border-t border-zinc-200 dark:border-zinc-800">
          <ThemeSetting initial={theme} />
        </div>
      </Section>

      <Section id="password-title" title="Password">
        <PasswordForm />
      </Section>

      <Section id="sessions-title" title="Sessions">
        <SessionsSetting />
      </Section>

      <Section id="api-keys-title" title="API keys">
        <ApiKeysSection />
      </Section>

      <Section id="import-export-title" title="Import and export">
        <ImportExportSection />
      </Section>

      <Section id="more-title" title="Notifications, API keys, import and export">
        <ul className="space-y-2 p-4 text-sm">
          <li>
            <Link href="/notifications" className="font-medium underline underline-offset-2 hover:no-underline">
              Notification channels
            </Link>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">— where alerts go (email, Slack, webhooks and more), and which are on by default.</span>
          </li>
          <li>
            <a href="#api-keys-title" className="font-medium underline underline-offset-2 hover:no-underline">
              API keys
            </a>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">
              — for scripts and CI: a read or write key, sent as a Bearer token to the{' '}
              <Link href="/api-reference" className="underline underline-offset-2 hover:no-underline">
                API
              </Link>{' '}
              (all but account and key management); logging out leaves keys working.
            </span>
          </li>
          <li>
            <a href="#import-export-title" className="font-medium underline underline-offset-2 hover:no-underline">
              Import and export
            </a>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">— your configuration as a JSON or YAML file, and imports from Uptime Kuma and Gatus, previewed before they apply.</span>
          </li>
        </ul>
      </Section>

      <Section id="delete-title" title="Delete account" danger>
        <DeleteAccount email={user.email} />
      </Section>
    </div>
  );
}

function Section({ id, title, note, danger, children }: { id: string; title: string; note?: string; danger?: boolean; children: ReactNode }) {
  return (
    <Card aria-labelledby={id} className={danger ? 'border-red-200 dark:border-red-900/60' : undefined}>
      <CardHeader id={id} title={title}>
        {note ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{note}</span> : null}
      </CardHeader>
      {children}
    </Card>
  );
}
