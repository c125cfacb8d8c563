import { describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { fileComplaint } from '../support/complaints.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * The customer is told, unasked, of the receipt, each extension with its reason, the decision with
 * their further options, and the closing (the 2020 rules), in their language, only if they agreed.
 */
const clock = new TestClock('2026-11-02T02:00:00Z'); // Monday 10:00 in Shanghai
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' }, { now: clock.now });

interface Delivery {
  topic: string;
  subject: string;
  body: { trackingNo: string; kind: string; lang: string; text: string; phone: string };
}
async function noticesTo(trackingNo: string): Promise<Delivery['body'][]> {
  await ctx.platform.poller.drain();
  const all = (await (await fetch(`${ctx.url}/api/v1/local/deliveries`)).json()) as Delivery[];
  return all
    .filter((d) => d.topic === 'customer' && d.body.trackingNo === trackingNo)
    .map((d) => d.body)
    .reverse();
}

describe('notices to a customer who agreed to them', () => {
  const operations = staffAs(ctx, 'operations.1');

  it('tells of the receipt, the extension and its reason, the decision with the options, and the closing', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan', {
      category: 'waiting-time',
      notices: true,
      lang: 'zh-TW',
    });
    await operations.step(trackingNo, { type: 'accept' });
    await operations.step(trackingNo, { type: 'extend', days: 30, reason: '需調閱監控錄像' });
    await operations.step(trackingNo, {
      type: 'resolve',
      decision: '午間加開一個窗口。',
      rootCause: 'process',
      correctiveAction: '調整排班。',
    });
    await staffAs(ctx, 'head-office').step(trackingNo, { type: 'close', reason: '電話確認客戶已接受。' });

    const notices = await noticesTo(trackingNo);
    expect(notices.map((n) => n.kind)).toEqual(['received', 'extended', 'decided', 'closed']);
    const [received, extended, decided, closed] = notices.map((n) => n.text);
    // Received Monday 2 November: 15 days to 17 November; extended to 30 days from receipt: 2 December.
    expect(received).toContain(trackingNo);
    expect(received).toContain('運營管理部');
    expect(received).toContain('2026-11-17');
    expect(extended).toContain('2026-12-02');
    expect(extended).toContain('需調閱監控錄像');
    expect(decided).toContain('午間加開一個窗口。');
    expect(decided).toMatch(/覆核.*調解.*仲裁/);
    expect(closed).toContain('已辦結');
    for (const n of notices) {
      expect(n.lang).toBe('zh-TW');
      expect(n.text).toContain(`/t?no=${trackingNo}`);
      // The local feed shows the number masked; the full number never leaves the sender.
      expect(n.phone).toBe('*******5678');
    }
    const feed = await (await fetch(`${ctx.url}/api/v1/local/deliveries`)).text();
    expect(feed).not.toContain('13812345678');
  });

  it('writes in English to a customer who filed in English', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan', {
      category: 'waiting-time',
      notices: true,
      lang: 'en',
    });
    const [received] = await noticesTo(trackingNo);
    expect(received?.text).toMatch(/^We have received your complaint .+ Operations is handling it/);
  });

  it('does not tell the customer what they just did themselves (their verdict)', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan', {
      category: 'waiting-time',
      notices: true,
    });
    await operations.acceptAndResolve(trackingNo, 'We apologised.');
    await postJson(`${ctx.url}/api/v1/complaints/${trackingNo}/satisfaction`, {
      phoneLast4: '5678',
      verdict: 'satisfied',
    });
    expect((await noticesTo(trackingNo)).map((n) => n.kind)).toEqual(['received', 'decided']);
  });
});

describe('a customer who did not agree to notices', () => {
  it('gets none, whatever happens to the complaint', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    await staffAs(ctx, 'operations.1').acceptAndResolve(trackingNo, 'We apologised.');
    expect(await noticesTo(trackingNo)).toEqual([]);
  });
});
