import { apiFetch, el, requireSignIn, signOut } from '../shared/session.js';
import { actionForm, type FormContext, fieldsFor } from './action-forms.js';
import { type StaffLang, type TextKey, texts } from './texts.js';

/**
 * The department inbox: views with counts, a complaint's record and internal timeline, and the
 * actions the signed-in user may take now (the API says which). Every value is set as text.
 */
interface Summary {
  trackingNo: string;
  status: string;
  category: string;
  outletId: string;
  severity: string;
  flags: { overdue: boolean; escalated: boolean; extended: boolean };
  excerpt: string;
  dueAt: string;
  owner?: { username: string; displayName: string };
}
interface Complaint extends Summary {
  version: number;
  description: string;
  contact: { name: string; phone: string };
  preferredChannel: string;
  staffInvolved?: string;
  department: { id: string; name: string };
  receivedAt: string;
  extensionRequest?: { days: number; reason: string };
  allowedActions: string[];
  revealed?: { name: string; phone: string };
  timeline: {
    at: string;
    action: string;
    actor: { kind: string; displayName?: string; role?: string };
    detail: Record<string, unknown>;
  }[];
}
interface Me {
  username: string;
  displayName: string;
  departments: { id: string; name: string }[];
  allDepartments: { id: string; name: string }[];
  headOffice: boolean;
  rootCauses: { id: string; name: string }[];
}

const VIEWS = ['new', 'mine', 'due-soon', 'overdue', 'transferred', 'resolved'] as const;
const user = requireSignIn();
const savedLang = localStorage.getItem('bf.staff.lang');
let lang: StaffLang =
  savedLang === 'en' || savedLang === 'zh-CN'
    ? savedLang
    : navigator.language.startsWith('zh')
      ? 'zh-CN'
      : 'en';
let me: Me | undefined;
let department = '';
let view: (typeof VIEWS)[number] = 'new';
let cursor: string | undefined;
let open: Complaint | undefined;

const t = (key: TextKey, n?: number) => texts[lang][key]?.replace('{n}', String(n ?? '')) ?? key;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const say = (text: string) => {
  $('status').textContent = text;
};

function applyLanguage() {
  document.documentElement.lang = lang;
  $('lang').textContent = lang === 'en' ? '中文' : 'EN';
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]'))
    node.textContent = t(node.dataset.t as TextKey);
}

async function start() {
  $('who').textContent = user.displayName;
  $('sign-out').addEventListener('click', signOut);
  $('lang').addEventListener('click', () => {
    lang = lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('bf.staff.lang', lang);
    applyLanguage();
    void refresh();
  });
  $('more').addEventListener('click', () => void loadList(true));
  applyLanguage();
  me = (await (await apiFetch(`/api/v1/staff/me?lang=${lang}`)).json()) as Me;
  const choices = me.departments.length ? me.departments : me.headOffice ? me.allDepartments : [];
  if (!choices.length) return say(t('noAccess'));
  department = choices[0]?.id ?? '';
  const select = $<HTMLSelectElement>('department');
  select.replaceChildren(...choices.map((d) => el('option', { value: d.id }, d.name)));
  (select.closest('label') as HTMLElement).hidden = choices.length < 2;
  select.addEventListener('change', () => {
    department = select.value;
    void refresh();
  });
  window.addEventListener('hashchange', () => void openFromHash());
  await refresh();
  await openFromHash();
}

async function refresh() {
  await loadList(false);
  if (open) await show(open.trackingNo);
}

async function loadList(append: boolean) {
  if (!append) cursor = undefined;
  const params = new URLSearchParams({ view, department, limit: '25', lang });
  if (cursor) params.set('cursor', cursor);
  const response = await apiFetch(`/api/v1/inbox?${params}`);
  if (!response.ok) return say(((await response.json()) as { message: string }).message);
  const page = (await response.json()) as {
    items: Summary[];
    counts: Record<string, number>;
    nextCursor?: string;
  };
  cursor = page.nextCursor;
  $('more').hidden = !cursor;
  renderViews(page.counts);
  const body = $<HTMLTableElement>('list').tBodies[0] as HTMLTableSectionElement;
  if (!append) body.replaceChildren();
  $('list-caption').textContent = t(`view.${view}` as TextKey);
  if (!page.items.length && !append) {
    body.append(el('tr', {}, el('td', { colspan: '5' }, t('empty'))));
  }
  for (const c of page.items) {
    const row = el(
      'tr',
      { 'data-no': c.trackingNo, tabindex: '0', 'aria-selected': String(open?.trackingNo === c.trackingNo) },
      el('td', {}, c.trackingNo, ...tags(c)),
      el('td', {}, c.category, el('br'), el('span', { class: 'muted' }, c.excerpt)),
      el('td', {}, t(`state.${c.status}` as TextKey)),
      timeLeft(c),
      el('td', {}, c.owner?.displayName ?? '—'),
    );
    const go = () => {
      location.hash = `#/complaints/${c.trackingNo}`;
    };
    row.addEventListener('click', go);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') go();
    });
    body.append(row);
  }
}

