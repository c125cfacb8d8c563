import { $, customerPage, show, status } from '../customer/page.js';
import { newId, postReliably, StillOffline, sendPending } from '../customer/reliable-post.js';
import { pageFetch } from '../shared/page-fetch.js';
import { texts } from './texts.js';

/** Face colours, very unsatisfied → very satisfied; drawn as SVG so every phone shows the same faces. */
const FACE_COLOURS = ['#b3261e', '#c2410c', '#8a6d00', '#3f7d20', '#1d6b2f'];
const ASPECTS = ['environment', 'attitude', 'efficiency', 'professionalism'] as const;

const outletId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const k = new URLSearchParams(location.search).get('k') ?? '';
const submissionId = newId();
let feedbackId: string | undefined;
let rating = 0;
const outletName: Record<string, string> = {};
let started = false;

const page = customerPage(texts, (lang) => {
  if (outletName[lang]) $('#outlet').textContent = outletName[lang];
  else if (started) void lookUpOutlet(lang);
  renderFaces();
  renderAspects();
});
const t = page.t;

function deviceId(): string | undefined {
  try {
    const id = localStorage.getItem('bf.device') ?? newId();
    localStorage.setItem('bf.device', id);
    return id;
  } catch {
    return undefined;
  }
}

/** Very satisfied first, one face per row: big targets and whole words on the narrowest phone. */
function renderFaces() {
  const box = $('.faces');
  box.replaceChildren(
    ...[5, 4, 3, 2, 1].map((score) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('aria-pressed', String(rating === score));
      const label = document.createElement('span');
      label.textContent = t(`r${score}` as 'r1');
      b.append(face(score, FACE_COLOURS[score - 1] ?? ''), label);
      b.addEventListener('click', () => rate(score));
      return b;
    }),
  );
}

function face(score: number, colour: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 48 48');
  svg.setAttribute('class', 'face');
  svg.setAttribute('aria-hidden', 'true');
  const bend = (score - 3) * 6;
  const parts: [string, Record<string, string>][] = [
    ['circle', { cx: '24', cy: '24', r: '21', fill: 'none', stroke: colour, 'stroke-width': '3' }],
    ['circle', { cx: '17', cy: '19', r: '2.6', fill: colour }],
    ['circle', { cx: '31', cy: '19', r: '2.6', fill: colour }],
    [
      'path',
      {
        d: `M14 ${32 - bend / 2} Q24 ${32 + bend} 34 ${32 - bend / 2}`,
        fill: 'none',
        stroke: colour,
        'stroke-width': '3',
        'stroke-linecap': 'round',
      },
    ],
  ];
  for (const [tag, attributes] of parts) {
    const el = document.createElementNS(ns, tag);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    svg.append(el);
  }
  return svg;
}

function renderAspects() {
  const box = $('#aspects');
  const chosen = Object.fromEntries(
    ASPECTS.map((a) => [a, box.querySelector<HTMLInputElement>(`input[name=${a}]:checked`)?.value]),
  );
  box.replaceChildren(
    ...ASPECTS.map((aspect) => {
      const set = document.createElement('fieldset');
      set.className = 'scale';
      const legend = document.createElement('legend');
      legend.textContent = t(aspect);
      const row = document.createElement('div');
      for (let score = 1; score <= 5; score++) {
        const label = document.createElement('label');
        const input = document.createElement('input');
        input.type = 'radio';
        input.name = aspect;
        input.value = String(score);
        input.checked = chosen[aspect] === String(score);
        input.setAttribute('aria-label', `${t(aspect)} ${score} – ${t(`r${score}` as 'r1')}`);
        const text = document.createElement('span');
        text.textContent = String(score);
        label.append(input, text);
        row.append(label);
      }
      set.append(legend, row);
      return set;
    }),
  );
}

function offerComplaint() {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.complain')) {
    a.href = `/c/${encodeURIComponent(outletId)}?k=${encodeURIComponent(k)}`;
    a.hidden = rating > 2;
  }
}

async function rate(score: number) {
  if (feedbackId) return;
  rating = score;
  renderFaces();
  status(t('sending'));
  try {
    const answer = await postReliably('/api/v1/feedback', {
      outletId,
      k,
      submissionId,
      rating,
      lang: page.lang(),
      deviceId: deviceId(),
    });
    if (answer.status === 201 || answer.status === 200) {
      feedbackId = String(answer.body.id);
      status('');
      show('rate', false);
      show('details');
      offerComplaint();
      $('#details').querySelector('h2')?.focus();
    } else if (answer.status === 429) {
      status(t('limited'));
      show('rate', false);
    } else {
      status(answer.status === 403 ? t('invalid') : answer.status === 404 ? t('gone') : t('failed'), true);
    }
  } catch (error) {
    if (error instanceof StillOffline) status(t('offline'), true);
    else throw error;
  }
}

async function sendDetails(event: Event) {
  event.preventDefault();
  const aspects = Object.fromEntries(
    ASPECTS.flatMap((a) => {
      const v = document.querySelector<HTMLInputElement>(`input[name=${a}]:checked`)?.value;
      return v ? [[a, Number(v)]] : [];
    }),
  );
  const comment = $<HTMLTextAreaElement>('#comment').value.trim();
  if (Object.keys(aspects).length === 0 && !comment) return finish();
  status(t('sending'));
  try {
    const answer = await postReliably(`/api/v1/feedback/${encodeURIComponent(feedbackId ?? '')}/details`, {
      outletId,
      k,
      submissionId,
      aspects,
      ...(comment ? { comment } : {}),
    });
    if (answer.status === 200) finish();
    else status(t('failed'), true);
  } catch (error) {
    if (error instanceof StillOffline) {
      status(t('offline'), true);
      finish(false);
    } else throw error;
  }
}

function finish(clearStatus = true) {
  if (clearStatus) status('');
  show('details', false);
  show('thanks');
  offerComplaint();
}

async function start() {
  renderFaces();
  renderAspects();
  $('#details-form').addEventListener('submit', sendDetails);
  $('#skip').addEventListener('click', () => finish());
  const comment = $<HTMLTextAreaElement>('#comment');
  comment.addEventListener('input', () => {
    $('#count').textContent = String(comment.value.length);
  });
  void sendPending();
  status(t('loading'));
  started = true;
  const answer = await lookUpOutlet(page.lang());
  if (answer !== 200) {
    // Nothing was rated yet: say what stops the customer, never that a rating was kept.
    const problem =
      answer === 400 ? 'broken' : answer === 403 ? 'invalid' : answer === 404 ? 'gone' : 'cannotOpen';
    $('#outlet').textContent = t('unavailable');
    status(t(problem), true);
    return;
  }
  status('');
  show('rate');
}

/** The outlet's name in one language (one small request; another when the language changes). */
async function lookUpOutlet(lang: string): Promise<number> {
  try {
    const url = `/api/v1/outlets/${encodeURIComponent(outletId)}?k=${encodeURIComponent(k)}&lang=${lang}`;
    const response = await pageFetch(url);
    if (response.status === 200) {
      outletName[lang] = ((await response.json()) as { name: string }).name;
      if (page.lang() === lang) $('#outlet').textContent = outletName[lang];
    }
    return response.status;
  } catch {
    return 0;
  }
}

void start();
