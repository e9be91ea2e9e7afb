import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { describeWithBrowser, openBrowser, screenshotBothThemes, type BrowserSession, signUpInBrowser } from '../support/browser';

// The settings page's Import and export section in Chromium: Apply waits for a preview; a
// refused file lists its problems by path; a preview shows the plan, Apply imports it, and a
// second preview of the same file is all unchanged; Export YAML downloads the configuration.

const FILE = `version: 1
tags:
  - name: e2e
monitors:
  - name: Imported in the browser
    url: http://127.0.0.1:9/
    active: false
    tags: [e2e]
`;

describeWithBrowser('Import and export on the settings page in Chromium', () => {
  let app: AppServer;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ env: { WORKER: 'off' } });
    browser = await openBrowser();
    page = browser.page;
    await signUpInBrowser(page, app.url, `import-${Date.now()}@example.com`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('previews, then applies, a file; lists the problems of a bad one; exports YAML', async () => {
    await page.goto(`${app.url}/settings`);
    const section = page.getByRole('region', { name: 'Import', exact: true });
    const apply = section.getByRole('button', { name: 'Apply' });
    const choose = (text: string) => section.getByLabel('File', { exact: true }).setInputFiles({ name: 'pingboard.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });

    await choose(FILE.replace('active: false', 'intervalSeconds: 0'));
    expect(await apply.isDisabled()).toBe(true);
    await section.getByRole('button', { name: 'Preview' }).click();
    await section.getByRole('list', { name: 'Problems in the file' }).getByText('monitors.0.intervalSeconds').waitFor();
    expect(await apply.isDisabled()).toBe(true);

    await choose(FILE);
    await section.getByRole('button', { name: 'Preview' }).click();
    const table = section.getByRole('table', { name: 'Import plan' });
    await table.waitFor();
    expect(await table.locator('tbody tr').allInnerTexts()).toEqual(['Tag\te2e\tcreate\t', 'Monitor\tImported in the browser\tcreate\t']);
    await section.getByText('Preview: 2 to create.').waitFor();
    await screenshotBothThemes(page, 'settings-import-preview');
    await apply.click();
    await section.getByText('Imported: 2 created.').waitFor();
    expect(await apply.isDisabled()).toBe(true);

    await section.getByRole('button', { name: 'Preview' }).click();
    await section.getByText('Preview: 2 unchanged.').waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('region', { name: 'Export', exact: true }).getByRole('button', { name: 'Export YAML' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^pingboard-export-\d{4}-\d{2}-\d{2}\.yaml$/);
    // The refused file's preview was a 400 on purpose, which Chromium logs; anything else is a bug.
    expect(browser.errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });
});
