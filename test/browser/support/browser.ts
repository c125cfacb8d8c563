import { join, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../support/chromium.js';

/** A browser for the tests of one file (see test/support/chromium.ts), closed after them. */
export function useBrowser() {
  const state: { browser?: Browser } = {};
  beforeAll(async () => {
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  return {
    /** A fresh phone-sized (360×740) or desktop context with its own storage (and time zone, if given). */
    async context(
      options: {
        locale?: string;
        width?: number;
        height?: number;
        timezoneId?: string;
        /** Ignore the pages' Content-Security-Policy: to test what the page's own code does. */
        bypassCSP?: boolean;
      } = {},
    ): Promise<BrowserContext> {
      if (!state.browser) throw new Error('The browser has not started');
      return state.browser.newContext({
        locale: options.locale ?? 'zh-CN',
        viewport: { width: options.width ?? 360, height: options.height ?? 740 },
        deviceScaleFactor: 1,
        ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
        ...(options.bypassCSP ? { bypassCSP: true } : {}),
      });
    },
  };
}

/**
 * Where a test saves a page's picture: `test-results/screenshots/` (ignored by git), so a test
 * run never changes a tracked file. `npm run screenshots` copies them over the README's images
 * in docs/screenshots when a page's look has changed on purpose.
 */
export const SCREENSHOT_DIR = resolve('test-results/screenshots');
export const screenshotPath = (name: string) => join(SCREENSHOT_DIR, `${name}.png`);
