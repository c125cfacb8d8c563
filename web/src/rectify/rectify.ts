import { localDate } from '../../../functions/domain/calendar.js';
import type { Checklist } from '../../../functions/domain/supervision/checklist.js';
import type { Inspection } from '../../../functions/domain/supervision/inspections.js';
import type { Rectification } from '../../../functions/domain/supervision/rectification.js';
import { formatDate, formatDateTime } from '../shared/i18n.js';
import { pageFetch } from '../shared/page-fetch.js';
import { pageLanguage } from '../shared/page-language.js';
import { PhotoUploadError, photoSrc, shrinkPhoto, uploadPhoto } from '../shared/photo-upload.js';
import { apiFetch, el, getToken, requireSignIn, signOut } from '../shared/session.js';
import { texts } from './texts.js';

/**
 * The rectification page (整改, /rectify?outletId=): an outlet's tasks in three groups (to put
 * right, waiting for review, accepted in the last 30 days). The outlet's manager answers a task
 * with a note and a photo (shrunk here, uploaded straight to storage by the photo contract); an
 * inspector of the outlet's reach (the supervision centre, the region's team, head office)
 * accepts the answer or returns it with a reason. Every action carries the task's version: a task
 * changed meanwhile is a 409, said in words, and the list is read again.
 */
const BANK_TIME_ZONE = 'Asia/Shanghai';
const DONE_DAYS = 30;

interface Me {
  username: string;
  outlets: string[];
  supervisionCentre: boolean;
  inspectedRegions: string[];
  headOffice: boolean;
  timeZone: string;
}
interface Outlet {
  id: string;
  name: string;
  region: string;
}
type Kind = Inspection['kind'];

const app = document.getElementById('app') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;
let redraw: () => void = () => {};
/** What a change of language does: redraws, or reads the outlet again for its name in the new language. */
let relabel: () => void = () => redraw();
const { t, lang } = pageLanguage(texts, () => {
  document.title = t('pageTitle');
  relabel();
});
document.title = t('pageTitle');
let timeZone = BANK_TIME_ZONE;
const time = (iso: string) => formatDateTime(iso, lang(), timeZone);

/** What the API said, in the page's language: its message and each field's. */
class ApiError extends Error {}
async function refusalOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as {
    message?: string;
    fields?: Record<string, string>;
  };
  const fields = Object.values(body.fields ?? {});
  const words = [body.message, ...fields].filter((w): w is string => !!w);
  return new ApiError(words.join('；') || String(response.status));
}
async function getJson<T>(path: string): Promise<T> {
  const response = await apiFetch(path);
  if (!response.ok) throw await refusalOf(response);
  return (await response.json()) as T;
}
const say = (error: unknown) =>
  error instanceof ApiError || error instanceof PhotoUploadError
    ? t('error', { message: error.message })
    : t('network');

function showStatus(text: string, kind: 'done' | 'error' = 'done') {
  status.textContent = text;
  status.className = kind;
  status.hidden = !text;
}

async function main() {
  const user = requireSignIn();
  (document.getElementById('who') as HTMLElement).textContent = user.displayName;
  (document.getElementById('sign-out') as HTMLElement).addEventListener('click', signOut);
  let me: Me;
  try {
    me = await getJson<Me>('/api/v1/staff/me');
  } catch (error) {
    redraw = () => message(say(error));
    return redraw();
  }
  timeZone = me.timeZone || BANK_TIME_ZONE;
  const reviewer = me.supervisionCentre || me.headOffice || me.inspectedRegions.length > 0;
  if (me.outlets.length === 0 && !reviewer) {
    redraw = () => message(t('notAllowed'));
    return redraw();
  }
  const asked = new URLSearchParams(location.search).get('outletId');
  const outletId = asked ?? (me.outlets.length > 0 ? me.outlets[0] : undefined);
  if (outletId) return showOutlet(me, outletId);
  pickOutlet(me);
}

