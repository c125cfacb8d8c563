import { describe, expect, it } from 'vitest';
import { aComplaint, fileComplaint } from '../support/complaints.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * Every refusal in the caller's language: the body's `lang`, else the query's, else
 * Accept-Language, else Simplified Chinese. The texts expected here are the catalogue's
 * (functions/domain/messages.ts) as a customer reads them.
 */
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const complaints = async (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postJson(`${ctx.url}/api/v1/complaints`, { ...body, k: await keyFor(ctx.platform, 'sh-jingan') }, headers);
/** Three or more Latin letters in a row: an English word (or a code) on a Chinese page. */
const LATIN_WORD = /[A-Za-z]{3,}/;

describe('refusals in the caller’s language', () => {
  it('words a field message in the language the form was filed in, never English under a Chinese page', async () => {
    const expected = {
      'zh-CN':
        '请填写手机号码（如 13812345678）、带区号的固定电话（如 021-12345678）或国际号码（如 +85291234567）',
      'zh-TW':
        '請填寫手機號碼（如 13812345678）、帶區號的固定電話（如 021-12345678）或國際號碼（如 +85291234567）',
      en: 'Use a mobile number (13812345678), a landline with its area code (021-12345678) or an international number (+85291234567)',
    } as const;
    for (const [lang, text] of Object.entries(expected)) {
      const answer = await complaints(
        aComplaint('sh-jingan', { lang, contact: { name: '王小明', phone: '12345' } }),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual({ 'contact.phone': text });
    }
    const chinese = await complaints(
      aComplaint('sh-jingan', { description: '短', contact: { name: '', phone: 'x' }, consent: false }),
    );
    expect(chinese.body).toMatchObject({
      message: '有些内容需要修改，请看各项下方的提示。',
      fields: {
        description: '请至少写 10 个字，说明发生了什么',
        'contact.name': '请填写此项',
        consent: '需要您的同意，我们才能处理投诉',
      },
    });
    expect(Object.values(chinese.body.fields as object).join(' ')).not.toMatch(LATIN_WORD);
  });

  it('answers a missing field as missing and an over-long one with its limit', async () => {
    const { category: _, ...withoutCategory } = aComplaint('sh-jingan');
    const missing = await complaints({ ...withoutCategory, staffInvolved: '王'.repeat(101) });
    expect(missing.body.fields).toEqual({ category: '请填写此项', staffInvolved: '最多 100 个字' });
  });

  it('takes the query’s lang, then Accept-Language, then Simplified Chinese', async () => {
    const unknown = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${ctx.url}/api/v1/complaints/ABCD-EFGH-JKLM?phoneLast4=1234${query}`, { headers }).then(
        async (r) => ((await r.json()) as { message: string }).message,
      );
    expect(await unknown('&lang=zh-TW', { 'accept-language': 'en' })).toBe(
      '沒有與此投訴編號和電話號碼相符的投訴',
    );
    expect(await unknown('', { 'accept-language': 'en-GB,en;q=0.9' })).toBe(
      'No complaint matches this tracking number and phone number',
    );
    expect(await unknown('')).toBe('没有与此投诉编号和电话号码相符的投诉');
  });

  it('says a conflict and a state the staff page’s way, with the actions allowed now named', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const staff = staffAs(ctx, 'operations.1');
    expect((await staff.step(trackingNo, { type: 'accept' })).status).toBe(200);
    const again = await staff.step(trackingNo, { type: 'accept' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(
      /^当前状态不能进行此操作（投诉当前为“处理中”，不能“受理”）。现在可以：/,
    );
    expect(again.body.allowed).toContain('transfer'); // the codes stay, for the page
    const reused = newSubmissionId();
    const first = aComplaint('sh-jingan', { submissionId: reused });
    expect((await complaints(first)).status).toBe(201);
    const other = await complaints({ ...first, description: '另一件事情，完全不同的描述内容。', lang: 'en' });
    expect(other.status).toBe(409);
    expect(other.body.message).toBe('This submissionId was already used for a different submission');
  });
});

describe('landlines (many elderly customers have no mobile)', () => {
  it('takes a landline with its area code, and refuses text messages to it on the field chosen', async () => {
    const landline = { name: '李老伯', phone: '021-62345678' };
    const filed = await complaints(aComplaint('sh-jingan', { contact: landline }));
    expect(filed.status).toBe(201);
    const bySms = await complaints(
      aComplaint('sh-jingan', { contact: landline, preferredChannel: 'sms', notices: true }),
    );
    expect(bySms.status).toBe(400);
    expect(bySms.body.fields).toEqual({
      preferredChannel: '固定电话收不到短信，请选择电话联系，或填写手机号码',
      notices: '固定电话收不到短信，请选择电话联系，或填写手机号码',
    });
    // Tracked like any other, with the number's last four digits.
    const tracked = await fetch(
      `${ctx.url}/api/v1/complaints/${(filed.body as { trackingNo: string }).trackingNo}?phoneLast4=5678`,
    );
    expect(tracked.status).toBe(200);
  });
});
