import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { startTarget, type TargetServer } from '../support/target-server';
import { Api, waitFor } from '../support/api';
import { describeWithBrowser, openBrowser, type BrowserSession } from '../support/browser';

const XSS = '"><img src=x onerror=window.__xss=1>';

async function loginInBrowser(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

describeWithBrowser('isolation, auth and safety in Chromium', () => {
  let app: AppServer;
  let target: TargetServer;
  let browser: BrowserSession;
  let page: Page;
  const alice = new Api('');
  const bob = new Api('');
  let aliceUser: { email: string; password: string };
  let bobMonitorId = '';
  let xssMonitorId = '';
  const dialogs: string[] = [];

  beforeAll(async () => {
    [app, target] = await Promise.all([startApp(), startTarget(200)]);
    Object.assign(alice, { baseUrl: app.url });
    Object.assign(bob, { baseUrl: app.url });
    aliceUser = await alice.signup();
    await bob.signup();
    const b = await bob.post('/api/monitors', { name: 'Bob private monitor', url: `${target.url}bob-secret`, intervalSeconds: 60 });
    expect(b.status).toBe(201);
    bobMonitorId = b.body.monitor.id;
    // The payload in the name, the URL and (through the keyword rule) the check's error message.
    const x = await alice.post('/api/monitors', { name: `XSS ${XSS}`, url: `${target.url}?q=${XSS}`, intervalSeconds: 1, keyword: XSS });
    expect(x.status).toBe(201);
    xssMonitorId = x.body.monitor.id;
    await waitFor(async () => (await alice.get(`/api/monitors/${xssMonitorId}`)).body.monitor.status === 'DOWN', 15_000, 'XSS monitor DOWN');
    browser = await openBrowser();
    page = browser.page;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await loginInBrowser(page, app.url, aliceUser.email, aliceUser.password);
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
    await app?.dispose();
  });

  it("never shows one user another user's monitors", async () => {
    await page.goto(`${app.url}/`);
    await page.locator('li[data-monitor-id]').first().waitFor();
    expect(await page.content()).not.toContain('Bob private monitor');
    expect(await page.locator('li[data-monitor-id]').count()).toBe(1);
    // A refresh of the list (the dashboard polls it) still never brings it in.
    await page.waitForResponse((r) => new URL(r.url()).pathname === '/api/monitors/summary' && r.ok(), { timeout: 30_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(await page.content()).not.toContain('bob-secret');

    for (const path of [`/monitors/${bobMonitorId}`, `/monitors/${bobMonitorId}/edit`]) {
      const res = await page.goto(`${app.url}${path}`);
      expect(res?.status()).toBe(404);
      await page.getByRole('heading', { name: 'This page does not exist' }).waitFor();
      expect(await page.content()).not.toContain('Bob private monitor');
    }
  });

  it('renders a script payload in name, URL and error as text, and runs no script', async () => {
    await page.goto(`${app.url}/`);
    await page.locator('li[data-monitor-id]').filter({ hasText: XSS }).waitFor();
    await page.goto(`${app.url}/monitors/${xssMonitorId}`);
    await page.getByRole('heading', { name: `XSS ${XSS}` }).waitFor();
    await page.getByText(`Keyword "${XSS}" not found`).first().waitFor();
    await page.goto(`${app.url}/monitors/${xssMonitorId}/edit`);
    expect(await page.getByLabel('Name').inputValue()).toBe(`XSS ${XSS}`);
    // Every script the page loads has run once the network is idle.
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('checks auth on the server for every page, whatever headers a visitor forges', async () => {
    const forged = ['middleware', 'proxy', 'src/middleware', 'middleware:middleware:middleware:middleware:middleware', 'proxy:proxy:proxy:proxy:proxy'];
    for (const path of ['/', `/monitors/${xssMonitorId}`, `/monitors/${xssMonitorId}/edit`, '/monitors/new']) {
      for (const value of forged) {
        const res = await fetch(`${app.url}${path}`, { headers: { 'x-middleware-subrequest': value }, redirect: 'manual' });
        const body = await res.text();
        expect(res.status, `${path} with x-middleware-subrequest: ${value}`).toBeGreaterThanOrEqual(300);
        expect(res.status).toBeLessThan(400);
        expect(res.headers.get('location') ?? '').toContain('/login');
        expect(body).not.toContain('XSS');
      }
    }
    // A cookie that merely exists (the proxy's early check) is not a session either.
    const res = await fetch(`${app.url}/`, { headers: { cookie: 'pingboard_session=forged', 'x-middleware-subrequest': 'middleware' }, redirect: 'manual' });
    expect(res.headers.get('location') ?? '').toContain('/login');
    expect(await res.text()).not.toContain('XSS');
  });

  it('never caches a signed-in page', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'pingboard_session');
    const res = await fetch(`${app.url}/`, { headers: { cookie: `pingboard_session=${cookie!.value}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control') ?? '').toMatch(/no-store|private|no-cache/);
  });

  it('shows a styled 404 for an unknown page', async () => {
    const res = await page.goto(`${app.url}/no/such/page`);
    expect(res?.status()).toBe(404);
    await page.getByRole('link', { name: 'Back to dashboard' }).waitFor();
  });

  it('fits a 375 px screen without sideways scrolling, and is keyboard reachable', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of ['/', `/monitors/${xssMonitorId}`, '/monitors/new']) {
      await page.goto(`${app.url}${path}`);
      await page.locator('main').waitFor();
      // Measured once fonts are in and a frame has been laid out.
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => r(null)))));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.url}/`);
    await page.locator('li[data-monitor-id]').first().waitFor();
    const reached: string[] = [];
    // Tab from the top until the monitor row is reached (or give up): header links, Add monitor,
    // the search, the status counters and the view controls come first.
    for (let i = 0; i < 40 && !reached.some((t) => t.includes('XSS')); i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached.some((t) => t.includes('Add monitor'))).toBe(true);
    expect(reached.some((t) => t.includes('XSS'))).toBe(true);
    // The focused control shows an outline.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
  });
});