function message(text: string) {
  app.replaceChildren(el('p', { class: 'card notice', role: 'alert' }, text));
  app.dataset.ready = 'true';
}

// ---------------------------------------------------------------------------------------------
// Choosing an outlet (inspectors): by its name, never its id

async function findOutlets(q: string): Promise<Outlet[]> {
  const response = await pageFetch(`/api/v1/outlets?q=${encodeURIComponent(q)}&lang=${lang()}`);
  if (!response.ok) throw await refusalOf(response);
  return ((await response.json()) as { items: Outlet[] }).items;
}

function pickOutlet(me: Me) {
  relabel = () => redraw();
  let query = '';
  const results = el('div', { class: 'outlets', 'aria-live': 'polite' });
  const search = el('input', { type: 'search', id: 'outlet-search', autocomplete: 'off' });
  const find = async () => {
    try {
      const items = await findOutlets(query);
      results.replaceChildren(
        ...(items.length
          ? items.map((o) => {
              const b = el(
                'button',
                { type: 'button', class: 'outlet', 'data-outlet': o.id },
                el('strong', {}, o.name),
                el('span', { class: 'muted' }, o.region),
              );
              b.addEventListener('click', () => {
                history.pushState(null, '', `/rectify?outletId=${encodeURIComponent(o.id)}`);
                void showOutlet(me, o.id);
              });
              return b;
            })
          : [el('p', {}, t('noOutlet'))]),
      );
    } catch (error) {
      results.replaceChildren(el('p', { class: 'error', role: 'alert' }, say(error)));
    }
  };
  search.addEventListener('input', () => {
    query = search.value.trim();
    void find();
  });
  redraw = () => {
    const label = el('label', { for: 'outlet-search' }, t('findOutlet'));
    app.replaceChildren(
      el('section', { class: 'card' }, el('h2', {}, t('chooseOutlet')), label, search, results),
    );
    app.dataset.ready = 'true';
    void find();
  };
  redraw();
}

addEventListener('popstate', () => location.reload());

// ---------------------------------------------------------------------------------------------
// An outlet's tasks

interface TaskView {
  task: Rectification;
  inspection?: Inspection | undefined;
  item?: Checklist['sections'][number]['items'][number] | undefined;
}

