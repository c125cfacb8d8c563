import { formatDate } from '../shared/i18n.js';
import { pageLanguage } from '../shared/page-language.js';
import { apiFetch, el, requireSignIn, signOut } from '../shared/session.js';
import { actionForm, type FormContext, fieldsFor } from './action-forms.js';
import { type Lists, type Named, type Names, namer } from './names.js';
import { type StaffKey, texts } from './texts.js';
import { sentence, type TimelineEvent } from './timeline.js';

/**
 * The complaints a member of staff works or watches: a department's inbox, head office's
 * bank-wide views, or an outlet manager's read-only list of the outlet's complaints; tabs with
 * counts, a complaint's record and internal timeline, and the actions the signed-in user may take
 * now (the API says which). Everything is shown by name in the page's language and every time in
 * the bank's time zone; every value is set as text.
 */
interface StaffRef {
  username: string;
  displayName: string;
  departmentId: string;
}
/** A complaint in a list: the inbox's items, or the bank-wide and outlet lists' (which add the rest). */
interface Summary {
  trackingNo: string;
  status: string;
  categoryName: string;
  outletName: string;
  severity: string;
  flags: { overdue: boolean; escalated: boolean; extended: boolean };
  excerpt: string;
  dueAt: string;
  owner?: Pick<StaffRef, 'displayName' | 'departmentId'>;
  department?: Named;
  receivedAt?: string;
  extensionRequest?: { days: number; reason: string };
}
interface Complaint extends Summary {
  version: number;
  owner?: StaffRef;
  description: string;
  contact: { name: string; phone: string };
  preferredChannel: string;
  channel: string;
  hotlineTicket?: string;
  incidentDate?: string;
  staffInvolved?: string;
  department: Named;
  enteredBy?: StaffRef;
  receivedAt: string;
  resolution?: {
    decision: string;
    rootCauseName: string;
    correctiveAction: string;
    resolvedAt: string;
    resolvedBy?: StaffRef;
  };
  followUp?: { dueAt: string; doneAt?: string; by?: StaffRef; reached?: boolean; summary?: string };
  satisfaction?: { satisfied: boolean; verdict?: string; comment?: string };
  referral?: { by: StaffRef; at: string };
  allowedActions: string[];
  revealed?: { name: string; phone: string };
  timeline: TimelineEvent[];
}
interface Me extends Lists {
  displayName: string;
  departments: Named[];
  outlets: string[];
  headOffice: boolean;
}

/** What the page lists: a department's inbox, head office's bank-wide views, or an outlet's complaints. */
type Mode = 'inbox' | 'oversight' | 'outlet';
interface Scope {
  mode: Mode;
  /** The department or the outlet; none for the bank-wide views. */
  id: string;
  name: string;
}
const scopeKey = (s: Scope) => `${s.mode}:${s.id}`;

/** Each mode's tabs in order (their names are `prefix.tab`); the answer's `counts` says which there are. */
const TABS: Record<Mode, { prefix: string; order: string[] }> = {
  inbox: {
    prefix: 'view',
    order: ['new', 'mine', 'received', 'due-soon', 'overdue', 'transferred', 'resolved', 'follow-up'],
  },
  oversight: {
    prefix: 'oversight',
    order: ['major', 'reopened', 'overdue', 'extension-requests', 'referred'],
  },
  outlet: { prefix: 'outletState', order: ['open', 'closed'] },
};
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const user = requireSignIn();
const language = pageLanguage(texts, () => void changeLanguage());
const t = language.t;
let me: Me | undefined;
let names: Names | undefined;
let scopes: Scope[] = [];
let scope: Scope = { mode: 'inbox', id: '', name: '' };
let view = 'new';
let cursor: string | undefined;
let open: Complaint | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const say = (text: string) => {
  $('status').textContent = text;
};

async function start() {
  $('who').textContent = user.displayName;
  $('sign-out').addEventListener('click', signOut);
  $('more').addEventListener('click', () => void loadList(true));
  $('scope').addEventListener('change', (event) => {
    const key = (event.target as HTMLSelectElement).value;
    const chosen = scopes.find((s) => scopeKey(s) === key);
    if (chosen) choose(chosen);
    void refresh();
  });
  window.addEventListener('hashchange', () => void openFromHash());
  say(t('loading'));
  if (!(await loadMe())) return;
  say('');
  await refresh();
  await openFromHash();
}

