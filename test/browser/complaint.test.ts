import { describe, expect, it } from 'vitest';
import { keyFor } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';
import { screenshotPath, useBrowser } from './support/browser.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const browser = useBrowser();

describe('the complaint and tracking pages', () => {
  it('files a complaint from the outlet’s QR code and tracks it with the number and last four digits', async () => {
    const context = await browser.context({ locale: 'zh-CN' });
    const page = await context.newPage();
    const k = await keyFor(ctx.platform, 'sh-jingan');
    await page.goto(`${ctx.url}/c/sh-jingan?k=${k}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('静安寺支行');
    await page.getByLabel('投诉类别').selectOption('fees-and-charges');
    await page.getByRole('button', { name: '提交投诉' }).click();
    // The page's own checks, in the customer's language, before anything is sent.
    await page.getByText('请至少写 10 个字').waitFor();
    await page
      .getByLabel('请描述发生了什么')
      .fill('取款时被收取了未告知的手续费 <img src=x onerror=alert(1)>');
    await page.getByLabel('您的姓名').fill('李四');
    await page.getByLabel('联系电话（手机，或带区号的固定电话）').fill('139 0000 4321');
    await page.getByLabel('短信', { exact: true }).check();
    await page.getByLabel('我同意银行为处理本次投诉使用我的姓名和电话。').check();
    await page.screenshot({ path: screenshotPath('complaint'), fullPage: true });
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.getByText('我们已收到您的投诉').waitFor();
    const trackingNo = (await page.locator('#tracking-no').textContent()) ?? '';
    expect(trackingNo).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(await page.locator('#department').textContent()).toBe('个人金融部');

    await page.getByRole('link', { name: '查询处理进度' }).click();
    await page.waitForURL(/\/t\?no=/);
    expect(await page.getByLabel('投诉编号').inputValue()).toBe(trackingNo);
    await page.getByLabel('联系电话后四位').fill('0000');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('没有找到这条投诉').waitFor();
    await page.getByLabel('联系电话后四位').fill('4321');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('#timeline li[data-step="assigned"]', { hasText: '个人金融部' }).waitFor();
    expect(await page.locator('#state').textContent()).toContain('已受理');
    await page.screenshot({ path: screenshotPath('track'), fullPage: true });
    await context.close();
  });

  it('finds the outlet by search at /c when there is no QR code, in English', async () => {
    const context = await browser.context({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/c`);
    await page.getByLabel('Search outlets (name or code)').fill('Guomao');
    await page.getByRole('button', { name: /Guomao/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/Guomao/);
    await page.getByLabel('What is it about?').selectOption('cards-and-accounts');
    await page.getByLabel('Please describe what happened').fill('My card was swallowed by the ATM.');
    await page.getByLabel('Your name').fill('Sam Lee');
    await page.getByLabel('Phone (mobile, or a landline with its area code)').fill('+85291234567');
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.getByText('We have received your complaint').waitFor();
    expect(await page.locator('#department').textContent()).toBe('Card Centre');
    await context.close();
  });

  it('shows the decision and the customer’s options, and takes the rating', async () => {
    const context = await browser.context({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/c/sh-lujiazui?k=${await keyFor(ctx.platform, 'sh-lujiazui')}`);
    await page.getByLabel('What is it about?').selectOption('service-attitude');
    await page.getByLabel('Please describe what happened').fill('The teller shouted at my mother.');
    await page.getByLabel('Your name').fill('Ann Wu');
    await page.getByLabel('Phone (mobile, or a landline with its area code)').fill('13700001111');
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.getByText('We have received your complaint').waitFor();
    const trackingNo = (await page.locator('#tracking-no').textContent()) ?? '';

    const staff = staffAs(ctx, 'retail-banking.2');
    await staff.acceptAndResolve(trackingNo, 'We apologise; the teller has been coached.', 'staff-conduct');

    await page.goto(`${ctx.url}/t?no=${trackingNo}`);
    await page.getByLabel('Last four digits of your phone').fill('1111');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('We apologise; the teller has been coached.').waitFor();
    expect(await page.locator('#options').textContent()).toMatch(/mediation/);
    await page.getByRole('button', { name: 'Satisfied', exact: true }).click();
    await page.locator('#timeline li[data-step="closed"]').waitFor();
    expect(await page.locator('#state').textContent()).toContain('Closed');
    await context.close();
  });
});
