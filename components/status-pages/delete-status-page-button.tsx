'use client';

import { useRouter } from 'next/navigation';
import { api } from '@/components/api-client';
import { TypedDeleteButton } from '@/components/ui/typed-delete-button';

/**
 * Deleting asks for the slug to be typed, so a slip of the mouse cannot take a public page down.
 * It stands outside the editor's form: its dialog holds a form of its own, and forms do not nest.
 */
export function DeleteStatusPageButton({ pageId, slug }: { pageId: string; slug: string }) {
  const router = useRouter();

  async function remove(): Promise<string | null> {
    const res = await api(`/api/status-pages/${pageId}`, { method: 'DELETE' });
    if (!res.ok) return res.error.message;
    router.push('/status-pages');
    router.refresh();
    return null;
  }

  return (
    <TypedDeleteButton buttonLabel="Delete page" title="Delete this status page?" confirmText={slug} confirmLabel="Delete status page" inputId="delete-page-confirm" onDelete={remove}>
      Its address stops working at once and its incidents are deleted with it. The monitors themselves stay. This cannot be undone.
    </TypedDeleteButton>
  );
}
