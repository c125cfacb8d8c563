import { describe, expect, it } from 'vitest';
import { defaultRoutingRules } from '../../functions/domain/default-routing-rules.js';
import { fileComplaint } from '../support/complaints.js';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const admin = async () => ({
  authorization: `Bearer ${await ctx.token('admin')}`,
  'content-type': 'application/json',
});

interface Delivery {
  topic: string;
  body: { trackingNo: string; event: string; inboxUrl: string };
  attributes: Record<string, string>;
}
async function deliveriesFor(trackingNo: string): Promise<Delivery[]> {
  await ctx.platform.poller.drain();
  const all = (await (await fetch(`${ctx.url}/api/v1/local/deliveries`)).json()) as Delivery[];
  return all.filter((d) => d.body.trackingNo === trackingNo);
}

async function putRules(rules: unknown) {
  const current = (await (
    await fetch(`${ctx.url}/api/v1/admin/routing-rules`, { headers: await admin() })
  ).json()) as { version: number };
  return fetch(`${ctx.url}/api/v1/admin/routing-rules`, {
    method: 'PUT',
    headers: await admin(),
    body: JSON.stringify({ rules, expectedVersion: current.version }),
  });
}

describe('routing and notification', () => {
  it('notifies the department once, through the stream, without personal data', async () => {
    const receipt = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'cards-and-accounts' });
    expect(receipt.department.id).toBe('cards');
    const deliveries = await deliveriesFor(receipt.trackingNo);
    expect(deliveries.map((d) => d.topic)).toEqual(['cards']);
    const [delivery] = deliveries;
    expect(delivery?.attributes).toEqual({
      department: 'cards',
      category: 'cards-and-accounts',
      severity: 'normal',
      outlet: 'sh-jingan',
      region: 'shanghai',
      event: 'received',
    });
    expect(delivery?.body.inboxUrl).toBe(`${ctx.url}/staff#/complaints/${receipt.trackingNo}`);
    expect(JSON.stringify(delivery)).not.toMatch(/13812345678|5678|王小明/);
  });

  it('sends major categories to head office as well', async () => {
    const receipt = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'mis-selling' });
    expect(receipt.severity).toBe('major');
    expect((await deliveriesFor(receipt.trackingNo)).map((d) => d.topic).sort()).toEqual([
      'consumer-protection',
      'head-office',
    ]);
  });

  it('escalates the third complaint of one outlet and category within 30 days', async () => {
    const first = await fileComplaint(ctx.platform, 'bj-wangfujing', { category: 'fees-and-charges' });
    const second = await fileComplaint(ctx.platform, 'bj-wangfujing', { category: 'fees-and-charges' });
    const third = await fileComplaint(ctx.platform, 'bj-wangfujing', { category: 'fees-and-charges' });
    expect([first.severity, second.severity, third.severity]).toEqual(['normal', 'normal', 'major']);
    expect((await deliveriesFor(third.trackingNo)).map((d) => d.topic).sort()).toEqual([
      'head-office',
      'retail-banking',
    ]);
    // Another outlet's count is its own.
    expect((await fileComplaint(ctx.platform, 'bj-guomao', { category: 'fees-and-charges' })).severity).toBe(
      'normal',
    );
  });

  it('applies region and outlet overrides saved by an admin, and previews them', async () => {
    const rules = {
      ...defaultRoutingRules,
      regionOverrides: [{ regionId: 'beijing', categoryId: 'waiting-time', departmentId: 'retail-banking' }],
      outletOverrides: [{ outletId: 'bj-zhongguancun', categoryId: 'waiting-time', departmentId: 'digital' }],
    };
    expect((await putRules(rules)).status).toBe(200);
    // The rules are cached for a minute per instance; this instance saved them, so it knows at once.
    expect((await fileComplaint(ctx.platform, 'bj-guomao')).department.id).toBe('retail-banking');
    expect((await fileComplaint(ctx.platform, 'bj-zhongguancun')).department.id).toBe('digital');
    expect((await fileComplaint(ctx.platform, 'sh-lujiazui')).department.id).toBe('operations');

    const preview = async (lang: string) =>
      (
        await fetch(
          `${ctx.url}/api/v1/admin/routing-rules/preview?category=waiting-time&outletId=bj-zhongguancun&lang=${lang}`,
          { headers: await admin() },
        )
      ).json();
    // Names and reasons in the language asked for, never ids.
    expect(await preview('zh-CN')).toMatchObject({
      departmentId: 'digital',
      departmentName: '网络金融部',
      chosenBy: 'outlet',
      explanation: ['中关村支行对“排队等候”类投诉另有规定：由网络金融部办理', '办理时限 15 天'],
    });
    const english = (await preview('en')) as { departmentName: string; explanation: string[] };
    expect(english.departmentName).toBe('Digital Banking');
    expect(english.explanation[0]).toBe(
      'Zhongguancun Sub-branch has its own rule for “Waiting time”: Digital Banking',
    );
  });

  it('stores the routing decision and its reasons with the complaint', async () => {
    const receipt = await fileComplaint(ctx.platform, 'sh-xujiahui', { category: 'loans' });
    const found = await ctx.platform.deps.repositories.complaints.get(receipt.trackingNo);
    expect(found?.routing).toEqual({
      departmentId: 'credit',
      reasons: ['category loans → credit'],
      recurring: false,
    });
  });
});

