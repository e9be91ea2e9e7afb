import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Browser tests drive the system's Chromium through playwright-core: no browser download,
// ever. Each session gets a fresh profile directory, deleted on close.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export function chromiumAvailable(): boolean {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const isCI = /^(1|true|yes)$/i.test(process.env.CI ?? '');
let warned = false;

/**
 * `describe` for browser suites. Without Chromium the suite is skipped with a loud warning,
 * except under CI=true, where a missing browser is a failing test.
 */
export function describeWithBrowser(name: string, fn: () => void): void {
  if (chromiumAvailable()) {
    describe(name, fn);
    return;
  }
  if (isCI) {
    describe(name, () => {
      it('has Chromium to run in', () => {
        throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH); browser tests cannot be skipped under CI=true`);
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    const bar = '!'.repeat(78);
    console.warn(
      `\n${bar}\n!!  END-TO-END BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}\n` +
        `!!  Install it (apt-get install chromium) or set CHROMIUM_PATH. Under CI=true this fails.\n${bar}\n`,
    );
  }
  describe.skip(`${name} [SKIPPED: no Chromium at ${CHROMIUM_PATH}]`, fn);
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Every uncaught page error and console error, to assert a clean run. */
  errors: string[];
  close: () => Promise<void>;
}

export async function openBrowser(opts: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserSession> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
    timezoneId: 'Europe/Berlin',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page PNG in light and in dark, via colour-scheme emulation. */
export async function screenshotBothThemes(page: Page, name: string): Promise<string[]> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // From the top, so the sticky header sits where a person sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  const files: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const file = path.join(SCREENSHOT_DIR, `${name}-${scheme}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    files.push(file);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return files;
}

/** Signs a new user up through the sign-up form and waits for the dashboard; the page keeps the session cookie. */
export async function signUpInBrowser(page: Page, appUrl: string, email = `user-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`, password = 'correct horse battery'): Promise<void> {
  await page.goto(`${appUrl}/signup`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${appUrl}/`);
}
