import { describe, expect, it } from 'vitest';
import { keyFor, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform();

const asUser = async (username: string) => ({ authorization: `Bearer ${await ctx.token(username)}` });
const newOutlet = {
  id: 'sh-pudong-airport',
  name: { 'zh-CN': '浦东机场支行', 'zh-TW': '浦東機場支行', en: 'Pudong Airport Sub-branch' },
  regionId: 'shanghai',
  address: '上海市浦东新区机场大道 1 号',
  openingHours: '每日 8:00–20:00',
};

describe('admin outlets API', () => {
  it('lists outlets with their survey and complaint URLs, for admin and head office', async () => {
    for (const user of ['admin', 'head-office']) {
      const response = await fetch(`${ctx.url}/api/v1/admin/outlets?region=beijing`, {
        headers: await asUser(user),
      });
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as {
        items: { id: string; regionId: string; surveyUrl: string; complaintUrl: string }[];
      };
      expect(items.map((o) => o.id)).toEqual(['bj-guomao', 'bj-wangfujing', 'bj-zhongguancun']);
      const k = await keyFor(ctx.platform, 'bj-guomao');
      expect(items[0]?.surveyUrl).toBe(`${ctx.url}/s/bj-guomao?k=${k}`);
      expect(items[0]?.complaintUrl).toBe(`${ctx.url}/c/bj-guomao?k=${k}`);
    }
  });

  it('refuses anonymous callers (401) and other roles (403)', async () => {
    expect((await fetch(`${ctx.url}/api/v1/admin/outlets`)).status).toBe(401);
    for (const user of ['cards.1', 'manager.sh-jingan']) {
      expect((await fetch(`${ctx.url}/api/v1/admin/outlets`, { headers: await asUser(user) })).status).toBe(
        403,
      );
    }
    const asHeadOffice = await postJson(
      `${ctx.url}/api/v1/admin/outlets`,
      newOutlet,
      await asUser('head-office'),
    );
    expect(asHeadOffice.status).toBe(403);
  });

  it('creates, reads, updates and deactivates an outlet', async () => {
    const headers = await asUser('admin');
    const created = await postJson(`${ctx.url}/api/v1/admin/outlets`, newOutlet, headers);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...newOutlet, active: true });
    expect((await postJson(`${ctx.url}/api/v1/admin/outlets`, newOutlet, headers)).status).toBe(409);

    const k = await keyFor(ctx.platform, newOutlet.id);
    expect((await fetch(`${ctx.url}/api/v1/outlets/${newOutlet.id}?k=${k}`)).status).toBe(200);

    const { id: _id, ...fields } = newOutlet;
    const put = await fetch(`${ctx.url}/api/v1/admin/outlets/${newOutlet.id}`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ ...fields, openingHours: '每日 7:00–22:00', active: false }),
    });
    expect(put.status).toBe(200);
    const read = await fetch(`${ctx.url}/api/v1/admin/outlets/${newOutlet.id}`, { headers });
    expect(await read.json()).toMatchObject({ openingHours: '每日 7:00–22:00', active: false });
    // Deactivated: customers' look-ups now answer 404 (this instance forgets its cached copy at once).
    expect((await fetch(`${ctx.url}/api/v1/outlets/${newOutlet.id}?k=${k}`)).status).toBe(404);
  });

  it('answers 400 with fields for a bad outlet and 404 for an unknown one', async () => {
    const headers = await asUser('admin');
    const bad = await postJson(
      `${ctx.url}/api/v1/admin/outlets`,
      { id: 'Bad Id!', name: { 'zh-CN': '' }, regionId: 'x' },
      headers,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toMatchObject({ id: expect.any(String), 'name.zh-CN': expect.any(String) });
    const unknownRegion = await postJson(
      `${ctx.url}/api/v1/admin/outlets`,
      { ...newOutlet, id: 'sh-new', regionId: 'mars' },
      headers,
    );
    expect(unknownRegion.status).toBe(400);
    expect(unknownRegion.body.fields).toEqual({ regionId: '没有这个分行' });
    expect((await fetch(`${ctx.url}/api/v1/admin/outlets/sh-nowhere`, { headers })).status).toBe(404);
  });

  it('draws the survey QR code as SVG and PNG', async () => {
    const headers = await asUser('admin');
    const svg = await fetch(`${ctx.url}/api/v1/admin/outlets/sh-jingan/qr.svg`, { headers });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const png = await fetch(`${ctx.url}/api/v1/admin/outlets/sh-jingan/qr.png`, { headers });
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    expect((await fetch(`${ctx.url}/api/v1/admin/outlets/sh-nowhere/qr.svg`, { headers })).status).toBe(404);
    expect((await fetch(`${ctx.url}/api/v1/admin/outlets/sh-jingan/qr.gif`, { headers })).status).toBe(400);
  });

  it('lists regions', async () => {
    const response = await fetch(`${ctx.url}/api/v1/admin/regions`, { headers: await asUser('admin') });
    const { items } = (await response.json()) as { items: { id: string }[] };
    expect(items.map((r) => r.id).sort()).toEqual(['beijing', 'shanghai']);
  });
});

describe('QR secret rotation', () => {
  it('signs new codes with the new secret while printed codes keep working in the grace period', async () => {
    const oldKey = await keyFor(ctx.platform, 'sh-xujiahui');
    expect((await fetch(`${ctx.url}/api/v1/local/rotate-qr-secret`, { method: 'POST' })).status).toBe(200);
    const newKey = await keyFor(ctx.platform, 'sh-xujiahui');
    expect(newKey).not.toBe(oldKey);
    expect((await fetch(`${ctx.url}/api/v1/outlets/sh-xujiahui?k=${oldKey}`)).status).toBe(200);
    expect((await fetch(`${ctx.url}/api/v1/outlets/sh-xujiahui?k=${newKey}`)).status).toBe(200);
    const listed = await fetch(`${ctx.url}/api/v1/admin/outlets/sh-xujiahui`, {
      headers: await asUser('admin'),
    });
    expect(((await listed.json()) as { surveyUrl: string }).surveyUrl).toContain(`k=${newKey}`);
  });
});
