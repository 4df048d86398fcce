// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for the
// end-to-end tests of the page. Every page is watched: requests to anything but the test
// server are recorded and aborted, dialogs are recorded and dismissed, console errors and
// page errors are kept, so a test can assert that nothing ran and nothing left the page.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SCREENSHOTS = new URL('../../artifacts/screenshots/', import.meta.url);

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export function launch(): Promise<Browser> {
  // launch() gives every run a fresh temporary profile (user data dir), removed on close.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export type Watched = {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Requests to anything but the test server (aborted). */
  foreign: string[];
  dialogs: string[];
  errors: string[];
};

export async function openPage(browser: Browser, base: string, viewport: { width: number; height: number }, locale = 'ja-JP'): Promise<Watched> {
  const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1, isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
  const watched: Watched = { context, page: undefined as unknown as Page, requests: [], foreign: [], dialogs: [], errors: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    watched.requests.push(url);
    if (url.startsWith(`${base}/`)) return route.continue();
    watched.foreign.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(message.text());
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  watched.page = page;
  await page.goto(`${base}/`);
  return watched;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
}
