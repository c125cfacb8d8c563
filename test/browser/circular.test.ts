import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { ownPhotos } from '../support/own-photos.js';
import { usePlatform } from '../support/platform.js';
import { screenshotPath, useBrowser } from './support/browser.js';

/**
 * The circular page, as an outlet manager and head office read it on 2 November 2026, 10:00 in
 * Shanghai: October is the month that has ended. The checks of October, made through the API,
 * and what the circular must say of them (the README's definitions, the default checklist):
 *   静安寺 sh-jingan: a spot check failing env-clean (a finding due 15 days on, 27 October), a
 *     joint check passing everything: check score (100 − env-clean's points + 100) ÷ 2.
 *   国贸 bj-guomao: a spot check failing quality-privacy, a red line: 100 − its points; its task
 *     due in 3 days (15 October).
 *   Neither task is answered: both fell due in October and were not put right in time, one each
 *   (listed most first, then by outlet id: bj-guomao, sh-jingan).
 */
const NOW = '2026-11-02T10:00:00+08:00';
const clock = new TestClock('2026-10-12T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });
const browser = useBrowser();
let points = new Map<string, number>();

type Item = { id: string; points: number; kind: { type: string; max?: number }; photoOnFail: boolean };
type Checklist = { id: string; version: number; sections: { items: Item[] }[] };

beforeAll(async () => {
  const headers = { authorization: `Bearer ${await ctx.token('head-office')}` };
  const list = (await (
    await fetch(`${ctx.url}/api/v1/supervision/checklists/service`, { headers })
  ).json()) as Checklist;
  points = new Map(list.sections.flatMap((s) => s.items).map((i) => [i.id, i.points]));
  const inspect = async (username: string, kind: string, outletId: string, failing: string[] = []) => {
    const answers = list.sections.flatMap((s) =>
      s.items.map((item) => {
        const fails = failing.includes(item.id);
        const evidence = fails && item.photoOnFail ? { photo: `photos/test/${item.id}.jpg` } : {};
        if (item.kind.type === 'yes-no') return { itemId: item.id, passed: !fails, ...evidence };
        if (item.kind.type === 'score')
          return { itemId: item.id, mark: fails ? 0 : (item.kind.max ?? 1), ...evidence };
        return { itemId: item.id, value: fails ? 40 : 5, ...evidence };
      }),
    );
    const response = await postJson(
      `${ctx.url}/api/v1/supervision/inspections`,
      ownPhotos({
        id: randomUUID(),
        kind,
        outletId,
        checklistId: list.id,
        checklistVersion: list.version,
        startedAt: clock.now().toISOString(),
        answers,
      }),
      { authorization: `Bearer ${await ctx.token(username)}` },
    );
    expect(response.status).toBe(201);
  };
  await inspect('inspector.1', 'spot-check', 'sh-jingan', ['env-clean']);
  await inspect('inspector.shanghai', 'joint-check', 'sh-jingan');
  await inspect('inspector.1', 'spot-check', 'bj-guomao', ['quality-privacy']);
  clock.set(NOW);
}, 60_000);

async function openCircular(username: string, width = 1366) {
  const context = await browser.context({ locale: 'zh-CN', width, height: 900 });
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  await page.goto(`${ctx.url}/signin?next=${encodeURIComponent('/circular')}`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.waitForURL(/\/circular/);
  await page.locator('#end-note:not([hidden])').waitFor();
  return { context, page };
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

describe('the circular page', () => {
  it('gives an outlet manager last month’s circular: outlets ranked, items, red lines and what was not put right in time', async () => {
    const { context, page } = await openCircular('manager.sh-jingan');
    expect(await page.locator('#month').inputValue()).toBe('2026-10');
    // The month under way is head office's and the centre's: not offered to a manager.
    expect(await texts(page, '#month option')).not.toContain('2026年11月（进行中，截至昨日）');
    expect(await page.locator('#circular-month').textContent()).toBe('2026年10月');
    const jingan = oneDecimal((100 - (points.get('env-clean') as number) + 100) / 2);
    const guomao = oneDecimal(100 - (points.get('quality-privacy') as number));
    const best = page.locator('#outlet-tables table').first().locator('tbody tr');
    // 国贸 crossed a red line: it ranks after 静安寺, whatever the scores.
    const order = ['静安寺支行', '国贸支行'];
    expect(await best.locator('th').allTextContents()).toEqual(order);
    expect(await best.first().locator('td').nth(2).textContent()).toBe(
      order[0] === '静安寺支行' ? jingan : guomao,
    );
    expect(await texts(page, '#items-table tbody td:first-child')).toHaveLength(2);
    const redLine = page.locator('#red-lines-body tbody tr');
    expect(await redLine.count()).toBe(1);
    expect(await redLine.locator('th').textContent()).toBe('国贸支行');
    expect(await redLine.locator('td').last().textContent()).toBe('待整改');
    expect(await texts(page, '#overdue-body tbody th')).toEqual(['国贸支行', '静安寺支行']);
    // The bank's figures in words: 2 spot checks, 1 joint check, one red line.
    expect(await page.locator('#bank-table').textContent()).toMatch(/服务督导中心暗访抽查2 次/);
    await page.screenshot({ path: screenshotPath('circular'), fullPage: true });

    // Each table downloads as CSV headed in the page's language.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-table="outlets"]').click(),
    ]);
    expect(file.suggestedFilename()).toBe('circular-2026-10-outlets.csv');
    const csv = await readFile((await file.path()) ?? '', 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^"排名","网点","分行","检查平均分"/);

    // In English, nothing left in Chinese but the bank's own names.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.locator('#circular-month', { hasText: 'October 2026' }).waitFor();
    expect(await page.locator('#red-lines-body td').last().textContent()).toBe('to put right');

    // Printed: no controls.
    await page.emulateMedia({ media: 'print' });
    for (const control of await page.locator('button, select').all())
      expect(await control.isVisible()).toBe(false);
    await context.close();
  });

  it('offers head office the month under way, and fits a phone', async () => {
    const { context, page } = await openCircular('head-office', 390);
    await page.locator('#month').selectOption('2026-11');
    await page.locator('#circular-month', { hasText: '进行中' }).waitFor();
    expect(await page.locator('#overdue-body').textContent()).toBe('月末后统计。');
    await page.locator('#month').selectOption('2026-10');
    await page.locator('#circular-month', { hasText: /^2026年10月$/ }).waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('circular-390'), fullPage: true });
    await context.close();
  });

  it('lets the supervision centre circulate an ended month once, after confirming; says when and by whom, or why not, in the page’s language', async () => {
    // An outlet manager reads it but has no button.
    const manager = await openCircular('manager.sh-jingan');
    expect(await manager.page.locator('#circular-published').textContent()).toBe('尚未通报');
    expect(await manager.page.locator('#publish').isVisible()).toBe(false);
    await manager.context.close();

    const { context, page } = await openCircular('inspector.1');
    expect(await page.locator('#month').inputValue()).toBe('2026-10');
    const button = page.locator('#publish');
    expect(await button.textContent()).toBe('通报全行网点');
    expect(await button.isVisible()).toBe(true);

    // Refused: September was circulated meanwhile (by another of the centre, through the API).
    await page.locator('#month').selectOption('2026-09');
    await page.locator('#circular-month', { hasText: /^2026年9月$/ }).waitFor();
    const behind = await postJson(
      `${ctx.url}/api/v1/supervision/circular/publications`,
      { month: '2026-09' },
      { authorization: `Bearer ${await ctx.token('inspector.1')}` },
    );
    expect(behind.status).toBe(201);
    page.once('dialog', (dialog) => void dialog.accept());
    await button.click();
    await page.locator('#status', { hasText: '未能通报：2026-09 的通报已经发布过了' }).waitFor();

    // October: a dismissed confirmation sends nothing; a confirmed one circulates it.
    await page.locator('#month').selectOption('2026-10');
    await page.locator('#circular-month', { hasText: /^2026年10月$/ }).waitFor();
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await button.click();
    expect(asked).toBe('确认将2026年10月的通报发给全行网点负责人？发布后不能撤回。');
    expect(await page.locator('#circular-published').textContent()).toBe('尚未通报');
    page.once('dialog', (dialog) => void dialog.accept());
    await button.click();
    await page.locator('#status', { hasText: '已通报：2026年10月的通报已发给全行网点负责人。' }).waitFor();
    // Published at the platform's 2 November 2026, 10:00 in Shanghai, by the centre's name.
    expect(await page.locator('#circular-published').textContent()).toBe(
      '已通报 2026/11/02 10:00（北京时间），发布人：钱进 · 服务督导中心',
    );
    expect(await button.isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('circular-published'), fullPage: true });

    await ctx.platform.poller.drain();
    const told = ctx.platform.notifier
      .list()
      .filter((d) => d.body.event === 'circular-published' && d.body.month === '2026-10');
    expect(told.map((d) => d.attributes.audience)).toEqual(['outlet-manager']);

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.locator('#circular-month', { hasText: 'October 2026' }).waitFor();
    expect(await page.locator('#circular-published').textContent()).toMatch(
      /^Circulated .* by 钱进 · 服务督导中心$/,
    );
    await context.close();
  });
});
