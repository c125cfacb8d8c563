import type { Checklist } from '../../../functions/domain/supervision/checklist.js';
import { formatDateTime } from '../shared/i18n.js';
import { pageFetch } from '../shared/page-fetch.js';
import { pageLanguage } from '../shared/page-language.js';
import { shrinkPhoto, uploadPhoto } from '../shared/photo-upload.js';
import { apiFetch, el, getToken, requireSignIn, signOut } from '../shared/session.js';
import { answersOf, renderCapture, stateOf } from './capture.js';
import { type Draft, type OutboxEntry, store } from './store.js';
import { texts } from './texts.js';

/**
 * The capture page (服务检查): /inspect for signed-in staff, /mystery/{token} for a mystery
 * shopper's link. It works offline once opened: the service worker (/inspect-sw.js, scoped to
 * these two paths) keeps the page's own files; IndexedDB keeps the checklist, the draft (every
 * change) and the outbox, sent when the network is back and on every load. Each inspection
 * carries an id made here once, so a resend is never a second inspection.
 */
const BANK_TIME_ZONE = 'Asia/Shanghai';
const KINDS = ['self-check', 'spot-check', 'joint-check'] as const;
const ROUNDS = ['opening', 'midday', 'closing'] as const;
type Kind = (typeof KINDS)[number];

interface Me {
  username: string;
  displayName: string;
  lobbies: string[];
  supervisionCentre: boolean;
  inspectedRegions: string[];
  timeZone: string;
}
interface Visit {
  outletId: string;
  outletName?: Record<'zh-CN' | 'zh-TW' | 'en', string>;
  deadline: string;
  checklist: Checklist;
}
interface Task {
  id: string;
  inspectionId: string;
  itemId: string;
  redLine: boolean;
  dueAt: string;
}
interface Outlet {
  id: string;
  name: string;
  region: string;
}

const mysteryToken = /^\/mystery\/([A-Za-z0-9_-]{32})\/?$/.exec(location.pathname)?.[1];
const app = document.getElementById('app') as HTMLElement;
const bar = document.getElementById('bar') as HTMLElement;
const net = document.getElementById('net') as HTMLElement;
let redraw: () => void = () => {};
const { t, lang } = pageLanguage(texts, () => redraw());
let timeZone = BANK_TIME_ZONE;
const time = (iso: string) => formatDateTime(iso, lang(), timeZone);

if ('serviceWorker' in navigator)
  navigator.serviceWorker
    .register('/inspect-sw.js', { scope: mysteryToken ? '/mystery/' : '/inspect' })
    .catch(() => {});

const showNet = () => {
  net.hidden = navigator.onLine;
  net.textContent = t('offline');
};
addEventListener('offline', showNet);
addEventListener('online', () => {
  showNet();
  void flush();
});

/** A GET that falls back to what was kept on the device when there is no network. */
async function fetchKept<T>(key: string, get: () => Promise<Response>): Promise<T | undefined> {
  try {
    const response = await get();
    if (!response.ok) return undefined;
    const value = (await response.json()) as T;
    await store.cache(key, value);
    return value;
  } catch {
    return store.cached<T>(key);
  }
}

const owner = mysteryToken ? `mystery:${mysteryToken}` : `staff:${requireSignIn().username}`;
let checklist: Checklist | undefined;

async function main() {
  document.body.classList.toggle('mystery', !!mysteryToken);
  showNet();
  if (mysteryToken) return mystery(mysteryToken);
  const user = requireSignIn();
  (document.getElementById('who') as HTMLElement).textContent = user.displayName;
  const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
  signOutButton.hidden = false;
  signOutButton.addEventListener('click', signOut);
  const me = await fetchKept<Me>(`me:${user.username}`, () => apiFetch('/api/v1/staff/me'));
  if (!me) return message(t('needOnline'));
  timeZone = me.timeZone || BANK_TIME_ZONE;
  const kinds = KINDS.filter(
    (k) =>
      (k === 'self-check' && me.lobbies.length > 0) ||
      (k === 'spot-check' && me.supervisionCentre) ||
      (k === 'joint-check' && me.inspectedRegions.length > 0),
  );
  if (kinds.length === 0) return message(t('notAllowed'), 'refusal');
  checklist = await fetchKept<Checklist>('checklist:service', () =>
    apiFetch('/api/v1/supervision/checklists/service'),
  );
  if (!checklist) return message(t('needOnline'));
  const draft = await store.draft(owner);
  if (draft) return capture(draft);
  choose(me, kinds);
  void flush();
}

