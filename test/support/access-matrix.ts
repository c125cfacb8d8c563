/**
 * Who may call what, written from the README's roles table ("Staff and roles", "Who sees what"),
 * never computed by the code under test: every role × every staff, admin and statistics endpoint
 * × its own and others' records, each with the statuses the README allows. Shared by
 * `test/integration/access-matrix.test.ts` and the reliability suite.
 *
 * Records: complaint A (waiting time at sh-jingan → operations), complaint B (cards and accounts at
 * bj-guomao → cards); a spot check at sh-jingan with a finding (so a rectification task), and a
 * mystery visit to sh-jingan, blind until the last row releases it. Users: one per role, and for
 * department and outlet roles one that owns A and one that does not.
 */
import { randomUUID } from 'node:crypto';
import { periodOf, previousPeriod } from '../../functions/domain/statistics/periods.js';
import type { LocalPlatform } from '../../functions/local/platform.js';
import { fileComplaint } from './complaints.js';

export const USERS = [
  'admin',
  'head-office',
  'operations.1',
  'cards.1',
  'manager.sh-jingan',
  'manager.bj-guomao',
  'lobby.sh-jingan',
  'inspector.1',
  'inspector.shanghai',
] as const;
export type User = (typeof USERS)[number];

/**
 * 2xx allowed (302 for a photo: the redirect to the store, not followed); 403 refused by role; 404
 * out of reach (answered like a record that does not exist).
 */
const OK = [200, 201];
const DENY = [403];
const HIDDEN = [404];
const DENY_OR_HIDDEN = [403, 404];

export interface AccessCase {
  user: User;
  what: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  expect: readonly number[];
}

interface Records {
  a: string;
  b: string;
  version: (trackingNo: string) => Promise<number>;
  rules: () => Promise<unknown>;
  month: string;
  week: string;
  from: string;
  to: string;
  /** A spot check at sh-jingan (released), its rectification task, and a blind mystery visit there. */
  spotCheck: string;
  task: string;
  mystery: string;
  /** A fresh inspection of `kind` at `outletId`, every item passing, on the checklist in force. */
  inspection: (kind: string, outletId: string) => Promise<unknown>;
  checklistDraft: () => Promise<unknown>;
}

type Row = Partial<Record<User, readonly number[]>>;

