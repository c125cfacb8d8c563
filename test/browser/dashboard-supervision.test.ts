import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { ownPhotos } from '../support/own-photos.js';
import { usePlatform } from '../support/platform.js';
import { screenshotPath, useBrowser } from './support/browser.js';

/**
 * The dashboard's 服务督导 panel as head office reads it on 2 November 2026 (October ended): 静安寺
 * had a spot check failing env-clean and a joint check passing everything in October; 国贸 a spot
 * check passing everything. The panel names the bank and the regions, drills into a region's
 * outlets by name, and downloads CSV headed in the page's language.
 */
const NOW = '2026-11-02T10:00:00+08:00';
const clock = new TestClock('2026-10-12T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });
const browser = useBrowser();

type Item = { id: string; kind: { type: string; max?: number }; photoOnFail: boolean };
type Checklist = { id: string; version: number; sections: { items: Item[] }[] };

beforeAll(async () => {
  const headers = { authorization: `Bearer ${await ctx.token('head-office')}` };
  const list = (await (
    await fetch(`${ctx.url}/api/v1/supervision/checklists/service`, { headers })
  ).json()) as Checklist;
  const inspect = async (username: string, kind: string, outletId: string, failing: string[] = []) => {
    const answers = list.sections.flatMap((s) =>
      s.items.map((item) => {
        const fails = failing.includes(item.id);
        const evidence = fails && item.photoOnFail ? { photo: `photos/test/${item.id}.jpg` } : {};
        if (item.kind.type === 'yes-no') return { itemId: item.id, passed: !fails, ...evidence };
        if (item.kind.type === 'score') return { itemId: item.id, mark: item.kind.max ?? 1 };
        return { itemId: item.id, value: 5 };
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
  await inspect('inspector.1', 'spot-check', 'bj-guomao');
  clock.set(NOW);
}, 60_000);

async function openDashboard(width: number) {
  const context = await browser.context({ locale: 'zh-CN', width, height: 900 });
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  // October, the month that has ended.
  await page.goto(
    `${ctx.url}/signin?next=${encodeURIComponent('/dashboard?granularity=month&period=2026-10')}`,
  );
  await page.locator('button[data-username="head-office"]').click();
  await page.waitForURL(/\/dashboard/);
  await page.locator('#supervision-table tbody tr').first().waitFor();
  return { context, page };
}

describe('the 服务督导 panel', () => {
  it('shows the bank and the regions by name, drills into a region’s outlets, downloads CSV', async () => {
    const { context, page } = await openDashboard(1366);
    const names = () => page.locator('#supervision-table tbody th').allTextContents();
    expect(await names()).toEqual(['全行', '北京分行', '上海分行']);
    expect(await page.locator('#supervision-table thead').textContent()).toContain('自查完成率');
    // The bank's spot-check mean: 静安寺's and 国贸's spot checks; the joint check 100.
    expect(await page.locator('#supervision-table tbody tr').first().locator('td').nth(2).textContent()).toBe(
      '100.0',
    );
    const panel = page.locator('#supervision');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('dashboard-supervision') });

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-csv="supervision"]').click(),
    ]);
    const csv = await readFile((await file.path()) ?? '', 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^"名称","网点数","检查次数","自查平均分"/);

    await page.locator('#supervision-table a', { hasText: '上海分行' }).click();
    await page.locator('#supervision-what', { hasText: '上海分行各网点' }).waitFor();
    // 静安寺, the only one checked, first; the others, unchecked, after it.
    expect((await names())[1]).toBe('静安寺支行');
    expect(await names()).toHaveLength(4);
    await page.locator('#supervision').screenshot({ path: screenshotPath('dashboard-supervision-region') });

    await page.locator('#supervision-span').selectOption('quarter');
    await page.locator('#supervision-what', { hasText: '季度' }).waitFor();
    await context.close();
  });

  it('fits a phone', async () => {
    const { context, page } = await openDashboard(390);
    const panel = page.locator('#supervision');
    await panel.scrollIntoViewIfNeeded();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await panel.screenshot({ path: screenshotPath('dashboard-supervision-390') });
    await context.close();
  });
});
