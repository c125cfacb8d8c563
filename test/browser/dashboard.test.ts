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
 * last complete month is September 2026 (where the dashboard lands) and the latest closed week
 * 2026-W39 (21–27 September); October has just begun. The browser's clock is set back in time,
 * never forward, so the sign-in token (issued on the real clock) has not expired in the page's eyes.
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
 * 25 more Shanghai outlets (浦东第 1 至 25 支行), without ratings: the rankings and heat maps of
 * Shanghai then run to two pages (28 outlets; 20 and 25 to a page), and the warnings panel's
 * group "满意度偏低 · 上海分行" holds 26, for paging and acknowledging several at once. Their
 * warnings are raised straight through the repository, as September's close raises warnings
 * (their figures stand for a month of 40 ratings; the outlets' own rollups are empty).
 */
const MORE_OUTLETS = Array.from({ length: 25 }, (_, i) => ({
  id: `sh-pd-${String(i + 1).padStart(2, '0')}`,
  name: `浦东第${i + 1}支行`,
}));

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
  const { outlets, warnings } = ctx.platform.deps.repositories;
  for (const [i, outlet] of MORE_OUTLETS.entries()) {
    const at = clock.now().toISOString();
    const name = { 'zh-CN': outlet.name, 'zh-TW': outlet.name, en: `Pudong ${i + 1}` };
    await outlets.put(
      {
        ...outlet,
        name,
        regionId: 'shanghai',
        address: '',
        openingHours: '',
        active: true,
        createdAt: at,
        updatedAt: at,
      },
      'create',
    );
  }
  await rollUp(ctx.url, '2026-08-18');
  // The whole of September, so that September and its weeks close and raise their warnings.
  await rollUp(ctx.url, '2026-09-01', '2026-09-30');
  for (const outlet of MORE_OUTLETS)
    await warnings.raise(
      {
        id: `2026-09:csat-low:outlet:${outlet.id}`,
        rule: 'csat-low',
        granularity: 'month',
        period: '2026-09',
        scope: 'outlet',
        subjectId: outlet.id,
        regionId: 'shanghai',
        figures: { csat: 0.6, upperBound: 0.6, ratings: 40, threshold: 0.8, confidence: 0.5 },
      },
      [],
      clock.now(),
    );
}

beforeAll(createData, 120_000);

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
const ids = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id));
const group = (page: Page, rule: string, region: string) =>
  page.locator(`#warning-list details.warning-group[data-rule="${rule}"][data-region="${region}"]`);

/**
 * Words on a Chinese page that are codes, not words: any run of three Latin letters but the
 * file formats the buttons name, the signed-in user's own name (seeded as "总行消保 Head Office"),
 * the language switch's name for screen readers ("语言 · Language") and the customer's comment
 * (data, shown as written).
 */
async function codeWords(page: Page): Promise<string[]> {
  const seen = await page.evaluate(() => document.body.innerText);
  return (
    seen
      .replaceAll('Head Office', '')
      .replaceAll('语言 · Language', '')
      .replaceAll(SCRIPT_COMMENT, '')
      .match(/[A-Za-z]{3,}/g) ?? []
  ).filter((w) => !['CSV', 'PDF'].includes(w));
}

/** A CSV's header row as cells (the file starts with a byte-order mark; text cells are quoted). */
const headerOf = (csv: string) =>
  (csv.replace(/^\uFEFF/, '').split('\r\n')[0] ?? '').split(',').map((cell) => cell.replace(/^"|"$/g, ''));

const noOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function download(page: Page, csv: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`button[data-csv="${csv}"]`).click(),
  ]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path()) ?? '', 'utf8') };
}

