import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { startTarget, type TargetServer } from '../support/target-server';
import { describeWithBrowser, openBrowser, screenshotBothThemes, type BrowserSession, signUpInBrowser } from '../support/browser';
import { Api } from '../support/api';

// The settings page and the header around it, in Chromium: the header's links and the phone
// menu, the API reference (rendered from the app's own files under its CSP), the time zone
// and theme choices that stick, a password change that ends the other sessions, logging out
// of every session, and deleting the account. One person's account, step after step.

const email = `settings-${Date.now()}@example.com`;
const firstPassword = 'correct horse battery';
const newPassword = 'staple battery horse';

/** The body's computed background colour: the theme actually painted. */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describeWithBrowser('settings, header and API reference in Chromium', () => {
  let app: AppServer;
  let target: TargetServer;
  let browser: BrowserSession;
  let page: Page;
  /** Requests the page sent anywhere but the app: the API reference must fetch nothing from outside. */
  const foreign: string[] = [];
  /** Every CSP violation any document of the page reported, with where it happened. */
  const violations: string[] = [];

  beforeAll(async () => {
    [app, target] = await Promise.all([startApp(), startTarget(200)]);
    browser = await openBrowser();
    page = browser.page;
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      const report = (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp;
      document.addEventListener('securitypolicyviolation', (e) => report(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });
    await signUpInBrowser(page, app.url, email, firstPassword);
    const res = await page.request.post(`${app.url}/api/monitors`, { data: { name: 'Loopback site', url: target.url, intervalSeconds: 1 }, headers: { origin: app.url } });
    expect(res.status()).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
    await app?.dispose();
  });

  it('links the API reference and the settings from the header', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'API' }).getAttribute('href')).toBe('/api-reference');
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`${app.url}/settings`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await nav.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('link', { name: 'Notification channels' }).getAttribute('href')).toBe('/notifications');
    expect(await page.getByRole('link', { name: 'API keys', exact: true }).getAttribute('href')).toBe('#api-keys-title');
  });

  it('renders the API reference from the app itself, with no CSP violation and nothing fetched from outside', async () => {
    const from = foreign.length;
    const reported = violations.length;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API' }).click();
    await page.waitForURL(`${app.url}/api-reference`);
    await page.locator('.swagger-ui .info .title').getByText('Pingboard API').waitFor({ timeout: 30_000 });
    // Loaded afresh too, so the renderer starts in a document of its own.
    await page.reload();
    await page.locator('.swagger-ui .info .title').getByText('Pingboard API').waitFor({ timeout: 30_000 });
    await page.locator('.swagger-ui .opblock').nth(20).waitFor();
    expect(await page.locator('.swagger-ui .opblock-summary-path').allTextContents()).toEqual(expect.arrayContaining(['/api/monitors', '/api/monitors/{id}/overview']));
    // An operation opens with its request body schema, generated from the same zod schemas.
    await page.locator('.swagger-ui .opblock-summary').filter({ hasText: '/api/auth/password' }).first().click();
    await page.locator('.swagger-ui .opblock.is-open').getByText('newPassword').first().waitFor();
    await screenshotBothThemes(page, 'api-reference');
    expect(violations.slice(reported)).toEqual([]);
    expect(foreign.slice(from)).toEqual([]);
    // The page really runs under the production CSP: no eval allowed.
    const res = await page.request.get(`${app.url}/api-reference`);
    expect(res.headers()['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    expect(res.headers()['content-security-policy']).not.toContain('unsafe-eval');
    const bundle = await page.request.get(`${app.url}/api-reference/assets/swagger-ui-bundle.js`);
    expect(bundle.status()).toBe(200);
    expect(bundle.headers()['content-type']).toContain('text/javascript');
    expect((await page.request.get(`${app.url}/api-reference/assets/package.json`)).status()).toBe(404);
  });

  it('opens the header links from the phone menu, which closes again', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      const menu = page.locator('header details');
      await menu.locator('summary').click();
      await menu.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL(`${app.url}/settings`);
      await page.waitForFunction(() => !document.querySelector('header details')?.hasAttribute('open'));
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await menu.locator('summary').click();
      expect(await menu.getByRole('link', { name: 'API' }).isVisible()).toBe(true);
      await menu.locator('summary').click();
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('fits the header without sideways scrolling at every width', async () => {
    try {
      for (const width of [375, 640, 768, 1024, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        const fits = await page.evaluate(() => {
          const logout = [...document.querySelectorAll('header button')].find((b) => b.textContent?.trim() === 'Log out')!.getBoundingClientRect();
          return document.documentElement.scrollWidth <= document.documentElement.clientWidth && logout.right <= document.documentElement.clientWidth;
        });
        expect(fits, `${width} px`).toBe(true);
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('shows times in a chosen time zone, on every page, until the browser’s is chosen again', async () => {
    await page.goto(`${app.url}/settings`);
    const zone = page.getByLabel('Time zone');
    expect(await zone.inputValue()).toBe('');
    await page.getByTestId('time-zone-preview').getByText('Europe/Berlin').waitFor();
    await zone.selectOption('Asia/Tokyo');
    await page.getByTestId('time-zone-preview').getByText('Asia/Tokyo').waitFor();
    // It sticks: a new load renders in Tokyo time from the first byte.
    const html = await (await page.request.get(`${app.url}/settings`)).text();
    expect(html).toMatch(/Times are shown in (<!-- -->)?Asia\/Tokyo/);
    await page.reload();
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    // A check's time on the monitor page says GMT+9 (the browser itself is in Berlin).
    const { monitors } = await (await page.request.get(`${app.url}/api/monitors`)).json();
    await page.goto(`${app.url}/monitors/${monitors[0].id}`);
    const time = page.locator('tr[data-check-id] time').first();
    await time.waitFor();
    expect(await time.getAttribute('title')).toContain('GMT+9');

    await page.goto(`${app.url}/settings`);
    await page.getByLabel('Time zone').selectOption('');
    await page.getByTestId('time-zone-preview').getByText('Europe/Berlin').waitFor();
    await page.reload();
    expect(await page.getByLabel('Time zone').inputValue()).toBe('');
  });

  it('switches the theme at once, keeps it for the next load without a flash, and can follow the system again', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background(page);
    await page.getByRole('radio', { name: /^Dark/ }).check();
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
    const dark = await background(page);
    expect(dark).not.toBe(light);
    // The server puts the class in the first HTML, so the next load paints dark from the start.
    expect(await (await page.request.get(`${app.url}/settings`)).text()).toMatch(/<html lang="en" class="dark"/);
    await page.reload();
    expect(await background(page)).toBe(dark);
    expect(await page.getByRole('radio', { name: /^Dark/ }).isChecked()).toBe(true);

    // A chosen light theme wins over a dark system.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('radio', { name: /^Light/ }).check();
    await page.waitForFunction(() => document.documentElement.classList.contains('light'));
    expect(await background(page)).toBe(light);

    // System follows the device again, both ways.
    await page.getByRole('radio', { name: /^System/ }).check();
    await page.waitForFunction(() => !document.documentElement.classList.contains('light') && !document.documentElement.classList.contains('dark'));
    expect(await background(page)).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background(page)).toBe(light);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.className)).toBe('');
    await screenshotBothThemes(page, 'settings');
  });

  it('changes the password: this browser stays signed in, every other session ends', async () => {
    const other = new Api(app.url);
    const login = await other.post('/api/auth/login', { email, password: firstPassword });
    expect(login.status).toBe(200);
    other.token = login.body.token;
    expect((await other.get('/api/auth/me')).status).toBe(200);

    await page.goto(`${app.url}/settings`);
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat new password').fill('something else');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#settings-confirm-error').getByText('The two new passwords differ').waitFor();
    await page.getByLabel('Repeat new password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#settings-currentPassword-error').getByText('Current password is incorrect').waitFor();

    await page.getByLabel('Current password').fill(firstPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByTestId('password-changed').waitFor();
    expect(await page.getByLabel('Current password').inputValue()).toBe('');
    expect((await other.get('/api/auth/me')).status).toBe(401);
    // The answer re-set this browser's cookie: it is still signed in.
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect((await new Api(app.url).post('/api/auth/login', { email, password: firstPassword })).status).toBe(401);
    expect((await new Api(app.url).post('/api/auth/login', { email, password: newPassword })).status).toBe(200);
  });

  it('logs out of every session at once', async () => {
    const other = new Api(app.url);
    other.token = (await other.post('/api/auth/login', { email, password: newPassword })).body.token;
    await page.getByRole('button', { name: 'Log out of every session' }).click();
    await page.waitForURL(`${app.url}/login`);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    await page.goto(`${app.url}/settings`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('deletes the account only with its password', async () => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${app.url}/`);
    await page.goto(`${app.url}/settings`);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.locator('#delete-password-error').getByText('Password is required').waitFor();
    await page.getByLabel('Your password, to confirm').fill('wrong password');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.locator('#delete-password-error').getByText('Password is incorrect').waitFor();
    await page.getByLabel('Your password, to confirm').fill(newPassword);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL(`${app.url}/login`);
    expect((await new Api(app.url).post('/api/auth/login', { email, password: newPassword })).status).toBe(401);
  });

  it('ran without uncaught errors or CSP violations in any page', () => {
    // 401 answers the app asked for on purpose show up as console resource errors; ignore those.
    const real = browser.errors.filter((e) => !/Failed to load resource/.test(e));
    expect(real).toEqual([]);
    expect(violations).toEqual([]);
  });
});
