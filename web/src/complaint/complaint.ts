import { type MessageKey, say } from '../../../functions/domain/messages.js';
import { $, customerPage, show, status } from '../customer/page.js';
import { newId, postReliably, StillOffline, sendPending } from '../customer/reliable-post.js';
import { pageFetch } from '../shared/page-fetch.js';
import { texts } from './texts.js';

/**
 * The complaint form: at `/c/{outletId}?k=…` (from the outlet's QR code or the survey) with the
 * outlet known, or at `/c` with the outlet picked from a searchable list. One submissionId per
 * form, so a retry of the same complaint is stored once.
 */
let outletId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
let k = new URLSearchParams(location.search).get('k') ?? undefined;
const submissionId = newId();
let outletName = '';
let searchTimer: ReturnType<typeof setTimeout> | undefined;
/** Staff entering a hotline or counter complaint come from the inbox with `?staff`, signed in. */
const staffToken = new URLSearchParams(location.search).has('staff')
  ? sessionStorage.getItem('bf.token')
  : null;

const page = customerPage(texts, () => {
  void loadCategories();
  if (outletId && k) void lookUpOutlet();
  else if (!outletId) $('#outlet').textContent = t('choose');
});
const t = page.t;

async function lookUpOutlet(): Promise<number> {
  try {
    const r = await pageFetch(
      `/api/v1/outlets/${encodeURIComponent(outletId)}?k=${encodeURIComponent(k ?? '')}&lang=${page.lang()}`,
    );
    if (r.ok) {
      outletName = ((await r.json()) as { name: string }).name;
      $('#outlet').textContent = outletName;
    }
    return r.status;
  } catch {
    return 0;
  }
}

async function loadCategories() {
  const select = $<HTMLSelectElement>('#category');
  const chosen = select.value;
  const r = await pageFetch(`/api/v1/complaint-categories?lang=${page.lang()}`).catch(() => undefined);
  if (!r?.ok) return;
  const { items } = (await r.json()) as { items: { id: string; name: string }[] };
  // No category is chosen for the customer: one who skips the field must not file under the first.
  const prompt = document.createElement('option');
  prompt.value = '';
  prompt.textContent = t('chooseCategory');
  prompt.disabled = true;
  select.replaceChildren(
    prompt,
    ...items.map((c) => {
      const option = document.createElement('option');
      option.value = c.id;
      option.textContent = c.name;
      return option;
    }),
  );
  select.value = chosen;
}

function pickFromList() {
  outletId = '';
  k = undefined;
  $('#outlet').textContent = t('choose');
  show('complaint', false);
  show('pick');
  const input = $<HTMLInputElement>('#search');
  input.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void search(input.value.trim()), 250);
  });
  void search('');
}

async function search(q: string) {
  const r = await pageFetch(`/api/v1/outlets?q=${encodeURIComponent(q)}&lang=${page.lang()}`).catch(
    () => undefined,
  );
  if (!r?.ok) return;
  const { items } = (await r.json()) as { items: { id: string; name: string; region: string }[] };
  const list = $('#results');
  if (!items.length) {
    const li = document.createElement('li');
    li.textContent = t('noMatch');
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(
    ...items.map((o) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      const name = document.createElement('span');
      name.textContent = o.name;
      const region = document.createElement('small');
      region.textContent = o.region;
      b.append(name, region);
      b.addEventListener('click', () => {
        outletId = o.id;
        outletName = o.name;
        $('#outlet').textContent = o.name;
        show('pick', false);
        show('complaint');
      });
      li.append(b);
      return li;
    }),
  );
}

/** The page's own checks, worded as the API words them (one catalogue); the server checks again. */
function localProblems(form: HTMLFormElement): Record<string, string> {
  const value = (name: string) => String(new FormData(form).get(name) ?? '').trim();
  const said = (key: MessageKey) => say(page.lang(), key);
  const problems: Record<string, string> = {};
  if (!value('category')) problems.category = said('field.category.choose');
  if (value('description').length < 10) problems.description = said('field.description.tooShort');
  if (!value('contact.name')) problems['contact.name'] = said('field.required');
  if (!value('contact.phone')) problems['contact.phone'] = said('field.required');
  if (!value('consent')) problems.consent = said('field.consent');
  return problems;
}

