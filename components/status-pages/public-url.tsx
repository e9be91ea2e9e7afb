'use client';

import { CopyButton } from '@/components/ui/copy-button';
import { inputClass } from '@/components/ui/field';
import { buttonClass } from '@/components/ui/button';

/** The page's public address: copy it, or open it in a new tab. */
export function PublicUrl({ url, published }: { url: string; published: boolean }) {
  return (
    <div className="space-y-1" data-testid="public-url">
      <label htmlFor="public-url" className="block text-sm font-medium">
        Public URL
      </label>
      <div className="flex flex-wrap gap-2 sm:flex-nowrap">
        <input id="public-url" readOnly value={url} className={`${inputClass} min-w-0 flex-1 basis-64 font-mono text-xs`} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={url} label="Copy public URL" sourceId="public-url" />
        <a href={url} target="_blank" rel="noreferrer" className={buttonClass('secondary', 'sm')}>
          Open<span className="sr-only"> the public page in a new tab</span>
          <span aria-hidden="true">↗</span>
        </a>
      </div>
      {published ? null : <p className="text-xs text-amber-700 dark:text-amber-400">This page is a draft: visitors cannot open it until you publish it.</p>}
    </div>
  );
}