async function showOutlet(me: Me, outletId: string) {
  app.replaceChildren(el('p', {}, t('loading')));
  const manager = me.outlets.includes(outletId);
  let outletName = '';
  let views: TaskView[] = [];
  let showOlder = false;
  let failure: unknown;

  const load = async () => {
    try {
      const [outlet, tasks] = await Promise.all([
        findOutlets(outletId).then((found) => found.find((o) => o.id === outletId)),
        getJson<{ items: Rectification[] }>(
          `/api/v1/supervision/rectifications?outletId=${encodeURIComponent(outletId)}`,
        ),
      ]);
      outletName = outlet?.name ?? '';
      views = await namesOf(tasks.items);
      failure = undefined;
    } catch (error) {
      failure = error;
    }
  };

  const act = async (task: Rectification, body: Record<string, unknown>, done: string) => {
    const response = await apiFetch(
      `/api/v1/supervision/rectifications/${encodeURIComponent(task.id)}/actions`,
      {
        method: 'POST',
        body: JSON.stringify({ ...body, expectedVersion: task.version }),
      },
    );
    const refusal = response.ok ? undefined : say(await refusalOf(response));
    // Done or refused (someone else acted meanwhile: 409), the list is read again, then said so.
    await load();
    redraw();
    if (refusal) showStatus(refusal, 'error');
    else showStatus(done);
    status.scrollIntoView?.({ block: 'nearest' });
  };

  redraw = () => {
    if (failure) return message(say(failure));
    const now = Date.now();
    const today = localDate(new Date(now), timeZone);
    const overdue = (v: TaskView) => v.task.status === 'open' && Date.parse(v.task.dueAt) < now;
    const todo = views
      .filter((v) => v.task.status === 'open')
      .sort((a, b) => Number(overdue(b)) - Number(overdue(a)) || a.task.dueAt.localeCompare(b.task.dueAt));
    const review = views
      .filter((v) => v.task.status === 'submitted')
      .sort((a, b) => a.task.dueAt.localeCompare(b.task.dueAt));
    const accepted = views
      .filter((v) => v.task.status === 'accepted')
      .sort((a, b) => (b.task.acceptedAt ?? '').localeCompare(a.task.acceptedAt ?? ''));
    const since = new Date(now - DONE_DAYS * 86_400_000).toISOString();
    const recent = accepted.filter((v) => (v.task.acceptedAt ?? '') >= since);
    const done = showOlder ? accepted : recent;

    const card = (v: TaskView) =>
      taskCard(v, { manager, reviewer: !manager, today, overdue: overdue(v), act });
    const section = (id: string, heading: string, list: TaskView[], empty: string, extra?: Node) =>
      el(
        'section',
        { id, 'aria-labelledby': `${id}-heading` },
        el('h2', { id: `${id}-heading` }, heading),
        ...(list.length ? list.map(card) : [el('p', { class: 'muted empty' }, empty)]),
        ...(extra ? [extra] : []),
      );
    const older = accepted.length - recent.length;
    const olderButton =
      !showOlder && older > 0
        ? el('button', { type: 'button', id: 'show-older' }, t('showOlder', { n: older }))
        : undefined;
    olderButton?.addEventListener('click', () => {
      showOlder = true;
      redraw();
    });
    const head = el(
      'div',
      { class: 'outlet-head' },
      el('h1', { id: 'outlet-name' }, t('outletTasks', { outlet: outletName })),
    );
    if (!manager) {
      const change = el('button', { type: 'button', id: 'change-outlet' }, t('changeOutlet'));
      change.addEventListener('click', () => {
        history.pushState(null, '', '/rectify');
        showStatus('');
        pickOutlet(me);
      });
      head.append(change);
    }
    app.replaceChildren(
      head,
      section('todo', t('section.todo', { n: todo.length }), todo, t('empty.todo')),
      section('review', t('section.review', { n: review.length }), review, t('empty.review')),
      section('done', t('section.done', { n: recent.length }), done, t('empty.done'), olderButton),
    );
    app.dataset.ready = 'true';
  };
  relabel = () => void load().then(redraw);
  await load();
  redraw();
}