function message(text: string, cls = 'notice') {
  redraw = () => message(text, cls);
  bar.hidden = true;
  app.replaceChildren(el('p', { class: `card ${cls}`, role: 'alert' }, text));
}

// ---------------------------------------------------------------------------------------------
// Staff: the kind, the outlet and the round

function choose(me: Me, kinds: Kind[]) {
  bar.hidden = true;
  let kind: Kind = kinds[0] as Kind;
  let outlet: Outlet | undefined;
  let round: (typeof ROUNDS)[number] | undefined;
  const form = el('section', { class: 'card choose' });
  const outbox = el('section', { class: 'outbox', id: 'outbox' });
  const draw = () => {
    const kindButtons = kinds.map((k) => {
      const b = el('button', { type: 'button', class: 'choice', 'data-kind': k }, t(`kind.${k}`));
      b.setAttribute('aria-pressed', String(k === kind));
      b.addEventListener('click', () => {
        kind = k;
        outlet = undefined;
        draw();
      });
      return b;
    });
    const parts: Node[] = [el('h2', {}, t('chooseKind')), el('div', { class: 'choices' }, ...kindButtons)];
    const outletArea = el('div', { class: 'outlets', 'aria-live': 'polite' });
    const pick = (o: Outlet) => {
      const b = el(
        'button',
        { type: 'button', class: 'choice outlet', 'data-outlet': o.id },
        o.name,
        el('small', {}, o.region),
      );
      b.setAttribute('aria-pressed', String(outlet?.id === o.id));
      b.addEventListener('click', () => {
        outlet = o;
        draw();
      });
      return b;
    };
    if (kind === 'self-check') {
      void Promise.all(me.lobbies.map((id) => outletById(id))).then((found) => {
        const list = found.filter((o): o is Outlet => !!o);
        if (!outlet && list.length === 1) outlet = list[0];
        outletArea.replaceChildren(...list.map(pick));
        for (const b of outletArea.querySelectorAll('button'))
          b.setAttribute('aria-pressed', String(b.dataset.outlet === outlet?.id));
        startButton.disabled = !outlet || !round;
      });
      const rounds = ROUNDS.map((r) => {
        const b = el('button', { type: 'button', class: 'choice', 'data-round': r }, t(`round.${r}`));
        b.setAttribute('aria-pressed', String(r === round));
        b.addEventListener('click', () => {
          round = r;
          draw();
        });
        return b;
      });
      parts.push(
        el('h2', {}, t('outlet')),
        outletArea,
        el('h2', {}, t('round')),
        el('div', { class: 'choices' }, ...rounds),
      );
    } else {
      const search = el('input', { type: 'search', id: 'outlet-search', autocomplete: 'off' });
      const find = async () => {
        const q = search.value.trim();
        const found = await fetchKept<{ items: Outlet[] }>(`outlets:${lang()}:${q}`, () =>
          pageFetch(`/api/v1/outlets?q=${encodeURIComponent(q)}&lang=${lang()}`),
        );
        const items = found?.items ?? [];
        outletArea.replaceChildren(...(items.length ? items.map(pick) : [el('p', {}, t('noOutlet'))]));
      };
      search.addEventListener('input', () => void find());
      parts.push(el('label', { for: 'outlet-search' }, t('findOutlet')), search, outletArea);
      if (outlet) outletArea.replaceChildren(pick(outlet));
      else void find();
    }
    const startButton = el('button', { type: 'button', class: 'primary big', id: 'start' }, t('start'));
    startButton.disabled = !outlet || (kind === 'self-check' && !round);
    startButton.addEventListener('click', async () => {
      if (!outlet || !checklist) return;
      const draft: Draft = {
        owner,
        id: crypto.randomUUID(),
        kind,
        outletId: outlet.id,
        outletName: outlet.name,
        ...(kind === 'self-check' ? { round } : {}),
        checklistId: checklist.id,
        checklistVersion: checklist.version,
        startedAt: new Date().toISOString(),
        answers: {},
      };
      await store.saveDraft(draft);
      capture(draft);
    });
    parts.push(startButton);
    form.replaceChildren(...parts);
  };
  redraw = () => {
    draw();
    void drawOutbox(outbox);
  };
  redraw();
  app.replaceChildren(form, outbox);
}

