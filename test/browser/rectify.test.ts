import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PHOTO_JPEG } from '../../functions/local/demo-photo.js';
import { captureFilesOf } from '../../web/capture-files.js';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { screenshotPath, useBrowser } from './support/browser.js';
import { cameraPicture } from './support/camera.js';

/**
 * The rectification page (/rectify), on 12 October 2026, 10:00 in Shanghai, at 静安寺支行
 * (sh-jingan, Shanghai region). The checks, made through the API:
 *   1 October, a spot check (服务督导中心) failing env-clean (a photo and a note) and
 *     quality-privacy, a red line: the red line was due in 3 days (4 October), so it is overdue
 *     now; env-clean is due in 15 days (16 October, 4 days left).
 *   10 October, a joint check (上海分行) failing env-clean again (repeated: 屡查屡犯, due
 *     25 October) and conduct-dress (answered by the manager through the API: waiting for review).
 * The manager answers the first env-clean task with a note and a photo; the supervision centre
 * returns it with a reason; the manager answers again; the region's team returns and the manager
 * answers once more through the API while the centre's page is open, so the centre's accept is a
 * conflict, said in Chinese; accepted on the second try.
 */
const NOW = '2026-10-12T10:00:00+08:00';
const clock = new TestClock('2026-10-01T10:00:00+08:00');
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' }, { now: clock.now });
const browser = useBrowser();

type Item = { id: string; text: Record<string, string>; kind: { type: string; max?: number } };
type Checklist = { id: string; version: number; sections: { items: Item[] }[] };
type Task = { id: string; itemId: string; inspectionId: string; version: number; status: string };
let itemName = new Map<string, string>();
let itemTexts = new Map<string, Record<string, string>>();
let tasks: Task[] = [];

const auth = async (username: string) => ({ authorization: `Bearer ${await ctx.token(username)}` });
const api = async (username: string, path: string, body?: unknown) =>
  body === undefined
    ? fetch(`${ctx.url}/api/v1${path}`, { headers: await auth(username) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }))
    : postJson(`${ctx.url}/api/v1${path}`, body, await auth(username));
const tasksNow = async () =>
  ((await api('manager.sh-jingan', '/supervision/rectifications?outletId=sh-jingan')).body.items as Task[]) ??
  [];

/** A photo uploaded for an inspection being filled, by the contract the pages use. */
async function uploadFindingPhoto(username: string, inspectionId: string): Promise<string> {
  const presigned = await api(username, '/supervision/photo-uploads', {
    inspectionId,
    contentType: 'image/jpeg',
    size: DEMO_PHOTO_JPEG.length,
  });
  expect(presigned.status).toBe(201);
  const { url, fields, key } = presigned.body as { url: string; fields: Record<string, string>; key: string };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([DEMO_PHOTO_JPEG], { type: 'image/jpeg' }), 'finding.jpg');
  expect((await fetch(url, { method: 'POST', body: form })).status).toBe(204);
  return key;
}

