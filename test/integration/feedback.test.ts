import { describe, expect, it } from 'vitest';
import { OutletRepository } from '../../functions/adapters/dynamodb/outlet-repository.js';
import { localDate } from '../../functions/domain/calendar.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const today = () => localDate(new Date(), 'Asia/Shanghai');

async function ratingBody(outletId: string, overrides: Record<string, unknown> = {}) {
  return {
    outletId,
    k: await keyFor(ctx.platform, outletId),
    submissionId: newSubmissionId(),
    rating: 5,
    ...overrides,
  };
}

async function rate(outletId: string, overrides: Record<string, unknown> = {}) {
  return postJson(`${ctx.url}/api/v1/feedback`, await ratingBody(outletId, overrides));
}

const storedFor = async (outletId: string) =>
  ctx.platform.deps.repositories.ratings.outletDay(outletId, today());

describe('GET /api/v1/outlets/{id}', () => {
  it('answers the outlet in the requested language', async () => {
    const k = await keyFor(ctx.platform, 'sh-lujiazui');
    const zh = await fetch(`${ctx.url}/api/v1/outlets/sh-lujiazui?k=${k}&lang=zh-CN`);
    expect(await zh.json()).toEqual({
      id: 'sh-lujiazui',
      name: '陆家嘴支行',
      region: '上海分行',
      lang: 'zh-CN',
    });
    const en = await fetch(`${ctx.url}/api/v1/outlets/sh-lujiazui?k=${k}`, {
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(await en.json()).toMatchObject({
      name: 'Lujiazui Sub-branch',
      region: 'Shanghai Branch',
      lang: 'en',
    });
  });

  it('answers 403 for a forged key, 404 for an unknown outlet, 400 without a key', async () => {
    const k = await keyFor(ctx.platform, 'sh-lujiazui');
    expect((await fetch(`${ctx.url}/api/v1/outlets/sh-xujiahui?k=${k}`)).status).toBe(403);
    expect((await fetch(`${ctx.url}/api/v1/outlets/sh-nowhere?k=${k}`)).status).toBe(404);
    const missing = await fetch(`${ctx.url}/api/v1/outlets/sh-lujiazui`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'validation', fields: { k: expect.any(String) } });
  });

  it('answers 404 for an inactive outlet', async () => {
    const outlets = new OutletRepository(ctx.platform.table);
    const outlet = await outlets.get('bj-wangfujing');
    if (!outlet) throw new Error('seed missing');
    await outlets.put({ ...outlet, id: 'bj-closed', active: false }, 'create');
    const k = await keyFor(ctx.platform, 'bj-closed');
    expect((await fetch(`${ctx.url}/api/v1/outlets/bj-closed?k=${k}`)).status).toBe(404);
  });
});

describe('POST /api/v1/feedback', () => {
  it('records a rating once: 201, then 200 with the same id for the same submission', async () => {
    const k = await keyFor(ctx.platform, 'sh-jingan');
    const body = { outletId: 'sh-jingan', k, submissionId: newSubmissionId(), rating: 4, lang: 'zh-CN' };
    const first = await postJson(`${ctx.url}/api/v1/feedback`, body);
    expect(first.status).toBe(201);
    const again = await postJson(`${ctx.url}/api/v1/feedback`, body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const stored = await storedFor('sh-jingan');
    expect(stored.filter((r) => r.submissionId === body.submissionId)).toHaveLength(1);
    expect(stored.find((r) => r.id === first.body.id)).toMatchObject({
      rating: 4,
      regionId: 'shanghai',
      date: today(),
    });
  });

  it('answers 409 when a used submissionId comes with a different body', async () => {
    const k = await keyFor(ctx.platform, 'sh-jingan');
    const submissionId = newSubmissionId();
    expect(
      (await postJson(`${ctx.url}/api/v1/feedback`, { outletId: 'sh-jingan', k, submissionId, rating: 2 }))
        .status,
    ).toBe(201);
    const changed = await postJson(`${ctx.url}/api/v1/feedback`, {
      outletId: 'sh-jingan',
      k,
      submissionId,
      rating: 5,
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error).toBe('conflict');
  });

  it('answers 400 with a message per invalid field', async () => {
    const response = await postJson(`${ctx.url}/api/v1/feedback`, {
      outletId: 'sh-jingan',
      k: 'short',
      submissionId: 'not-a-uuid',
      rating: 6,
      aspects: { attitude: 0, smell: 3 },
      comment: 'x'.repeat(501),
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('validation');
    expect(Object.keys(response.body.fields as object).sort()).toEqual(
      ['aspects', 'aspects.attitude', 'comment', 'k', 'rating', 'submissionId'].sort(),
    );
  });

  it('answers malformed JSON with 400 and a wrong content type with 415, never a 500', async () => {
    const malformed = await postJson(`${ctx.url}/api/v1/feedback`, '{"rating": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('bad_request');
    const text = await fetch(`${ctx.url}/api/v1/feedback`, { method: 'POST', body: 'rating=5' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: 'bad_request' });
  });

  it.each(['application/jsonp', 'application/json-seq', 'application/jsonx', 'text/json'])(
    'refuses %s with 415: only JSON media types are JSON',
    async (type) => {
      const sent = await fetch(`${ctx.url}/api/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify(await ratingBody('bj-guomao')),
      });
      expect(sent.status).toBe(415);
    },
  );

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/problem+json',
    'APPLICATION/JSON',
  ])('takes %s', async (type) => {
    const sent = await fetch(`${ctx.url}/api/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: JSON.stringify(await ratingBody('bj-guomao')),
    });
    expect(sent.status).toBe(201);
  });

  it('answers 403 for a key of another outlet and 404 for an unknown outlet', async () => {
    const otherKey = await keyFor(ctx.platform, 'sh-jingan');
    expect((await rate('sh-lujiazui', { k: otherKey })).status).toBe(403);
    expect((await rate('sh-atlantis')).status).toBe(404);
  });

  it('stores the optional aspects and comment as plain text, escaped only where shown', async () => {
    const comment = '<script>alert(1)</script> =SUM(A1)';
    const created = await rate('bj-guomao', { rating: 3, aspects: { attitude: 2, efficiency: 4 }, comment });
    expect(created.status).toBe(201);
    const record = (await storedFor('bj-guomao')).find((r) => r.id === created.body.id);
    expect(record).toMatchObject({ comment, aspects: { attitude: 2, efficiency: 4 } });
  });
});

describe('POST /api/v1/feedback/{id}/details', () => {
  it('adds details to the same record, idempotently, only for the client that rated', async () => {
    const outletId = 'bj-zhongguancun';
    const k = await keyFor(ctx.platform, outletId);
    const submissionId = newSubmissionId();
    const created = await postJson(`${ctx.url}/api/v1/feedback`, { outletId, k, submissionId, rating: 2 });
    const id = String(created.body.id);
    const details = {
      outletId,
      k,
      submissionId,
      aspects: { environment: 3, professionalism: 1 },
      comment: '等了很久',
    };
    const url = `${ctx.url}/api/v1/feedback/${id}/details`;
    expect((await postJson(url, details)).status).toBe(200);
    expect((await postJson(url, details)).status).toBe(200);
    expect((await postJson(url, { ...details, comment: 'changed my mind' })).status).toBe(409);
    expect((await postJson(url, { ...details, submissionId: newSubmissionId() })).status).toBe(404);
    expect(
      (await postJson(`${ctx.url}/api/v1/feedback/20261124-aaaaaaaaaaaaaaaa/details`, details)).status,
    ).toBe(404);
    const records = (await storedFor(outletId)).filter((r) => r.submissionId === submissionId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      rating: 2,
      comment: '等了很久',
      aspects: { environment: 3, professionalism: 1 },
    });
  });
});
