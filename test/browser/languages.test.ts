import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { usePlatform } from '../support/platform.js';
import { screenshotPath, useBrowser } from './support/browser.js';

const ctx = usePlatform();
const browser = useBrowser();

/** Every page offers the same three languages, each named in itself. */
const SWITCH = { 'zh-CN': '简体', 'zh-TW': '繁體', en: 'EN' } as const;

/** Chooses a language on the page's switch and waits for `words` to be shown. */
async function choose(page: Page, lang: keyof typeof SWITCH, words: string[]) {
  await page.getByRole('button', { name: SWITCH[lang], exact: true }).click();
  for (const word of words) await page.getByText(word, { exact: false }).first().waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
}

async function signedIn(username: string, next: string) {
  const context = await browser.context({ locale: 'zh-CN', width: 1280, height: 900 });
  const page = await context.newPage();
  await page.goto(`${ctx.url}/signin?next=${encodeURIComponent(next)}`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  return { context, page };
}

describe('every page in every language', () => {
  it('the home page leads to the complaint form and the tracking page, in big buttons, in three languages', async () => {
    const context = await browser.context({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/`);
    const complain = page.getByRole('link', { name: /我要投诉/ });
    const track = page.getByRole('link', { name: /查询投诉进度/ });
    for (const link of [complain, track]) {
      const box = await link.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(80);
      expect(box?.width).toBeGreaterThanOrEqual(300);
    }
    await page.screenshot({ path: screenshotPath('home') });

    await choose(page, 'zh-TW', ['我要投訴', '查詢投訴進度']);
    await choose(page, 'en', ['Make a complaint', 'Track a complaint']);
    expect(await page.title()).toBe('Customer voice');
    // The choice holds on the next page: the complaint form, in English.
    await page.getByRole('link', { name: /Make a complaint/ }).click();
    await page.waitForURL(/\/c$/);
    await page.getByRole('heading', { name: 'Choose the outlet' }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: /Track a complaint/ }).click();
    await page.waitForURL(/\/t$/);
    await page.getByRole('button', { name: 'Check' }).waitFor();
    await context.close();
  });

  it('the sign-in page', async () => {
    const context = await browser.context({ locale: 'zh-CN', width: 1280, height: 900 });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/signin`);
    await page.getByText('本地演示用户').waitFor();
    expect(await page.locator('h1').textContent()).toBe('员工登录');
    await choose(page, 'zh-TW', ['本地示範用戶', '員工登入']);
    await choose(page, 'en', ['Local demo users', 'Staff sign-in', 'Department staff']);
    await page.screenshot({ path: screenshotPath('signin-en') });
    await choose(page, 'zh-CN', ['本地演示用户', '部门员工']);
    await context.close();
  });

  it('the admin page', async () => {
    const { context, page } = await signedIn('admin', '/admin');
    await page.locator('tr[data-outlet="sh-lujiazui"]').waitFor();
    await page.getByRole('button', { name: '新增网点' }).waitFor();
    await page.locator('#categories tr[data-category="loans"]').waitFor();
    await choose(page, 'zh-TW', ['新增網點', '分派規則', '陸家嘴支行']);
    await choose(page, 'en', ['New outlet', 'Routing rules', 'Lujiazui Sub-branch']);
    expect(await page.locator('tr[data-outlet="sh-lujiazui"]').textContent()).toContain('Shanghai Branch');
    expect(await page.locator('#categories tr[data-category="loans"]').textContent()).toContain('Loans');
    await page.screenshot({ path: screenshotPath('admin-en'), fullPage: true });
    await context.close();
  });

  it('the posters, with the bank’s complaint hotline', async () => {
    const { hotline } = (await (await fetch(`${ctx.url}/api/v1/bank-contact`)).json()) as { hotline: string };
    const { context, page } = await signedIn('admin', '/admin');
    await page.goto(`${ctx.url}/posters?outlet=bj-guomao`);
    const poster = page.locator('.poster[data-outlet="bj-guomao"]');
    await poster.waitFor();
    expect(await poster.textContent()).toMatch(new RegExp(`扫码评价本次服务.*投诉热线：${hotline}`, 's'));
    await choose(page, 'zh-TW', ['掃碼評價本次服務', `投訴熱線：${hotline}`, '國貿支行']);
    await choose(page, 'en', [
      'Scan to rate our service',
      `Complaint hotline: ${hotline}`,
      'Guomao Sub-branch',
    ]);
    await poster.screenshot({ path: screenshotPath('poster-en') });
    await context.close();
  });
});