async function outletById(id: string): Promise<Outlet | undefined> {
  const found = await fetchKept<{ items: Outlet[] }>(`outlets:${lang()}:${id}`, () =>
    pageFetch(`/api/v1/outlets?q=${encodeURIComponent(id)}&lang=${lang()}`),
  );
  return found?.items.find((o) => o.id === id);
}

// ---------------------------------------------------------------------------------------------
// Filling, reviewing, submitting

const nameOf = (draft: Draft) =>
  typeof draft.outletName === 'string' ? draft.outletName : draft.outletName[lang()];

function heading(draft: Draft) {
  const kind = t(`kind.${draft.kind}`);
  return el(
    'p',
    { class: 'assignment', id: 'assignment' },
    el('strong', {}, nameOf(draft)),
    ` · ${kind}${draft.round ? ` · ${t(`round.${draft.round}`)}` : ''}`,
  );
}

function capture(draft: Draft) {
  if (!checklist) return;
  const list = checklist;
  const saved = el('span', { class: 'saved', 'aria-live': 'polite' });
  const body = el('div', { id: 'checklist' });
  const review = el('button', { type: 'button', class: 'primary big', id: 'review' }, t('review'));
  review.addEventListener('click', () => summary(draft));
  const parts: Node[] = [heading(draft), body, review];
  if (!mysteryToken) {
    const discard = el('button', { type: 'button', class: 'link', id: 'discard' }, t('discard'));
    discard.addEventListener('click', async () => {
      if (!confirm(t('discardConfirm'))) return;
      await store.dropDraft(owner);
      location.reload();
    });
    parts.push(discard);
  }
  bar.hidden = false;
  const draw = () => {
    renderCapture(
      body,
      {
        checklist: list,
        draft,
        t,
        lang: lang(),
        changed: (d) => {
          void store.saveDraft(d).then(() => {
            saved.textContent = t('draftSaved');
          });
        },
        showScore: !mysteryToken,
        takePhoto: shrinkPhoto,
      },
      bar,
    );
  };
  redraw = () => capture(draft);
  draw();
  app.replaceChildren(...parts, saved);
  // The outlet is named in the page's language, also after the language is switched.
  if (typeof draft.outletName === 'string')
    void outletById(draft.outletId).then((outlet) => {
      if (!outlet || outlet.name === draft.outletName) return;
      draft.outletName = outlet.name;
      void store.saveDraft(draft);
      document.getElementById('assignment')?.replaceWith(heading(draft));
    });
  scrollTo(0, 0);
}

function summary(draft: Draft) {
  if (!checklist) return;
  const list = checklist;
  const s = stateOf(list, draft);
  const names = (items: { text: Record<string, string> }[]) =>
    el('ul', {}, ...items.map((i) => el('li', {}, i.text[lang()] ?? '')));
  const back = el('button', { type: 'button', class: 'big' }, t('back'));
  back.addEventListener('click', () => capture(draft));
  const submit = el('button', { type: 'button', class: 'primary big', id: 'submit' }, t('submit'));
  submit.disabled = s.unanswered.length > 0 || s.photosMissing.length > 0;
  submit.addEventListener('click', async () => {
    submit.disabled = true;
    const entry = await store.queue(draft, new Date());
    const sent = await send(entry);
    showEntry(sent);
  });
  bar.hidden = true;
  redraw = () => summary(draft);
  app.replaceChildren(
    el(
      'section',
      { class: 'card summary', id: 'summary' },
      el('h2', {}, t('summary')),
      heading(draft),
      ...(mysteryToken
        ? []
        : [
            el(
              'p',
              { class: 'score-line' },
              `${t('score')} `,
              el('strong', { id: 'summary-score' }, s.score.score === null ? '—' : s.score.score.toFixed(1)),
            ),
            ...(s.score.redLineFailed ? [el('p', { class: 'red-line-failed' }, t('redLineFailed'))] : []),
          ]),
      el('p', {}, t('findings', { n: s.findings.length })),
      names(s.findings),
      ...(s.unanswered.length
        ? [el('p', { class: 'warn' }, t('unanswered', { n: s.unanswered.length })), names(s.unanswered)]
        : []),
      ...(s.photosMissing.length
        ? [
            el('p', { class: 'warn' }, t('photosMissing', { n: s.photosMissing.length })),
            names(s.photosMissing),
          ]
        : []),
      el('div', { class: 'actions' }, back, submit),
    ),
  );
  scrollTo(0, 0);
}

