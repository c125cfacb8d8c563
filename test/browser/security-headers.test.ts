import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/complaints.js';
import { keyFor } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { useBrowser } from './support/browser.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const browser = useBrowser();

/**
 * Every Content-Security-Policy violation the browser reports on the console (Chromium writes
 * "Refused to … because it violates the following Content Security Policy directive"): a strict
 * policy that breaks a page would show here before a customer sees a blank screen.
 */
function watchViolations(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function signIn(page: Page, username: string, next: string) {
  await page.goto(`${ctx.url}/signin?next=${encodeURIComponent(next)}`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

const expectPageHeaders = (headers: Record<string, string>) => {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  expect(headers['x-content-type-options']).toBe('nosniff');
};

describe('security headers on every page', () => {
  it('serves each customer page under a strict policy that the page itself never breaks', async () => {
    const context = await browser.context();
    const violations = watchViolations(context);
    const page = await context.newPage();
    const complaint = await fileComplaint(ctx.platform, 'sh-jingan');
    const pages = [
      '/',
      `/s/sh-jingan?k=${await keyFor(ctx.platform, 'sh-jingan')}`,
      '/c',
      `/t?no=${complaint.trackingNo}`,
      '/signin',
    ];
    for (const path of pages) {
      const response = await page.goto(`${ctx.url}${path}`);
      await page.waitForLoadState('networkidle');
      expectPageHeaders(response?.headers() ?? {});
      expect(await page.locator('h1').count(), path).toBeGreaterThan(0);
    }
    expect(violations).toEqual([]);
    await context.close();
  });

  it('keeps the staff, head-office and admin pages working under the same policy', async () => {
    const context = await browser.context({ width: 1280, height: 900 });
    const violations = watchViolations(context);
    const page = await context.newPage();
    await signIn(page, 'head-office', '/dashboard');
    await page.waitForLoadState('networkidle');
    for (const path of ['/staff', '/dashboard', '/report']) {
      const response = await page.goto(`${ctx.url}${path}`);
      await page.waitForLoadState('networkidle');
      expectPageHeaders(response?.headers() ?? {});
    }
    // The dashboard's chart (uPlot) draws on a canvas and sets its sizes from script: allowed.
    await page.goto(`${ctx.url}/dashboard`);
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThan(0);

    const admin = await context.newPage();
    await signIn(admin, 'admin', '/admin');
    await admin.goto(`${ctx.url}/posters?region=beijing`);
    // Posters carry QR codes made into blob: URLs in the page.
    await expect.poll(() => admin.locator('img[src^="blob:"]').count()).toBeGreaterThan(0);

    const docs = await context.newPage();
    const response = await docs.goto(`${ctx.url}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => docs.locator('.swagger-ui .info').count()).toBeGreaterThan(0);

    expect(violations).toEqual([]);
    await context.close();
  });

  it('refuses to be framed by another site', async () => {
    const context = await browser.context({ width: 1280, height: 900 });
    const page = await context.newPage();
    // A page of its own (about:blank, not the platform's origin) framing the staff inbox.
    await page.setContent(`<iframe id="f" src="${ctx.url}/staff" width="800" height="600"></iframe>`);
    // setContent waits for the load event, which waits for the frame (or its error page).
    const frame = await (await page.$('#f'))?.contentFrame();
    // A blocked frame never gets the staff page's document.
    expect(frame?.url().includes('/staff') && (await frame.locator('body *').count()) > 0).toBe(false);
    await context.close();
  });

  it('answers API calls with a policy that allows nothing, and HSTS', async () => {
    const response = await fetch(`${ctx.url}/api/v1/health`);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/);
  });
});

describe('addresses a browser should never be sent to', () => {
  it.each([
    ['/\\evil.example/x'],
    ['/\t/evil.example/x'],
    ['//evil.example/x'],
    ['https://evil.example/x'],
    ['/.//evil.example'],
    ['/staff/..//evil.example'],
    ['/%2e//evil.example'],
  ])('after sign-in with next=%j the user stays on this site', async (next) => {
    const context = await browser.context({ width: 1280, height: 900 });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/signin?next=${encodeURIComponent(next)}`);
    await page.locator('button[data-username="admin"]').click();
    await page.waitForURL((url) => url.pathname === '/admin');
    expect(new URL(page.url()).origin).toBe(new URL(ctx.url).origin);
    await context.close();
  });

  it.each(['/%', '/%zz', '/s/%E0%A4%A'])(
    'answers a malformed page address %s with 400, not 500',
    async (path) => {
      const response = await fetch(`${ctx.url}${path}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    },
  );
});