/** Who the user is and the names of everything, in the page's language. */
async function loadMe(): Promise<boolean> {
  const response = await apiFetch(`/api/v1/staff/me?lang=${language.lang()}`);
  if (!response.ok) {
    say(((await response.json()) as { message: string }).message);
    return false;
  }
  me = (await response.json()) as Me;
  names = namer(t, language.lang(), me);
  scopes = await scopesOf(me);
  const first = scopes[0];
  if (!first) {
    say(t('noAccess'));
    return false;
  }
  if (!scopes.some((s) => scopeKey(s) === scopeKey(scope))) choose(first);
  const select = $<HTMLSelectElement>('scope');
  select.replaceChildren(...scopes.map((s) => el('option', { value: scopeKey(s) }, s.name)));
  select.value = scopeKey(scope);
  (select.closest('label') as HTMLElement).hidden = scopes.length < 2;
  $('scope-label').textContent = t(
    me.headOffice ? 'scope' : scopes.every((s) => s.mode === 'outlet') ? 'outlet' : 'department',
  );
  // Outlet managers read; department staff and head office enter complaints too.
  $('enter').hidden = !me.departments.length && !me.headOffice;
  return true;
}

/**
 * What this user may list, the first shown first: head office's bank-wide views, then the
 * departments' inboxes, then the outlets the user manages.
 */
async function scopesOf(me: Me): Promise<Scope[]> {
  const departments = me.headOffice ? me.allDepartments : me.departments;
  const others: Scope[] = [
    ...(me.headOffice ? [{ mode: 'oversight' as const, id: '', name: t('bankWide') }] : []),
    ...departments.map((d) => ({ mode: 'inbox' as const, id: d.id, name: d.name })),
  ];
  // An outlet is named in the selector by its list's answer; with nothing to choose, none is needed.
  const named = others.length + me.outlets.length > 1;
  const outlets = await Promise.all(
    me.outlets.map(async (id) => ({
      mode: 'outlet' as const,
      id,
      name: named ? ((await outletList(id, 'open'))?.outlet?.name ?? t('outlet')) : '',
    })),
  );
  return [...others, ...outlets];
}

function choose(chosen: Scope) {
  scope = chosen;
  view = TABS[chosen.mode].order[0] ?? '';
  cursor = undefined;
  landing = true;
}

/** Views that list what is done, not work waiting: never landed on for having items. */
const HISTORY_VIEWS = new Set(['resolved', 'closed', 'all']);
/** A scope's first list lands on the first view with work in it, not on an empty first tab. */
let landing = false;

interface ListPage {
  items: Summary[];
  counts: Record<string, number>;
  nextCursor?: string;
  outlet?: Named;
}

async function outletList(id: string, state: string): Promise<ListPage | undefined> {
  const params = new URLSearchParams({ state, lang: language.lang() });
  const response = await apiFetch(`/api/v1/staff/outlets/${encodeURIComponent(id)}/complaints?${params}`);
  if (response.ok) return (await response.json()) as ListPage;
  say(((await response.json()) as { message: string }).message);
  return undefined;
}

async function changeLanguage() {
  if (me && (await loadMe())) await refresh();
}

async function refresh() {
  await loadList(false);
  if (open) await show(open.trackingNo);
}

async function loadList(append: boolean) {
  if (!names) return;
  if (!append) cursor = undefined;
  let page = await fetchList();
  if (!page) return;
  if (landing) {
    landing = false;
    const busy = TABS[scope.mode].order.find((v) => !HISTORY_VIEWS.has(v) && (page?.counts[v] ?? 0) > 0);
    if (busy && busy !== view && !(page.counts[view] ?? 0)) {
      view = busy;
      page = await fetchList();
      if (!page) return;
    }
  }
  cursor = page.nextCursor;
  $('more').hidden = !cursor;
  renderViews(page.counts, names);
  const columns = COLUMNS[scope.mode];
  $('list-head').replaceChildren(...columns.map(([key]) => el('th', {}, t(key))));
  const body = $<HTMLTableElement>('list').tBodies[0] as HTMLTableSectionElement;
  if (!append) body.replaceChildren();
  const tab = names.view(view, TABS[scope.mode].prefix);
  $('list-caption').textContent = page.outlet ? `${page.outlet.name} · ${tab}` : tab;
  if (!page.items.length && !append)
    body.append(el('tr', {}, el('td', { colspan: String(columns.length) }, t('empty'))));
  for (const c of page.items) body.append(row(c, names));
}

