import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { fileComplaint } from '../support/complaints.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { rollUp } from '../support/rollup.js';
import { staffAs } from '../support/staff.js';
import { screenshotPath, useBrowser } from './support/browser.js';

/**
 * "Now" is 1 October 2026, 10:00 in Shanghai, for the platform and the browser: September 2026 is
 * the latest closed month, the one the committee's report is about. (The browser's clock is set
 * back, never forward, so the sign-in token issued on the real clock stays valid in the page.)
 */
const NOW = '2026-10-01T10:00:00+08:00';
const clock = new TestClock(NOW);
const ctx = usePlatform(
  {
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    WARN_MIN_RATINGS: '3',
    WARN_CONFIDENCE: '0.5',
    WARN_COMPLAINTS_PER_THOUSAND: '100000',
  },
  { now: clock.now },
);
const browser = useBrowser();
let majorTrackingNo = '';

/**
 * The data, and the report it implies (worked out by hand):
 *
 * August 2026: 陆家嘴 sh-lujiazui 5 4 2 1 → 2 of 4 = 50.0%; no complaints.
 * September 2026 (15 Sep):
 *   陆家嘴 sh-lujiazui 5 5 4 → 100.0%;  国贸 bj-guomao 5 2 2 → 1 of 3 = 33.3% (a warning: < 80%)
 *   bank: 4 of 6 = 66.7%, up 16.7 points from 50.0%; ratings 6 (August 4)
 *   Shanghai 100.0% first, Beijing 33.3% second
 *   complaints: a major one at 徐家汇 (mis-selling), resolved the next day with root cause
 *   "staff-conduct" (员工行为), and a waiting-time one at 国贸 left open → received 2, 办结率 50.0%,
 *   root causes: 员工行为 1 (100.0%).
 */
async function createData() {
  const rate = async (outletId: string, rating: number) => {
    const response = await postJson(`${ctx.url}/api/v1/feedback`, {
      outletId,
      k: await keyFor(ctx.platform, outletId),
      submissionId: newSubmissionId(),
      rating,
    });
    expect(response.status).toBe(201);
  };
  clock.set('2026-08-12T10:00:00+08:00');
  for (const rating of [5, 4, 2, 1]) await rate('sh-lujiazui', rating);
  clock.set('2026-09-15T10:00:00+08:00');
  for (const rating of [5, 5, 4]) await rate('sh-lujiazui', rating);
  for (const rating of [5, 2, 2]) await rate('bj-guomao', rating);
  const major = await fileComplaint(ctx.platform, 'sh-xujiahui', { category: 'mis-selling' });
  majorTrackingNo = major.trackingNo;
  await fileComplaint(ctx.platform, 'bj-guomao');
  clock.set('2026-09-16T10:00:00+08:00');
  const resolved = await staffAs(ctx, 'consumer-protection.1').acceptAndResolve(
    major.trackingNo,
    '已为客户办理退保并退还手续费。',
    'staff-conduct',
  );
  expect(resolved.status).toBe(200);
  clock.set(NOW);
  await rollUp(ctx.url, '2026-08-12');
  await rollUp(ctx.url, '2026-09-01', '2026-09-30');
}

beforeAll(createData, 90_000);

async function openReport(next: string) {
  const context = await browser.context({ locale: 'zh-CN', width: 1280, height: 900 });
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  await page.goto(`${ctx.url}/signin?next=${encodeURIComponent(next)}`);
  await page.locator('button[data-username="head-office"]').click();
  await page.waitForURL(/\/report/);
  await page.locator('#end-note').waitFor();
  return { context, page };
}

const cell = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').trim();

describe('the monthly report', () => {
  it("shows the month's figures, rankings, warnings and major complaints, and prints to A4", async () => {
    const { context, page } = await openReport('/report?month=2026-09');
    expect(await cell(page, 'h1')).toBe('客户之声 · 服务质量月报');
    expect(await cell(page, '#report-month')).toBe('2026年9月');
    expect(await cell(page, '#generated')).toBe('生成时间：2026/10/01 10:00（Asia/Shanghai）');

    const row = (kpi: string) => `#figures-table tr[data-kpi="${kpi}"]`;
    expect(await cell(page, `${row('csat')} td:nth-of-type(1)`)).toBe('66.7%');
    expect(await cell(page, `${row('csat')} td:nth-of-type(2)`)).toBe('50.0%');
    expect(await cell(page, `${row('csat')} td:nth-of-type(3)`)).toMatch(/▲\s*上升\s*16\.7 个百分点/);
    expect(await cell(page, `${row('ratings')} td:nth-of-type(1)`)).toBe('6');
    expect(await cell(page, `${row('complaints')} td:nth-of-type(1)`)).toBe('2');
    expect(await cell(page, `${row('completionRate')} td:nth-of-type(1)`)).toBe('50.0%');

    const regions = await page
      .locator('#region-ranking tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
    expect(regions).toEqual(['shanghai', 'beijing']);
    expect(await cell(page, '#outlet-tables tr[data-id="bj-guomao"] td:nth-of-type(3)')).toBe('33.3%');
    const outlets = await page
      .locator('#outlet-tables tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
    expect(outlets.slice(0, 2)).toEqual(['sh-lujiazui', 'bj-guomao']);

    const warning = page.locator('#warning-list li.warning[data-id="2026-09:csat-low:outlet:bj-guomao"]');
    expect(await warning.locator('.words').textContent()).toBe('满意度 33.3%（阈值 80%，共 3 条评价）');

    // The major complaint with its root cause, and the month's breakdown of root causes.
    const major = page.locator(`#major-table tr[data-no="${majorTrackingNo}"]`);
    expect(await major.locator('td').allTextContents()).toEqual([
      '2026/09/15',
      '徐家汇支行',
      '误导销售',
      '消费者权益保护部',
      '已办结',
      '员工行为',
    ]);
    expect(await page.locator('#causes-table tr[data-cause="staff-conduct"]').textContent()).toBe(
      '员工行为1100.0%',
    );
    await page.screenshot({ path: screenshotPath('report'), fullPage: true });

    // Printed: no buttons or pickers, only the report.
    expect(await page.locator('#print').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    for (const control of await page.locator('button, select, a.button').all())
      expect(await control.isVisible()).toBe(false);
    expect(await page.locator('#figures-table').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    await context.close();
  });

  it('opens on the latest closed month when none is asked for', async () => {
    const { context, page } = await openReport('/report');
    expect(await page.locator('#month').inputValue()).toBe('2026-09');
    expect(page.url()).toContain('/report?month=2026-09');
    expect(await cell(page, '#report-month')).toBe('2026年9月');
    await context.close();
  });
});
