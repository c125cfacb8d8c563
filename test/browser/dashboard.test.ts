import { readFile } from 'node:fs/promises';
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
 * "Now" is Thursday 1 October 2026 in Shanghai, for the platform and for the browser alike: the
 * latest closed month is September 2026 and the latest closed week 2026-W39 (21–27 September).
 * The browser's clock is set back in time, never forward, so the sign-in token (issued on the
 * real clock) has not expired in the page's eyes.
 */
const NOW = '2026-10-01T10:00:00+08:00';
const clock = new TestClock(NOW);
const ctx = usePlatform(
  {
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    // A CSAT warning needs 3 ratings here (20 by default) and compares the figure itself
    // (confidence 0.5), so a handful of ratings can raise one; the complaints-per-1,000-ratings
    // rule is set out of reach so that it is the only warning.
    WARN_MIN_RATINGS: '3',
    WARN_CONFIDENCE: '0.5',
    WARN_COMPLAINTS_PER_THOUSAND: '100000',
  },
  { now: clock.now },
);
const browser = useBrowser();

const SCRIPT_COMMENT = '<img src=x onerror=alert(1)>';
const WARNING_ID = '2026-09:csat-low:outlet:sh-jingan';

/**
 * The data, and what it implies (worked out by hand):
 *
 * August 2026 (18 Aug, week 34)
 *   静安寺 sh-jingan   5 5        → 2 of 2 are 4–5
 *   陆家嘴 sh-lujiazui 5 2        → 1 of 2
 *   bank: 3 of 4 = 75.0%; one complaint at sh-jingan, left open (overdue by the end of September)
 *
 * September 2026 (25 Sep, week 39)
 *   静安寺 sh-jingan   5 5 4 2(+ comment) → 3 of 4 = 75.0%  (below 80% with ≥ 3 ratings: a warning)
 *   陆家嘴 sh-lujiazui 5 5 5               → 100.0%
 *   国贸   bj-guomao   5 3                 → 50.0%
 *   bank: 7 of 9 = 77.8%, up 2.8 points (77.78 − 75.00); ratings 9, up 5
 *   Shanghai 6 of 7 = 85.7%; Beijing 1 of 2 = 50.0%
 *   complaints received 3 (two at sh-jingan, a major one at sh-xujiahui); 2 resolved the next
 *   day → 办结率 66.7% (August: 0 of 1 = 0.0%, so up 66.7 points); both on time → 100.0%;
 *   one customer satisfied of one verdict → 满意率 100.0%; open and overdue at the month's end:
 *   August's complaint → 1 (August: 0).
 */
async function createData() {
  const rate = async (outletId: string, rating: number, comment?: string) => {
    const response = await postJson(`${ctx.url}/api/v1/feedback`, {
      outletId,
      k: await keyFor(ctx.platform, outletId),
      submissionId: newSubmissionId(),
      rating,
      ...(comment ? { comment } : {}),
    });
    expect(response.status).toBe(201);
  };
  clock.set('2026-08-18T10:00:00+08:00');
  for (const rating of [5, 5]) await rate('sh-jingan', rating);
  for (const rating of [5, 2]) await rate('sh-lujiazui', rating);
  await fileComplaint(ctx.platform, 'sh-jingan');

  clock.set('2026-09-25T10:00:00+08:00');
  for (const rating of [5, 5, 4]) await rate('sh-jingan', rating);
  await rate('sh-jingan', 2, SCRIPT_COMMENT);
  for (const rating of [5, 5, 5]) await rate('sh-lujiazui', rating);
  for (const rating of [5, 3]) await rate('bj-guomao', rating);
  const resolved = await fileComplaint(ctx.platform, 'sh-jingan');
  await fileComplaint(ctx.platform, 'sh-jingan');
  const major = await fileComplaint(ctx.platform, 'sh-xujiahui', { category: 'mis-selling' });

  clock.set('2026-09-26T10:00:00+08:00');
  expect(
    (await staffAs(ctx, 'operations.1').acceptAndResolve(resolved.trackingNo, '已增开窗口。')).status,
  ).toBe(200);
  expect(
    (
      await staffAs(ctx, 'consumer-protection.1').acceptAndResolve(
        major.trackingNo,
        '已退还。',
        'staff-conduct',
      )
    ).status,
  ).toBe(200);
  clock.set('2026-09-27T10:00:00+08:00');
  const verdict = await postJson(`${ctx.url}/api/v1/complaints/${resolved.trackingNo}/satisfaction`, {
    phoneLast4: '5678',
    satisfied: true,
  });
  expect(verdict.status).toBe(200);

  clock.set(NOW);
  await rollUp(ctx.url, '2026-08-18');
  // The whole of September, so that September and its weeks close and raise their warnings.
  await rollUp(ctx.url, '2026-09-01', '2026-09-30');
}

beforeAll(createData, 90_000);

