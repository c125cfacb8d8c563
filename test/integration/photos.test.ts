import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * Inspection photos end to end, on DynamoDB Local and the local S3 server (s3rver behind the
 * policy gate, as `npm start` runs it): presign through the API, a real multipart POST to the
 * store, the 302 to a presigned GET and the same bytes back. The store refuses what the policy
 * does not allow (over the size, another type, a key outside the prefix, an expired policy) with
 * S3's status and error code; the API refuses a size or type out of range with field messages in
 * the caller's language; who may presign and read follows the reach of inspections and tasks
 * (README, "Photos"). PHOTO_MAX_BYTES is 5,000 here so an oversized file stays small.
 */
const MAX = 5000;
const ctx = usePlatform({ PHOTO_MAX_BYTES: String(MAX) });

/** A 1×1 JPEG (SOI … EOI), and filler to make files of a given size. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

type Upload = {
  url: string;
  fields: Record<string, string>;
  key: string;
  maxBytes: number;
  expiresAt: string;
};
type Checklist = {
  id: string;
  version: number;
  sections: { items: { id: string; kind: { type: string; max?: number } }[] }[];
};

async function post(username: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return postJson(`${ctx.url}/api/v1${path}`, body, {
    authorization: `Bearer ${await ctx.token(username)}`,
    ...headers,
  });
}
async function presign(username: string, body: Record<string, unknown>) {
  const answer = await post(username, '/supervision/photo-uploads', body);
  return { status: answer.status, upload: answer.body as unknown as Upload, body: answer.body };
}
/** The browser's upload: every field first, the file last as `file`. */
async function upload(
  target: Pick<Upload, 'url' | 'fields'>,
  bytes: Uint8Array<ArrayBuffer>,
  type = 'image/jpeg',
  change: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...target.fields, ...change })) form.append(name, value);
  form.append('file', new Blob([bytes], { type }), 'photo.jpg');
  const answer = await fetch(target.url, { method: 'POST', body: form });
  const text = await answer.text();
  return { status: answer.status, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1], text };
}
async function read(username: string, key: string) {
  return fetch(`${ctx.url}/api/v1/supervision/photos?key=${encodeURIComponent(key)}`, {
    headers: { authorization: `Bearer ${await ctx.token(username)}` },
    redirect: 'manual',
  });
}
async function checklist(): Promise<Checklist> {
  return (await staffAs(ctx, 'inspector.1').get('/supervision/checklists/service'))
    .body as unknown as Checklist;
}
function answers(list: Checklist, failing: Record<string, string>) {
  return list.sections.flatMap((s) =>
    s.items.map((item) => {
      const photo = failing[item.id];
      if (item.kind.type === 'yes-no')
        return { itemId: item.id, passed: !photo, ...(photo ? { photo } : {}) };
      if (item.kind.type === 'score') return { itemId: item.id, mark: item.kind.max ?? 1 };
      return { itemId: item.id, value: 5 };
    }),
  );
}

