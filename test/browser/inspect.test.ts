import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captureFilesOf } from '../../web/capture-files.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';
import { screenshotPath, useBrowser } from './support/browser.js';
import { cameraPicture, keptPhoto } from './support/camera.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const browser = useBrowser();

/**
 * The bank's default checklist (functions/domain/supervision/default-checklist.ts), 100 points in
 * 18 items: the answers below, and the scores they earn, worked out by hand from its rules
 * (yes-no: all or nothing; a mark: its share; waiting time passes at 15 minutes or less; N/A out
 * of the total; one decimal).
 */
const YES_NO = [
  'env-clean',
  'env-five-unified',
  'env-self-service',
  'env-qr-poster',
  'conduct-dress',
  'conduct-lobby',
  'efficiency-windows',
  'elderly-aids',
  'elderly-cash',
  'quality-complaint-posted',
  'quality-first-contact',
  'quality-privacy',
  'quality-disclosure',
];
const FULL_MARKS: Record<string, number> = { 'env-5s': 4, 'conduct-actions': 8, 'conduct-phrases': 8 };

const item = (page: Page, id: string) => page.locator(`[data-item="${id}"]`);
async function answerYes(page: Page, ids: string[]) {
  for (const id of ids) await item(page, id).getByRole('button', { name: '符合', exact: true }).click();
}
async function fullMarks(page: Page) {
  for (const [id, mark] of Object.entries(FULL_MARKS))
    await item(page, id)
      .getByRole('button', { name: String(mark), exact: true })
      .click();
}
const waiting = (page: Page, minutes: number) =>
  item(page, 'efficiency-waiting').locator('input[type=number]').fill(String(minutes));