describe('the dashboard', () => {
  it('lands head office on the last complete month: the figures the data implies, regions first, every panel with its download', async () => {
    const { context, page, dialogs } = await signIn('head-office', { width: 1366, next: '/dashboard' });
    // The last complete month, not the half-finished October; the list starts at the first month with figures.
    await page.locator('#kpi-heading', { hasText: '全行 · 2026年9月' }).waitFor();
    expect(await page.locator('#period').inputValue()).toBe('2026-09');
    expect(await page.locator('#period option').allTextContents()).toEqual([
      '2026年10月（进行中）',
      '2026年9月',
      '2026年8月',
    ]);
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

    // Regions first: ranked, and by week in the heat map.
    await page.locator('#region-ranking tbody tr[data-id]').first().waitFor();
    expect(await ids(page, '#region-ranking tbody tr')).toEqual(['shanghai', 'beijing']);
    expect(await text(page, '#region-ranking tr[data-id="shanghai"] td:nth-of-type(2)')).toBe('85.7%');
    // Shanghai in the week of 21–27 September: 6 of 7 (静安寺 3 of 4, 陆家嘴 3 of 3), the 80–90% band.
    const heat = page.locator('#heatmap-table tr[data-id="shanghai"] td[data-period="2026-W39"]');
    await heat.waitFor();
    expect(await heat.textContent()).toBe('85.7%');
    expect(await heat.getAttribute('class')).toBe('heat h4');
    // The bank's outlets, a page of 20 of 31: best CSAT first, outlets without ratings after.
    await page.locator('#outlet-ranking tbody tr[data-id]').first().waitFor();
    const outletOrder = await ids(page, '#outlet-ranking tbody tr');
    expect(outletOrder.slice(0, 3)).toEqual(['sh-lujiazui', 'sh-jingan', 'bj-guomao']);
    expect(outletOrder).toHaveLength(20);
    expect(await text(page, '#ranking-pager .range')).toBe('第 1–20 名，共 31 个');
    expect(await text(page, '#outlet-ranking tr[data-id="sh-jingan"] td:nth-of-type(3)')).toBe('75.0%');

    // Every panel downloads what it shows, as the API names it, in Chinese.
    const ranking = await download(page, 'outlets');
    expect(ranking.name).toBe('ranking-outlet-2026-09.csv');
    expect(headerOf(ranking.text)).toEqual([
      '排名',
      '名称',
      '分行',
      '满意度 (%)',
      '评价数',
      '投诉量',
      '办结率 (%)',
      '按时办结率 (%)',
      '较上期 (百分点)',
    ]);
    expect(ranking.text.split('\r\n')[2]).toBe('2,"静安寺支行","上海分行",75,4,2,50,100,-25');
    const heatmap = await download(page, 'heatmap');
    expect(heatmap.name).toBe('heatmap-region-2026-W40.csv');
    expect(heatmap.text).toContain('"上海分行"');
    // Eight weeks ending with September's last (2026-W40), each a CSAT and a count of ratings.
    const heatHeader = headerOf(heatmap.text);
    expect(heatHeader.slice(0, 3)).toEqual(['名称', '2026-W33 满意度 (%)', '2026-W33 评价数']);
    expect(heatHeader).toHaveLength(1 + 8 * 2);
    expect(heatHeader.at(-2)).toBe('2026-W40 满意度 (%)');
    const low = await download(page, 'low-ratings');
    expect(low.name).toBe('low-ratings-bank-2026-09-25-2026-10-01.csv');
    expect(low.text).toContain(`"静安寺支行",2,"${SCRIPT_COMMENT}"`);
    expect(headerOf(low.text)).toEqual(['评价时间', '网点', '评分', '留言']);
    // The figures behind the tiles and the trend (six months to September), and the regions.
    const satisfaction = await download(page, 'satisfaction');
    expect(headerOf(satisfaction.text).slice(0, 4)).toEqual(['期间', '评价数', '平均分', '满意度 (%)']);
    expect(satisfaction.text).toMatch(/^"?2026-09"?,9,/m);
    const complaints = await download(page, 'complaints');
    expect(headerOf(complaints.text).slice(0, 2)).toEqual(['期间', '受理量']);
    expect(complaints.text).toMatch(/^"?2026-09"?,3,/m);
    const regionsCsv = await download(page, 'regions');
    expect(headerOf(regionsCsv.text)[0]).toBe('排名');
    expect(regionsCsv.text.split('\r\n')[1]).toMatch(/^1,"上海分行",/);
    const summary = await download(page, 'warnings-summary');
    expect(headerOf(summary.text)).toEqual(['预警类型', '分行', '待处理', '已确认']);
    expect(summary.text.split('\r\n')[1]).toBe('"满意度偏低","上海分行",26,0');

    // The chart arrives after the tiles; its legend reads the latest month without a hover.
    await page.locator('#chart .uplot canvas').first().waitFor();
    expect(await text(page, '#chart .u-legend')).toContain('77.8%');
    expect(await text(page, '#chart .u-legend')).toContain('2026年9月');
    expect(await text(page, '#chart .u-legend')).not.toContain('满意度: —');

    // The low rating's comment is shown as text: no element made of it, no script run.
    const comment = page.locator('#low-list li[data-outlet="sh-jingan"] .comment');
    expect(await comment.textContent()).toBe(SCRIPT_COMMENT);
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // Warnings, counts first: one group, nothing listed until it is opened.
    await group(page, 'csat-low', 'shanghai').waitFor();
    expect(await text(page, '#warnings-totals')).toBe('待处理 26 条，已确认 0 条');
    expect(await page.locator('#warning-list li.warning').count()).toBe(0);
    expect(await codeWords(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('dashboard'), fullPage: true });
    // On a phone (390 px): the same page, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 900 });
    await page.locator('#outlet-ranking tbody tr[data-id]').first().waitFor();
    await page.screenshot({ path: screenshotPath('dashboard-390'), fullPage: true });
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1366, height: 900 });

    // The language switch: headings and figures' names in English, the period kept.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.locator('#kpi-heading', { hasText: 'Whole bank · September 2026' }).waitFor();
    expect(await text(page, 'h1')).toBe('Service quality dashboard');
    expect(await text(page, '#trend-heading')).toBe('Trend');
    expect(await text(page, '#ranking-heading')).toBe('Rankings');
    expect(await text(page, '#tiles [data-kpi="completionRate"] h3')).toBe('Completion rate');
    await page.locator('#outlet-ranking tr[data-id="sh-jingan"] a', { hasText: "Jing'an Temple" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Downloads follow the page's language: the same heat map headed in English.
    const english = await download(page, 'heatmap');
    expect(headerOf(english.text).slice(0, 3)).toEqual(['Name', '2026-W33 CSAT (%)', '2026-W33 ratings']);
    expect(english.text).toContain('"Shanghai');
    await context.close();
  });

  it('acknowledges a page of warnings at once, with one note, and keeps the page to one page of them', async () => {
    const { context, page } = await signIn('head-office', { width: 1366, next: '/dashboard' });
    const shanghai = group(page, 'csat-low', 'shanghai');
    // Narrowed by rule: September raised no CSAT drops, so none are listed; back to every rule.
    await shanghai.waitFor();
    await page.locator('#warning-rule').selectOption('csat-drop');
    await page.locator('#warning-list', { hasText: '所选条件下没有预警。' }).waitFor();
    expect(await text(page, '#warnings-totals')).toBe('待处理 0 条，已确认 0 条');
    await page.locator('#warning-rule').selectOption('');
    await shanghai.locator('summary').click();
    await shanghai.locator('li.warning').first().waitFor();
    // A page of 20 of the group's 26, each with its box; the next page a click away.
    expect(await shanghai.locator('li.warning').count()).toBe(20);
    expect(await text(page, '#warning-list .pager .range')).toBe('本组第 1–20 条');
    // The open group's download: all 26 of its open warnings (not only the page), in words.
    const groupCsv = await download(page, 'warnings');
    expect(headerOf(groupCsv.text).slice(0, 2)).toEqual(['期间', '预警类型']);
    const rows = groupCsv.text.split('\r\n').slice(1).filter(Boolean);
    expect(rows).toHaveLength(26);
    expect(rows.every((row) => row.includes('"满意度偏低"'))).toBe(true);
    const jingan = shanghai.locator(`li.warning[data-id="${WARNING_ID}"]`);
    expect(await jingan.locator('.words').textContent()).toBe(
      '满意度 75.0%（4 条评价）；按 50% 置信度，满意度至多 75.0%，低于阈值 80%',
    );
    await shanghai.getByLabel('全选本页').check();
    await shanghai.getByLabel('处理说明（可选，所选预警共用）').fill('已约谈网点负责人 <b>本周</b>');
    await page.screenshot({ path: screenshotPath('dashboard-warnings'), fullPage: false });
    await shanghai.getByRole('button', { name: '确认所选（20 条）' }).click();
    await page.locator('#status', { hasText: '已确认 20 条预警。' }).waitFor();
    await page.locator('#warnings-totals', { hasText: '待处理 6 条，已确认 20 条' }).waitFor();
    // The group is read again: its 6 open ones, no more than a page on the page at any time.
    await shanghai.locator('li.warning.open').first().waitFor();
    expect(await shanghai.locator('li.warning').count()).toBe(6);
    expect(await page.locator('#warning-list li.warning').count()).toBeLessThanOrEqual(20);
    // Really acknowledged, as the API says: the group's first page (ordered by subject id:
    // sh-jingan, then 浦东第 1 至 19), each with the one note; 浦东第 20 至 25 still open.
    const api = staffAs(ctx, 'head-office');
    const listed = async (status: string) =>
      (
        await api.get(
          `/stats/warnings?period=2026-09&rule=csat-low&region=shanghai&status=${status}&limit=100`,
        )
      ).body.items as { subjectId: string; acknowledged?: { note?: string } }[];
    const acknowledged = await listed('acknowledged');
    expect(acknowledged.map((w) => w.subjectId)).toEqual([
      'sh-jingan',
      ...MORE_OUTLETS.slice(0, 19).map((o) => o.id),
    ]);
    expect(new Set(acknowledged.map((w) => w.acknowledged?.note))).toEqual(
      new Set(['已约谈网点负责人 <b>本周</b>']),
    );
    expect((await listed('open')).map((w) => w.subjectId)).toEqual(MORE_OUTLETS.slice(19).map((o) => o.id));

    // Acknowledged ones are behind the status choice, with who, when and the note as text.
    await page.locator('#warning-status').selectOption('acknowledged');
    await shanghai.locator('summary').click();
    const done = shanghai.locator(`li.warning.acknowledged[data-id="${WARNING_ID}"]`);
    await done.waitFor();
    expect(await done.locator('.ack-state').textContent()).toMatch(
      /^已由 总行消保 Head Office 于 2026\/10\/01 10:00 确认$/,
    );
    expect(await done.locator('.ack-note').textContent()).toBe('说明：已约谈网点负责人 <b>本周</b>');
    expect(await page.locator('#warning-list b').count()).toBe(0);
    expect(await done.locator('input[type="checkbox"]').count()).toBe(0);
    await context.close();
  });

  it('drills down on a tablet: regions, one region’s outlets a page at a time, one outlet, and back', async () => {
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

    // A region from the ranking: its figures, its outlets ranked and by week, a page at a time.
    await page.locator('#region-ranking tr[data-id="shanghai"] a').click();
    await page.locator('#kpi-heading', { hasText: '上海分行 · 2026年9月' }).waitFor();
    expect(page.url()).toContain('region=shanghai');
    expect(await tile(page, 'csat').locator('.value').textContent()).toBe('85.7%');
    expect(await text(page, '#crumbs')).toBe('当前位置全行上海分行');
    await page.locator('#outlet-ranking caption', { hasText: '上海分行各网点排名' }).waitFor();
    expect((await ids(page, '#outlet-ranking tbody tr')).slice(0, 2)).toEqual(['sh-lujiazui', 'sh-jingan']);
    expect(await text(page, '#ranking-pager .range')).toBe('第 1–20 名，共 28 个');
    await page.locator('#ranking-pager [data-page="next"]').click();
    await page.locator('#ranking-pager .range', { hasText: '第 21–28 名，共 28 个' }).waitFor();
    expect(await page.locator('#outlet-ranking tbody tr').count()).toBe(8);
    await page.locator('#heatmap-table caption', { hasText: '上海分行各网点每周满意度' }).waitFor();
    expect(await page.locator('#heatmap-table tbody tr').count()).toBe(25);
    await page.locator('#heatmap-pager [data-page="next"]').click();
    await page.locator('#heatmap-table tbody tr[data-id="sh-xujiahui"]').waitFor();
    expect(await page.locator('#heatmap-table tbody tr').count()).toBe(3);
    // The warnings follow the drill-down: Shanghai's only.
    await group(page, 'csat-low', 'shanghai').waitFor();

    // An outlet from its heat-map row, then back up by the crumbs.
    await page.locator('#heatmap-pager [data-page="previous"]').click();
    await page.locator('#heatmap-table tr[data-id="sh-jingan"] a').click();
    await page.locator('#kpi-heading', { hasText: '静安寺支行 · 2026年9月' }).waitFor();
    expect(await text(page, '#crumbs')).toBe('当前位置全行上海分行静安寺支行');
    await page.locator('#crumbs a', { hasText: '全行' }).click();
    await page.locator('#kpi-heading', { hasText: '全行 · 2026年9月' }).waitFor();
    expect(page.url()).not.toContain('region=');

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('shows an outlet manager their outlet only, the last complete month first, the current one saying it is not over', async () => {
    // Without a `next`, an outlet manager lands on the dashboard, on September.
    const { context, page } = await signIn('manager.sh-jingan', { width: 390 });
    await page.locator('#kpi-heading', { hasText: '静安寺支行 · 2026年9月' }).waitFor();
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
    expect(await page.locator('#outlet-ranking tr').count()).toBe(0);
    // Its own warning, in its group (no boxes: acknowledging is head office's), and its own low rating.
    // Head office acknowledged it (the test before): it is under 已确认 / 全部, not 待处理.
    await page.locator('#warning-status').selectOption('all');
    await group(page, 'csat-low', 'shanghai').locator('summary').click();
    const warning = page.locator(`#warning-list li.warning[data-id="${WARNING_ID}"]`);
    await warning.waitFor();
    expect(await page.locator('#warning-list li.warning').count()).toBe(1);
    expect(await page.locator('#warning-list form, #warning-list input').count()).toBe(0);
    expect(await page.locator('#low-list .comment').textContent()).toBe(SCRIPT_COMMENT);
    expect(await codeWords(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('dashboard-outlet-390'), fullPage: true });

    // Another outlet in the URL is not theirs: the page stays on their own.
    await page.goto(`${ctx.url}/dashboard?granularity=month&period=2026-09&outlet=sh-lujiazui`);
    await page.locator('#kpi-heading', { hasText: '静安寺支行 · 2026年9月' }).waitFor();
    await tile(page, 'csat').locator('.value', { hasText: '75.0%' }).waitFor();
    expect(page.url()).toContain('outlet=sh-jingan');

    // October, a click away: it says it is not over, and compares nothing in red.
    await page.locator('#period').selectOption('2026-10');
    await page
      .locator('#kpi-heading', { hasText: '静安寺支行 · 2026年10月（进行中，截至10月1日）' })
      .waitFor();
    await tile(page, 'completionRate')
      .locator('.delta', { hasText: '本期尚未结束，暂不与上期比较' })
      .waitFor();
    expect(await page.locator('#tiles .change.bad, #tiles .change.good').count()).toBe(0);
    expect(await text(page, '#warnings-what')).toBe(
      '2026年10月尚未结束，预警在期末生成；以下为2026年9月的预警。',
    );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