/** Signs in on the sign-in page as a seeded user (the browser's clock at NOW), landing on `next`. */
async function signIn(username: string, options: { width: number; next?: string; locale?: string }) {
  const context = await browser.context({
    locale: options.locale ?? 'zh-CN',
    width: options.width,
    height: 900,
  });
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const query = options.next ? `?next=${encodeURIComponent(options.next)}` : '';
  await page.goto(`${ctx.url}/signin${query}`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.waitForURL(/\/dashboard/);
  return { context, page, dialogs };
}

const tile = (page: Page, kpi: string) => page.locator(`#tiles [data-kpi="${kpi}"]`);
const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').trim();

async function choosePeriod(page: Page, period: string) {
  await page.locator('#period').selectOption(period);
  await page.locator('#kpi-heading', { hasText: '2026年9月' }).waitFor();
}

describe('the dashboard', () => {
  it('shows head office the figures the data implies, the rankings, warnings and low ratings', async () => {
    const { context, page, dialogs } = await signIn('head-office', { width: 1280, next: '/dashboard' });
    // By default: the current month (October, from the browser's clock in the bank's time zone).
    await page.locator('#kpi-heading', { hasText: '全行 · 2026年10月' }).waitFor();
    expect(await page.locator('#period').inputValue()).toBe('2026-10');
    await choosePeriod(page, '2026-09');
    expect(page.url()).toContain('period=2026-09');

    await tile(page, 'csat').locator('.value', { hasText: '77.8%' }).waitFor();
    expect(await tile(page, 'csat').locator('.delta').textContent()).toMatch(
      /较上月\s*▲\s*上升\s*2\.8 个百分点/,
    );
    expect(await tile(page, 'completionRate').locator('.value').textContent()).toBe('66.7%');
    expect(await tile(page, 'completionRate').locator('.delta').textContent()).toContain('66.7 个百分点');
    expect(await tile(page, 'onTimeRate').locator('.value').textContent()).toBe('100.0%');
    expect(await tile(page, 'satisfactionRate').locator('.value').textContent()).toBe('100.0%');
    expect(await tile(page, 'ratings').locator('.value').textContent()).toBe('9');
    expect(await tile(page, 'ratings').locator('.delta').textContent()).toMatch(/▲\s*上升\s*5/);
    expect(await tile(page, 'complaints').locator('.value').textContent()).toBe('3');
    expect(await tile(page, 'openOverdue').locator('.value').textContent()).toBe('1');
    // More overdue complaints is bad news: the sign says so, the colour only adds to it.
    expect(await tile(page, 'openOverdue').locator('.change').getAttribute('class')).toBe('change up bad');

    // Rankings: best CSAT first; outlets without ratings come last.
    await page.locator('#outlet-ranking tbody tr[data-id]').first().waitFor();
    const outletOrder = await page
      .locator('#outlet-ranking tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id));
    expect(outletOrder.slice(0, 3)).toEqual(['sh-lujiazui', 'sh-jingan', 'bj-guomao']);
    expect(outletOrder).toHaveLength(6);
    expect(await text(page, '#outlet-ranking tr[data-id="sh-jingan"] td:nth-of-type(3)')).toBe('75.0%');
    const regionOrder = await page
      .locator('#region-ranking tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id));
    expect(regionOrder).toEqual(['shanghai', 'beijing']);
    expect(await text(page, '#region-ranking tr[data-id="shanghai"] td:nth-of-type(2)')).toBe('85.7%');

    // The ranking as CSV: fetched with the token, saved under the API's file name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-csv="outlets"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('ranking-outlet-2026-09.csv');
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[2]).toBe('2,"静安寺支行","上海分行",75,4,2,50,100,-25');

    // Heat map: the week of 21–27 September for 静安寺, in the 70–80% band, the number written in.
    const heat = page.locator('#heatmap-table tr[data-id="sh-jingan"] td[data-week="2026-W39"]');
    expect(await heat.textContent()).toBe('75.0%');
    expect(await heat.getAttribute('class')).toBe('heat h3');

    // The chart arrives after the tiles: uPlot draws a canvas inside .uplot.
    await page.locator('#chart .uplot canvas').first().waitFor();

    // The low rating's comment is shown as text: no element made of it, no script run.
    const comment = page.locator('#low-list li[data-outlet="sh-jingan"] .comment');
    expect(await comment.textContent()).toBe(SCRIPT_COMMENT);
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // The warning of September, in words, acknowledged with a note; then shown with who did it.
    const warning = page.locator(`#warning-list li.warning[data-id="${WARNING_ID}"]`);
    expect(await warning.locator('.words').textContent()).toBe('满意度 75.0%（阈值 80%，共 4 条评价）');
    await warning.getByLabel('处理说明（可选）').fill('已约谈网点负责人 <b>本周</b>');
    await page.screenshot({ path: screenshotPath('dashboard'), fullPage: true });
    await warning.getByRole('button', { name: '确认预警' }).click();
    const acknowledged = page.locator(`#warning-list li.warning.acknowledged[data-id="${WARNING_ID}"]`);
    await acknowledged.waitFor();
    expect(await acknowledged.locator('.ack-state').textContent()).toMatch(
      /^已由 总行消保 Head Office 于 2026\/10\/01 10:00 确认$/,
    );
    expect(await acknowledged.locator('.ack-note').textContent()).toBe('说明：已约谈网点负责人 <b>本周</b>');
    expect(await page.locator('#warning-list b').count()).toBe(0);
    // The same outlet's warning of week 39 is still open.
    await page
      .locator('#warning-list li.warning.open[data-id="2026-W39:csat-low:outlet:sh-jingan"]')
      .waitFor();

    // The language switch: headings and figures' names in English, the period kept.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.locator('#kpi-heading', { hasText: 'Whole bank · September 2026' }).waitFor();
    expect(await text(page, 'h1')).toBe('Service quality dashboard');
    expect(await text(page, '#trend-heading')).toBe('Trend');
    expect(await text(page, '#ranking-heading')).toBe('Rankings');
    expect(await text(page, '#tiles [data-kpi="completionRate"] h3')).toBe('Completion rate');
    // Names come from the API in the page's language.
    await page.locator('#outlet-ranking tr[data-id="sh-jingan"] a', { hasText: "Jing'an Temple" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });

  it('drills down to a region on a tablet, and keeps working without the chart', async () => {
    const { context, page } = await signIn('head-office', {
      width: 820,
      next: '/dashboard?granularity=month&period=2026-09',
    });
    // The chart's code never arrives: tiles, tables and the trend as a table still do.
    await page.route(/\/assets\/chart-[\w-]+\.js$/, (route) => route.abort());
    await page.reload();
    await tile(page, 'csat').locator('.value', { hasText: '77.8%' }).waitFor();
    await page.locator('#chart-status', { hasText: '趋势图未能加载' }).waitFor();
    expect(await page.locator('#trend-details').getAttribute('open')).not.toBeNull();
    expect(await text(page, '#trend-table tr[data-period="2026-09"] td:nth-of-type(1)')).toBe('77.8%');

    await page.locator('#region option[value="shanghai"]').waitFor({ state: 'attached' });
    await page.locator('#region').selectOption('shanghai');
    await page.locator('#kpi-heading', { hasText: '上海分行 · 2026年9月' }).waitFor();
    expect(await tile(page, 'csat').locator('.value').textContent()).toBe('85.7%');
    await page.locator('#outlet-ranking caption', { hasText: '上海分行各网点排名' }).waitFor();
    const outlets = await page
      .locator('#outlet-ranking tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id));
    expect(outlets).toEqual(['sh-lujiazui', 'sh-jingan', 'sh-xujiahui']);
    expect(page.url()).toContain('region=shanghai');

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('shows an outlet manager their outlet only, without rankings', async () => {
    // Without a `next`, an outlet manager lands on the dashboard.
    const { context, page } = await signIn('manager.sh-jingan', { width: 820 });
    await page.locator('#kpi-heading', { hasText: '静安寺支行' }).waitFor();
    await choosePeriod(page, '2026-09');
    expect(await text(page, '#kpi-heading')).toBe('静安寺支行 · 2026年9月');
    // 3 of 4 ratings were 4–5; August's 2 of 2 were → down 25.0 points.
    await tile(page, 'csat').locator('.value', { hasText: '75.0%' }).waitFor();
    expect(await tile(page, 'csat').locator('.delta').textContent()).toMatch(/▼\s*下降\s*25\.0 个百分点/);
    expect(await tile(page, 'ratings').locator('.value').textContent()).toBe('4');
    expect(await tile(page, 'complaints').locator('.value').textContent()).toBe('2');
    // Of its two September complaints, one was resolved.
    expect(await tile(page, 'completionRate').locator('.value').textContent()).toBe('50.0%');

    expect(await page.locator('#rankings').isVisible()).toBe(false);
    expect(await page.locator('#heatmap').isVisible()).toBe(false);
    expect(await page.locator('#region').isVisible()).toBe(false);
    expect(await page.locator('#outlet').isVisible()).toBe(false);
    expect(await page.locator('#outlet-ranking tr').count()).toBe(0);
    // Its own warning (no Acknowledge: that is head office's) and its own low rating.
    const warning = page.locator(`#warning-list li.warning[data-id="${WARNING_ID}"]`);
    await warning.waitFor();
    expect(await warning.locator('form').count()).toBe(0);
    expect(await page.locator('#warning-list li.warning').evaluateAll((items) => items.length)).toBe(2);
    expect(await page.locator('#low-list .comment').textContent()).toBe(SCRIPT_COMMENT);
    await page.locator('#chart .uplot canvas').first().waitFor();
    await context.close();
  });
});
