import { describe, expect, it } from 'vitest';
import { emptyComplaintTotals } from '../../functions/domain/statistics/complaint-totals.js';
import { emptyRatingTotals } from '../../functions/domain/statistics/rating-totals.js';
import { BANK, type Rollup } from '../../functions/domain/statistics/rollup.js';
import { TestClock } from '../support/clock.js';
import { usePlatform } from '../support/platform.js';
import { useBrowser } from './support/browser.js';

/**
 * The monthly report past 20 outlets lists the ten best and the ten worst (README, "The monthly
 * report"), not every outlet. A region of 25 outlets is written straight through the
 * repositories with September 2026 rollups of 100 ratings each, outlet n having 60 + n satisfied:
 * CSAT 60 % (n = 0) to 84 % (n = 24), no two alike. So the ten best are n = 24 … 15, highest
 * first, and the ten worst n = 0 … 9, lowest first; n = 10 … 14 are in neither table.
 * (Rankings read the stored month rollups; how a close makes them is tested elsewhere.)
 */
const NOW = '2026-10-01T10:00:00+08:00';
const MONTH = '2026-09';
const OUTLETS = 25;
const clock = new TestClock(NOW);
const ctx = usePlatform({}, { now: clock.now });
const browser = useBrowser();

const id = (n: number) => `gen-o${String(n).padStart(2, '0')}`;
const name = (n: number) => `测试第${n}支行`;

async function writeRegion() {
  const { outlets, rollups } = ctx.platform.deps.repositories;
  const at = new Date(NOW).toISOString();
  await outlets.putRegion({
    id: 'gen',
    name: { 'zh-CN': '测试分行', 'zh-TW': '測試分行', en: 'Test region' },
  });
  const own: Rollup[] = [];
  for (let n = 0; n < OUTLETS; n++) {
    await outlets.put(
      {
        id: id(n),
        regionId: 'gen',
        name: { 'zh-CN': name(n), 'zh-TW': name(n), en: `Test outlet ${n}` },
        address: '',
        openingHours: '',
        active: true,
        createdAt: at,
        updatedAt: at,
      },
      'create',
    );
    const satisfied = 60 + n;
    own.push({
      scope: 'outlet',
      id: id(n),
      granularity: 'month',
      period: MONTH,
      regionId: 'gen',
      ratings: {
        ...emptyRatingTotals(),
        count: 100,
        satisfied,
        ratingSum: satisfied * 5 + (100 - satisfied) * 2,
        distribution: [0, 100 - satisfied, 0, 0, satisfied],
      },
      complaints: emptyComplaintTotals(),
      lowRatings: [],
      majorComplaints: [],
      computedAt: at,
    });
  }
  // The region's and the bank's month, and the bank's first day, as a close writes them: the
  // report offers the months from the bank's first day on.
  const count = own.reduce((sum, r) => sum + r.ratings.count, 0);
  const satisfied = own.reduce((sum, r) => sum + r.ratings.satisfied, 0);
  const summed = (scope: 'region' | 'bank', of: string, granularity: 'day' | 'month', period: string) => ({
    ...(own[0] as Rollup),
    scope,
    id: of,
    granularity,
    period,
    regionId: undefined,
    ratings: { ...emptyRatingTotals(), count, satisfied },
    outlets: OUTLETS,
  });
  await rollups.putMany([
    ...own,
    summed('region', 'gen', 'month', MONTH),
    summed('bank', BANK, 'month', MONTH),
    summed('bank', BANK, 'day', `${MONTH}-01`),
  ]);
}

describe('the monthly report of a bank of more than 20 outlets', () => {
  it('lists the ten best and the ten worst outlets, each from its own end', async () => {
    await writeRegion();
    const context = await browser.context({ locale: 'zh-CN', width: 1366, height: 900 });
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await page.goto(`${ctx.url}/signin?next=${encodeURIComponent(`/report?month=${MONTH}`)}`);
    await page.locator('button[data-username="head-office"]').click();
    await page.waitForURL(/\/report/);
    await page.locator('#end-note').waitFor();

    const tables = page.locator('#outlet-tables table');
    await tables.nth(1).waitFor();
    const rows = async (index: number) =>
      tables
        .nth(index)
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.id));
    const range = (from: number, to: number) =>
      Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => id(from < to ? from + i : from - i));
    expect(await rows(0)).toEqual(range(24, 15));
    expect(await rows(1)).toEqual(range(0, 9));
    expect(await tables.nth(0).locator('caption').textContent()).toContain('满意度最高的 10 个网点');
    expect(await tables.nth(1).locator('caption').textContent()).toContain('满意度最低的 10 个网点');
    // Names, not ids, and each outlet's figure as the rule gives it.
    const best = tables.nth(0).locator(`tr[data-id="${id(24)}"]`);
    expect(await best.textContent()).toContain(name(24));
    expect(await best.textContent()).toContain('84.0%');
    expect(
      await tables
        .nth(1)
        .locator(`tr[data-id="${id(0)}"]`)
        .textContent(),
    ).toContain('60.0%');
    // The note counts every outlet ranked (the demo's six have no September figures).
    expect(await page.locator('#outlets-note').textContent()).toContain(`共 ${OUTLETS} 个网点`);
    await context.close();
  }, 120_000);
});