describe('a photo of an inspection', () => {
  it('is presigned, uploaded to the store, kept in the answer, and read back through a 302 with the same bytes, by those who may see the inspection', async () => {
    const list = await checklist();
    const inspectionId = randomUUID();
    const before = Date.now();
    const { status, upload: target } = await presign('inspector.1', {
      inspectionId,
      contentType: 'image/jpeg',
      size: JPEG.length,
    });
    expect(status).toBe(201);
    expect(target.key).toMatch(new RegExp(`^photos/inspections/${inspectionId}/[A-Za-z0-9_-]+\\.jpg$`));
    expect(target.maxBytes).toBe(MAX);
    // The policy is accepted for 10 minutes (to the second).
    expect(Date.parse(target.expiresAt) - before).toBeGreaterThan(599_000);
    expect(Date.parse(target.expiresAt) - before).toBeLessThanOrEqual(601_000);
    expect(target.fields).toMatchObject({ key: target.key, 'Content-Type': 'image/jpeg' });
    expect((await upload(target, JPEG)).status).toBe(204);

    const submitted = await post('inspector.1', '/supervision/inspections', {
      id: inspectionId,
      kind: 'spot-check',
      outletId: 'sh-lujiazui',
      checklistId: list.id,
      checklistVersion: list.version,
      startedAt: new Date().toISOString(),
      answers: answers(list, { 'env-clean': target.key }),
    });
    expect(submitted.status).toBe(201);

    const redirect = await read('manager.sh-lujiazui', target.key);
    expect(redirect.status).toBe(302);
    const location = String(redirect.headers.get('location'));
    const url = new URL(location);
    expect(url.origin).toBe(new URL(target.url).origin);
    // A presigned GET valid 5 minutes.
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    const photo = await fetch(location);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer()).equals(JPEG)).toBe(true);

    // The key in the path works alike.
    const byPath = await fetch(`${ctx.url}/api/v1/supervision/photos/${target.key.slice('photos/'.length)}`, {
      headers: { authorization: `Bearer ${await ctx.token('lobby.sh-lujiazui')}` },
      redirect: 'manual',
    });
    expect(byPath.status).toBe(302);

    // Who may see the inspection may see its photo; nobody else learns it exists.
    for (const user of ['inspector.1', 'inspector.shanghai', 'head-office', 'lobby.sh-lujiazui'])
      expect((await read(user, target.key)).status, user).toBe(302);
    for (const user of ['manager.bj-guomao', 'lobby.sh-jingan', 'inspector.beijing'])
      expect((await read(user, target.key)).status, user).toBe(404);
    expect((await read('inspector.1', `photos/inspections/${randomUUID()}/nothing.jpg`)).status).toBe(404);
    expect((await read('inspector.1', 'photos/other/x.jpg')).status).toBe(404);

    // Another outlet's lobby staff cannot presign for an inspection they cannot see.
    expect(
      (await presign('lobby.sh-jingan', { inspectionId, contentType: 'image/jpeg', size: 100 })).status,
    ).toBe(404);
    // An outlet's manager makes no inspections: no photos for one.
    expect(
      (
        await presign('manager.sh-lujiazui', {
          inspectionId: randomUUID(),
          contentType: 'image/jpeg',
          size: 100,
        })
      ).status,
    ).toBe(403);

    // The task of the finding: its outlet's manager uploads the proof; a reviewer may read it.
    const tasks = await staffAs(ctx, 'manager.sh-lujiazui').get(
      '/supervision/rectifications?outletId=sh-lujiazui&status=open',
    );
    const task = (tasks.body.items as { id: string; inspectionId: string }[]).find(
      (t) => t.inspectionId === inspectionId,
    );
    if (!task) throw new Error('no task');
    const proof = await presign('manager.sh-lujiazui', {
      rectificationId: task.id,
      contentType: 'image/webp',
      size: 10,
    });
    expect(proof.status).toBe(201);
    expect(proof.upload.key).toMatch(
      new RegExp(`^photos/rectifications/${task.id.replaceAll('.', '\\.')}/.+\\.webp$`),
    );
    expect((await upload(proof.upload, new Uint8Array(10), 'image/webp')).status).toBe(204);
    expect((await read('inspector.shanghai', proof.upload.key)).status).toBe(302);
    expect((await read('manager.bj-guomao', proof.upload.key)).status).toBe(404);
    const reviewer = await presign('inspector.shanghai', {
      rectificationId: task.id,
      contentType: 'image/jpeg',
      size: 9,
    });
    expect(reviewer.status).toBe(403);
    expect(
      (await presign('manager.bj-guomao', { rectificationId: task.id, contentType: 'image/jpeg', size: 9 }))
        .status,
    ).toBe(404);
  });
});

describe('the store refuses what the policy does not allow', () => {
  it('a file over the size, another type, a key outside the prefix, a forged signature and an expired policy, as S3 does', async () => {
    const fresh = async () =>
      (await presign('inspector.1', { inspectionId: randomUUID(), contentType: 'image/jpeg', size: MAX }))
        .upload;

    const tooBig = await upload(await fresh(), new Uint8Array(MAX + 1));
    expect([tooBig.status, tooBig.code]).toEqual([400, 'EntityTooLarge']);
    const atTheLimit = await upload(await fresh(), new Uint8Array(MAX));
    expect(atTheLimit.status).toBe(204);

    const png = await upload(await fresh(), JPEG, 'image/png', { 'Content-Type': 'image/png' });
    expect([png.status, png.code]).toEqual([403, 'AccessDenied']);
    expect(png.text).toContain('Policy Condition failed');

    const target = await fresh();
    const outside = await upload(target, JPEG, 'image/jpeg', { key: 'elsewhere/photo.jpg' });
    expect([outside.status, outside.code]).toEqual([403, 'AccessDenied']);
    const sibling = await upload(target, JPEG, 'image/jpeg', { key: 'photos/inspections/other/photo.jpg' });
    expect([sibling.status, sibling.code]).toEqual([403, 'AccessDenied']);

    const forged = await upload(target, JPEG, 'image/jpeg', { 'X-Amz-Signature': '0'.repeat(64) });
    expect([forged.status, forged.code]).toEqual([403, 'SignatureDoesNotMatch']);

    // The same code path with a policy of one second: past it, refused.
    const photos = ctx.platform.deps.photos;
    if (!photos) throw new Error('no photo store');
    const short = await photos.presignUpload({
      key: `photos/inspections/${randomUUID()}/short.jpg`,
      contentType: 'image/jpeg',
      maxBytes: MAX,
      expiresInSeconds: 1,
    });
    await sleep(2100);
    const expired = await upload(short, JPEG);
    expect([expired.status, expired.code]).toEqual([403, 'AccessDenied']);
    expect(expired.text).toContain('Policy expired');
  });
});

