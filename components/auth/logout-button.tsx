'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

export function LogoutButton() {
  const [busy, setBusy] = useState(false);
  async function logout() {
    setBusy(true);
    try {
      await fetch('/api/auth/logout', { method: 'POST' });
    } finally {
      // A full load drops every cached page of the signed-in user.
      window.location.assign('/login');
    }
  }
  return (
    <Button size="sm" onClick={logout} disabled={busy}>
      {busy ? 'Logging out…' : 'Log out'}
    </Button>
  );
}
