import { describe, expect, it } from 'vitest';
import { badInputProperties, describeStatuses } from '../support/bad-input.js';
import { usePlatform } from '../support/platform.js';

/**
 * Every public endpoint under fast-check's bad input (arbitrary JSON, huge and control-character
 * strings, `__proto__` keys, extra fields, wrong types, wrong content types, junk tokens): never a
 * 5xx, always 4xx for what was built invalid, and nothing stored from a refused request. The
 * reliability suite (`npm run test:reliability`) runs the same properties with 10,000 inputs.
 */
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '100000' });

describe('bad input on the public endpoints', () => {
  it('answers 4xx (never 5xx) and stores nothing from a refused request', async () => {
    const report = await badInputProperties(ctx.platform, 30);
    expect(report.failures, describeStatuses(report.statuses)).toEqual([]);
    expect(report.inputs).toBeGreaterThanOrEqual(300);
    expect(report.itemsAfter).toEqual(report.itemsBefore);
  }, 120_000);
});
