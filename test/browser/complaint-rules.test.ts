import { describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/complaints.js';
import { keyFor } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';
import { useBrowser } from './support/browser.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const browser = useBrowser();

describe('the complaint rules on the customer pages', () => {
  it('chooses no category for the customer: skipping the field is refused in their language', async () => {
    const context = await browser.context({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/c/sh-jingan?k=${await keyFor(ctx.platform, 'sh-jingan')}`);
    await expect.poll(() => page.locator('#category option').count()).toBeGreaterThan(1);
    expect(await page.locator('#category').inputValue()).toBe('');
    await page.getByLabel('请描述发生了什么').fill('柜台排队一个多小时，没有人解释原因。');
    await page.getByLabel('您的姓名').fill('李四');
    await page.getByLabel('联系电话（手机，或带区号的固定电话）').fill('139 0000 4321');
    await page.getByLabel('我同意银行为处理本次投诉使用我的姓名和电话。').check();
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.locator('.field-error[data-field="category"]', { hasText: '请选择投诉类别' }).waitFor();
    expect(await page.getByText('我们已收到您的投诉').isVisible()).toBe(false);
    await context.close();
  });

  it('asks whether to text the customer at each step, and does so only when ticked', async () => {
    const context = await browser.context({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/c/sh-jingan?k=${await keyFor(ctx.platform, 'sh-jingan')}`);
    await expect.poll(() => page.locator('#category option').count()).toBeGreaterThan(1);
    await page.getByLabel('投诉类别').selectOption('waiting-time');
    await page.getByLabel('请描述发生了什么').fill('柜台排队一个多小时，没有人解释原因。');
    await page.getByLabel('您的姓名').fill('李四');
    await page.getByLabel('联系电话（手机，或带区号的固定电话）').fill('139 0000 4321');
    await page.getByLabel(/请用短信告诉我每一步进展/).check();
    await page.getByLabel('我同意银行为处理本次投诉使用我的姓名和电话。').check();
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.getByText('我们已收到您的投诉').waitFor();
    const trackingNo = (await page.locator('#tracking-no').textContent()) ?? '';
    await ctx.platform.poller.drain();
    const texts = ctx.platform.notifier
      .list()
      .filter((d) => d.topic === 'customer' && d.body.trackingNo === trackingNo)
      .map((d) => String(d.body.text));
    expect(texts).toEqual([expect.stringContaining(`您的投诉已受理，编号 ${trackingNo}`)]);
    await context.close();
  });

  it('offers the three verdicts; “not satisfied, but close it” closes the complaint', async () => {
    const receipt = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    await staffAs(ctx, 'operations.1').acceptAndResolve(receipt.trackingNo, 'We opened a second window.');
    const context = await browser.context({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/t?no=${receipt.trackingNo}`);
    await page.locator('#last4').fill('5678');
    await page.locator('#lookup button[type=submit]').click();
    await page.getByRole('button', { name: 'Not satisfied, but close it' }).click();
    await expect
      .poll(async () => (await staffAs(ctx, 'operations.1').complaint(receipt.trackingNo)).body.status)
      .toBe('closed');
    const record = await staffAs(ctx, 'operations.1').complaint(receipt.trackingNo);
    expect(record.body.satisfaction).toMatchObject({ satisfied: false, verdict: 'close-unsatisfied' });
    await context.close();
  });
});
