import { describe, expect, it } from 'vitest';
import { aComplaint } from '../support/complaints.js';
import { keyFor, newSubmissionId } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });

/** A complaint whose description pads the JSON body to `bytes` (the limit is 64 KB = 65,536 bytes). */
async function complaintOf(bytes: number): Promise<string> {
  const base = { ...aComplaint('sh-jingan'), k: await keyFor(ctx.platform, 'sh-jingan'), description: '' };
  const room = bytes - Buffer.byteLength(JSON.stringify(base)); // UTF-8: the name is Chinese
  return JSON.stringify({ ...base, description: 'x'.repeat(room) });
}

const post = (body: BodyInit, init: RequestInit = {}) =>
  fetch(`${ctx.url}/api/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    ...init,
  });

/** The same bytes sent without a length, in chunks, as a streaming client would. */
const chunked = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const bytes = new TextEncoder().encode(text);
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
      controller.close();
    },
  });

describe('the 64 KB body limit', () => {
  it('refuses a body that declares more than 64 KB with 413, before reading it', async () => {
    const answer = await post(await complaintOf(65_537));
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('refuses a chunked body once it passes 64 KB', async () => {
    const answer = await post(chunked(await complaintOf(70_000)), { duplex: 'half' } as RequestInit);
    expect(answer.status).toBe(413);
  });

  it('reads a body of exactly 64 KB, declared or chunked (and then judges its fields)', async () => {
    const declared = await post(await complaintOf(65_536));
    const streamed = await post(chunked(await complaintOf(65_536)), { duplex: 'half' } as RequestInit);
    // Read and validated: a 60,000-character description is longer than a complaint may be.
    for (const answer of [declared, streamed]) {
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ error: 'validation' });
    }
  });

  it('takes an ordinary complaint, declared or chunked', async () => {
    const body = { ...aComplaint('sh-jingan'), k: await keyFor(ctx.platform, 'sh-jingan') };
    expect((await post(JSON.stringify(body))).status).toBe(201);
    const again = { ...body, submissionId: newSubmissionId() };
    const streamed = await post(chunked(JSON.stringify(again)), { duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(201);
  });
});
