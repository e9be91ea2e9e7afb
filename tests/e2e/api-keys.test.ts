import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { describeWithBrowser, openBrowser, screenshotBothThemes, type BrowserSession, signUpInBrowser } from '../support/browser';
import { Api } from '../support/api';

// The settings page's API keys section in Chromium: a key made there is shown once with a copy
// button and works as a Bearer token; after a reload only its prefix is listed; revoking it
// (after a confirmation) ends it at once.

describeWithBrowser('API keys on the settings page in Chromium', () => {
  let app: AppServer;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await openBrowser();
    page = browser.page;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await signUpInBrowser(page, app.url, `api-keys-${Date.now()}@example.com`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('creates a key shown once, lists its prefix, and revokes it after a confirmation', async () => {
    await page.goto(`${app.url}/settings`);
    const section = page.getByRole('region', { name: 'API keys', exact: true });
    await section.getByText('No API keys yet.').waitFor();
    await section.getByRole('button', { name: 'Create key' }).click();
    await section.locator('#api-key-name-error').getByText('Name is required').waitFor();

    await section.getByLabel('Key name').fill('CI deploy');
    await section.getByLabel('Access').selectOption('write');
    await section.getByLabel('Expires after').selectOption('30');
    await section.getByRole('button', { name: 'Create key' }).click();
    const shown = section.getByTestId('new-api-key');
    await shown.waitFor();
    const key = await shown.inputValue();
    expect(key).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
    await section.getByText('It will not be shown again').waitFor();
    await section.getByRole('button', { name: 'Copy the new API key' }).click();
    await section.getByRole('button', { name: 'Copy the new API key' }).getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    const item = section.locator('li[data-api-key-id]').filter({ hasText: 'CI deploy' });
    await item.getByText(`${key.slice(0, 11)}…`).waitFor();
    expect(await item.textContent()).toMatch(/read and write.*Last used never.*Expires/);
    const script = new Api(app.url, key);
    expect((await script.get('/api/monitors')).status).toBe(200);
    await screenshotBothThemes(page, 'settings-api-keys');

    // Shown once: a reload lists the key by its prefix only.
    await page.reload();
    await item.getByText(`${key.slice(0, 11)}…`).waitFor();
    expect(await section.getByTestId('new-api-key').count()).toBe(0);
    expect(await page.content()).not.toContain(key.slice(11));
    await item.getByText(/Last used .* ago/).waitFor();

    await item.getByRole('button', { name: 'Revoke CI deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “CI deploy”?' });
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await section.getByText('No API keys yet.').waitFor();
    expect((await script.get('/api/monitors')).status).toBe(401);
    expect(browser.errors).toEqual([]);
  });
});
