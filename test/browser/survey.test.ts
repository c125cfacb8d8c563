import { describe, expect, it } from 'vitest';
import { keyFor } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { screenshotPath, useBrowser } from './support/browser.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const browser = useBrowser();

/** The stored rating with this id (its bank day is in the id). */
async function feedbackById(outletId: string, id: string) {
  const date = `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}`;
  const ratings = await ctx.platform.deps.repositories.ratings.outletDay(outletId, date);
  return ratings.find((r) => r.id === id);
}

async function openSurvey(outletId: string, locale: string) {
  const context = await browser.context({ locale });
  const page = await context.newPage();
  const k = await keyFor(ctx.platform, outletId);
  const ids: string[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('/api/v1/feedback') && r.status() < 300) ids.push(String((await r.json()).id));
  });
  await page.goto(`${ctx.url}/s/${outletId}?k=${k}`);
  return { context, page, ids, k };
}

describe('the survey page', () => {
  it('rates an outlet in zh-CN with aspects and a comment, stored as typed and shown escaped', async () => {
    const { context, page, ids } = await openSurvey('sh-lujiazui', 'zh-CN');
    await expect.poll(() => page.locator('h1').textContent()).toBe('陆家嘴支行');
    await page.screenshot({ path: screenshotPath('survey') });
    await page.getByRole('button', { name: '满意', exact: true }).click();
    await page.getByText('已记录您的评价').waitFor();
    await page.getByRole('radio', { name: /^服务态度 5/ }).check({ force: true });
    await page.getByRole('radio', { name: /^办理效率 3/ }).check({ force: true });
    const comment = '<script>alert(1)</script> =SUM(A1) 柜员很耐心';
    await page.getByLabel('意见或建议').fill(comment);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    expect(ids).toHaveLength(1);
    const record = await feedbackById('sh-lujiazui', ids[0] ?? '');
    expect(record).toMatchObject({
      rating: 4,
      aspects: { attitude: 5, efficiency: 3 },
      comment,
      lang: 'zh-CN',
    });
    await context.close();
  });

  it('rates in English, chosen from the browser, and switches language on request', async () => {
    const { context, page, ids } = await openSurvey('bj-guomao', 'en-GB');
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/Guomao/);
    await page.getByRole('button', { name: '简体' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/国贸/);
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('button', { name: 'Very satisfied' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    expect(await feedbackById('bj-guomao', ids[0] ?? '')).toMatchObject({ rating: 5, lang: 'en' });
    await context.close();
  });

  it('offers a complaint, with the outlet filled in, after a low rating', async () => {
    const { context, page, k } = await openSurvey('sh-jingan', 'zh-CN');
    await page.getByRole('button', { name: '不满意', exact: true }).click();
    const link = page.getByRole('link', { name: /点此投诉/ }).first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/c/sh-jingan?k=${encodeURIComponent(k)}`);
    await context.close();
  });

  it('retries a post that failed on the network with the same submission, stored once', async () => {
    const { context, page, ids } = await openSurvey('sh-xujiahui', 'zh-CN');
    const bodies: string[] = [];
    let failures = 1;
    await page.route('**/api/v1/feedback', async (route) => {
      bodies.push(route.request().postData() ?? '');
      if (failures-- > 0) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await page.getByRole('button', { name: '非常满意' }).click();
    await page.getByText('已记录您的评价').waitFor({ timeout: 15_000 });
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toBe(bodies[1]);
    expect(await page.evaluate(() => localStorage.getItem('bf.pending'))).toBeNull();
    expect(ids).toHaveLength(1);
    await context.close();
  });

  it('says kindly that a device already rated the outlet, and refuses a forged code', async () => {
    const first = await openSurvey('bj-wangfujing', 'zh-CN');
    await first.page.getByRole('button', { name: '一般' }).click();
    await first.page.getByText('已记录您的评价').waitFor();
    const again = await first.context.newPage();
    await again.goto(first.page.url());
    await again.getByRole('button', { name: '满意', exact: true }).click();
    await again.getByText('您刚刚已为本网点评价过').waitFor();
    await again.goto(`${ctx.url}/s/bj-wangfujing?k=AAAAAAAAAAAAAAAA`);
    await again.getByText('此二维码无效').waitFor();
    await first.context.close();
  });

  it('is readable and operable: large text and targets, labelled controls, no sideways scrolling at 320px', async () => {
    const context = await browser.context({ locale: 'zh-CN', width: 320, height: 640 });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/s/sh-lujiazui?k=${await keyFor(ctx.platform, 'sh-lujiazui')}`);
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    const facts = await page.evaluate(() => ({
      bodyFont: Number.parseFloat(getComputedStyle(document.body).fontSize),
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      smallTargets: [...document.querySelectorAll('button')]
        .filter((b) => b.offsetParent !== null && b.getBoundingClientRect().height < 48)
        .map((b) => b.textContent),
      unnamed: [...document.querySelectorAll('button, input, textarea')]
        .filter(
          (e) =>
            !(
              e.textContent?.trim() ||
              e.getAttribute('aria-label') ||
              (e as HTMLInputElement).labels?.length
            ),
        )
        .map((e) => e.outerHTML),
    }));
    expect(facts.bodyFont).toBeGreaterThanOrEqual(18);
    expect(facts.overflow).toBeLessThanOrEqual(0);
    expect(facts.smallTargets).toEqual([]);
    expect(facts.unnamed).toEqual([]);
    await context.close();
  });
});