/** Each task's checklist item by name, from the checklist version its inspection was filled on. */
async function namesOf(tasks: Rectification[]): Promise<TaskView[]> {
  const inspections = new Map<string, Promise<Inspection | undefined>>();
  const checklists = new Map<string, Promise<Checklist | undefined>>();
  const inspectionOf = (id: string) => {
    if (!inspections.has(id))
      inspections.set(
        id,
        getJson<Inspection>(`/api/v1/supervision/inspections/${encodeURIComponent(id)}`).catch(
          () => undefined,
        ),
      );
    return inspections.get(id) as Promise<Inspection | undefined>;
  };
  const checklistOf = (id: string, version: number) => {
    const key = `${id}@${version}`;
    if (!checklists.has(key))
      checklists.set(
        key,
        getJson<Checklist>(
          `/api/v1/supervision/checklists/${encodeURIComponent(id)}?version=${version}`,
        ).catch(() => undefined),
      );
    return checklists.get(key) as Promise<Checklist | undefined>;
  };
  return Promise.all(
    tasks.map(async (task) => {
      const inspection = await inspectionOf(task.inspectionId);
      const checklist = inspection
        ? await checklistOf(inspection.checklistId, inspection.checklistVersion)
        : undefined;
      const item = checklist?.sections.flatMap((s) => s.items).find((i) => i.id === task.itemId);
      return { task, inspection, item };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// One task

function taskCard(
  view: TaskView,
  options: {
    manager: boolean;
    reviewer: boolean;
    today: string;
    overdue: boolean;
    act: (task: Rectification, body: Record<string, unknown>, done: string) => Promise<void>;
  },
) {
  const { task, inspection } = view;
  const badges = el('p', { class: 'badges' });
  if (options.overdue) badges.append(el('span', { class: 'badge overdue' }, t('overdue')));
  if (task.redLine) badges.append(el('span', { class: 'badge red-line' }, t('redLine')));
  if (task.repeated) badges.append(el('span', { class: 'badge repeated' }, t('repeated')));
  if (task.status === 'open' && task.returned)
    badges.append(el('span', { class: 'badge' }, t('returnedBadge')));

  const card = el(
    'article',
    {
      class: `card task${options.overdue ? ' is-overdue' : ''}`,
      'data-task': task.id,
      'data-status': task.status,
    },
    el('h3', { class: 'item-name' }, view.item?.text[lang()] ?? ''),
  );
  if (badges.childElementCount) card.append(badges);
  if (inspection)
    card.append(
      el(
        'p',
        { class: 'found-by muted' },
        t('foundBy', {
          kind: t(`kind.${inspection.kind as Kind}`),
          date: formatDate(inspection.submittedAt, lang(), timeZone),
        }),
      ),
    );

  if (task.status !== 'accepted') {
    const dueDay = localDate(new Date(task.dueAt), timeZone);
    const days = daysBetween(options.today, dueDay);
    const left =
      days > 0 ? t('daysLeft', { n: days }) : days === 0 ? t('dueToday') : t('daysOverdue', { n: -days });
    card.append(
      el(
        'p',
        { class: `due${options.overdue ? ' late' : ''}` },
        `${t('due', { time: time(task.dueAt) })} · `,
        el('strong', {}, left),
      ),
    );
  }

  // The finding as the inspector recorded it.
  const answer = inspection?.answers.find((a) => a.itemId === task.itemId);
  if (answer && 'note' in answer && answer.note)
    card.append(el('p', { class: 'finding' }, `${t('finding')}：${answer.note}`));
  if (answer && 'photo' in answer && answer.photo) card.append(photo(answer.photo, t('findingPhoto')));

  // The steps so far, in the order the lifecycle puts them (a task keeps its last answer and its
  // last return): found; a task open again was answered, then returned; one answered since a
  // return was returned, then answered; accepted last.
  const steps: Node[] = [el('li', {}, t('step.found', { time: time(task.foundAt) }))];
  const answered = task.answer ? answerStep(task.answer) : undefined;
  const returned = task.returned
    ? el(
        'li',
        { class: 'step-return' },
        t('step.return', { time: time(task.returned.at), reason: task.returned.reason }),
      )
    : undefined;
  const inOrder = task.status === 'open' ? [answered, returned] : [returned, answered];
  for (const step of inOrder) if (step) steps.push(step);
  if (task.acceptedAt) steps.push(el('li', {}, t('step.accept', { time: time(task.acceptedAt) })));
  card.append(
    el(
      'details',
      { class: 'history', ...(task.status === 'accepted' ? {} : { open: '' }) },
      el('summary', {}, t('history')),
      el('ol', {}, ...steps),
    ),
  );

  if (task.status === 'open' && options.manager) card.append(answerForm(task, options.act));
  if (task.status === 'submitted' && options.manager)
    card.append(el('p', { class: 'muted' }, t('waitingReview')));
  if (task.status === 'submitted' && options.reviewer) card.append(reviewForm(task, options.act));
  return card;
}

function answerStep(answer: NonNullable<Rectification['answer']>) {
  const li = el(
    'li',
    { class: 'step-answer' },
    t('step.answer', { time: time(answer.at), note: answer.note }),
  );
  if (answer.photo) li.append(photo(answer.photo, t('answerPhoto')));
  return li;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** A stored photo: the API answers with a short-lived link to storage, which is read with the token. */
function photo(key: string, label: string) {
  const figure = el('figure', { class: 'photo' }, el('figcaption', {}, label));
  void (async () => {
    try {
      const response = await apiFetch(photoSrc(key));
      if (!response.ok) throw new Error(String(response.status));
      const img = el('img', { alt: label, src: URL.createObjectURL(await response.blob()) });
      figure.prepend(img);
    } catch {
      figure.append(el('p', { class: 'muted' }, t('photoFailed')));
    }
  })();
  return figure;
}

function answerForm(
  task: Rectification,
  act: (task: Rectification, body: Record<string, unknown>, done: string) => Promise<void>,
) {
  const id = (name: string) => `${name}-${task.id}`;
  const note = el('textarea', { id: id('note'), name: 'note', maxlength: '1000', rows: '4' });
  // The file control itself is hidden: its own words are the browser's, not the page's language.
  const file = el('input', {
    id: id('photo'),
    type: 'file',
    accept: 'image/*',
    capture: 'environment',
    class: 'visually-hidden',
  });
  const chosen = el('p', { class: 'muted', 'aria-live': 'polite' });
  const problem = el('p', { class: 'error', role: 'alert' });
  const send = el('button', { type: 'submit', class: 'primary' }, t('send'));
  file.addEventListener('change', () => {
    const picked = file.files?.[0];
    chosen.textContent = picked ? `${t('photoChosen')}：${picked.name}` : '';
  });
  const form = el(
    'form',
    { class: 'answer', novalidate: '' },
    el('label', { for: id('note') }, t('note')),
    note,
    file,
    el('label', { for: id('photo'), class: 'button photo-button' }, t('photo')),
    chosen,
    problem,
    send,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    if (!note.value.trim()) {
      problem.textContent = t('noteNeeded');
      note.focus();
      return;
    }
    send.disabled = true;
    try {
      let key: string | undefined;
      const picked = file.files?.[0];
      if (picked) {
        send.textContent = t('uploading');
        const token = getToken();
        key = await uploadPhoto(await shrinkPhoto(picked), {
          rectificationId: task.id,
          authorization: token ? `Bearer ${token}` : undefined,
        });
      }
      send.textContent = t('sending');
      await act(task, { type: 'answer', note: note.value.trim(), ...(key ? { photo: key } : {}) }, t('sent'));
    } catch (error) {
      problem.textContent = say(error);
      send.disabled = false;
      send.textContent = t('send');
    }
  });
  return form;
}

function reviewForm(
  task: Rectification,
  act: (task: Rectification, body: Record<string, unknown>, done: string) => Promise<void>,
) {
  const reasonId = `reason-${task.id}`;
  const reason = el('textarea', { id: reasonId, name: 'reason', maxlength: '500', rows: '3' });
  const problem = el('p', { class: 'error', role: 'alert' });
  const accept = el('button', { type: 'button', class: 'primary accept' }, t('accept'));
  const back = el('button', { type: 'button', class: 'return' }, t('return'));
  const busy = (on: boolean) => {
    accept.disabled = on;
    back.disabled = on;
  };
  accept.addEventListener('click', async () => {
    busy(true);
    await act(task, { type: 'accept' }, t('accepted')).catch((error) => {
      problem.textContent = say(error);
      busy(false);
    });
  });
  back.addEventListener('click', async () => {
    problem.textContent = '';
    if (!reason.value.trim()) {
      problem.textContent = t('reasonNeeded');
      reason.focus();
      return;
    }
    busy(true);
    await act(task, { type: 'return', reason: reason.value.trim() }, t('returned')).catch((error) => {
      problem.textContent = say(error);
      busy(false);
    });
  });
  return el(
    'div',
    { class: 'review' },
    el('div', { class: 'actions' }, accept),
    el('label', { for: reasonId }, t('returnReason')),
    reason,
    problem,
    el('div', { class: 'actions' }, back),
  );
}

void main();
