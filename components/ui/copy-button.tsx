'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Copies text; where the clipboard API is refused it selects the source input so Ctrl+C works. */
export function CopyButton({ text, label, sourceId }: { text: string; label: string; sourceId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'select'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const source = sourceId ? (document.getElementById(sourceId) as HTMLInputElement | null) : null;
      source?.select();
      setState('select');
    }
    setTimeout(() => setState('idle'), 2000);
  }
  return (
    <>
      <Button size="sm" onClick={copy} aria-label={label}>
        {state === 'copied' ? 'Copied ✓' : 'Copy'}
      </Button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'select' ? 'Selected; press Ctrl+C to copy' : ''}
      </span>
    </>
  );
}
