/** Line 5 of the suite: the output-safety checks of test/support/output-safety.ts, every payload. */
import { randomUUID } from 'node:crypto';
import { startLocalPlatform } from '../../functions/local/platform.js';
import { launchChromium } from '../support/chromium.js';
import { checkOutputSafety, FORMULA_PAYLOADS, XSS_PAYLOADS } from '../support/output-safety.js';
import type { Line } from './table.js';

export async function outputSafetyLine(endpoint: string, size: { payloads: number }): Promise<Line> {
  const started = Date.now();
  const payloads = size.payloads > 0 ? XSS_PAYLOADS.slice(0, size.payloads) : XSS_PAYLOADS;
  const platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: endpoint,
    tableName: `reliability-xss-${randomUUID()}`,
    scheduler: false,
    env: { LOG_LEVEL: 'ERROR', RATE_LIMIT_IP_PER_MINUTE: '100000' },
  });
  const browser = await launchChromium();
  try {
    const report = await checkOutputSafety(
      platform,
      // Without the CSP, which would block an inline handler anyway: the pages' own text handling.
      (locale) => browser.newContext({ locale, viewport: { width: 1280, height: 900 }, bypassCSP: true }),
      payloads,
    );
    const ran = report.renders.filter((r) => r.ran || r.dialogs > 0);
    const pages = new Set(report.renders.map((r) => r.page));
    return {
      line: '5 output safety',
      done: `${payloads.length} XSS payloads in 7 free-text fields (comment, description, name, staff involved, note, decision, corrective action) and supervision's (checklist section and item names of an admin-published version, inspection answer notes, rectification answers and return reasons, mystery pseudonyms), ${report.renders.length} page renders in Chromium over ${pages.size} pages; ${FORMULA_PAYLOADS.length} formula comments in the ratings CSV (${report.csvCells} cells)`,
      ok: ran.length === 0 && report.unsafeCells.length === 0,
      figures: { 'scripts run': ran.length, 'unsafe CSV cells': report.unsafeCells.length },
      notes: [
        ...ran.map((r) => `ran on ${r.page}: ${r.payload}`),
        ...report.unsafeCells.map((c) => `unsafe cell ${JSON.stringify(c)}`),
      ],
      ms: Date.now() - started,
    };
  } finally {
    await browser.close();
    await platform.stop();
  }
}