/** The current tab of the current scope: a page of the inbox, or a whole bank-wide or outlet list. */
async function fetchList(): Promise<ListPage | undefined> {
  const lang = language.lang();
  if (scope.mode === 'outlet') return outletList(scope.id, view);
  const params =
    scope.mode === 'oversight'
      ? new URLSearchParams({ view, lang })
      : new URLSearchParams({ view, department: scope.id, limit: '25', lang });
  if (cursor) params.set('cursor', cursor);
  const path = scope.mode === 'oversight' ? '/api/v1/staff/oversight' : '/api/v1/inbox';
  const response = await apiFetch(`${path}?${params}`);
  if (response.ok) return (await response.json()) as ListPage;
  say(((await response.json()) as { message: string }).message);
  return undefined;
}

/** A list's columns: each one's heading and cell. */
type Column = [StaffKey, (c: Summary, n: Names) => HTMLTableCellElement];
const numberColumn: Column = [
  'trackingNo',
  (c, n) => el('td', {}, el('span', { class: 'no' }, c.trackingNo), tags(c, n)),
];
const whatColumn = (withOutlet: boolean): Column => [
  'category',
  (c) =>
    el(
      'td',
      {},
      el('span', { class: 'what' }, c.categoryName, ...(withOutlet ? [' · ', c.outletName] : [])),
      el('br'),
      el('span', { class: 'muted' }, c.excerpt),
      ...(c.extensionRequest
        ? [
            el('br'),
            el(
              'span',
              { class: 'soon' },
              t('asked', { n: c.extensionRequest.days, reason: c.extensionRequest.reason }),
            ),
          ]
        : []),
    ),
];
const statusColumn: Column = ['status', (c, n) => el('td', { class: 'status' }, n.status(c.status))];
const handlingColumn: Column = ['handling', (c) => el('td', {}, c.department?.name ?? '—')];
const dueColumn: Column = ['due', timeLeft];
const ownerColumn: Column = ['owner', (c) => el('td', {}, c.owner?.displayName ?? '—')];
const receivedColumn: Column = [
  'received',
  (c, n) => el('td', { class: 'received' }, c.receivedAt ? n.time(c.receivedAt) : '—'),
];
const COLUMNS: Record<Mode, Column[]> = {
  inbox: [numberColumn, whatColumn(true), statusColumn, dueColumn, ownerColumn],
  oversight: [numberColumn, whatColumn(true), statusColumn, handlingColumn, dueColumn, ownerColumn],
  outlet: [numberColumn, whatColumn(false), statusColumn, handlingColumn, dueColumn, receivedColumn],
};

function row(c: Summary, n: Names): HTMLTableRowElement {
  const tr = el(
    'tr',
    { 'data-no': c.trackingNo, tabindex: '0', 'aria-selected': String(open?.trackingNo === c.trackingNo) },
    ...COLUMNS[scope.mode].map(([, cell]) => cell(c, n)),
  );
  const go = () => {
    location.hash = `#/complaints/${c.trackingNo}`;
  };
  tr.addEventListener('click', go);
  tr.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') go();
  });
  return tr;
}

function renderViews(counts: Record<string, number>, n: Names) {
  const { prefix, order } = TABS[scope.mode];
  const views = order.filter((v) => v in counts && n.knowsView(v, prefix));
  if (!views.includes(view) && views[0]) view = views[0];
  $('views').replaceChildren(
    ...views.map((v) => {
      const b = el(
        'button',
        { type: 'button', 'data-view': v, ...(v === view ? { 'aria-current': 'page' } : {}) },
        el('span', {}, n.view(v, prefix)),
        el('span', { class: 'count' }, String(counts[v] ?? 0)),
      );
      b.addEventListener('click', () => {
        view = v;
        void loadList(false);
      });
      return b;
    }),
  );
}

function tags(c: Summary, n: Names): HTMLElement {
  const box = el('span', { class: 'tags' });
  if (c.severity === 'major') box.append(el('span', { class: 'tag major' }, n.severity('major')));
  if (c.flags.overdue) box.append(el('span', { class: 'tag overdue' }, t('flag.overdue')));
  if (c.flags.escalated) box.append(el('span', { class: 'tag' }, t('flag.escalated')));
  if (c.flags.extended) box.append(el('span', { class: 'tag' }, t('flag.extended')));
  return box;
}

