import { describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/complaints.js';
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

/** Ids the API sends that a member of staff must never have to read. */
const IDS = [
  'waiting-time',
  'service-attitude',
  'bj-guomao',
  'sh-lujiazui',
  'staff-conduct',
  'retail-banking',
  'operations',
  'assigned',
  'accepted',
  'resolved',
  'transferred',
  'dept:',
];

describe('the staff inbox in plain words', () => {
  it('names everything, tells the timeline in sentences and shows Beijing time in a UTC browser', async () => {
    // New at Guomao, for operations; and a Lujiazui complaint retail banking took, passed to operations, resolved there.
    const fresh = await fileComplaint(ctx.platform, 'bj-guomao', { category: 'waiting-time' });
    const worked = await fileComplaint(ctx.platform, 'sh-lujiazui', { category: 'service-attitude' });
    const retail = staffAs(ctx, 'retail-banking.1');
    await retail.step(worked.trackingNo, { type: 'accept' });
    const moved = await retail.step(worked.trackingNo, {
      type: 'transfer',
      toDepartment: 'operations',
      reason: '涉及大堂排班',
    });
    expect(moved.status).toBe(200);
    const ops = staffAs(ctx, 'operations.1');
    await ops.step(worked.trackingNo, { type: 'note', text: '已调取监控。' });
    await ops.step(worked.trackingNo, {
      type: 'contact',
      channel: 'call',
      summary: '客户同意等待处理结果。',
    });
    await ops.step(worked.trackingNo, { type: 'extend', days: 30, reason: '需要调查当班员工。' });
    const resolved = await ops.step(worked.trackingNo, {
      type: 'resolve',
      decision: '已调整排班并向客户致歉。',
      rootCause: 'staff-conduct',
      correctiveAction: '高峰时段增开窗口。',
    });
    expect(resolved.status).toBe(200);

    const context = await browser.context({ locale: 'zh-CN', width: 1280, height: 900, timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(
      `${ctx.url}/signin?next=${encodeURIComponent(`/staff#/complaints/${worked.trackingNo}`)}`,
    );
    await page.locator('button[data-username="operations.1"]').click();
    await page.locator('#detail li[data-event="resolved"]').waitFor();
    await page.locator(`#list tr[data-no="${fresh.trackingNo}"]`).waitFor();
    expect(await page.evaluate(() => new Date(0).getTimezoneOffset())).toBe(0);
    await page.screenshot({ path: screenshotPath('staff-words'), fullPage: true });

    // biome-ignore lint/performance/useDomNodeTextContent: the words on screen, not hidden nodes' text
    const text = await page.evaluate(() => document.body.innerText);
    for (const id of IDS) expect(text).not.toContain(id);
    for (const name of [
      '排队等候',
      '服务态度',
      '国贸支行',
      '陆家嘴支行',
      '员工行为',
      '个人金融部',
      '运营管理部',
    ])
      expect(text).toContain(name);
    expect(await page.locator(`#list tr[data-no="${fresh.trackingNo}"]`).textContent()).toContain('已分派');

    // The timeline as sentences, with names.
    const timeline = (await page.locator('#detail .timeline').textContent()) ?? '';
    expect(timeline).toContain('王芳 · 个人金融部 受理投诉，成为首问负责人');
    expect(timeline).toContain('王芳 · 个人金融部 将投诉从 个人金融部 转办至 运营管理部：涉及大堂排班');
    expect(timeline).toContain('张伟 · 运营管理部 办结投诉，根本原因：员工行为');
    expect(timeline).toContain('张伟 · 运营管理部 通过电话联系了客户：客户同意等待处理结果');
    expect(timeline).toContain('张伟 · 运营管理部 将办理时限延长至 30 天');
    // Every event is a sentence of its own, never its action's key.
    for (const event of await page.locator('#detail .timeline li').all()) {
      const what = (await event.locator('.what').textContent()) ?? '';
      expect(what.length).toBeGreaterThan(4);
      expect(what).not.toContain((await event.getAttribute('data-event')) ?? '');
    }

    // Due at the end of a Beijing day: 23:59 on the page although the browser runs on UTC.
    expect(beijing(fresh.dueAt)).toMatch(/ 23:59$/);
    const freshDue = page.locator(`#list tr[data-no="${fresh.trackingNo}"] td.due`);
    expect(await freshDue.textContent()).toContain(beijing(fresh.dueAt));
    expect(await freshDue.textContent()).toMatch(/剩余 1[45] 天/);
    const record = await staffAs(ctx, 'operations.1').complaint(worked.trackingNo);
    const dueFact = page
      .locator('#detail dt', { hasText: '办理时限' })
      .locator('xpath=following-sibling::dd[1]');
    expect(await dueFact.textContent()).toBe(beijing(String(record.body.dueAt)));

    // Tracking numbers stay on one line, in the list and in the detail.
    for (const no of [
      page.locator(`#list tr[data-no="${fresh.trackingNo}"] .no`),
      page.locator('#detail h2 .no'),
    ]) {
      expect(await no.evaluate((node) => node.getClientRects().length)).toBe(1);
    }

    // The follow-up call, logged on the page: a sentence too.
    await page.locator('button[data-action="follow-up"]').click();
    await page.locator('form.action select[name="reached"]').selectOption('false');
    await page.locator('form.action textarea[name="summary"]').fill('电话无人接听，明天再打。');
    await page.locator('form.action button[type="submit"]').click();
    await page
      .locator('#detail li[data-event="followed-up"]', {
        hasText: '张伟 · 运营管理部 回访客户，未能联系上：电话无人接听，明天再打',
      })
      .waitFor();

    // The tabs are the views the inbox counts, each by name.
    const counts = (await staffAs(ctx, 'operations.1').get('/inbox?view=new&department=operations')).body
      .counts as Record<string, number>;
    const tabs = await page
      .locator('#views button')
      .evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.view));
    expect(tabs.sort()).toEqual(Object.keys(counts).sort());
    expect(await page.locator('#views [data-view="received"]').textContent()).toContain('收到的（我首接）');
    expect(await page.locator('#views [data-view="follow-up"]').textContent()).toContain('待回访');

    // The same in English, names from the API in English too.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page
      .locator('#detail .timeline', { hasText: 'accepted the complaint and became its owner' })
      .waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the words on screen, not hidden nodes' text
    const english = await page.evaluate(() => document.body.innerText);
    // (Status words are English words too: only the ids that are no word.)
    for (const id of IDS.filter((id) => id.includes('-') || id.includes(':')))
      expect(english).not.toContain(id);
    for (const name of ['Waiting time', 'Guomao Sub-branch', 'Staff conduct', 'Retail Banking'])
      expect(english).toContain(name);
    await context.close();
  });
});
