// Launches Debian's Chromium through playwright-core (never a downloaded browser).
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

/** The demo portal's frontend, as started by e2e/stack.mjs. */
export const PORTAL = 'http://localhost:3000';

const images = join(import.meta.dirname, '..', 'docs', 'images');

/** Writes a full-page screenshot to docs/images/, which the docs show. */
export async function screenshot(page, name) {
  await page.screenshot({ path: join(images, name), fullPage: true });
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
  const ready = page.locator('main, [data-testid="sidebar-root"], nav').first();
  await Promise.race([
    enter.waitFor({ timeout: 60_000 }).catch(() => undefined),
    ready.waitFor({ timeout: 60_000 }).catch(() => undefined),
  ]);
  if (await enter.isVisible()) {
    await enter.click();
    await page.waitForURL(u => !u.pathname.includes('sign-in'), { timeout: 30_000 }).catch(() => undefined);
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