/** A Beijing bank day's end (23:59) `days` after an instant, as the page writes it, worked out by hand (UTC+8). */
function beijingDayEnd(iso: string, days: number): string {
  const b = new Date(Date.parse(iso) + 8 * 3_600_000 + days * 86_400_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${b.getUTCFullYear()}/${two(b.getUTCMonth() + 1)}/${two(b.getUTCDate())} 23:59`;
}
const monthOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 7);

/** Signs in as a seeded user in a browser on UTC (so Beijing times must come from the page), landing on /inspect. */
async function signIn(username: string, width = 390) {
  const context = await browser.context({ width, height: 844, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.goto(`${ctx.url}/signin?next=${encodeURIComponent('/inspect')}`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.waitForURL(/\/inspect$/);
  return { context, page };
}

type Listed = {
  id: string;
  kind: string;
  round?: string;
  result: { score: number | null; redLineFailed: boolean };
};
async function inspectionsOf(outletId: string, month: string, kind: string): Promise<Listed[]> {
  const answer = await staffAs(ctx, 'head-office').get(
    `/supervision/inspections?outletId=${outletId}&month=${month}&kind=${kind}`,
  );
  expect(answer.status).toBe(200);
  return answer.body.items as Listed[];
}

describe('the capture page /inspect', () => {
  it('lets a lobby manager fill the opening self-check round, with the running score, and submit it', async () => {
    const { context, page } = await signIn('lobby.sh-jingan');
    await page.getByRole('button', { name: '开门巡检' }).click();
    // The outlet is named, never its id; a lobby manager has one, chosen already.
    const outlet = page.locator('button[data-outlet="sh-jingan"]');
    expect(await outlet.textContent()).toContain('静安寺支行');
    expect(await outlet.getAttribute('aria-pressed')).toBe('true');
    await page.locator('#start').click();
    expect(await page.locator('#assignment').textContent()).toBe('静安寺支行 · 网点自查 · 开门巡检');
    expect(await page.locator('#running').textContent()).toBe('尚未作答');

    await answerYes(page, YES_NO);
    // 13 yes-no items answered: 64.5 points earned of 64.5 possible.
    expect(await page.locator('#running').textContent()).toBe('得分 100.0（已答 13/18 项）');
    await fullMarks(page);
    await item(page, 'elderly-window').getByRole('button', { name: '符合', exact: true }).click();
    // Waiting 16 minutes is over 15: its 8 points are lost, and it needs no photo. 92 of 100.
    await waiting(page, 16);
    expect(await page.locator('#running').textContent()).toBe('得分 92.0（已答 18/18 项）');
    expect(await item(page, 'efficiency-waiting').locator('input[type=file]').count()).toBe(0);
    // Red lines are marked.
    expect(await item(page, 'quality-privacy').textContent()).toContain('红线');

    await page.locator('#review').click();
    expect(await page.locator('#summary-score').textContent()).toBe('92.0');
    expect(await page.locator('#summary').textContent()).toContain('发现问题 1 项');
    await page.locator('#submit').click();
    await page.locator('#result[data-status="sent"]').waitFor();
    expect(await page.locator('#result-score').textContent()).toBe('92.0');
    expect(await page.locator('#result-verdict').textContent()).toBe('通过');
    expect(await page.locator('#no-tasks').textContent()).toBe('没有需要整改的问题。');

    const stored = await inspectionsOf('sh-jingan', monthOf(new Date().toISOString()), 'self-check');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.round).toBe('opening');
    expect(stored[0]?.result.score).toBe(92);
    await context.close();
  });

  it('keeps a spot check offline: the page reopens from its service worker with the draft, and the outbox sends it once when online', async () => {
    const { context, page } = await signIn('inspector.1', 1366);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.getByLabel('搜索网点（名称或编号）').fill('徐家汇');
    await page.locator('button[data-outlet="sh-xujiahui"]').click();
    await page.locator('#start').click();
    expect(await page.locator('#assignment').textContent()).toBe('徐家汇支行 · 督导中心抽查');

    await context.setOffline(true);
    await answerYes(page, YES_NO.slice(0, 6));
    await page.reload();
    // Opened with the network off: from the service worker, the draft from IndexedDB.
    await page.locator('#net', { hasText: '当前离线' }).waitFor();
    expect(await page.locator('#assignment').textContent()).toBe('徐家汇支行 · 督导中心抽查');
    for (const id of YES_NO.slice(0, 6))
      expect(
        await item(page, id).getByRole('button', { name: '符合', exact: true }).getAttribute('aria-pressed'),
      ).toBe('true');
    expect(await page.locator('#running').textContent()).toBe('得分 100.0（已答 6/18 项）');

    await answerYes(page, YES_NO.slice(6));
    await fullMarks(page);
    await item(page, 'elderly-window').getByRole('button', { name: '不适用' }).click();
    await waiting(page, 20);
    // N/A takes the window's 5 points out of the total; waiting over 15 minutes loses 8: 87 of 95 = 91.6.
    expect(await page.locator('#running').textContent()).toBe('得分 91.6（已答 18/18 项）');
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('inspect-1366') });
    await page.locator('#review').click();
    await page.locator('#submit').click();
    await page.locator('#result[data-status="pending"]').waitFor();
    expect(await page.locator('#entry-status').textContent()).toBe('待上传');
    expect(await inspectionsOf('sh-xujiahui', monthOf(new Date().toISOString()), 'spot-check')).toHaveLength(
      0,
    );

    await context.setOffline(false);
    await page.locator('#result[data-status="sent"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#entry-status').textContent()).toBe('已提交');
    expect(await page.locator('#result-score').textContent()).toBe('91.6');
    const stored = await inspectionsOf('sh-xujiahui', monthOf(new Date().toISOString()), 'spot-check');
    expect(stored).toHaveLength(1);
    // The one finding is a task due in 15 bank days (not a red line), at the end of the day, Beijing time.
    const full = await staffAs(ctx, 'inspector.1').get(`/supervision/inspections/${stored[0]?.id}`);
    const submittedAt = full.body.submittedAt as string;
    const task = page.locator('#tasks li[data-item="efficiency-waiting"]');
    expect(await task.textContent()).toContain('客户平均等候时间');
    expect(await task.locator('.due').textContent()).toBe(`整改期限 ${beijingDayEnd(submittedAt, 15)}`);
    expect(await page.locator('#tasks li').count()).toBe(1);

    // The page lists it as submitted; sending the same inspection again makes no second one.
    await page.locator('#new').click();
    await page.locator('#outbox .entry .status', { hasText: '已提交' }).waitFor();
    const { body } = full;
    const again = await postJson(
      `${ctx.url}/api/v1/supervision/inspections`,
      {
        id: body.id,
        kind: body.kind,
        outletId: body.outletId,
        checklistId: body.checklistId,
        checklistVersion: body.checklistVersion,
        startedAt: body.startedAt,
        answers: body.answers,
      },
      { authorization: `Bearer ${await ctx.token('inspector.1')}` },
    );
    expect(again.status).toBe(200);
    expect(await inspectionsOf('sh-xujiahui', monthOf(submittedAt), 'spot-check')).toHaveLength(1);
    await context.close();
  });

  it('opens a mystery shopper’s link without sign-in, takes the visit once, then says the link is used', async () => {
    const deadline = new Date(Date.now() + 7 * 86_400_000);
    deadline.setUTCHours(9, 30, 0, 0);
    const planned = await postJson(
      `${ctx.url}/api/v1/supervision/mystery-visits`,
      { outletId: 'bj-guomao', deadline: deadline.toISOString(), pseudonym: '神秘人 甲' },
      { authorization: `Bearer ${await ctx.token('head-office')}` },
    );
    expect(planned.status).toBe(201);
    const link = `${ctx.url}/mystery/${planned.body.token as string}`;

    const context = await browser.context({ width: 390, height: 844, timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(link);
    await page.locator('#assignment').waitFor();
    expect(await page.locator('#assignment').textContent()).toBe('国贸支行 · 神秘人走访');
    // 09:30 UTC is 17:30 in Beijing.
    expect(await page.locator('#deadline').textContent()).toContain(
      `走访截止 ${beijingDayEnd(deadline.toISOString(), 0).slice(0, 10)} 17:30`,
    );
    expect(await page.locator('#sign-out').isVisible()).toBe(false);
    await answerYes(page, YES_NO);
    await fullMarks(page);
    await item(page, 'elderly-window').getByRole('button', { name: '不适用' }).click();
    await waiting(page, 5);
    // The shopper sees how far the visit is, never a score: it is head office's.
    expect(await page.locator('#running').textContent()).toBe('已答 18/18 项');
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('mystery-390') });
    await page.locator('#review').click();
    expect(await page.locator('#summary-score').count()).toBe(0);
    await page.locator('#submit').click();
    await page.locator('#mystery-done').waitFor();
    expect(await page.locator('#mystery-done').textContent()).toBe('已提交，感谢您的走访。结果由总行审阅。');
    // The shopper is shown no score: it is head office's.
    expect(await page.locator('#result-score').count()).toBe(0);

    await page.reload();
    await page.getByText('此链接已使用或已过期').waitFor();
    // A fresh browser holding the same link is told the same, by the API.
    const other = await browser.context({ width: 390, height: 844 });
    const second = await other.newPage();
    await second.goto(link);
    await second.getByText('此链接已使用或已过期，无需再次提交。').waitFor();
    expect(await second.locator('[data-item]').count()).toBe(0);

    const stored = await inspectionsOf('bj-guomao', monthOf(new Date().toISOString()), 'mystery-visit');
    expect(stored).toHaveLength(1);
    // Every item passes or is not applicable: 95 of 95.
    expect(stored[0]?.result.score).toBe(100);
    await context.close();
    await other.close();
  });

  it('speaks English and Traditional Chinese through a region team’s joint check, names not ids', async () => {
    const context = await browser.context({ width: 390, height: 844, locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(`${ctx.url}/signin?next=${encodeURIComponent('/inspect')}`);
    await page.locator('button[data-username="inspector.shanghai"]').click();
    await page.waitForURL(/\/inspect$/);
    await page.getByLabel('Find an outlet (name or number)').fill('lujiazui');
    await page.locator('button[data-outlet="sh-lujiazui"]').click();
    await page.locator('#start').click();
    expect(await page.locator('#assignment').textContent()).toBe(
      'Lujiazui Sub-branch · Regional joint check',
    );
    for (const id of YES_NO) await item(page, id).getByRole('button', { name: 'Yes', exact: true }).click();
    for (const [id, mark] of Object.entries(FULL_MARKS))
      await item(page, id)
        .getByRole('button', { name: String(mark), exact: true })
        .click();
    await item(page, 'elderly-window').getByRole('button', { name: 'Yes', exact: true }).click();
    await waiting(page, 15);
    // 15 minutes is within "at most 15": every point earned.
    expect(await page.locator('#running').textContent()).toBe('Score 100.0 (18 of 18 answered)');
    // Every word on the page is English.
    const words = await page.evaluate(() => {
      // Not the user's own name, nor the language switch (each language named in itself).
      // biome-ignore lint/performance/useDomNodeTextContent: the words on screen, not hidden nodes' text
      let text = document.body.innerText;
      for (const node of document.querySelectorAll<HTMLElement>('#who, .langs')) {
        // biome-ignore lint/performance/useDomNodeTextContent: as above
        text = text.replace(node.innerText, '');
      }
      return text;
    });
    // The bank's checklist names the priority window by its sign in English too: "(爱心窗口)".
    expect(words.replace('(爱心窗口)', '')).not.toMatch(/[\u3400-\u9fff]/);
    await page.getByRole('button', { name: '繁體' }).click();
    await page.locator('#assignment', { hasText: '陸家嘴支行 · 分行聯合檢查' }).waitFor();
    expect(await page.locator('#running').textContent()).toBe('得分 100.0（已答 18/18 項）');
    await page.locator('#review').click();
    await page.locator('#submit').click();
    await page.locator('#result[data-status="sent"]').waitFor();
    expect(await page.locator('#entry-status').textContent()).toBe('已提交');
    expect(await page.locator('#no-tasks').textContent()).toBe('沒有需要整改的問題。');
    expect(await inspectionsOf('sh-lujiazui', monthOf(new Date().toISOString()), 'joint-check')).toHaveLength(
      1,
    );
    await context.close();
  });

  it('tells a role that may not inspect so, in words', async () => {
    const { context, page } = await signIn('manager.sh-jingan');
    await page
      .getByText('您的角色不能进行服务检查。服务检查由大堂经理（网点自查）、督导中心和分行联合检查组进行。')
      .waitFor();
    expect(await page.locator('#start').count()).toBe(0);
    await context.close();
  });

  it('shows the capture page at 390 px with the photo a failed item asks for', async () => {
    const { context, page } = await signIn('lobby.sh-lujiazui');
    await page.getByRole('button', { name: '午间巡检' }).click();
    await page.locator('#start').click();
    await item(page, 'env-clean').getByRole('button', { name: '不符合' }).click();
    await item(page, 'env-5s').getByRole('button', { name: '3', exact: true }).click();
    // A failed item that asks for a photo offers the camera, and the summary will not submit without it.
    expect(await item(page, 'env-clean').locator('input[type=file]').getAttribute('capture')).toBe(
      'environment',
    );
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('inspect-390') });
    await page.locator('#review').click();
    expect(await page.locator('#summary').textContent()).toContain('缺少照片：2 项');
    expect(await page.locator('#submit').isDisabled()).toBe(true);
    await page.getByRole('button', { name: '返回修改' }).click();

    // A camera picture of 4000 × 3000 is kept shrunk (longest side 1600, JPEG) with the draft, through a reload.
    await item(page, 'env-clean')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'hall.jpg',
        mimeType: 'image/jpeg',
        buffer: await cameraPicture(page, 4000, 3000),
      });
    await item(page, 'env-clean').getByText('已拍照').waitFor();
    await page.reload();
    await item(page, 'env-clean').getByText('已拍照').waitFor();
    expect(await keptPhoto(page, 'staff:lobby.sh-lujiazui', 'env-clean')).toEqual({
      type: 'image/jpeg',
      width: 1600,
      height: 1200,
    });
    await page.locator('#review').click();
    expect(await page.locator('#summary').textContent()).toContain('缺少照片：1 项');
    await context.close();
  });

  it('keeps its first view (HTML, scripts, styles) within 30 KB gzipped', () => {
    const web = resolve('dist/web');
    const html = readFileSync(resolve(web, 'inspect.html'));
    const files = captureFilesOf(html.toString('utf8'));
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files.some((f) => f.endsWith('.css'))).toBe(true);
    const bytes = [html, ...files.map((f) => readFileSync(resolve(web, `.${f}`)))].reduce(
      (sum, body) => sum + gzipSync(body).length,
      0,
    );
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
    // The service worker keeps these files and nothing of other pages.
    const worker = readFileSync(resolve(web, 'inspect-sw.js'), 'utf8');
    const kept = JSON.parse(/const PRECACHE = (\{.*?\});/.exec(worker)?.[1] ?? '{}') as { assets: string[] };
    expect(kept.assets.sort()).toEqual([...files].sort());
  });
});
