import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { startTarget, type TargetServer } from '../support/target-server';
import { describeWithBrowser, openBrowser, SCREENSHOT_DIR, screenshotBothThemes, type BrowserSession, signUpInBrowser } from '../support/browser';
import { isoToZonedLocal } from '@/lib/ui/maintenance-form-model';

// A status page from the owner's side to the visitor's: two monitors, a page with two sections
// built in the editor (keyboard reordering included), an incident and its update, a maintenance
// window covering one monitor now; then the public page as an anonymous visitor sees it on a
// desktop, on a phone and in dark mode.

const SLUG = 'acme';

/** The names of the editor's sections, in order. */
const sectionOrder = (page: Page) => page.locator('li[data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describeWithBrowser('status pages in Chromium', () => {
  let app: AppServer;
  let target: TargetServer;
  let browser: BrowserSession;
  let page: Page;
  let pageId = '';
  const visitors: BrowserSession[] = [];

  beforeAll(async () => {
    [app, target] = await Promise.all([startApp(), startTarget(200)]);
    browser = await openBrowser();
    page = browser.page;
    await signUpInBrowser(page, app.url, `status-${Date.now()}@example.com`);
    // Through the JSON API as the page itself would call it: the session cookie plus an Origin.
    for (const [name, suffix] of [
      ['Marketing site', ''],
      ['Primary database', 'db'],
    ]) {
      const res = await page.request.post(`${app.url}/api/monitors`, { data: { name, url: `${target.url}${suffix}`, intervalSeconds: 1 }, headers: { origin: app.url } });
      expect(res.status()).toBe(201);
    }
  });

  afterAll(async () => {
    for (const v of visitors) await v.close();
    await browser?.close();
    await target?.close();
    await app?.dispose();
  });

  it('turns a monitor’s public badge on in its form and shows the badges’ Markdown to copy', async () => {
    const { monitors } = await (await page.request.get(`${app.url}/api/monitors`)).json();
    const id = monitors.find((m: { name: string }) => m.name === 'Marketing site').id;
    await page.goto(`${app.url}/monitors/${id}/edit`);
    await page.getByLabel('Public badge').check();
    await page.getByText('Save the monitor to get the badges’ addresses.').waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`${app.url}/monitors/${id}`);
    await page.goto(`${app.url}/monitors/${id}/edit`);
    const markdown = await page.getByLabel('Status badge, as Markdown').inputValue();
    const key = /\/badge\/([^/]+)\/status\.svg\)$/.exec(markdown)?.[1];
    expect(markdown).toBe(`![status](${app.url}/badge/${key}/status.svg)`);
    expect(await page.getByLabel('Uptime (30 days) badge, as Markdown').inputValue()).toBe(`![uptime](${app.url}/badge/${key}/uptime.svg?window=30d)`);
    await page.getByRole('button', { name: 'Copy status badge Markdown' }).waitFor();
    // The address answers anyone, with no session.
    const badge = await fetch(`${app.url}/badge/${key}/status.svg`);
    expect(badge.status).toBe(200);
    expect(badge.headers.get('content-type')).toContain('image/svg+xml');
    await page.goto(`${app.url}/`);
  });

  it('explains status pages before there is one', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status pages' }).click();
    await page.waitForURL(`${app.url}/status-pages`);
    await page.getByText('No status pages yet').waitFor();
    expect(await page.getByText('A status page is a public page').count()).toBe(1);
    await page.getByRole('link', { name: 'New status page' }).click();
    await page.waitForURL(`${app.url}/status-pages/new`);
  });

  it('builds a page with two sections, moving them with the keyboard, and shows errors beside the field', async () => {
    await page.getByLabel('Title').fill('Acme status');
    expect(await page.getByLabel('Slug').inputValue()).toBe('acme-status');
    await page.getByLabel('Description (optional)').fill('Live status of Acme’s website and database.');

    await page.getByLabel('Section 1 name').fill('Website');
    await page.getByLabel('Monitor to add to Website').selectOption({ label: 'Marketing site' });
    await page.getByRole('button', { name: 'Add monitor to Website' }).click();
    await page.getByRole('button', { name: 'Add section' }).click();
    // The new section's name has the focus.
    await page.keyboard.type('Databases');
    expect(await page.getByLabel('Section 2 name').inputValue()).toBe('Databases');
    // A monitor is on a page once: the second picker offers only the other one.
    const picker = page.getByLabel('Monitor to add to Databases');
    expect(await picker.locator('option').allTextContents()).toEqual(['Primary database']);
    await page.getByRole('button', { name: 'Add monitor to Databases' }).click();
    await page.getByLabel('Public name of Primary database').fill('Main DB');
    await page.getByLabel('Show details (URL, response times, errors) of Main DB').check();

    // Keyboard reordering: focus follows the section, to its twin button once at the edge.
    await page.getByRole('button', { name: 'Move section Databases up' }).focus();
    await page.keyboard.press('Enter');
    expect(await sectionOrder(page)).toEqual(['Databases', 'Website']);
    expect(await focusedLabel(page)).toBe('Move section Databases down');
    await page.keyboard.press('Enter');
    expect(await sectionOrder(page)).toEqual(['Website', 'Databases']);
    expect(await focusedLabel(page)).toBe('Move section Databases up');

    // The API's own slug rule, shown beside the slug before anything is sent.
    await page.getByLabel('Slug').fill('Not a slug');
    await page.getByRole('button', { name: 'Create status page' }).click();
    await page.locator('#slug-error').getByText('Slug may use lower-case letters, digits and single dashes between them').waitFor();
    expect(await page.getByLabel('Slug').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Slug').fill(SLUG);
    await screenshotBothThemes(page, 'status-page-new');

    await page.getByRole('button', { name: 'Create status page' }).click();
    await page.waitForURL(/\/status-pages\/[^/?]+\?created=1$/);
    pageId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('Status page created.').waitFor();
    expect(await page.getByLabel('Public URL', { exact: true }).inputValue()).toBe(`${app.url}/status/${SLUG}`);
    expect(await page.getByRole('link', { name: /^Open/ }).getAttribute('href')).toBe(`${app.url}/status/${SLUG}`);
    await page.getByRole('button', { name: 'Copy public URL' }).waitFor();
    // What was saved comes back in the editor, in order.
    expect(await sectionOrder(page)).toEqual(['Website', 'Databases']);
    expect(await page.getByLabel('Public name of Primary database').inputValue()).toBe('Main DB');
    await screenshotBothThemes(page, 'status-page-edit');

    const saved = await page.request.get(`${app.url}/api/status-pages/${pageId}`);
    const body = await saved.json();
    expect(body.statusPage.sections.map((s: { name: string }) => s.name)).toEqual(['Website', 'Databases']);
    expect(body.statusPage.sections[1].monitors[0]).toMatchObject({ name: 'Primary database', displayName: 'Main DB', showDetails: true });
  });

  it('lists the page with its public address and state', async () => {
    await page.getByRole('link', { name: 'Status pages', exact: true }).first().click();
    await page.waitForURL(`${app.url}/status-pages`);
    const row = page.locator(`li[data-status-page-id="${pageId}"]`);
    await row.locator('[data-page-state="published"]').waitFor();
    expect(await row.getByRole('link', { name: /^\/status\/acme/ }).getAttribute('href')).toBe(`/status/${SLUG}`);
    await screenshotBothThemes(page, 'status-pages');
  });

  it('posts an incident and an update to it', async () => {
    await page.locator(`li[data-status-page-id="${pageId}"]`).getByRole('link', { name: 'Incidents of Acme status' }).click();
    await page.waitForURL(`${app.url}/status-pages/${pageId}/incidents`);
    await page.getByText('No incidents', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'New incident' }).click();
    await page.getByLabel('Title').fill('Slow database queries');
    await page.getByLabel('Impact').selectOption('major');
    await page.getByLabel('Main DB').check();
    await page.getByLabel('Message').fill('We are **looking** into slow queries.');
    await page.getByText('Plain text, or a little Markdown').first().waitFor();
    await page.getByRole('button', { name: 'Post incident' }).click();

    const incident = page.locator('li[data-incident-id]').filter({ hasText: 'Slow database queries' });
    await incident.waitFor();
    expect(await incident.getAttribute('data-incident-status')).toBe('investigating');
    expect(await incident.textContent()).toContain('affects Main DB');

    await incident.getByLabel('Status', { exact: true }).selectOption('monitoring');
    await incident.getByLabel('Update', { exact: true }).fill('A fix is deployed; we are watching the database.');
    await incident.getByRole('button', { name: 'Post update' }).click();
    await incident.locator('li[data-update-id]').nth(1).waitFor();
    expect(await incident.getAttribute('data-incident-status')).toBe('monitoring');
    // Newest first.
    expect(await incident.locator('li[data-update-id]').first().textContent()).toContain('A fix is deployed');
    await screenshotBothThemes(page, 'status-page-incidents');
  });

  it('plans a maintenance window covering one monitor now, read in the browser’s time zone', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Maintenance' }).click();
    await page.waitForURL(`${app.url}/maintenance`);
    await page.getByText('No maintenance windows').waitFor();
    await page.getByRole('button', { name: 'Add window' }).click();
    await page.getByLabel('Title').fill('Database upgrade');
    await page.getByLabel('Primary database').check();
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    const start = new Date(Math.floor((Date.now() - 5 * 60_000) / 60_000) * 60_000);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    await page.getByLabel('Start', { exact: true }).fill(isoToZonedLocal(start.toISOString(), 'Europe/Berlin'));
    await page.getByLabel('End', { exact: true }).fill(isoToZonedLocal(end.toISOString(), 'Europe/Berlin'));
    await screenshotBothThemes(page, 'maintenance-form');
    await page.getByRole('button', { name: 'Add window' }).click();

    const item = page.locator('li[data-maintenance-id]').filter({ hasText: 'Database upgrade' });
    await item.locator('[data-maintenance-state="active"]').waitFor();
    expect(await item.textContent()).toContain('Primary database');
    // The wall-clock times typed in Berlin are the intended instants.
    const list = await (await page.request.get(`${app.url}/api/maintenance`)).json();
    expect(list.maintenance[0]).toMatchObject({ start: start.toISOString(), end: end.toISOString(), timeZone: 'Europe/Berlin', active: true });
    await screenshotBothThemes(page, 'maintenance');
  });

  it('folds the navigation into a menu on a phone, without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${app.url}/status-pages/${pageId}`);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.getByText('Menu', { exact: true }).click();
    await screenshotBothThemes(page, 'status-page-edit-phone-menu');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Maintenance' }).click();
    await page.waitForURL(`${app.url}/maintenance`);
    // The menu closes once the link is followed.
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'hidden' });
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('shows an anonymous visitor the page: sections, 90-day bars, the incident update and the maintenance', async () => {
    const visitor = await openBrowser();
    visitors.push(visitor);
    const v = visitor.page;
    const res = await v.goto(`${app.url}/status/${SLUG}`);
    expect(res?.status()).toBe(200);
    await v.getByRole('heading', { level: 1, name: 'Acme status' }).waitFor();
    for (const name of ['Website', 'Databases']) await v.getByRole('heading', { level: 2, name }).waitFor();
    const bars = v.locator('ol.bar');
    expect(await bars.count()).toBe(2);
    for (const bar of await bars.all()) expect(await bar.locator('li.seg').count()).toBe(90);
    expect(await v.locator('.timeline').first().textContent()).toContain('A fix is deployed; we are watching the database.');
    expect(await v.locator('.notice.maint').textContent()).toContain('Database upgrade');
    // Saved beside the other e2e screenshots; docs/screenshots/status-page.png is a copy of it.
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await v.screenshot({ path: path.join(SCREENSHOT_DIR, 'status-page-public-light.png'), fullPage: true, animations: 'disabled' });
  });

  it('fits a phone without sideways scrolling', async () => {
    const phone = await openBrowser({ viewport: { width: 375, height: 812 } });
    visitors.push(phone);
    await phone.page.goto(`${app.url}/status/${SLUG}`);
    await phone.page.getByRole('heading', { level: 1, name: 'Acme status' }).waitFor();
    expect(await noHorizontalScroll(phone.page)).toBe(true);
    await phone.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'status-page-public-phone.png'), fullPage: true, animations: 'disabled' });
  });

  it('follows a dark colour scheme', async () => {
    const dark = await openBrowser({ colorScheme: 'dark' });
    visitors.push(dark);
    await dark.page.goto(`${app.url}/status/${SLUG}`);
    await dark.page.getByRole('heading', { level: 1, name: 'Acme status' }).waitFor();
    // The text follows the scheme: light on dark.
    const colour = await dark.page.evaluate(() => getComputedStyle(document.querySelector('h1')!).color);
    const [r, g, b] = (colour.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
    expect(r + g + b).toBeGreaterThan(3 * 128);
    await dark.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'status-page-public-dark.png'), fullPage: true, animations: 'disabled' });
  });

  it('deletes the page only once its slug is typed; its address then answers 404', async () => {
    await page.goto(`${app.url}/status-pages/${pageId}`);
    await page.getByRole('button', { name: 'Delete page' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this status page?' });
    const confirm = dialog.getByRole('button', { name: 'Delete status page' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/to confirm/).fill(SLUG);
    await confirm.click();
    await page.waitForURL(`${app.url}/status-pages`);
    await page.getByText('No status pages yet').waitFor();
    expect((await page.request.get(`${app.url}/status/${SLUG}`)).status()).toBe(404);
  });

  it('ran without uncaught errors in the pages', () => {
    const real = [browser, ...visitors].flatMap((b) => b.errors).filter((e) => !/Failed to load resource/.test(e));
    expect(real).toEqual([]);
  });
});
