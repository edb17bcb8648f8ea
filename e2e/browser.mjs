// Launches Debian's Chromium through playwright-core (never a downloaded browser).
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

/** The demo portal's frontend, as started by e2e/stack.mjs. */
export const PORTAL = 'http://localhost:3000';

const images = join(import.meta.dirname, '..', 'docs', 'images');

/** Where a screenshot named `name` goes: docs/images/, which the docs show. */
export const screenshotPath = name => join(images, name);

/** Writes a full-page screenshot to docs/images/. */
export async function screenshot(page, name) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens a portal page, entering as guest when the sign-in page shows first. */
export async function openPortalPage(page, url) {
  await page.goto(url);
  const enter = page.getByRole('button', { name: /enter/i });
  const sidebar = page.getByTestId('sidebar-root');
  // The sidebar's root box has no size of its own: wait for it to exist.
  await enter.or(sidebar).first().waitFor({ state: 'attached', timeout: 60_000 });
  if (await enter.isVisible()) {
    await enter.click();
    await sidebar.waitFor({ state: 'attached', timeout: 60_000 });
  }
}

/**
 * Registers a browser for the calling test file and returns a getter for its
 * page (created before the first test, closed after the last).
 */
export function usePortalPage(contextOptions = {}) {
  let browser;
  let page;
  before(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      ...contextOptions,
    });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
  });
  return () => page;
}