beforeAll(async () => {
  const list = (await api('head-office', '/supervision/checklists/service')).body as unknown as Checklist;
  itemName = new Map(list.sections.flatMap((s) => s.items).map((i) => [i.id, i.text['zh-CN'] ?? '']));
  itemTexts = new Map(list.sections.flatMap((s) => s.items).map((i) => [i.id, i.text]));
  // Each failed item carries the inspection's one photo (uploaded as the capture page does); a note where given.
  const inspect = async (
    username: string,
    kind: string,
    failing: string[],
    notes: Record<string, string> = {},
  ) => {
    const id = randomUUID();
    const photo = await uploadFindingPhoto(username, id);
    const answers = list.sections.flatMap((s) =>
      s.items.map((item) => {
        const fails = failing.includes(item.id);
        const extra = fails ? { photo, ...(notes[item.id] ? { note: notes[item.id] } : {}) } : {};
        if (item.kind.type === 'yes-no') return { itemId: item.id, passed: !fails, ...extra };
        if (item.kind.type === 'score')
          return { itemId: item.id, mark: fails ? 0 : (item.kind.max ?? 1), ...extra };
        return { itemId: item.id, value: fails ? 40 : 5, ...extra };
      }),
    );
    const response = await postJson(
      `${ctx.url}/api/v1/supervision/inspections`,
      {
        id,
        kind,
        outletId: 'sh-jingan',
        checklistId: list.id,
        checklistVersion: list.version,
        startedAt: clock.now().toISOString(),
        answers,
      },
      await auth(username),
    );
    expect(response.status).toBe(201);
  };
  await inspect('inspector.1', 'spot-check', ['env-clean', 'quality-privacy'], {
    'env-clean': '大堂地面有纸屑，垃圾桶已满',
  });
  clock.set('2026-10-10T15:00:00+08:00');
  await inspect('inspector.shanghai', 'joint-check', ['env-clean', 'conduct-dress']);
  clock.set(NOW);
  tasks = await tasksNow();
  const dress = tasks.find((t) => t.itemId === 'conduct-dress') as Task;
  const answered = await api('manager.sh-jingan', `/supervision/rectifications/${dress.id}/actions`, {
    type: 'answer',
    note: '已统一着装，工牌佩戴整齐。',
    expectedVersion: dress.version,
  });
  expect(answered.status).toBe(200);
}, 90_000);

