import { describe, expect, it } from 'vitest';
import { checkOutputSafety, XSS_PAYLOADS } from '../support/output-safety.js';
import { usePlatform } from '../support/platform.js';
import { useBrowser } from './support/browser.js';

/**
 * XSS payloads in every free-text field, rendered on every page that shows them (staff detail for
 * the department and head office, the outlet manager's list, the tracking page, the dashboard's
 * low ratings): no script runs, no dialog opens; the CSV export neutralises formula payloads.
 */
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
const browser = useBrowser();

describe('output safety', () => {
  it('renders hostile text as text everywhere, and exports formulas as text', async () => {
    const report = await checkOutputSafety(
      ctx.platform,
      // Without the CSP, which would block an inline handler anyway (security-headers.test.ts): this
      // checks that the pages themselves insert text as text.
      (locale) => browser.context({ locale, width: 1280, height: 900, bypassCSP: true }),
      XSS_PAYLOADS.slice(0, 3),
    );
    expect(report.renders.filter((r) => r.ran || r.dialogs > 0)).toEqual([]);
    expect(report.renders.length).toBeGreaterThanOrEqual(11);
    expect(report.unsafeCells).toEqual([]);
  }, 180_000);
});
