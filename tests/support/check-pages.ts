import type { Page } from 'playwright-core';

/**
 * On a monitor page showing its first page of checks, opens the older page and waits until its
 * rows have replaced the first page's; resolves to the first page's check ids. The rows are read
 * and "Older" pressed in one task: a refresh in between would move page 1 (and so page 2's
 * cursor), which made the pages overlap on a busy machine.
 */
export async function openOlderChecks(page: Page): Promise<Array<string | null>> {
  await page.getByRole('button', { name: 'Older →' }).waitFor();
  const firstPageIds = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('tr[data-check-id]')].map((r) => r.getAttribute('data-check-id'));
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Older →')!.click();
    return ids;
  });
  await page.getByText('Page 2').waitFor();
  await page.waitForFunction(
    (first) => {
      const ids = [...document.querySelectorAll('tr[data-check-id]')].map((r) => r.getAttribute('data-check-id'));
      return ids.length > 0 && !ids.some((id) => first.includes(id));
    },
    firstPageIds,
    { timeout: 30_000 },
  );
  return firstPageIds;
}
