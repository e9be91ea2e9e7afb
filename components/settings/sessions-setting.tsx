'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Logging out revokes every token of the account (POST /api/auth/logout), so it is "everywhere" by nature. */
export function SessionsSetting() {
  const [busy, setBusy] = useState(false);
  async function logoutEverywhere() {
    setBusy(true);
    try {
      await fetch('/api/auth/logout', { method: 'POST' });
    } finally {
      // A full load drops every cached page of the signed-in user.
      window.location.assign('/login');
    }
  }
  return (
    <div className="space-y-3 p-4 text-sm">
      <p className="text-zinc-600 dark:text-zinc-400">
        Ends every session of this account at once: this browser, your other devices, and the API tokens scripts got from logging in. Everyone signs in
        again with the password. (The header&apos;s Log out does the same.)
      </p>
      <Button onClick={logoutEverywhere} disabled={busy}>
        {busy ? 'Logging out…' : 'Log out of every session'}
      </Button>
    </div>
  );
}
