import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamodb/keys.js';
import { dueDate } from '../../functions/domain/time-limits.js';
import { aComplaint, fileComplaint } from '../support/complaints.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const url = () => `${ctx.url}/api/v1/complaints`;

describe('POST /api/v1/complaints', () => {
  it('receives a complaint, routes it and tells the customer where it went and by when', async () => {
    const before = new Date();
    const response = await postJson(url(), {
      ...aComplaint('sh-jingan'),
      k: await keyFor(ctx.platform, 'sh-jingan'),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      trackingNo: expect.stringMatching(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/),
      status: 'assigned',
      department: { id: 'operations', name: '运营管理部' },
      severity: 'normal',
    });
    expect(response.body.dueAt).toBe(dueDate(before, 15, 'Asia/Shanghai').toISOString());
  });

  it('answers a retry 200 with the same receipt, and a reused submissionId with another body 409', async () => {
    const body = { ...aComplaint('sh-jingan'), k: await keyFor(ctx.platform, 'sh-jingan') };
    const first = await postJson(url(), body);
    const again = await postJson(url(), body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await postJson(url(), { ...body, description: `${body.description}!` })).status).toBe(409);
  });

  it('answers 400 with a message for each invalid field', async () => {
    const response = await postJson(url(), {
      outletId: 'sh-jingan',
      submissionId: newSubmissionId(),
      category: 'waiting-time',
      description: 'short',
      contact: { name: '', phone: '12345' },
      preferredChannel: 'fax',
      incidentDate: '24/11/2026',
      consent: false,
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields as object).sort()).toEqual(
      ['consent', 'contact.name', 'contact.phone', 'description', 'incidentDate', 'preferredChannel'].sort(),
    );
    const unknownCategory = await postJson(url(), { ...aComplaint('sh-jingan', { category: 'weather' }) });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.fields).toEqual({ category: '没有这个投诉类别，请从列表中选择' });
  });

  it('answers 403 for a forged key and 404 for an unknown outlet', async () => {
    expect(
      (await postJson(url(), { ...aComplaint('sh-jingan'), k: await keyFor(ctx.platform, 'bj-guomao') }))
        .status,
    ).toBe(403);
    expect((await postJson(url(), aComplaint('sh-nowhere'))).status).toBe(404);
  });

  it('takes a complaint about an outlet chosen from the list, without a key', async () => {
    const list = (await (await fetch(`${ctx.url}/api/v1/outlets?q=国贸&lang=zh-CN`)).json()) as {
      items: { id: string; name: string }[];
    };
    expect(list.items).toEqual([{ id: 'bj-guomao', name: '国贸支行', region: '北京分行' }]);
    const response = await postJson(url(), aComplaint('bj-guomao'));
    expect(response.status).toBe(201);
    const stored = await getComplaint(String(response.body.trackingNo));
    expect(stored?.channel).toBe('web');
  });

  it('lets staff enter hotline complaints with their token instead of a key', async () => {
    const token = await ctx.token('retail-banking.1');
    const response = await postJson(
      url(),
      { ...aComplaint('sh-lujiazui'), channel: 'hotline' },
      { authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(201);
    const stored = await getComplaint(String(response.body.trackingNo));
    expect(stored).toMatchObject({ channel: 'hotline', enteredBy: { username: 'retail-banking.1' } });
    const forged = await postJson(url(), aComplaint('sh-lujiazui'), {
      authorization: 'Bearer forged.token.value',
    });
    expect(forged.status).toBe(401);
  });

  it('stores the phone number encrypted, with a masked copy and a keyed hash', async () => {
    const receipt = await fileComplaint(ctx.platform, 'sh-xujiahui');
    const raw = await getComplaint(receipt.trackingNo);
    const text = JSON.stringify(raw);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('王小明');
    expect(raw?.contact).toMatchObject({
      phoneMasked: '*******5678',
      nameMasked: '王**',
      sealed: expect.stringMatching(/^v1\./),
    });
  });

  it('lists the categories in the requested language', async () => {
    const response = await fetch(`${ctx.url}/api/v1/complaint-categories?lang=en`);
    const { items } = (await response.json()) as { items: { id: string; name: string }[] };
    expect(items).toHaveLength(10);
    expect(items).toContainEqual({ id: 'mis-selling', name: 'Mis-selling' });
  });
});

async function getComplaint(trackingNo: string) {
  const { Item } = await ctx.platform.table.doc.send(
    new GetCommand({
      TableName: ctx.platform.table.name,
      Key: keys.complaint(trackingNo),
    }),
  );
  return Item;
}