function showProblems(fields: Record<string, string>) {
  for (const slot of document.querySelectorAll<HTMLElement>('.field-error'))
    slot.textContent = fields[slot.dataset.field ?? ''] ?? '';
  const first = Object.keys(fields)[0];
  if (first) document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
}

async function submit(event: Event) {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const local = localProblems(form);
  showProblems(local);
  if (Object.keys(local).length) return status(t('fix'), true);
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const body = {
    outletId,
    ...(k ? { k } : {}),
    submissionId,
    category: text('category'),
    description: text('description'),
    contact: { name: text('contact.name'), phone: text('contact.phone') },
    preferredChannel: text('preferredChannel') || 'call',
    ...(text('incidentDate') ? { incidentDate: text('incidentDate') } : {}),
    ...(text('staffInvolved') ? { staffInvolved: text('staffInvolved') } : {}),
    ...(data.get('notices') ? { notices: true } : {}),
    consent: true,
    lang: page.lang(),
    ...(staffToken ? { channel: text('channel') || 'hotline' } : {}),
    ...(staffToken && text('channel') === 'hotline' && text('hotlineTicket')
      ? { hotlineTicket: text('hotlineTicket') }
      : {}),
  };
  status(t('sending'));
  try {
    const answer = await postReliably(
      '/api/v1/complaints',
      body,
      staffToken ? { headers: { authorization: `Bearer ${staffToken}` } } : {},
    );
    if (answer.status === 201 || answer.status === 200) return showReceipt(answer.body);
    if (answer.status === 400) {
      showProblems((answer.body.fields ?? {}) as Record<string, string>);
      return status(t('fix'), true);
    }
    status(
      answer.status === 429
        ? t('limited')
        : answer.status === 403
          ? t('invalid')
          : answer.status === 404
            ? t('gone')
            : t('failed'),
      true,
    );
  } catch (error) {
    if (error instanceof StillOffline) status(t('offline'), true);
    else throw error;
  }
}

function showReceipt(receipt: Record<string, unknown>) {
  const no = String(receipt.trackingNo);
  status('');
  show('complaint', false);
  show('receipt');
  $('#tracking-no').textContent = no;
  $('#department').textContent = String((receipt.department as { name: string }).name);
  $('#due').textContent = new Date(String(receipt.dueAt)).toLocaleDateString(page.lang());
  $<HTMLAnchorElement>('#track-link').href = `/t?no=${encodeURIComponent(no)}`;
  $('#copy').addEventListener('click', () => {
    void navigator.clipboard?.writeText(no).then(() => status(t('copied')));
  });
  $('#tracking-no').focus();
}

async function start() {
  $('#complaint').addEventListener('submit', (e) => void submit(e));
  // A field's message goes away as soon as the customer edits that field.
  $('#complaint').addEventListener('input', (e) => {
    const name = (e.target as HTMLInputElement).name;
    const slot = document.querySelector<HTMLElement>(`.field-error[data-field="${name}"]`);
    if (slot) slot.textContent = '';
  });
  const description = $<HTMLTextAreaElement>('#description');
  description.addEventListener('input', () => {
    $('#count').textContent = String(description.value.length);
  });
  void sendPending();
  void loadCategories();
  show('staff-entry', Boolean(staffToken));
  // The hotline system's ticket number belongs to a hotline entry only, and shows only for one.
  const channel = () => document.querySelector<HTMLInputElement>('input[name="channel"]:checked')?.value;
  const showTicket = () => show('ticket-field', Boolean(staffToken) && channel() === 'hotline');
  $('#staff-entry').addEventListener('change', showTicket);
  showTicket();
  if (!outletId) return pickFromList();
  const answer = k ? await lookUpOutlet() : 400;
  if (answer === 200) return show('complaint');
  // The code did not name an outlet the page can use: the customer picks it from the list instead.
  status(answer === 404 ? t('gone') : answer === 0 ? t('cannotOpen') : t('invalid'), true);
  pickFromList();
}

void start();