describe('routing rules admin API', () => {
  it('refuses a save over a newer version with 409', async () => {
    const stale = await fetch(`${ctx.url}/api/v1/admin/routing-rules`, {
      method: 'PUT',
      headers: await admin(),
      body: JSON.stringify({ rules: defaultRoutingRules, expectedVersion: 0 }),
    });
    expect(stale.status).toBe(409);
  });

  it('refuses inconsistent rules with 400 and the paths of the problems', async () => {
    const response = await putRules({
      ...defaultRoutingRules,
      outletOverrides: [{ outletId: 'sh-jingan', categoryId: 'ghost', departmentId: 'nobody' }],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fields: object }).fields).toEqual({
      'outletOverrides.0.categoryId': '没有类别“ghost”',
      'outletOverrides.0.departmentId': '没有部门“nobody”',
    });
  });

  it.each([
    [0, 400],
    [1, 200],
    [15, 200],
    [16, 400],
    [45, 400],
  ])('takes a category time limit of 1 to 15 days only (%i days → %i)', async (days, status) => {
    const [first, ...rest] = defaultRoutingRules.categories;
    const response = await putRules({
      ...defaultRoutingRules,
      categories: [{ ...first, timeLimitDays: days }, ...rest],
    });
    expect(response.status).toBe(status);
    if (status === 400) {
      const { fields } = (await response.json()) as { fields: Record<string, string> };
      expect(Object.keys(fields)).toEqual([expect.stringMatching(/categories\.0\.timeLimitDays$/)]);
    }
  });

  it('lets head office read but not change the rules, and nobody else read them', async () => {
    const headOffice = {
      authorization: `Bearer ${await ctx.token('head-office')}`,
      'content-type': 'application/json',
    };
    expect((await fetch(`${ctx.url}/api/v1/admin/routing-rules`, { headers: headOffice })).status).toBe(200);
    const put = await fetch(`${ctx.url}/api/v1/admin/routing-rules`, {
      method: 'PUT',
      headers: headOffice,
      body: JSON.stringify({ rules: defaultRoutingRules, expectedVersion: 1 }),
    });
    expect(put.status).toBe(403);
    const staff = { authorization: `Bearer ${await ctx.token('cards.1')}` };
    expect((await fetch(`${ctx.url}/api/v1/admin/routing-rules`, { headers: staff })).status).toBe(403);
    expect(
      (
        await fetch(`${ctx.url}/api/v1/admin/routing-rules/preview?category=loans&outletId=sh-jingan`, {
          headers: staff,
        })
      ).status,
    ).toBe(403);
  });
});
