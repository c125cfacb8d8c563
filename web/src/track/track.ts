import { $, customerPage, show, status } from '../customer/page.js';
import { pageFetch } from '../shared/page-fetch.js';
import { texts } from './texts.js';

/**
 * Tracking a complaint with its number and the phone's last four digits: status, the public
 * timeline, the decision with the customer's further options, and the rating of the handling.
 */
interface Tracking {
  trackingNo: string;
  status: string;
  category: { name: string };
  outlet: { name: string };
  department: { name: string };
  dueAt: string;
  canRate: boolean;
  resolution?: { decision: string; options: string[] };
  timeline: { at: string; action: string; department?: string; dueAt?: string; reason?: string }[];
}

type Key = keyof (typeof texts)['en'];
let current: Tracking | undefined;

const page = customerPage(texts, () => {
  if (current) render(current);
});
const t = (key: string) => page.t(key as Key) ?? key;
const date = (iso: string | undefined) => (iso ? new Date(iso).toLocaleDateString(page.lang()) : '');

async function look(event?: Event) {
  event?.preventDefault();
  const no = $<HTMLInputElement>('#no').value.trim();
  const last4 = $<HTMLInputElement>('#last4').value.trim();
  if (!no || !/^\d{4}$/.test(last4)) return status(t('needBoth'), true);
  status('');
  const r = await pageFetch(
    `/api/v1/complaints/${encodeURIComponent(no)}?phoneLast4=${last4}&lang=${page.lang()}`,
  ).catch(() => undefined);
  if (!r || r.status >= 500) return status(t('failed'), true);
  if (r.status === 404 || r.status === 400) {
    show('result', false);
    return status(t('notFound'), true);
  }
  if (r.status === 429) return status(t('tooMany'), true);
  render((await r.json()) as Tracking);
}

function render(c: Tracking) {
  current = c;
  show('result');
  $('#state').textContent = `${c.trackingNo} · ${t(`state.${c.status}`)}`;
  $('#category').textContent = c.category.name;
  $('#outlet').textContent = c.outlet.name;
  $('#department').textContent = c.department.name;
  $('#due').textContent = date(c.dueAt);
  show('decision', Boolean(c.resolution));
  $('#decision-text').textContent = c.resolution?.decision ?? '';
  $('#options').replaceChildren(
    ...(c.resolution?.options ?? []).map((option) => {
      const li = document.createElement('li');
      li.textContent = option;
      return li;
    }),
  );
  show('rate', c.canRate);
  $('#timeline').replaceChildren(
    ...c.timeline.map((step) => {
      const li = document.createElement('li');
      li.dataset.step = step.action;
      const when = document.createElement('time');
      when.dateTime = step.at;
      when.textContent = new Date(step.at).toLocaleString(page.lang());
      const what = document.createElement('span');
      what.textContent = t(`step.${step.action}`)
        .replace('{department}', step.department ?? '')
        .replace('{dueAt}', date(step.dueAt))
        .replace('{reason}', step.reason ?? '');
      li.append(when, what);
      return li;
    }),
  );
}

async function rate(verdict: 'satisfied' | 'review' | 'close-unsatisfied') {
  if (!current) return;
  const comment = $<HTMLTextAreaElement>('#rate-comment').value.trim();
  const r = await pageFetch(`/api/v1/complaints/${encodeURIComponent(current.trackingNo)}/satisfaction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      phoneLast4: $<HTMLInputElement>('#last4').value.trim(),
      verdict,
      ...(comment ? { comment } : {}),
      lang: page.lang(),
    }),
  }).catch(() => undefined);
  if (!r?.ok) return status(t('failed'), true);
  render((await r.json()) as Tracking);
  status(t('thanks'));
}

$('#lookup').addEventListener('submit', (e) => void look(e));
$('#satisfied').addEventListener('click', () => void rate('satisfied'));
$('#unsatisfied').addEventListener('click', () => void rate('review'));
$('#close-unsatisfied').addEventListener('click', () => void rate('close-unsatisfied'));
const prefill = new URLSearchParams(location.search).get('no');
if (prefill) {
  $<HTMLInputElement>('#no').value = prefill;
  $<HTMLInputElement>('#last4').focus();
}