async function openAs(
  username: string,
  path: string,
  width = 390,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.context({
    locale: 'zh-CN',
    width,
    height: width > 500 ? 900 : 844,
    timezoneId: 'UTC',
  });
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  await page.goto(`${ctx.url}/signin?next=${encodeURIComponent(path)}`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.waitForURL(/\/rectify/);
  await page.locator('#app[data-ready="true"]').waitFor();
  return { context, page };
}

const card = (page: Page, section: string, itemId: string, nth = 0) =>
  page
    .locator(`#${section} article.task`)
    .filter({ hasText: itemName.get(itemId) ?? '' })
    .nth(nth);

describe('the rectification page', () => {
  it('lets the manager answer with a note and a photo, the centre return it, the manager answer again and the centre accept it', async () => {
    // The manager lands on the own outlet's tasks, named, grouped, in Chinese.
    const manager = await openAs('manager.sh-jingan', '/rectify');
    let page = manager.page;
    expect(await page.locator('#outlet-name').textContent()).toBe('静安寺支行 · 整改任务');
    expect(await page.locator('#todo-heading').textContent()).toBe('待整改（3）');
    expect(await page.locator('#review-heading').textContent()).toBe('待验收（1）');
    expect(await page.locator('#done-heading').textContent()).toBe('已验收（近 30 天 0）');
    // Overdue first: the red line found on 1 October was due on 4 October.
    const first = page.locator('#todo article.task').first();
    expect(await first.locator('h3').textContent()).toBe(itemName.get('quality-privacy'));
    expect(await first.locator('.badge').allTextContents()).toEqual(['逾期', '红线']);
    expect(await first.locator('.due').textContent()).toBe(
      '整改期限：2026/10/04 23:59（北京时间） · 已逾期 8 天',
    );
    // Then by due date: env-clean of 1 October (16 October: 4 days left), the repeated one (25 October).
    const clean = card(page, 'todo', 'env-clean', 0);
    expect(await clean.locator('.found-by').textContent()).toBe('督导中心抽查 · 2026/10/01');
    expect(await clean.locator('.due').textContent()).toBe(
      '整改期限：2026/10/16 23:59（北京时间） · 还剩 4 天',
    );
    expect(await clean.locator('.finding').textContent()).toBe('检查发现：大堂地面有纸屑，垃圾桶已满');
    await clean.locator('figure.photo img').waitFor();
    expect(
      await clean.locator('figure.photo img').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(240);
    const repeated = card(page, 'todo', 'env-clean', 1);
    expect(await repeated.locator('.badge').allTextContents()).toEqual(['屡查屡犯']);
    expect(await repeated.locator('.found-by').textContent()).toBe('分行联合检查 · 2026/10/10');
    // Names, never ids: no outlet, item, task or inspection id anywhere on the page.
    const shown = (await page.locator('body').textContent()) ?? '';
    for (const id of [
      'sh-jingan',
      'env-clean',
      'quality-privacy',
      'conduct-dress',
      ...tasks.map((t) => t.id),
    ])
      expect(shown).not.toContain(id);

    // An answer needs its note, said in Chinese; then the note and a camera photo.
    await clean.getByRole('button', { name: '提交整改答复' }).click();
    expect(await clean.locator('.error').textContent()).toBe('请填写整改说明');
    await clean
      .getByLabel('整改说明（必填，最多 1000 字）')
      .fill('已清扫大堂并清空垃圾桶，安排专人每两小时巡查。');
    await clean.getByLabel('整改后的照片（拍照或选择照片）').setInputFiles({
      name: 'after.jpg',
      mimeType: 'image/jpeg',
      buffer: await cameraPicture(page, 4000, 3000),
    });
    await clean.getByRole('button', { name: '提交整改答复' }).click();
    await page.locator('#status.done').filter({ hasText: '已提交整改答复。' }).waitFor();
    expect(await page.locator('#review-heading').textContent()).toBe('待验收（2）');
    const waiting = card(page, 'review', 'env-clean');
    expect(await waiting.locator('.step-answer').textContent()).toContain(
      '网点答复：已清扫大堂并清空垃圾桶，安排专人每两小时巡查。',
    );
    await manager.context.close();

    // The supervision centre finds the outlet by its name and sees the answer's photo (shrunk: 1600 px wide).
    const centre = await openAs('inspector.1', '/rectify');
    page = centre.page;
    await page.getByLabel('搜索网点（名称）').fill('静安');
    await page.locator('button[data-outlet="sh-jingan"]').click();
    await page.locator('#outlet-name').filter({ hasText: '静安寺支行' }).waitFor();
    expect(new URL(page.url()).search).toBe('?outletId=sh-jingan');
    const review = card(page, 'review', 'env-clean');
    const answerPhoto = review.locator('.step-answer figure.photo img');
    await answerPhoto.waitFor();
    expect(await answerPhoto.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
    // Returning needs a reason, said in Chinese.
    await review.getByRole('button', { name: '退回重新整改' }).click();
    expect(await review.locator('.error').textContent()).toBe('退回时请填写原因');
    await review.getByLabel('退回原因（退回时必填，最多 500 字）').fill('照片未体现垃圾桶已清空，请补拍。');
    await review.getByRole('button', { name: '退回重新整改' }).click();
    await page.locator('#status.done').filter({ hasText: '已退回，等待网点重新整改。' }).waitFor();
    expect(await page.locator('#review-heading').textContent()).toBe('待验收（1）');
    await centre.context.close();

    // The manager sees it back with the reason, and answers again (a note only).
    const again = await openAs('manager.sh-jingan', '/rectify');
    page = again.page;
    const back = card(page, 'todo', 'env-clean', 0);
    expect(await back.locator('.badge').allTextContents()).toEqual(['已退回']);
    expect(await back.locator('.step-return').textContent()).toContain(
      '检查人退回：照片未体现垃圾桶已清空，请补拍。',
    );
    await back.getByLabel('整改说明（必填，最多 1000 字）').fill('已补拍清空后的垃圾桶。');
    await back.getByRole('button', { name: '提交整改答复' }).click();
    await page.locator('#status.done').filter({ hasText: '已提交整改答复。' }).waitFor();
    await again.context.close();

    // The centre's page is open when the region's team returns it and the manager answers once more:
    // the centre's accept meets a task changed meanwhile (409), said in Chinese, and the list is read again.
    const late = await openAs('inspector.1', '/rectify?outletId=sh-jingan');
    page = late.page;
    const target = (await tasksNow()).find(
      (t) => t.status === 'submitted' && t.itemId === 'env-clean',
    ) as Task;
    const returned = await api('inspector.shanghai', `/supervision/rectifications/${target.id}/actions`, {
      type: 'return',
      reason: '请同时说明巡查安排。',
      expectedVersion: target.version,
    });
    expect(returned.status).toBe(200);
    const reanswered = await api('manager.sh-jingan', `/supervision/rectifications/${target.id}/actions`, {
      type: 'answer',
      note: '已补拍，并安排专人每两小时巡查。',
      expectedVersion: target.version + 1,
    });
    expect(reanswered.status).toBe(200);
    await card(page, 'review', 'env-clean').getByRole('button', { name: '验收通过' }).click();
    const conflict = page.locator('#status.error');
    await conflict.waitFor();
    expect(await conflict.textContent()).toBe(
      `出错了：在您查看之后有人办理了这项整改（现为第 ${target.version + 2} 版），请刷新后重试`,
    );
    await card(page, 'review', 'env-clean')
      .locator('.step-answer')
      .filter({ hasText: '已补拍，并安排专人每两小时巡查。' })
      .waitFor();
    await card(page, 'review', 'env-clean').getByRole('button', { name: '验收通过' }).click();
    await page.locator('#status.done').filter({ hasText: '已验收通过。' }).waitFor();
    expect(await page.locator('#done-heading').textContent()).toBe('已验收（近 30 天 1）');
    const done = card(page, 'done', 'env-clean');
    expect(await done.locator('.history li').allTextContents()).toEqual([
      '2026/10/01 10:00 检查发现问题',
      '2026/10/12 10:00 检查人退回：请同时说明巡查安排。',
      '2026/10/12 10:00 网点答复：已补拍，并安排专人每两小时巡查。',
      '2026/10/12 10:00 验收通过',
    ]);
    expect((await tasksNow()).find((t) => t.id === target.id)?.status).toBe('accepted');
    await late.context.close();

    // The pictures of the README: the manager's page at 1366 px and on a phone.
    for (const width of [1366, 390]) {
      const shot = await openAs('manager.sh-jingan', '/rectify', width);
      await shot.page.locator('#todo figure.photo img').first().waitFor();
      await shot.page.screenshot({
        path: screenshotPath(width === 390 ? 'rectify-390' : 'rectify'),
        fullPage: width !== 390,
      });
      await shot.context.close();
    }
  });

  it('tells a user with no part in rectifications so, in words', async () => {
    const { context, page } = await openAs('operations.1', '/rectify');
    expect(await page.locator('#app .notice').textContent()).toBe(
      '您的角色不办理整改。整改由网点负责人答复，由服务督导中心或分行检查组验收。',
    );
    await context.close();
  });

  it('speaks the language chosen on the page: the outlet and the items named anew, the words of the page too', async () => {
    const { context, page } = await openAs('manager.sh-jingan', '/rectify');
    await page.locator('header .langs button[value="zh-TW"]').click();
    await page.locator('#outlet-name').filter({ hasText: '靜安寺支行 · 整改任務' }).waitFor();
    expect(await page.locator('#todo article.task h3').first().textContent()).toBe(
      itemTexts.get('quality-privacy')?.['zh-TW'],
    );
    expect(await page.locator('#todo article.task .badge').first().textContent()).toBe('逾期');
    expect(await page.locator('#todo article.task .due').first().textContent()).toContain('（北京時間）');
    await page.locator('header .langs button[value="en"]').click();
    await page
      .locator('#outlet-name')
      .filter({ hasText: "Jing'an Temple Sub-branch · rectification tasks" })
      .waitFor();
    expect(await page.locator('#todo article.task h3').first().textContent()).toBe(
      itemTexts.get('quality-privacy')?.en,
    );
    expect(await page.locator('#todo article.task .due').first().textContent()).toContain('(Beijing time)');
    await context.close();
  });

  it('keeps its first view (HTML, scripts, styles) within 30 KB gzipped, as the capture page', () => {
    // Measured as the README measures the capture page: each file gzipped at level 6, summed.
    const web = resolve('dist/web');
    const html = readFileSync(resolve(web, 'rectify.html'));
    const files = captureFilesOf(html.toString('utf8'));
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    const sizes = [html, ...files.map((f) => readFileSync(resolve(web, `.${f}`)))].map(
      (body) => gzipSync(body, { level: 6 }).length,
    );
    console.log(`rectify first view, gzip: ${sizes.join(' + ')} = ${sizes.reduce((a, b) => a + b, 0)} bytes`);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30 * 1024);
  });
});