/** Time left (or how late) in words, red once the limit has passed; resolved and closed ones show the due time only. */
function timeLeft(c: Summary, n: Names): HTMLTableCellElement {
  const due = n.time(c.dueAt);
  if (c.status === 'resolved' || c.status === 'closed')
    return el('td', { class: 'due' }, el('span', { class: 'time' }, due));
  const ms = Date.parse(c.dueAt) - Date.now();
  if (ms < 0 || c.flags.overdue) {
    const late = Math.max(0, -ms);
    const words =
      late >= DAY_MS
        ? t('overdueDays', { n: Math.floor(late / DAY_MS) })
        : t('overdueHours', { n: Math.max(1, Math.ceil(late / HOUR_MS)) });
    return el('td', { class: 'due late' }, words, el('br'), el('span', { class: 'time' }, due));
  }
  const words =
    ms >= DAY_MS
      ? t('daysLeft', { n: Math.floor(ms / DAY_MS) })
      : t('hoursLeft', { n: Math.max(1, Math.floor(ms / HOUR_MS)) });
  return el(
    'td',
    { class: ms <= 2 * DAY_MS ? 'due soon' : 'due' },
    words,
    el('br'),
    el('span', { class: 'time' }, due),
  );
}

async function openFromHash() {
  const match = /^#\/complaints\/([\w-]+)$/.exec(location.hash);
  if (match?.[1]) await show(match[1]);
}

async function show(trackingNo: string, revealed?: Complaint['revealed']) {
  const response = await apiFetch(
    `/api/v1/staff/complaints/${encodeURIComponent(trackingNo)}?lang=${language.lang()}`,
  );
  const pane = $('detail');
  if (!response.ok) {
    pane.hidden = false;
    pane.replaceChildren(el('p', {}, ((await response.json()) as { message: string }).message));
    return;
  }
  open = (await response.json()) as Complaint;
  for (const tr of document.querySelectorAll('#list tbody tr'))
    tr.setAttribute('aria-selected', String(tr.getAttribute('data-no') === trackingNo));
  renderDetail(open, revealed);
}

function person(ref: StaffRef | undefined, n: Names): string {
  if (!ref) return '—';
  const department = n.department(ref.departmentId);
  // Some directories put the department into the display name already.
  return department === '—' || ref.displayName.includes(department)
    ? ref.displayName
    : t('person', { name: ref.displayName, department });
}

function facts(c: Complaint, n: Names): [StaffKey, string][] {
  const flags = [
    c.flags.overdue && t('flag.overdue'),
    c.flags.escalated && t('flag.escalated'),
    c.flags.extended && t('flag.extended'),
  ].filter(Boolean);
  const list: [StaffKey, string | undefined][] = [
    ['status', n.status(c.status)],
    ['severity', n.severity(c.severity)],
    ['flags', flags.join(t('listSeparator')) || t('noFlags')],
    ['category', c.categoryName],
    ['outlet', c.outletName],
    ['handling', c.department.name],
    ['owner', person(c.owner, n)],
    ['channel', n.channel(c.channel)],
    ['hotlineTicket', c.hotlineTicket],
    ['enteredBy', c.enteredBy && person(c.enteredBy, n)],
    ['received', n.time(c.receivedAt)],
    ['dueAt', n.time(c.dueAt)],
    ['contact', `${c.contact.name} ${c.contact.phone}`],
    ['preferredChannel', n.contactBy(c.preferredChannel)],
    // A calendar date without a time: shown as the date it is, in no time zone.
    ['incidentDate', c.incidentDate && formatDate(`${c.incidentDate}T00:00:00Z`, language.lang(), 'UTC')],
    ['staffInvolved', c.staffInvolved],
    ['description', c.description],
    ['decision', c.resolution?.decision],
    ['rootCause', c.resolution?.rootCauseName],
    ['correctiveAction', c.resolution?.correctiveAction],
    ['resolvedAt', c.resolution && n.time(c.resolution.resolvedAt)],
    ['followUp', c.followUp && followUp(c.followUp, n)],
    ['verdict', c.satisfaction && verdict(c.satisfaction)],
  ];
  return list.filter((fact): fact is [StaffKey, string] => Boolean(fact[1]));
}

