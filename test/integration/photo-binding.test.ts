import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * A photo belongs to what cites it (README, "Photos"): an inspection's answer may carry only a key
 * the upload made for THAT inspection (`photos/inspections/<its id>/…`), on the staff path and the
 * mystery shopper's link alike, and a task's answer only one made for THAT task
 * (`photos/rectifications/<its id>/…`). Anything else is 400 with the field's message in the
 * caller's language (`answers.<itemId>`, `photo`), and nothing is stored.
 */
const clock = new TestClock('2026-12-01T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });

type Item = { id: string; kind: { type: string; max?: number }; photoOnFail: boolean };
type Checklist = { id: string; version: number; sections: { items: Item[] }[] };

async function post(username: string | undefined, path: string, body: unknown) {
  const headers: Record<string, string> = username
    ? { authorization: `Bearer ${await ctx.token(username)}` }
    : {};
  return postJson(`${ctx.url}/api/v1${path}`, body, headers);
}

/** An inspection failing `failing` (a yes-no item that needs a photo), its photo `photo(id)`. */
function inspection(
  list: Checklist,
  kind: string,
  outletId: string,
  failing: string,
  photo: (id: string) => string,
) {
  const id = randomUUID();
  return {
    id,
    kind,
    outletId,
    checklistId: list.id,
    checklistVersion: list.version,
    startedAt: clock.now().toISOString(),
    answers: list.sections.flatMap((s) =>
      s.items.map((item) => {
        if (item.id === failing) return { itemId: item.id, passed: false, photo: photo(id) };
        if (item.kind.type === 'yes-no') return { itemId: item.id, passed: true };
        if (item.kind.type === 'score') return { itemId: item.id, mark: item.kind.max ?? 1 };
        return { itemId: item.id, value: 5 };
      }),
    ),
  };
}

describe('a photo belongs to what cites it', () => {
  it('an inspection’s answer: only a key made for this inspection; another’s, a made-up one, the demo’s: 400 in the caller’s language', async () => {
    const list = (await staffAs(ctx, 'inspector.1').get('/supervision/checklists/service'))
      .body as unknown as Checklist;
    const other = randomUUID();
    for (const [key, lang, says] of [
      [`photos/inspections/${other}/a.jpg`, 'zh-CN', '照片须是为这次检查上传的，请重新拍照上传'],
      [
        'photos/demo/finding.jpg',
        'en',
        'The photo must be one uploaded for this inspection; please take and upload it again',
      ],
      ['photos/test/env-clean.jpg', 'zh-TW', '照片須是為這次檢查上傳的，請重新拍照上傳'],
    ] as const) {
      const body = inspection(list, 'spot-check', 'sh-lujiazui', 'env-clean', () => key);
      const refused = await post('inspector.1', `/supervision/inspections?lang=${lang}`, body);
      expect(refused.status, key).toBe(400);
      expect(refused.body.fields, key).toEqual({ 'answers.env-clean': says });
      expect((await staffAs(ctx, 'inspector.1').get(`/supervision/inspections/${body.id}`)).status).toBe(404);
    }
    // Its own key (the shape the upload makes) is accepted.
    const own = inspection(
      list,
      'spot-check',
      'sh-lujiazui',
      'env-clean',
      (id) => `photos/inspections/${id}/Q1w2E3r4T5y6.jpg`,
    );
    expect((await post('inspector.1', '/supervision/inspections', own)).status).toBe(201);
  });

  it('a task’s answer: only a key made for this task; its inspection’s photo or another task’s: 400 on `photo`', async () => {
    const list = (await staffAs(ctx, 'inspector.1').get('/supervision/checklists/service'))
      .body as unknown as Checklist;
    const spot = inspection(
      list,
      'spot-check',
      'sh-xujiahui',
      'env-clean',
      (id) => `photos/inspections/${id}/a.jpg`,
    );
    expect((await post('inspector.1', '/supervision/inspections', spot)).status).toBe(201);
    const taskId = `${spot.id}.env-clean`;
    const path = `/supervision/rectifications/${encodeURIComponent(taskId)}/actions`;
    for (const [key, lang, says] of [
      [`photos/inspections/${spot.id}/a.jpg`, 'zh-CN', '照片须是为这项整改上传的，请重新拍照上传'],
      [
        `photos/rectifications/${randomUUID()}.env-clean/a.jpg`,
        'en',
        'The photo must be one uploaded for this task; please take and upload it again',
      ],
    ] as const) {
      const refused = await post('manager.sh-xujiahui', `${path}?lang=${lang}`, {
        type: 'answer',
        note: '已整改',
        photo: key,
        expectedVersion: 1,
      });
      expect(refused.status, key).toBe(400);
      expect(refused.body.fields, key).toEqual({ photo: says });
    }
    const answered = await post('manager.sh-xujiahui', path, {
      type: 'answer',
      note: '已整改',
      photo: `photos/rectifications/${taskId}/after.jpg`,
      expectedVersion: 1,
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'submitted', version: 2 });
  });

  it('the mystery shopper’s link: only a key made for the visit’s inspection', async () => {
    const list = (await staffAs(ctx, 'head-office').get('/supervision/checklists/service'))
      .body as unknown as Checklist;
    const planned = await post('head-office', '/supervision/mystery-visits', {
      outletId: 'bj-guomao',
      deadline: '2026-12-20T23:59:59+08:00',
    });
    const token = String(planned.body.token);
    const wrong = inspection(
      list,
      'mystery-visit',
      'bj-guomao',
      'env-clean',
      () => `photos/inspections/${randomUUID()}/a.jpg`,
    );
    const refused = await post(undefined, `/mystery/${token}/inspections`, wrong);
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual({ 'answers.env-clean': '照片须是为这次检查上传的，请重新拍照上传' });
    const right = inspection(
      list,
      'mystery-visit',
      'bj-guomao',
      'env-clean',
      (id) => `photos/inspections/${id}/a.webp`,
    );
    expect((await post(undefined, `/mystery/${token}/inspections`, right)).status).toBe(201);
  });
});
