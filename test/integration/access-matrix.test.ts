import { describe, expect, it } from 'vitest';
import { describeAccess, runAccessMatrix } from '../support/access-matrix.js';
import { usePlatform } from '../support/platform.js';

/**
 * Every role × every staff, admin and statistics endpoint × its own and others' records, each
 * expectation written from the README's roles table (test/support/access-matrix.ts), not from the
 * code. staff-access.test.ts covers the inbox views and paging; this covers the rest of the matrix.
 */
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });

describe('the access matrix', () => {
  it('allows and refuses exactly what the README says', async () => {
    const results = await runAccessMatrix(ctx.platform, (user) => ctx.token(user));
    expect(results.filter((r) => !r.ok).map(describeAccess)).toEqual([]);
    expect(results.length).toBeGreaterThan(100);
  }, 60_000);
});