function followUp(f: NonNullable<Complaint['followUp']>, n: Names): string {
  if (!f.doneAt) return t('followUp.waiting', { due: n.time(f.dueAt) });
  const said = { by: person(f.by, n), at: n.time(f.doneAt), summary: f.summary ?? '' };
  return t(f.reached === false ? 'followUp.missed' : 'followUp.done', said);
}

function verdict(s: NonNullable<Complaint['satisfaction']>): string {
  const key = `verdict.${s.verdict ?? (s.satisfied ? 'satisfied' : 'unsatisfied')}`;
  const words = key in texts['zh-CN'] ? t(key as StaffKey) : t('verdict.unsatisfied');
  return s.comment ? t('withComment', { verdict: words, comment: s.comment }) : words;
}

function renderDetail(c: Complaint, revealed?: Complaint['revealed']) {
  if (!names || !me) return;
  const n = names;
  const lists = me;
  const pane = $('detail');
  pane.hidden = false;
  const dl = el('dl', {});
  for (const [key, value] of facts(c, n)) dl.append(el('dt', {}, t(key)), el('dd', {}, value));
  const parts: HTMLElement[] = [el('h2', {}, el('span', { class: 'no' }, c.trackingNo), tags(c, n))];
  if (c.status !== 'resolved' && c.status !== 'closed')
    parts.push(el('table', {}, el('tbody', {}, el('tr', {}, el('th', {}, t('due')), timeLeft(c, n)))));
  parts.push(dl);
  if (revealed)
    parts.push(
      el('p', { class: 'card', 'data-revealed': '' }, t('revealed'), ' ', revealed.name, ' ', revealed.phone),
    );
  if (c.extensionRequest)
    parts.push(el('p', { class: 'soon' }, t('pending', { n: c.extensionRequest.days })));
  if (c.referral)
    parts.push(el('p', { class: 'soon' }, t('referredPending', { name: c.referral.by.displayName })));
  const buttons = el('div', { class: 'action-buttons' });
  const formSlot = el('div', {});
  for (const action of c.allowedActions) {
    const b = el('button', { type: 'button', 'data-action': action }, n.action(action));
    b.addEventListener('click', () => {
      const ctx: FormContext = {
        t,
        departments: lists.allDepartments,
        currentDepartment: c.department.id,
        rootCauses: lists.rootCauses,
      };
      if (fieldsFor(action, ctx).length === 0) return void act(c, action, {}, undefined);
      formSlot.replaceChildren(
        actionForm(
          action,
          ctx,
          (body, form) => void act(c, action, body, form),
          () => formSlot.replaceChildren(),
        ),
      );
      formSlot.querySelector<HTMLElement>('textarea, select, input')?.focus();
    });
    buttons.append(b);
  }
  parts.push(buttons, formSlot, el('h3', {}, t('timeline')), timeline(c, n));
  pane.replaceChildren(...parts);
}

function timeline(c: Complaint, n: Names): HTMLElement {
  const list = el('ol', { class: 'timeline' });
  for (const e of c.timeline) {
    const when = el('time', { class: 'when', datetime: e.at }, n.time(e.at));
    if (e.public) when.append(' ', el('span', { class: 'tag' }, t('publicStep')));
    list.append(el('li', { 'data-event': e.action }, when, el('div', { class: 'what' }, sentence(e, n))));
  }
  return list;
}

async function act(
  c: Complaint,
  type: string,
  fields: Record<string, unknown>,
  form: HTMLFormElement | undefined,
) {
  const response = await apiFetch(
    `/api/v1/staff/complaints/${encodeURIComponent(c.trackingNo)}/actions?lang=${language.lang()}`,
    {
      method: 'POST',
      body: JSON.stringify({ type, ...fields, expectedVersion: c.version }),
    },
  );
  const body = (await response.json()) as Complaint & { message?: string; fields?: Record<string, string> };
  if (response.status === 400 && form && body.fields) {
    for (const slot of form.querySelectorAll<HTMLElement>('.field-error'))
      slot.textContent = body.fields[slot.dataset.field ?? ''] ?? '';
    return;
  }
  if (response.status === 409 && body.message?.includes('since you read it')) {
    say(t('stale'));
    await refresh();
    return;
  }
  if (!response.ok) return say(body.message ?? String(response.status));
  say(t('saved'));
  open = body;
  renderDetail(body, body.revealed);
  await loadList(false);
}

void start();