/** The README's table, endpoint by endpoint. A role left out of a row is one the README does not settle. */
function rows(
  r: Records,
): { what: string; method: AccessCase['method']; path: string; body?: () => Promise<unknown>; who: Row }[] {
  const series = `granularity=month&from=${r.from}&to=${r.to}`;
  const action = (trackingNo: string, type: string) => async () => ({
    type,
    ...(type === 'note' ? { text: 'access matrix' } : {}),
    expectedVersion: await r.version(trackingNo),
  });
  return [
    // Admins work outlets and rules, not complaints: the README does not settle their /staff/me.
    { what: 'own profile', method: 'GET', path: '/staff/me', who: { ...all(OK), admin: undefined } },
    ...supervisionRows(r),
    {
      what: 'own department inbox',
      method: 'GET',
      path: '/inbox?view=new',
      who: {
        admin: DENY,
        'operations.1': OK,
        'cards.1': OK,
        'manager.sh-jingan': DENY,
        'manager.bj-guomao': DENY,
      },
    },
    {
      what: "operations' inbox by name",
      method: 'GET',
      path: '/inbox?view=new&department=operations',
      who: { admin: DENY, 'head-office': OK, 'operations.1': OK, 'cards.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: 'bank-wide views',
      method: 'GET',
      path: '/staff/oversight?view=major',
      who: {
        admin: DENY,
        'head-office': OK,
        'operations.1': DENY,
        'cards.1': DENY,
        'manager.sh-jingan': DENY,
        'manager.bj-guomao': DENY,
      },
    },
    {
      what: "sh-jingan's complaint list",
      method: 'GET',
      path: '/staff/outlets/sh-jingan/complaints?state=all',
      who: { admin: DENY, 'manager.sh-jingan': OK, 'manager.bj-guomao': DENY_OR_HIDDEN },
    },
    ...(['a', 'b'] as const).flatMap((which) => {
      const no = r[which];
      // A: operations handles it at sh-jingan; B: cards at bj-guomao.
      const handler = which === 'a' ? 'operations.1' : 'cards.1';
      const other = which === 'a' ? 'cards.1' : 'operations.1';
      const manager = which === 'a' ? 'manager.sh-jingan' : 'manager.bj-guomao';
      const otherManager = which === 'a' ? 'manager.bj-guomao' : 'manager.sh-jingan';
      return [
        {
          what: `read complaint ${which.toUpperCase()}`,
          method: 'GET' as const,
          path: `/staff/complaints/${no}`,
          who: {
            admin: DENY,
            'head-office': OK,
            [handler]: OK,
            [other]: HIDDEN,
            [manager]: OK,
            [otherManager]: HIDDEN,
          },
        },
        {
          what: `note on complaint ${which.toUpperCase()}`,
          method: 'POST' as const,
          path: `/staff/complaints/${no}/actions`,
          body: action(no, 'note'),
          who: {
            admin: DENY,
            'head-office': OK,
            [handler]: OK,
            [other]: HIDDEN,
            [manager]: DENY,
            [otherManager]: HIDDEN,
          },
        },
        {
          what: `reveal the phone of complaint ${which.toUpperCase()}`,
          method: 'POST' as const,
          path: `/staff/complaints/${no}/actions`,
          body: action(no, 'reveal-phone'),
          who: {
            admin: DENY,
            'head-office': OK,
            [handler]: OK,
            [other]: HIDDEN,
            [manager]: DENY,
            [otherManager]: HIDDEN,
          },
        },
      ];
    }),
    {
      what: 'list outlets (admin)',
      method: 'GET',
      path: '/admin/outlets',
      who: { admin: OK, 'operations.1': DENY, 'cards.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: 'one outlet (admin)',
      method: 'GET',
      path: '/admin/outlets/sh-jingan',
      who: { admin: OK, 'operations.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: 'read routing rules',
      method: 'GET',
      path: '/admin/routing-rules',
      who: { admin: OK, 'head-office': OK, 'operations.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: 'change routing rules',
      method: 'PUT',
      path: '/admin/routing-rules',
      body: r.rules,
      who: {
        admin: OK,
        'head-office': DENY,
        'operations.1': DENY,
        'cards.1': DENY,
        'manager.sh-jingan': DENY,
      },
    },
    {
      what: 'bank satisfaction',
      method: 'GET',
      path: `/stats/satisfaction?scope=bank&${series}`,
      who: { admin: OK, 'head-office': OK, 'operations.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: "sh-jingan's satisfaction",
      method: 'GET',
      path: `/stats/satisfaction?scope=outlet&id=sh-jingan&${series}`,
      who: {
        admin: OK,
        'head-office': OK,
        'operations.1': DENY,
        'manager.sh-jingan': OK,
        'manager.bj-guomao': DENY,
      },
    },
    {
      what: "operations' complaint figures",
      method: 'GET',
      path: `/stats/complaints?scope=department&id=operations&${series}`,
      who: { admin: OK, 'head-office': OK, 'operations.1': OK, 'cards.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: "sh-jingan's complaint figures",
      method: 'GET',
      path: `/stats/complaints?scope=outlet&id=sh-jingan&${series}`,
      who: { 'head-office': OK, 'manager.sh-jingan': OK, 'manager.bj-guomao': DENY, 'operations.1': DENY },
    },
    {
      what: 'outlet rankings',
      method: 'GET',
      path: `/stats/rankings?scope=outlet&granularity=month&period=${r.month}`,
      who: { admin: OK, 'head-office': OK, 'operations.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: 'region rankings',
      method: 'GET',
      path: `/stats/rankings?scope=region&granularity=month&period=${r.month}&order=worst`,
      who: { admin: OK, 'head-office': OK, 'operations.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: 'heat map of the regions',
      method: 'GET',
      path: `/stats/heatmap?scope=region&granularity=week&to=${r.week}`,
      who: {
        admin: OK,
        'head-office': OK,
        'operations.1': DENY,
        'cards.1': DENY,
        'manager.sh-jingan': DENY,
        'manager.bj-guomao': DENY,
      },
    },
    {
      what: "heat map of Shanghai's outlets",
      method: 'GET',
      path: `/stats/heatmap?scope=outlet&region=shanghai&granularity=month&to=${r.month}`,
      // An outlet's manager sees its own outlet only, never its neighbours.
      who: { admin: OK, 'head-office': OK, 'operations.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: 'warnings within reach',
      method: 'GET',
      path: `/stats/warnings?period=${r.month}`,
      // Lobby staff and inspectors have no complaint statistics (their figures are the checks').
      who: { ...all(OK), 'lobby.sh-jingan': DENY, 'inspector.1': DENY, 'inspector.shanghai': DENY },
    },
    {
      what: 'warnings within reach, counted',
      method: 'GET',
      path: `/stats/warnings/summary?period=${r.month}`,
      who: { ...all(OK), 'lobby.sh-jingan': DENY, 'inspector.1': DENY, 'inspector.shanghai': DENY },
    },
    {
      what: 'where the figures start',
      method: 'GET',
      path: '/stats/first-day',
      // Every role with statistics of its own; lobby staff and inspectors have none.
      who: { ...all(OK), 'lobby.sh-jingan': DENY, 'inspector.1': DENY, 'inspector.shanghai': DENY },
    },
    {
      what: 'acknowledge several warnings',
      method: 'POST',
      path: '/stats/warnings/acknowledge',
      body: async () => ({ ids: [`${r.month}:csat-low:outlet:sh-jingan`], note: 'access matrix' }),
      // No such warning in this table: head office is told so; nobody else may even ask.
      who: {
        admin: DENY,
        'head-office': HIDDEN,
        'operations.1': DENY,
        'cards.1': DENY,
        'manager.sh-jingan': DENY,
        'manager.bj-guomao': DENY,
      },
    },
    {
      what: 'acknowledge a warning',
      method: 'POST',
      path: `/stats/warnings/${r.month}:csat-low:outlet:sh-jingan/acknowledge`,
      body: async () => ({ note: 'access matrix' }),
      // No such warning in this table: head office is told so; nobody else may even ask.
      who: { admin: DENY, 'head-office': HIDDEN, 'operations.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: 'bank low ratings',
      method: 'GET',
      path: `/stats/low-ratings?scope=bank&from=${r.from}&to=${r.to}`,
      who: { admin: OK, 'head-office': OK, 'operations.1': DENY, 'manager.sh-jingan': DENY },
    },
    {
      what: "sh-jingan's low ratings",
      method: 'GET',
      path: `/stats/low-ratings?scope=outlet&id=sh-jingan&from=${r.from}&to=${r.to}`,
      who: { 'head-office': OK, 'manager.sh-jingan': OK, 'manager.bj-guomao': DENY, 'operations.1': DENY },
    },
    {
      what: "sh-jingan's raw ratings (CSV)",
      method: 'GET',
      path: `/stats/export/ratings?scope=outlet&id=sh-jingan&from=${r.from}&to=${r.to}`,
      who: {
        admin: OK,
        'head-office': OK,
        'manager.sh-jingan': OK,
        'manager.bj-guomao': DENY,
        'operations.1': DENY,
      },
    },
    {
      what: 'major complaints of the month',
      method: 'GET',
      path: `/stats/major-complaints?month=${r.month}`,
      who: { 'head-office': OK, 'manager.sh-jingan': DENY },
    },
  ];
}

/**
 * The roles table's supervision rows: who checks which outlet with which kind of inspection, who
 * sees results (a blind visit: head office alone until it releases it, the last row), who answers
 * and reviews a task, who plans visits and keeps the checklist.
 */
function supervisionRows(r: Records): ReturnType<typeof rows> {
  const nobodyElse = (who: Row): Row => ({ ...Object.fromEntries(USERS.map((u) => [u, DENY])), ...who });
  const hiddenFromOthers = (who: Row): Row => ({
    ...Object.fromEntries(USERS.map((u) => [u, HIDDEN])),
    ...who,
  });
  const task = `/supervision/rectifications/${encodeURIComponent(r.task)}/actions`;
  return [
    { what: 'the checklist in force', method: 'GET', path: '/supervision/checklists/service', who: all(OK) },
    {
      what: 'publish a checklist version',
      method: 'PUT',
      path: '/supervision/checklists/service',
      body: r.checklistDraft,
      who: nobodyElse({ admin: OK }),
    },
    {
      what: "sh-jingan's self-check",
      method: 'POST',
      path: '/supervision/inspections',
      body: () => r.inspection('self-check', 'sh-jingan'),
      who: nobodyElse({ 'lobby.sh-jingan': OK }),
    },
    {
      what: 'a spot check of bj-guomao',
      method: 'POST',
      path: '/supervision/inspections',
      body: () => r.inspection('spot-check', 'bj-guomao'),
      who: nobodyElse({ 'inspector.1': OK }),
    },
    {
      what: "sh-jingan's joint check",
      method: 'POST',
      path: '/supervision/inspections',
      body: () => r.inspection('joint-check', 'sh-jingan'),
      who: nobodyElse({ 'inspector.shanghai': OK }),
    },
    {
      what: "sh-jingan's inspections of the month",
      method: 'GET',
      path: `/supervision/inspections?outletId=sh-jingan&month=${r.month}`,
      who: nobodyElse({
        'head-office': OK,
        'manager.sh-jingan': OK,
        'lobby.sh-jingan': OK,
        'inspector.1': OK,
        'inspector.shanghai': OK,
      }),
    },
    {
      what: 'the spot check at sh-jingan',
      method: 'GET',
      path: `/supervision/inspections/${r.spotCheck}`,
      who: hiddenFromOthers({
        'head-office': OK,
        'manager.sh-jingan': OK,
        'lobby.sh-jingan': OK,
        'inspector.1': OK,
        'inspector.shanghai': OK,
      }),
    },
    {
      what: 'the blind mystery visit to sh-jingan',
      method: 'GET',
      path: `/supervision/inspections/${r.mystery}`,
      who: hiddenFromOthers({ 'head-office': OK }),
    },
    {
      what: "sh-jingan's rectifications",
      method: 'GET',
      path: '/supervision/rectifications?outletId=sh-jingan',
      who: nobodyElse({
        'head-office': OK,
        'manager.sh-jingan': OK,
        'inspector.1': OK,
        'inspector.shanghai': OK,
      }),
    },
    {
      what: 'review a task (nothing answered yet: a conflict for those who may)',
      method: 'POST',
      path: task,
      body: async () => ({ type: 'accept', expectedVersion: 1 }),
      who: hiddenFromOthers({
        'head-office': [409],
        'inspector.1': [409],
        'inspector.shanghai': [409],
        'manager.sh-jingan': DENY,
      }),
    },
    {
      what: 'the circular of the month under way',
      method: 'GET',
      path: `/supervision/circular?month=${r.month}`,
      who: nobodyElse({ 'head-office': OK, 'inspector.1': OK }),
    },
    {
      what: 'the circular of last month (CSV)',
      method: 'GET',
      path: `/supervision/circular?month=${previousPeriod(r.month, 'month')}&format=csv&table=outlets`,
      // Circulated to everyone with a part in supervision; departments and admins have none.
      who: nobodyElse({
        'head-office': OK,
        'inspector.1': OK,
        'inspector.shanghai': OK,
        'manager.sh-jingan': OK,
        'manager.bj-guomao': OK,
        'lobby.sh-jingan': OK,
      }),
    },
    {
      what: 'publish the circular of the month under way (a conflict for the supervision centre)',
      method: 'POST',
      path: '/supervision/circular/publications',
      body: async () => ({ month: r.month }),
      who: nobodyElse({ 'inspector.1': [409] }),
    },
    {
      what: 'publish the circular of last month',
      method: 'POST',
      path: '/supervision/circular/publications',
      body: async () => ({ month: previousPeriod(r.month, 'month') }),
      // The supervision centre publishes (通报); head office reads it but makes no inspections.
      who: nobodyElse({ 'inspector.1': [201] }),
    },
    {
      what: 'presign a photo for an inspection being filled',
      method: 'POST',
      path: '/supervision/photo-uploads',
      body: async () => ({ inspectionId: randomUUID(), contentType: 'image/jpeg', size: 1000 }),
      who: nobodyElse({ 'lobby.sh-jingan': OK, 'inspector.1': OK, 'inspector.shanghai': OK }),
    },
    {
      what: "presign a photo for sh-jingan's task (its manager's proof)",
      method: 'POST',
      path: '/supervision/photo-uploads',
      body: async () => ({ rectificationId: r.task, contentType: 'image/webp', size: 1000 }),
      who: hiddenFromOthers({
        'manager.sh-jingan': OK,
        'head-office': DENY,
        'inspector.1': DENY,
        'inspector.shanghai': DENY,
      }),
    },
    {
      what: 'a photo of the spot check at sh-jingan (302 to the store)',
      method: 'GET',
      path: `/supervision/photos?key=photos/inspections/${r.spotCheck}/a.jpg`,
      who: hiddenFromOthers({
        'head-office': [302],
        'manager.sh-jingan': [302],
        'lobby.sh-jingan': [302],
        'inspector.1': [302],
        'inspector.shanghai': [302],
      }),
    },
    {
      what: 'a photo of the blind mystery visit to sh-jingan',
      method: 'GET',
      path: `/supervision/photos?key=photos/inspections/${r.mystery}/a.jpg`,
      who: hiddenFromOthers({ 'head-office': [302] }),
    },
    {
      what: "a photo of sh-jingan's task",
      method: 'GET',
      path: `/supervision/photos?key=photos/rectifications/${encodeURIComponent(r.task)}/a.jpg`,
      who: hiddenFromOthers({
        'head-office': [302],
        'manager.sh-jingan': [302],
        'inspector.1': [302],
        'inspector.shanghai': [302],
      }),
    },
    {
      what: 'plan a mystery visit',
      method: 'POST',
      path: '/supervision/mystery-visits',
      body: async () => ({
        outletId: 'bj-guomao',
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
      }),
      who: nobodyElse({ 'head-office': OK }),
    },
    {
      what: 'release the mystery visit',
      method: 'POST',
      path: `/supervision/inspections/${r.mystery}/release`,
      who: nobodyElse({ 'head-office': OK }),
    },
  ];
}

function all(statuses: readonly number[]): Row {
  return Object.fromEntries(USERS.map((u) => [u, statuses]));
}

export interface AccessResult extends AccessCase {
  status: number;
  ok: boolean;
}

/** Files the two complaints, then calls every case; returns each with the status it got. */
export async function runAccessMatrix(
  platform: LocalPlatform,
  token: (user: User) => Promise<string>,
): Promise<AccessResult[]> {
  const a = (await fileComplaint(platform, 'sh-jingan')).trackingNo;
  const b = (await fileComplaint(platform, 'bj-guomao', { category: 'cards-and-accounts' })).trackingNo;
  const now = new Date();
  const today = now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const month = today.slice(0, 7);
  const tokens = new Map<User, string>();
  const as = async (user: User) => {
    if (!tokens.has(user)) tokens.set(user, await token(user));
    return { authorization: `Bearer ${tokens.get(user)}` };
  };
  const get = async (path: string, user: User = 'head-office') =>
    (await fetch(`${platform.url}/api/v1${path}`, { headers: await as(user) })).json() as Promise<
      Record<string, unknown>
    >;
  const post = async (path: string, body: unknown, user: User) =>
    (await send('POST', `${platform.url}/api/v1${path}`, body, await as(user))).json() as Promise<
      Record<string, unknown>
    >;
  const checklist = await get('/supervision/checklists/service', 'inspector.1');
  type Item = { id: string; kind: { type: string; max?: number } };
  const items = (checklist.sections as { items: Item[] }[]).flatMap((s) => s.items);
  const inspection = async (kind: string, outletId: string, failing?: string) => {
    const current = await get('/supervision/checklists/service', 'inspector.1');
    const id = randomUUID();
    return {
      id,
      kind,
      outletId,
      checklistId: 'service',
      checklistVersion: current.version,
      ...(kind === 'self-check' ? { round: 'opening' } : {}),
      startedAt: new Date().toISOString(),
      answers: items.map((item) =>
        item.kind.type === 'yes-no'
          ? {
              itemId: item.id,
              passed: item.id !== failing,
              ...(item.id === failing ? { photo: `photos/inspections/${id}/x.jpg` } : {}),
            }
          : item.kind.type === 'score'
            ? { itemId: item.id, mark: item.kind.max }
            : { itemId: item.id, value: 1 },
      ),
    };
  };
  const spot = await post(
    '/supervision/inspections',
    await inspection('spot-check', 'sh-jingan', 'env-clean'),
    'inspector.1',
  );
  const planned = await post(
    '/supervision/mystery-visits',
    { outletId: 'sh-jingan', deadline: new Date(Date.now() + 86_400_000).toISOString() },
    'head-office',
  );
  const mystery = await inspection('mystery-visit', 'sh-jingan');
  await send('POST', `${platform.url}/api/v1/mystery/${String(planned.token)}/inspections`, mystery, {});
  const records: Records = {
    spotCheck: String(spot.id),
    task: `${String(spot.id)}.env-clean`,
    mystery: mystery.id,
    inspection,
    checklistDraft: async () => {
      const {
        id: _,
        version,
        publishedAt: __,
        publishedBy: ___,
        ...draft
      } = await get('/supervision/checklists/service', 'admin');
      return { ...draft, expectedVersion: version };
    },
    a,
    b,
    version: async (no) => Number((await get(`/staff/complaints/${no}`)).version),
    rules: async () => {
      const current = await get('/admin/routing-rules', 'admin');
      return { rules: current.rules, expectedVersion: current.version };
    },
    month,
    week: periodOf(today, 'week'),
    from: `${month}-01`,
    to: today,
  };
  const results: AccessResult[] = [];
  for (const row of rows(records)) {
    for (const user of USERS) {
      const expected = row.who[user];
      if (!expected) continue;
      const body = row.body ? await row.body() : undefined;
      const response =
        row.method === 'GET'
          ? await fetch(`${platform.url}/api/v1${row.path}`, { headers: await as(user), redirect: 'manual' })
          : await send(row.method, `${platform.url}/api/v1${row.path}`, body, await as(user));
      await response.arrayBuffer();
      results.push({
        user,
        what: row.what,
        method: row.method,
        path: row.path,
        expect: expected,
        status: response.status,
        ok: expected.includes(response.status),
      });
    }
  }
  return results;
}

function send(method: string, url: string, body: unknown, headers: Record<string, string>) {
  return fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body ?? {}),
  });
}

export const describeAccess = (r: AccessResult) =>
  `${r.user} ${r.method} ${r.path} (${r.what}): ${r.status}, README says ${r.expect.join(' or ')}`;
