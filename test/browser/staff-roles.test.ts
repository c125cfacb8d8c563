import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/complaints.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';
import { screenshotPath, useBrowser } from './support/browser.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const browser = useBrowser();

/** An instant as a Beijing wall clock (UTC+8, no daylight saving), worked out by hand. */
function beijing(iso: string): string {
  const b = new Date(Date.parse(iso) + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${b.getUTCFullYear()}/${two(b.getUTCMonth() + 1)}/${two(b.getUTCDate())} ${two(b.getUTCHours())}:${two(b.getUTCMinutes())}`;
}

/** Signs in as a seeded user in a browser on UTC, landing on /staff. */
async function signIn(username: string) {
  const context = await browser.context({ width: 1280, height: 900, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.goto(`${ctx.url}/signin?next=${encodeURIComponent('/staff')}`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.waitForURL(/\/staff/);
  return { context, page };
}

// biome-ignore lint/performance/useDomNodeTextContent: the words on screen, not hidden nodes' text
const onScreen = (page: Page) => page.evaluate(() => document.body.innerText);

describe('the staff page for every role', () => {
  it('follows a hotline entry through a transfer for the staff member who took it', async () => {
    const { context, page } = await signIn('cards.1');
    await page.getByRole('link', { name: '录入投诉' }).click();
    await page.waitForURL(/\/c\?staff/);
    await page.getByLabel('搜索网点（名称或编号）').fill('徐家汇');
    await page.getByRole('button', { name: /徐家汇/ }).click();
    await page.getByLabel('客服热线').check();
    await page.getByLabel('热线工单号（可选）').fill('HL-20260501-0042');
    await page.getByLabel('投诉类别').selectOption({ label: '排队等候' });
    await page.getByLabel('请描述发生了什么').fill('客户来电：排队一个多小时只开一个窗口。');
    await page.getByLabel('您的姓名').fill('钱七');
    await page.getByLabel('联系电话（手机，或带区号的固定电话）').fill('13600003333');
    await page.getByLabel('我同意银行为处理本次投诉使用我的姓名和电话。').check();
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.getByText('我们已收到您的投诉').waitFor();
    const trackingNo = (await page.locator('#tracking-no').textContent()) ?? '';
    expect(trackingNo).not.toBe('');

    // Operations accepts it and passes it on to retail banking.
    const ops = staffAs(ctx, 'operations.1');
    expect((await ops.step(trackingNo, { type: 'accept' })).status).toBe(200);
    const moved = await ops.step(trackingNo, {
      type: 'transfer',
      toDepartment: 'retail-banking',
      reason: '涉及理财柜台',
    });
    expect(moved.status).toBe(200);

    // The receiver still finds it under 收到的（我首接）, owns it, and reads the transfer by name.
    await page.goto(`${ctx.url}/staff`);
    await page.locator('#views button[data-view="received"]').click();
    await page.locator(`#list tr[data-no="${trackingNo}"]`).click();
    await page.locator('#detail h2', { hasText: trackingNo }).waitFor();
    const owner = page
      .locator('#detail dt', { hasText: '首问负责人' })
      .locator('xpath=following-sibling::dd[1]');
    expect(await owner.textContent()).toBe('陈静 · 信用卡中心');
    await page
      .locator('#detail li[data-event="transferred"]', {
        hasText: '张伟 · 运营管理部 将投诉从 运营管理部 转办至 个人金融部：涉及理财柜台',
      })
      .waitFor();
    expect(await page.locator('#detail .timeline').textContent()).toContain('热线工单号 HL-20260501-0042');
    await context.close();
  });

  it("shows an outlet manager the outlet's complaints by name, open and closed, read-only", async () => {
    const waiting = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    const attitude = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'service-attitude' });
    const elsewhere = await fileComplaint(ctx.platform, 'bj-guomao', { category: 'waiting-time' });
    const closed = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    await staffAs(ctx, 'operations.1').acceptAndResolve(closed.trackingNo, '已增开窗口并致歉。');
    const rated = await postJson(`${ctx.url}/api/v1/complaints/${closed.trackingNo}/satisfaction`, {
      phoneLast4: '5678',
      verdict: 'satisfied',
    });
    expect(rated.status).toBe(200);

    const { context, page } = await signIn('manager.sh-jingan');
    const row = (no: string) => page.locator(`#list tr[data-no="${no}"]`);
    await row(waiting.trackingNo).waitFor();
    await page.screenshot({ path: screenshotPath('staff-outlet') });
    expect(await page.locator('#views button[data-view="open"]').textContent()).toMatch(/^处理中\d+$/);
    expect(await page.locator('#list-caption').textContent()).toBe('静安寺支行 · 处理中');
    expect(await row(elsewhere.trackingNo).count()).toBe(0);
    expect(await row(closed.trackingNo).count()).toBe(0);
    expect(await row(waiting.trackingNo).textContent()).toContain('排队等候');
    expect(await row(waiting.trackingNo).textContent()).toContain('运营管理部');
    expect(await row(waiting.trackingNo).textContent()).toMatch(/剩余 1[45] 天/);
    expect(await row(attitude.trackingNo).textContent()).toContain('服务态度');
    expect(await row(waiting.trackingNo).locator('td.received').textContent()).toBe(
      beijing(waiting.receivedAt),
    );
    // Outlet managers read: nothing to enter, no ids, no phone number.
    expect(await page.getByRole('link', { name: '录入投诉' }).isVisible()).toBe(false);
    const listed = await onScreen(page);
    for (const id of ['sh-jingan', 'bj-guomao', 'waiting-time', 'operations', 'outlet:', 'assigned'])
      expect(listed).not.toContain(id);
    const withoutNumbers = [waiting, attitude].reduce((text, c) => text.replaceAll(c.trackingNo, ''), listed);
    expect(withoutNumbers).not.toMatch(/5678|138/);

    await page.locator('#views button[data-view="closed"]').click();
    await page.locator('#list-caption', { hasText: '已办结' }).waitFor();
    await row(closed.trackingNo).waitFor();
    expect(await row(closed.trackingNo).locator('td.status').textContent()).toBe('已结案');
    expect(await row(waiting.trackingNo).count()).toBe(0);

    // The detail opens, with nothing the manager could do to it.
    await row(closed.trackingNo).click();
    await page.locator('#detail h2', { hasText: closed.trackingNo }).waitFor();
    await page.locator('#detail li[data-event="resolved"]').waitFor();
    expect(await page.locator('#detail button[data-action]').count()).toBe(0);
    await context.close();
  });

  it('opens on head office’s bank-wide views and approves an extension from them', async () => {
    const major = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'mis-selling' });
    const extending = await fileComplaint(ctx.platform, 'bj-guomao', { category: 'waiting-time' });
    const ops = staffAs(ctx, 'operations.1');
    await ops.step(extending.trackingNo, { type: 'accept' });
    const asked = await ops.step(extending.trackingNo, {
      type: 'extend',
      days: 60,
      reason: '需要调取异地监控',
    });
    expect(asked.status).toBe(200);
    const oversight = await staffAs(ctx, 'head-office').get('/staff/oversight?view=major');
    const counts = oversight.body.counts as {
      [view in 'major' | 'reopened' | 'overdue' | 'extension-requests']: number;
    };

    const { context, page } = await signIn('head-office');
    const row = (no: string) => page.locator(`#list tr[data-no="${no}"]`);
    await row(major.trackingNo).waitFor();
    await page.screenshot({ path: screenshotPath('staff-bank-wide') });
    expect(await page.locator('#scope option:checked').textContent()).toBe('全行督办');
    const tab = (view: string) => page.locator(`#views button[data-view="${view}"]`);
    expect(await tab('major').getAttribute('aria-current')).toBe('page');
    expect(await tab('major').textContent()).toBe(`重大投诉${counts.major}`);
    expect(await tab('reopened').textContent()).toBe(`重新处理${counts.reopened}`);
    expect(await tab('overdue').textContent()).toBe(`已超时${counts.overdue}`);
    expect(await tab('extension-requests').textContent()).toBe(`待审批延期${counts['extension-requests']}`);
    const majorRow = (await row(major.trackingNo).textContent()) ?? '';
    for (const name of ['误导销售', '静安寺支行', '消费者权益保护部', '重大'])
      expect(majorRow).toContain(name);
    for (const id of ['mis-selling', 'sh-jingan', 'consumer-protection'])
      expect(await onScreen(page)).not.toContain(id);

    await tab('extension-requests').click();
    await row(extending.trackingNo).waitFor();
    const extensionRow = (await row(extending.trackingNo).textContent()) ?? '';
    for (const words of ['国贸支行', '运营管理部', '申请延期至 60 天：需要调取异地监控'])
      expect(extensionRow).toContain(words);

    await row(extending.trackingNo).click();
    await page.locator('#detail h2', { hasText: extending.trackingNo }).waitFor();
    await page.locator('button[data-action="approve-extension"]').click();
    await page.locator('form.action input[name="note"]').fill('同意。');
    await page.locator('form.action button[type="submit"]').click();
    await page.getByText('已保存。').waitFor();
    await page.locator('#detail li[data-event="extended"]').waitFor();
    await row(extending.trackingNo).waitFor({ state: 'detached' });
    expect(await tab('extension-requests').textContent()).toBe(
      `待审批延期${counts['extension-requests'] - 1}`,
    );

    // In English too, on the same view.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await tab('extension-requests').filter({ hasText: 'Extensions to approve' }).waitFor();
    expect(await page.locator('#scope option:checked').textContent()).toBe('Bank-wide');
    expect(await page.locator('#scope-label').textContent()).toBe('Show');

    // A department's inbox is one choice away.
    await page.locator('#scope').selectOption({ label: 'Operations' });
    await page.locator('#views button[data-view="new"]').waitFor();
    await context.close();
  });
});