// ---------------------------------------------------------------------------------------------
// The outbox

let flushing: Promise<void> | undefined;
/** Sends every waiting inspection of this person or link, one at a time; on load and when online. */
function flush(): Promise<void> {
  flushing ??= (async () => {
    for (const entry of await store.outbox(owner)) {
      if (entry.status !== 'pending') continue;
      const after = await send(entry);
      // The result on screen follows its inspection: 待上传 becomes 已提交 when it goes.
      if (document.querySelector(`#result[data-id="${after.id}"]`)) showEntry(after);
    }
    flushing = undefined;
    const box = document.getElementById('outbox');
    if (box) await drawOutbox(box);
  })();
  return flushing;
}

/** Uploads the photos still on the device, then the inspection under its own id; a network failure leaves it waiting. */
async function send(entry: OutboxEntry): Promise<OutboxEntry> {
  const { draft } = entry;
  try {
    for (const [itemId, answer] of Object.entries(draft.answers)) {
      if (!answer.photo || answer.photoKey) continue;
      const token = getToken();
      answer.photoKey = await uploadPhoto(
        answer.photo,
        mysteryToken
          ? { inspectionId: draft.id, token: mysteryToken }
          : { inspectionId: draft.id, authorization: token ? `Bearer ${token}` : undefined },
      );
      answer.photo = undefined;
      draft.answers[itemId] = answer;
      await store.saveEntry(entry);
    }
    const body = JSON.stringify({
      id: draft.id,
      kind: draft.kind,
      outletId: draft.outletId,
      checklistId: draft.checklistId,
      checklistVersion: draft.checklistVersion,
      ...(draft.round ? { round: draft.round } : {}),
      startedAt: draft.startedAt,
      answers: answersOf(checklist ?? { sections: [] }, draft),
    });
    const response = mysteryToken
      ? await pageFetch(`/api/v1/mystery/${mysteryToken}/inspections`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      : await apiFetch('/api/v1/supervision/inspections', { method: 'POST', body });
    if (response.status === 200 || response.status === 201) {
      const inspection = (await response.json()) as { id: string };
      entry.status = 'sent';
      entry.answer = { inspection, tasks: await tasksOf(draft) };
    } else if (
      response.status >= 400 &&
      response.status < 500 &&
      response.status !== 401 &&
      response.status !== 429
    ) {
      const refusal = (await response.json().catch(() => ({}))) as { message?: string };
      entry.status = 'refused';
      entry.refusal = refusal.message ?? t('error');
    }
  } catch {
    // No network: it stays waiting, and goes when the network is back.
  }
  await store.saveEntry(entry);
  return entry;
}

/** The rectification tasks the inspection opened (spot and joint checks; a self-check's are the outlet's own). */
async function tasksOf(draft: Draft): Promise<Task[]> {
  if (draft.kind !== 'spot-check' && draft.kind !== 'joint-check') return [];
  try {
    const response = await apiFetch(
      `/api/v1/supervision/rectifications?outletId=${encodeURIComponent(draft.outletId)}&status=open`,
    );
    if (!response.ok) return [];
    const { items } = (await response.json()) as { items: Task[] };
    return items.filter((task) => task.inspectionId === draft.id);
  } catch {
    return [];
  }
}

const statusWord = (entry: OutboxEntry) =>
  entry.status === 'sent' ? t('sent') : entry.status === 'refused' ? t('refused') : t('pending');

async function drawOutbox(box: HTMLElement) {
  const entries = await store.outbox(owner);
  if (entries.length === 0) return box.replaceChildren();
  const rows = entries.map((entry) => {
    const row = el(
      'button',
      { type: 'button', class: `entry ${entry.status}`, 'data-id': entry.id },
      el(
        'span',
        {},
        `${nameOf(entry.draft)} · ${t(`kind.${entry.draft.kind}`)}${entry.draft.round ? ` · ${t(`round.${entry.draft.round}`)}` : ''}`,
      ),
      el('small', {}, time(entry.queuedAt)),
      el('span', { class: 'status' }, statusWord(entry)),
    );
    row.addEventListener('click', () => showEntry(entry));
    return el('li', {}, row);
  });
  const again = el('button', { type: 'button', id: 'send-now' }, t('sendNow'));
  again.addEventListener('click', () => void flush());
  box.replaceChildren(
    el('h2', {}, t('outbox')),
    el('ul', {}, ...rows),
    ...(entries.some((e) => e.status === 'pending') ? [again] : []),
  );
}

/** What became of a submitted inspection: waiting, refused, or its result with the tasks it opened. */
function showEntry(entry: OutboxEntry) {
  bar.hidden = true;
  redraw = () => showEntry(entry);
  const again = el('button', { type: 'button', class: 'primary big', id: 'new' }, t('newInspection'));
  again.addEventListener('click', () => location.reload());
  const card = el('section', {
    class: 'card result',
    id: 'result',
    'data-id': entry.id,
    'data-status': entry.status,
  });
  const parts: Node[] = [el('h2', {}, t('result')), heading(entry.draft)];
  parts.push(el('p', { class: `status ${entry.status}`, id: 'entry-status' }, statusWord(entry)));
  if (entry.status === 'pending') parts.push(el('p', {}, t('queued')));
  if (entry.status === 'refused')
    parts.push(el('p', { class: 'refusal', role: 'alert' }, entry.refusal ?? ''));
  if (entry.status === 'sent' && mysteryToken) parts.push(el('p', { id: 'mystery-done' }, t('mysteryDone')));
  if (entry.status === 'sent' && !mysteryToken) {
    const { inspection, tasks } = entry.answer as {
      inspection: { result: { score: number | null; redLineFailed: boolean } };
      tasks: Task[];
    };
    const items = new Map((checklist?.sections ?? []).flatMap((s) => s.items).map((i) => [i.id, i]));
    parts.push(
      el(
        'p',
        { class: 'score-line' },
        `${t('score')} `,
        el(
          'strong',
          { id: 'result-score' },
          inspection.result.score === null ? '—' : inspection.result.score.toFixed(1),
        ),
        ' · ',
        el('span', { id: 'result-verdict' }, inspection.result.redLineFailed ? t('failed') : t('passed')),
      ),
      el('h3', {}, t('tasks')),
      entry.draft.kind === 'self-check' || tasks.length === 0
        ? el('p', { id: 'no-tasks' }, t('noTasks'))
        : el(
            'ul',
            { id: 'tasks' },
            ...tasks.map((task) =>
              el(
                'li',
                { 'data-item': task.itemId },
                ...(task.redLine ? [el('span', { class: 'badge red' }, t('redLine')), ' '] : []),
                items.get(task.itemId)?.text[lang()] ?? '',
                el('small', { class: 'due' }, t('dueBy', { due: time(task.dueAt) })),
              ),
            ),
          ),
    );
  }
  if (!mysteryToken) parts.push(again);
  card.replaceChildren(...parts);
  app.replaceChildren(card);
  scrollTo(0, 0);
}

// ---------------------------------------------------------------------------------------------
// A mystery shopper's link

async function mystery(token: string) {
  document.title = t('mysteryTitle');
  (document.querySelector('h1') as HTMLElement).textContent = t('mysteryTitle');
  const [entry] = await store.outbox(owner);
  if (entry) {
    if (entry.status === 'pending') await send(entry);
    return entry.status === 'sent' ? message(`${t('mysteryDone')} ${t('linkClosed')}`) : showEntry(entry);
  }
  let closed = false;
  const visit = await fetchKept<Visit>(`visit:${token}`, async () => {
    const response = await pageFetch(`/api/v1/mystery/${token}`);
    closed = response.status === 404;
    return response;
  });
  if (closed) return message(t('linkClosed'), 'refusal');
  if (!visit) return message(t('needOnline'));
  checklist = visit.checklist;
  const draft: Draft = (await store.draft(owner)) ?? {
    owner,
    id: crypto.randomUUID(),
    kind: 'mystery-visit',
    outletId: visit.outletId,
    outletName: visit.outletName ?? '',
    checklistId: visit.checklist.id,
    checklistVersion: visit.checklist.version,
    startedAt: new Date().toISOString(),
    answers: {},
  };
  await store.saveDraft(draft);
  const deadline = document.getElementById('deadline') as HTMLElement;
  const showDeadline = () => {
    deadline.hidden = false;
    deadline.replaceChildren(
      el('strong', {}, `${t('deadline')} ${time(visit.deadline)}`),
      el('br'),
      t('mysteryIntro'),
    );
  };
  showDeadline();
  capture(draft);
  const inner = redraw;
  redraw = () => {
    showDeadline();
    inner();
  };
}

void main().catch(() => message(t('error')));
