import { describe, expect, it } from 'vitest';
import { DAY, ShiftedClock } from '../support/clock.js';
import { fileComplaint } from '../support/complaints.js';
import { usePlatform } from '../support/platform.js';
import { screenshotPath, useBrowser } from './support/browser.js';

const clock = new ShiftedClock();
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' }, { now: clock.now });
const browser = useBrowser();

/** Signs in on the sign-in page as a seeded user, landing on the inbox (or a complaint in it). */
async function signIn(
  username: string,
  options: { locale?: string; trackingNo?: string; width?: number } = {},
) {
  const context = await browser.context({
    locale: options.locale ?? 'zh-CN',
    width: options.width ?? 1280,
    height: 900,
  });
  const page = await context.newPage();
  const next = options.trackingNo ? `/staff#/complaints/${options.trackingNo}` : '/staff';
  await page.goto(`${ctx.url}/signin?next=${encodeURIComponent(next)}`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.waitForURL(/\/staff/);
  if (options.trackingNo) await page.locator('#detail h2', { hasText: options.trackingNo }).waitFor();
  return { context, page };
}

describe('the staff inbox', () => {
  it('accepts, transfers and resolves a complaint; the customer then sees the decision', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan'); // → operations
    const ops = await signIn('operations.1');
    await ops.page.locator('#views button[data-view="new"] .count').waitFor();
    await ops.page.locator(`#list tr[data-no="${trackingNo}"]`).click();
    await ops.page.locator('#detail h2', { hasText: trackingNo }).waitFor();
    await ops.page.screenshot({ path: screenshotPath('staff') });

    await ops.page.locator('button[data-action="accept"]').click();
    await ops.page.getByText('已保存。').waitFor();
    await ops.page.locator('#detail li[data-event="accepted"]').waitFor();

    await ops.page.locator('button[data-action="transfer"]').click();
    await ops.page.locator('form.action select[name="toDepartment"]').selectOption('cards');
    await ops.page.locator('form.action textarea[name="reason"]').fill('排队发生在信用卡柜台 <b>x</b>');
    await ops.page.locator('form.action button[type="submit"]').click();
    await ops.page.locator('#detail li[data-event="transferred"]').waitFor();
    // Notes and reasons are shown as text, never as markup.
    expect(await ops.page.locator('#detail b').count()).toBe(0);
    await ops.context.close();

    const cards = await signIn('cards.1', { locale: 'en-US' });
    await cards.page.getByRole('button', { name: 'EN', pressed: true }).waitFor();
    await cards.page.locator('#views button[data-view="transferred"]').click();
    await cards.page.locator(`#list tr[data-no="${trackingNo}"]`).click();
    await cards.page.locator('button[data-action="resolve"]').click();
    // Missing fields come back from the API next to the fields.
    await cards.page.locator('form.action button[type="submit"]').click({ noWaitAfter: true });
    await cards.page.evaluate(() => {
      for (const area of document.querySelectorAll('form.action textarea')) area.removeAttribute('required');
    });
    await cards.page.locator('form.action button[type="submit"]').click();
    await cards.page.locator('.field-error[data-field="decision"]', { hasText: /./ }).waitFor();
    await cards.page
      .locator('form.action textarea[name="decision"]')
      .fill('We opened a second desk and apologise.');
    await cards.page.locator('form.action select[name="rootCause"]').selectOption('process');
    await cards.page
      .locator('form.action textarea[name="correctiveAction"]')
      .fill('Second desk at peak times.');
    await cards.page.locator('form.action button[type="submit"]').click();
    await cards.page.locator('#detail li[data-event="resolved"]').waitFor();
    await cards.context.close();

    // The customer's tracking page shows the decision and asks for a rating.
    const customer = await browser.context({ locale: 'en-US' });
    const track = await customer.newPage();
    await track.goto(`${ctx.url}/t?no=${trackingNo}`);
    await track.getByLabel('Last four digits of your phone').fill('5678');
    await track.getByRole('button', { name: 'Check' }).click();
    await track.getByText('We opened a second desk and apologise.').waitFor();
    await track.locator('#timeline li[data-step="transferred"]', { hasText: 'Card Centre' }).waitFor();
    expect(await track.getByRole('button', { name: 'Satisfied', exact: true }).isVisible()).toBe(true);
    await customer.close();
  });

  it('shows time left plainly, and fits a tablet', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const ops = await signIn('operations.2', { trackingNo, width: 820 });
    const overflow = await ops.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const cell = ops.page.locator(`#list tr[data-no="${trackingNo}"] td`).nth(3);
    expect(await cell.textContent()).toMatch(/剩余 1[45] 天/);
    expect(await cell.getAttribute('class')).not.toBe('late');

    // Taken in 18 days ago, it was due at the end of the 15th day after (Beijing time): 2 days and
    // part of today ago, so the page shows it 2 days overdue, in red.
    clock.shift(-18 * DAY);
    const old = await fileComplaint(ctx.platform, 'sh-jingan');
    clock.shift(0);
    await ops.page.reload();
    const late = ops.page.locator(`#list tr[data-no="${old.trackingNo}"] td.late`);
    await late.waitFor();
    expect(await late.textContent()).toMatch(/已超时 2 天/);
    expect(await late.evaluate((td) => getComputedStyle(td).color)).toBe('rgb(179, 38, 30)');
    await ops.context.close();
  });

  it('reveals the phone number on request and records it in the timeline', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const ops = await signIn('operations.2', { trackingNo });
    expect(await ops.page.locator('#detail dl').textContent()).toContain('*******5678');
    await ops.page.locator('button[data-action="reveal-phone"]').click();
    await ops.page.locator('[data-revealed]', { hasText: '+8613812345678' }).waitFor();
    await ops.page.locator('#detail li[data-event="phone-revealed"]').waitFor();
    await ops.context.close();
  });

  it('enters a complaint taken on the hotline, recorded as such and routed like any other', async () => {
    const ops = await signIn('operations.1');
    await ops.page.getByRole('link', { name: '录入投诉' }).click();
    await ops.page.waitForURL(/\/c\?staff/);
    await ops.page.getByLabel('搜索网点（名称或编号）').fill('徐家汇');
    await ops.page.getByRole('button', { name: /徐家汇/ }).click();
    await ops.page.getByLabel('客服热线').check();
    await ops.page.getByLabel('投诉类别').selectOption('atm-self-service');
    await ops.page.getByLabel('请描述发生了什么').fill('客户来电：ATM 吞卡后无人处理。');
    await ops.page.getByLabel('您的姓名').fill('赵六');
    await ops.page.getByLabel('联系电话（手机，或带区号的固定电话）').fill('13600002222');
    await ops.page.getByLabel('我同意银行为处理本次投诉使用我的姓名和电话。').check();
    await ops.page.getByRole('button', { name: '提交投诉' }).click();
    await ops.page.getByText('我们已收到您的投诉').waitFor();
    const trackingNo = (await ops.page.locator('#tracking-no').textContent()) ?? '';
    // Nothing with the staff token is kept on the device for later.
    expect(await ops.page.evaluate(() => localStorage.getItem('bf.pending'))).toBeNull();
    await ops.context.close();

    const record = await fetch(`${ctx.url}/api/v1/staff/complaints/${trackingNo}`, {
      headers: { authorization: `Bearer ${await ctx.token('operations.2')}` },
    });
    expect(await record.json()).toMatchObject({
      channel: 'hotline',
      outletId: 'sh-xujiahui',
      department: { id: 'operations' },
      enteredBy: { username: 'operations.1' },
    });
  });
});
