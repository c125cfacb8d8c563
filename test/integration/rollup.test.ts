import { describe, expect, it } from 'vitest';
import { RollupRepository } from '../../functions/adapters/dynamodb/rollup-repository.js';
import { localDate } from '../../functions/domain/calendar.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });

describe('scheduled feedback rollup', () => {
  it('sums an outlet-day from its ratings and overwrites on a rerun, never double-counting', async () => {
    const outletId = 'sh-lujiazui';
    const k = await keyFor(ctx.platform, outletId);
    for (const rating of [5, 4, 1]) {
      const response = await postJson(`${ctx.url}/api/v1/feedback`, {
        outletId,
        k,
        submissionId: newSubmissionId(),
        rating,
      });
      expect(response.status).toBe(201);
    }
    const run = async () => {
      const response = await fetch(`${ctx.url}/api/v1/local/jobs/rollup-feedback`, { method: 'POST' });
      expect(response.status).toBe(200);
    };
    await run();
    await run();
    const today = localDate(new Date(), 'Asia/Shanghai');
    const rollup = await new RollupRepository(ctx.platform.table).getOutletDay(outletId, today);
    expect(rollup).toMatchObject({
      outletId,
      regionId: 'shanghai',
      date: today,
      feedback: { count: 3, ratingSum: 10, satisfied: 2, distribution: [1, 0, 0, 1, 1] },
    });
    const quiet = await new RollupRepository(ctx.platform.table).getOutletDay('bj-guomao', today);
    expect(quiet?.feedback.count).toBe(0);
  });

  it('answers 404 for an unknown job', async () => {
    expect((await fetch(`${ctx.url}/api/v1/local/jobs/nope`, { method: 'POST' })).status).toBe(404);
  });
});
