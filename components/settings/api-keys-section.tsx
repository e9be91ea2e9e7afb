'use client';

// API keys: create (shown once), list and revoke. Filled in by issue 15's API keys work.
export function ApiKeysSection() {
  return null;
}