function renderViews(counts: Record<string, number>) {
  $('views').replaceChildren(
    ...VIEWS.map((v) => {
      const b = el(
        'button',
        { type: 'button', 'data-view': v, ...(v === view ? { 'aria-current': 'page' } : {}) },
        el('span', {}, t(`view.${v}` as TextKey)),
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

function tags(c: Summary): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (c.severity === 'major') out.push(el('span', { class: 'tag major' }, t('major')));
  if (c.flags.escalated) out.push(el('span', { class: 'tag' }, t('escalated')));
  if (c.flags.extended) out.push(el('span', { class: 'tag' }, t('extended')));
  return out;
}

/** Time left in whole days, red once the limit has passed (resolved and closed ones show the date). */
function timeLeft(c: Summary): HTMLTableCellElement {
  const ms = Date.parse(c.dueAt) - Date.now();
  const days = Math.floor(ms / 86_400_000);
  const date = new Date(c.dueAt).toLocaleDateString(lang);
  if (c.status === 'resolved' || c.status === 'closed') return el('td', {}, date);
  if (ms < 0 || c.flags.overdue)
    return el(
      'td',
      { class: 'late' },
      t('overdueBy', Math.max(1, Math.floor(-ms / 86_400_000))),
      el('br'),
      date,
    );
  return el(
    'td',
    { class: days <= 2 ? 'soon' : '' },
    days === 0 ? t('dueToday') : t('daysLeft', days),
    el('br'),
    date,
  );
}

async function openFromHash() {
  const match = /^#\/complaints\/([\w-]+)$/.exec(location.hash);
  if (match?.[1]) await show(match[1]);
}

async function show(trackingNo: string, revealed?: Complaint['revealed']) {
  const response = await apiFetch(`/api/v1/staff/complaints/${encodeURIComponent(trackingNo)}?lang=${lang}`);
  const pane = $('detail');
  if (!response.ok) {
    pane.hidden = false;
    pane.replaceChildren(el('p', {}, ((await response.json()) as { message: string }).message));
    return;
  }
  open = (await response.json()) as Complaint;
  for (const row of document.querySelectorAll('#list tbody tr'))
    row.setAttribute('aria-selected', String(row.getAttribute('data-no') === trackingNo));
  renderDetail(open, revealed);
}

function renderDetail(c: Complaint, revealed?: Complaint['revealed']) {
  const pane = $('detail');
  pane.hidden = false;
  const facts: [TextKey, string][] = [
    ['status', t(`state.${c.status}` as TextKey)],
    ['category', c.category],
    ['outlet', c.outletId],
    ['handling', c.department.name],
    ['owner', c.owner?.displayName ?? '—'],
    ['received', new Date(c.receivedAt).toLocaleString(lang)],
    ['dueAt', new Date(c.dueAt).toLocaleString(lang)],
    ['contact', `${c.contact.name} ${c.contact.phone}`],
    ['channel', t(c.preferredChannel as TextKey)],
    ['description', c.description],
  ];
  if (c.staffInvolved) facts.push(['staffInvolved', c.staffInvolved]);
  const dl = el('dl', {});
  for (const [key, value] of facts) dl.append(el('dt', {}, t(key)), el('dd', {}, value));
  const parts: HTMLElement[] = [el('h2', {}, c.trackingNo, ...tags(c)), el('table', {}, timeLeftRow(c)), dl];
  if (revealed)
    parts.push(
      el('p', { class: 'card', 'data-revealed': '' }, t('revealed'), ' ', revealed.name, ' ', revealed.phone),
    );
  if (c.extensionRequest) parts.push(el('p', { class: 'soon' }, t('pending', c.extensionRequest.days)));
  const buttons = el('div', { class: 'action-buttons' });
  const formSlot = el('div', {});
  for (const action of c.allowedActions) {
    const b = el('button', { type: 'button', 'data-action': action }, t(`action.${action}` as TextKey));
    b.addEventListener('click', () => {
      if (!me) return;
      const ctx: FormContext = {
        departments: me.allDepartments,
        currentDepartment: c.department.id,
        rootCauses: me.rootCauses,
      };
      if (fieldsFor(action, ctx).length === 0) return void act(c, action, {}, undefined);
      formSlot.replaceChildren(
        actionForm(
          action,
          ctx,
          t,
          (body, form) => void act(c, action, body, form),
          () => formSlot.replaceChildren(),
        ),
      );
      formSlot.querySelector<HTMLElement>('textarea, select, input')?.focus();
    });
    buttons.append(b);
  }
  parts.push(buttons, formSlot, el('h3', {}, t('timeline')), timeline(c));
  pane.replaceChildren(...parts);
}

function timeLeftRow(c: Complaint): HTMLElement {
  return el('tbody', {}, el('tr', {}, el('th', {}, t('due')), timeLeft(c)));
}

function timeline(c: Complaint): HTMLElement {
  const list = el('ol', { class: 'timeline' });
  for (const e of c.timeline) {
    const who = e.actor.displayName
      ? `${e.actor.displayName} (${e.actor.role ?? e.actor.kind})`
      : e.actor.kind;
    const detail = Object.entries(e.detail)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('\n');
    list.append(
      el(
        'li',
        { 'data-event': e.action },
        el('div', { class: 'when' }, `${new Date(e.at).toLocaleString(lang)} · ${who}`),
        el('strong', {}, e.action),
        el('div', { class: 'what' }, detail),
      ),
    );
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
    `/api/v1/staff/complaints/${encodeURIComponent(c.trackingNo)}/actions?lang=${lang}`,
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