describe('the API', () => {
  it('refuses a size or type out of range, and a request for neither or both, with field messages in the caller’s language', async () => {
    const id = randomUUID();
    const big = await post('inspector.1', '/supervision/photo-uploads', {
      inspectionId: id,
      contentType: 'image/jpeg',
      size: MAX + 1,
    });
    expect(big.status).toBe(400);
    expect(big.body.fields).toEqual({ size: `照片不能大于 ${MAX} 字节，请缩小后再传` });
    const bigEn = await post(
      'inspector.1',
      '/supervision/photo-uploads',
      { inspectionId: id, contentType: 'image/jpeg', size: MAX + 1 },
      { 'accept-language': 'en' },
    );
    expect(bigEn.body.fields).toEqual({
      size: `A photo may be at most ${MAX} bytes: shrink it and upload again`,
    });
    const png = await post(
      'inspector.1',
      '/supervision/photo-uploads',
      { inspectionId: id, contentType: 'image/png', size: 100 },
      { 'accept-language': 'zh-TW' },
    );
    expect(png.status).toBe(400);
    expect(png.body.fields).toEqual({ contentType: '照片須為 JPEG 或 WebP 格式' });
    const empty = await post('inspector.1', '/supervision/photo-uploads', {
      inspectionId: id,
      contentType: 'image/jpeg',
      size: 0,
    });
    expect(empty.body.fields).toEqual({ size: '照片是空的，请重新拍摄' });
    const neither = await post('inspector.1', '/supervision/photo-uploads', {
      contentType: 'image/jpeg',
      size: 10,
    });
    expect(neither.status).toBe(400);
    expect(neither.body.fields).toEqual({ inspectionId: '请注明照片属于哪次检查或哪项整改（二者选一）' });
    const both = await post('inspector.1', '/supervision/photo-uploads', {
      inspectionId: id,
      rectificationId: `${id}.env-clean`,
      contentType: 'image/jpeg',
      size: 10,
    });
    expect(both.status).toBe(400);
    expect(Object.keys(both.body.fields as object)).toEqual(['inspectionId']);
    const noSignIn = await postJson(`${ctx.url}/api/v1/supervision/photo-uploads`, {
      inspectionId: id,
      contentType: 'image/jpeg',
      size: 10,
    });
    expect(noSignIn.status).toBe(401);
  });
});

describe('a mystery shopper’s photo', () => {
  it('is presigned by the link for the visit, and stays head office’s alone until the visit is released', async () => {
    const list = await checklist();
    const planned = await post('head-office', '/supervision/mystery-visits', {
      outletId: 'bj-wangfujing',
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const token = String(planned.body.token);
    const inspectionId = randomUUID();
    const presigned = await postJson(`${ctx.url}/api/v1/mystery/${token}/photo-uploads`, {
      inspectionId,
      contentType: 'image/jpeg',
      size: JPEG.length,
    });
    expect(presigned.status).toBe(201);
    const target = presigned.body as unknown as Upload;
    expect((await upload(target, JPEG)).status).toBe(204);
    expect(
      (
        await postJson(`${ctx.url}/api/v1/mystery/${'x'.repeat(32)}/photo-uploads`, {
          inspectionId,
          contentType: 'image/jpeg',
          size: 10,
        })
      ).status,
    ).toBe(404);

    const visit = await postJson(`${ctx.url}/api/v1/mystery/${token}/inspections`, {
      id: inspectionId,
      kind: 'mystery-visit',
      outletId: 'bj-wangfujing',
      checklistId: list.id,
      checklistVersion: list.version,
      startedAt: new Date().toISOString(),
      answers: answers(list, { 'env-clean': target.key }),
    });
    expect(visit.status).toBe(201);
    // The link is spent: no more photos by it.
    expect(
      (
        await postJson(`${ctx.url}/api/v1/mystery/${token}/photo-uploads`, {
          inspectionId,
          contentType: 'image/jpeg',
          size: 10,
        })
      ).status,
    ).toBe(404);

    for (const user of ['manager.bj-wangfujing', 'inspector.beijing', 'inspector.1'])
      expect((await read(user, target.key)).status, user).toBe(404);
    expect((await read('head-office', target.key)).status).toBe(302);
    expect((await post('head-office', `/supervision/inspections/${inspectionId}/release`, {})).status).toBe(
      200,
    );
    for (const user of ['manager.bj-wangfujing', 'inspector.beijing', 'inspector.1'])
      expect((await read(user, target.key)).status, user).toBe(302);
  });
});
