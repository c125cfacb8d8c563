import { describe, expect, it } from 'vitest';
import { usePlatform } from '../support/platform.js';
import { screenshotPath, useBrowser } from './support/browser.js';

const ctx = usePlatform();
const browser = useBrowser();

async function signInAsAdmin() {
  const context = await browser.context({ locale: 'zh-CN', width: 1280, height: 900 });
  const page = await context.newPage();
  await page.goto(`${ctx.url}/signin`);
  await page.locator('button[data-username="admin"]').click();
  await page.waitForURL(/\/admin$/);
  return { context, page };
}

describe('the admin page and posters', () => {
  it('lists, creates, edits and deactivates outlets', async () => {
    const { context, page } = await signInAsAdmin();
    await page.locator('tr[data-outlet="sh-lujiazui"]').waitFor();
    expect(await page.locator('#outlets tbody tr').count()).toBe(6);

    await page.getByRole('button', { name: '新增网点' }).click();
    await page.locator('#editor input[name="id"]').fill('sh-hongqiao');
    await page.locator('#editor').getByLabel('名称（简体）').fill('虹桥支行');
    await page.locator('#editor').getByLabel('名称（English）').fill('Hongqiao Branch');
    await page.locator('#editor select[name="regionId"]').selectOption('shanghai');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const row = page.locator('tr[data-outlet="sh-hongqiao"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('虹桥支行');

    await row.getByRole('button', { name: '停用' }).click();
    await row.getByText('已停用').waitFor();
    const survey = await fetch(`${ctx.url}/api/v1/admin/outlets/sh-hongqiao`, {
      headers: { authorization: `Bearer ${await ctx.token('admin')}` },
    });
    expect(await survey.json()).toMatchObject({ active: false, name: { en: 'Hongqiao Branch' } });
    await context.close();
  });

  it('prints an A5 poster per active outlet of a region, with the survey and complaint QR codes', async () => {
    const { context, page } = await signInAsAdmin();
    await page.goto(`${ctx.url}/posters?region=beijing`);
    await page.locator('.poster[data-outlet="bj-guomao"]').waitFor();
    expect(await page.locator('.poster').count()).toBe(3);
    const loaded = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLImageElement>('.poster img')].map((img) => img.naturalWidth > 0),
    );
    expect(loaded).toEqual([true, true, true, true, true, true]);
    expect(await page.locator('.poster').first().textContent()).toMatch(
      /扫码评价本次服务.*投诉请扫此码.*投诉热线/s,
    );
    await page
      .locator('.poster')
      .first()
      .screenshot({ path: screenshotPath('poster') });
    await context.close();
  });

  it('edits the routing rules with a preview of where a complaint goes', async () => {
    const { context, page } = await signInAsAdmin();
    await page.locator('#categories tr[data-category="fees-and-charges"]').waitFor();
    await page.locator('#preview-category').selectOption('fees-and-charges');
    await page.locator('#preview-outlet').selectOption('sh-lujiazui');
    await page.getByRole('button', { name: '预览', exact: true }).click();
    await page.locator('#preview-result', { hasText: '个人金融部' }).waitFor();

    await page.getByRole('button', { name: '＋ 网点改派' }).click();
    const row = page.locator('#outlet-overrides .row').last();
    await row.getByLabel('网点').selectOption('sh-lujiazui');
    await row.getByLabel('类别').selectOption('fees-and-charges');
    await row.getByLabel('部门').selectOption('consumer-protection');
    await page.locator('tr[data-category="loans"] input').fill('10');
    // Admins can add a category; it is saved with the rules and offered on the complaint form.
    await page.getByText('＋ 新增类别').click();
    await page.locator('#new-category-id').fill('parking');
    await page.locator('#new-category-zh-CN').fill('停车服务');
    await page.locator('#new-category-en').fill('Parking');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.locator('tr[data-category="parking"] select').first().selectOption('operations');
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.locator('#status', { hasText: '分派规则已保存' }).waitFor();
    await page.getByRole('button', { name: '预览', exact: true }).click();
    await page.locator('#preview-result', { hasText: '消费者权益保护部' }).waitFor();

    // A time limit past the standard 15 days is refused with the path of the problem.
    await page.locator('tr[data-category="loans"] input').fill('90');
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.locator('#rules-errors', { hasText: 'categories.' }).waitFor();

    const saved = await fetch(`${ctx.url}/api/v1/admin/routing-rules`, {
      headers: { authorization: `Bearer ${await ctx.token('admin')}` },
    });
    const categories = await (await fetch(`${ctx.url}/api/v1/complaint-categories?lang=en`)).json();
    expect(categories.items).toContainEqual({ id: 'parking', name: 'Parking' });
    expect(await saved.json()).toMatchObject({
      rules: {
        outletOverrides: [
          { outletId: 'sh-lujiazui', categoryId: 'fees-and-charges', departmentId: 'consumer-protection' },
        ],
      },
    });
    await context.close();
  });

  it('keeps staff out: a department user gets no outlet list', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto(`${ctx.url}/signin?next=/admin`);
    await page.locator('button[data-username="cards.1"]').click();
    await page.waitForURL(/\/admin$/);
    await page
      .locator('#status')
      .filter({ hasText: /403|管理员|admin/i })
      .waitFor();
    expect(await page.locator('#outlets tbody tr').count()).toBe(0);
    await context.close();
  });
});
