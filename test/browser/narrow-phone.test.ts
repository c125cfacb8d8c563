import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/complaints.js';
import { keyFor } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';
import { screenshotPath, useBrowser } from './support/browser.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const browser = useBrowser();

/** The narrowest phone still sold: the customer pages must fit it without scrolling sideways. */
const WIDTH = 320;

async function phone(locale: string) {
  const context = await browser.context({ locale, width: WIDTH, height: 640 });
  return { context, page: await context.newPage() };
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** How many lines each element's text is laid out on. */
const linesOf = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((nodes) =>
    nodes.map((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    }),
  );

describe('the customer pages on a 320 px phone', () => {
  for (const [locale, veryUnsatisfied] of [
    ['en-US', 'Very unsatisfied'],
    ['zh-TW', '非常不滿意'],
  ] as const) {
    it(`fits the survey in ${locale}, each face's words whole on one line`, async () => {
      const { context, page } = await phone(locale);
      await page.goto(`${ctx.url}/s/bj-guomao?k=${await keyFor(ctx.platform, 'bj-guomao')}`);
      await page.getByRole('button', { name: veryUnsatisfied }).waitFor();
      await page.screenshot({ path: screenshotPath(`survey-320-${locale}`), fullPage: true });
      expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
      expect(await linesOf(page, '.faces button span')).toEqual([1, 1, 1, 1, 1]);
      for (const box of await page
        .locator('.faces button')
        .evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().right)))
        expect(box).toBeLessThanOrEqual(WIDTH);

      // The details asked after the rating fit too.
      await page.getByRole('button', { name: veryUnsatisfied }).click();
      await page.locator('#details').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
      await context.close();
    });
  }

  it('fits the complaint form and its receipt, and the tracking page with the verdict buttons', async () => {
    const { context, page } = await phone('en-US');
    await page.goto(`${ctx.url}/c/sh-jingan?k=${await keyFor(ctx.platform, 'sh-jingan')}`);
    await expect.poll(() => page.locator('#category option').count()).toBeGreaterThan(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
    await page.locator('#category').selectOption('waiting-time');
    await page.getByLabel('Please describe what happened').fill('We queued for over an hour at one window.');
    await page.getByLabel('Your name').fill('Li Si');
    await page.getByLabel('Phone (mobile, or a landline with its area code)').fill('139 0000 4321');
    await page.locator('input[name="consent"]').check();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.locator('#tracking-no').filter({ hasText: /\w/ }).waitFor();
    await page.screenshot({ path: screenshotPath('complaint-receipt-320'), fullPage: true });
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
    expect(await linesOf(page, '#tracking-no')).toEqual([1]);

    const receipt = await fileComplaint(ctx.platform, 'sh-jingan');
    await staffAs(ctx, 'operations.1').acceptAndResolve(receipt.trackingNo, 'We opened a second window.');
    await page.goto(`${ctx.url}/t?no=${receipt.trackingNo}`);
    await page.locator('#last4').fill('5678');
    await page.locator('#lookup button[type=submit]').click();
    await page.getByText('We opened a second window.').waitFor();
    await page.screenshot({ path: screenshotPath('track-320'), fullPage: true });
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
    await context.close();
  });
});
