import type { Checklist, ChecklistItem } from '../../../functions/domain/supervision/checklist.js';
import {
  type Answer,
  type InspectionScore,
  scoreInspection,
} from '../../../functions/domain/supervision/scoring.js';
import type { Translate } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { el } from '../shared/session.js';
import type { Draft, DraftAnswer } from './store.js';
import type { InspectWords } from './texts.js';

/**
 * The checklist as the inspector fills it, section by section, one card per item with big
 * buttons: yes/no, a mark of 0–N, or a measured number; N/A where the item allows it; red lines
 * marked; a photo asked for on a failed item that needs one; a note. The running score is the
 * domain's own scoring (functions/domain/supervision/scoring.ts), so the page and the API cannot
 * disagree. Every change goes to `changed`, which saves the draft.
 */
export interface CaptureOptions {
  checklist: Checklist;
  draft: Draft;
  t: Translate<InspectWords>;
  lang: Lang;
  changed: (draft: Draft) => void;
  /** Whether the inspector sees the running score: not a mystery shopper (the score is head office's). */
  showScore: boolean;
  /** Turns a camera picture into what is kept (shrunk); loaded only when a photo is taken. */
  takePhoto: (file: File) => Promise<Blob>;
}

const answered = (a: DraftAnswer | undefined) =>
  !!a && (a.notApplicable || a.passed !== undefined || a.mark !== undefined || a.value !== undefined);

/** The draft's answers as the API takes them (answered items only); `photo` is the uploaded key. */
export function answersOf(checklist: Pick<Checklist, 'sections'>, draft: Pick<Draft, 'answers'>): Answer[] {
  const answers: Answer[] = [];
  for (const item of checklist.sections.flatMap((s) => s.items)) {
    const a = draft.answers[item.id];
    if (!a || !answered(a)) continue;
    if (a.notApplicable) {
      answers.push({ itemId: item.id, notApplicable: true });
      continue;
    }
    const evidence = {
      ...(a.photoKey ? { photo: a.photoKey } : {}),
      ...(a.note?.trim() ? { note: a.note.trim() } : {}),
    };
    if (a.passed !== undefined) answers.push({ itemId: item.id, passed: a.passed, ...evidence });
    else if (a.mark !== undefined) answers.push({ itemId: item.id, mark: a.mark, ...evidence });
    else if (a.value !== undefined) answers.push({ itemId: item.id, value: a.value, ...evidence });
  }
  return answers;
}

export interface DraftState {
  score: InspectionScore;
  total: number;
  done: number;
  unanswered: ChecklistItem[];
  photosMissing: ChecklistItem[];
  findings: ChecklistItem[];
}

/** Where the draft stands: its score over what is answered, what is left, what lacks a photo. */
export function stateOf(checklist: Checklist, draft: Draft): DraftState {
  const items = checklist.sections.flatMap((s) => s.items);
  const answeredItems = items.filter((i) => answered(draft.answers[i.id]));
  const score = scoreInspection(
    { sections: [{ id: 'answered', title: checklist.name, items: answeredItems }] },
    answersOf(checklist, draft),
  );
  const failed = new Set(score.items.filter((r) => r.failed).map((r) => r.itemId));
  const findings = answeredItems.filter((i) => failed.has(i.id));
  return {
    score,
    total: items.length,
    done: answeredItems.length,
    unanswered: items.filter((i) => !answered(draft.answers[i.id])),
    photosMissing: findings.filter(
      (i) => i.photoOnFail && !draft.answers[i.id]?.photo && !draft.answers[i.id]?.photoKey,
    ),
    findings,
  };
}

export function renderCapture(container: HTMLElement, options: CaptureOptions, bar: HTMLElement) {
  const { checklist, draft, t, lang } = options;
  const refreshBar = () => {
    const s = stateOf(checklist, draft);
    const score = s.score.score === null ? '—' : s.score.score.toFixed(1);
    const progress =
      s.done === 0
        ? t('runningNone')
        : options.showScore
          ? t('running', { score, done: s.done, total: s.total })
          : t('answered', { done: s.done, total: s.total });
    bar.replaceChildren(
      el('span', { class: 'running', id: 'running' }, progress),
      ...(s.score.redLineFailed && options.showScore
        ? [el('strong', { class: 'red-line-failed' }, t('redLineFailed'))]
        : []),
    );
  };
  const sections = checklist.sections.map((section) =>
    el(
      'section',
      { class: 'section', 'data-section': section.id },
      el('h2', {}, section.title[lang]),
      ...section.items.map((item) => itemCard(item, options, refreshBar)),
    ),
  );
  container.replaceChildren(...sections);
  refreshBar();
}

function itemCard(item: ChecklistItem, options: CaptureOptions, refreshBar: () => void): HTMLElement {
  const { draft, t, lang, checklist } = options;
  const answer = (): DraftAnswer => {
    draft.answers[item.id] ??= {};
    return draft.answers[item.id] as DraftAnswer;
  };
  const card = el('article', { class: 'item', 'data-item': item.id });
  const heading = el('h3', { id: `q-${item.id}` }, item.text[lang]);
  const meta = el('p', { class: 'meta' }, t('points', { n: item.points }));
  if (item.redLine) meta.prepend(el('span', { class: 'badge red' }, t('redLine')), ' ');
  const controls = el('div', { class: 'choices', role: 'group', 'aria-labelledby': `q-${item.id}` });
  const evidence = el('div', { class: 'evidence' });

  const choice = (label: string, pressed: () => boolean, pick: () => void, cls = '') => {
    const button = el('button', { type: 'button', class: `choice ${cls}`.trim() }, label);
    button.addEventListener('click', () => {
      pick();
      update();
    });
    return { button, pressed };
  };
  const set = (patch: Partial<DraftAnswer>) => {
    const a = answer();
    a.passed = undefined;
    a.mark = undefined;
    a.value = undefined;
    a.notApplicable = undefined;
    Object.assign(a, patch);
  };
  const buttons: { button: HTMLButtonElement; pressed: () => boolean }[] = [];
  let numberInput: HTMLInputElement | undefined;
  const kind = item.kind;
  if (kind.type === 'yes-no') {
    buttons.push(
      choice(
        t('yes'),
        () => answer().passed === true,
        () => set({ passed: true }),
        'yes',
      ),
      choice(
        t('no'),
        () => answer().passed === false,
        () => set({ passed: false }),
        'no',
      ),
    );
  } else if (kind.type === 'score') {
    controls.append(el('span', { class: 'hint' }, t('mark', { max: kind.max })));
    for (let mark = 0; mark <= kind.max; mark++)
      buttons.push(
        choice(
          String(mark),
          () => answer().mark === mark,
          () => set({ mark }),
          'mark',
        ),
      );
  } else {
    const unit = kind.unit[lang];
    numberInput = el('input', {
      type: 'number',
      inputmode: 'decimal',
      min: '0',
      step: 'any',
      id: `n-${item.id}`,
    });
    const current = answer().value;
    if (current !== undefined) numberInput.value = String(current);
    numberInput.addEventListener('input', () => {
      const value = numberInput?.value.trim() ?? '';
      set(value === '' || !Number.isFinite(Number(value)) ? {} : { value: Number(value) });
      update();
    });
    controls.append(
      el('label', { class: 'measured', for: `n-${item.id}` }, `${t('measured')}（${unit}）`),
      numberInput,
      el(
        'span',
        { class: 'hint' },
        kind.passAtMost !== undefined
          ? t('passAtMost', { n: kind.passAtMost, unit })
          : t('passAtLeast', { n: kind.passAtLeast ?? 0, unit }),
      ),
    );
  }
  if (item.allowNotApplicable)
    buttons.push(
      choice(
        t('na'),
        () => answer().notApplicable === true,
        () => {
          set({ notApplicable: true });
          if (numberInput) numberInput.value = '';
        },
        'na',
      ),
    );
  controls.append(...buttons.map((b) => b.button));

  const note = el('textarea', {
    rows: '2',
    'aria-label': `${t('note')} · ${item.text[lang]}`,
    class: 'note',
  });
  note.placeholder = t('note');
  note.value = answer().note ?? '';
  note.addEventListener('input', () => {
    answer().note = note.value;
    options.changed(draft);
  });

  const drawEvidence = () => {
    const state = stateOf(checklist, draft);
    const failed = state.findings.some((f) => f.id === item.id);
    card.classList.toggle('failed', failed);
    const a = draft.answers[item.id];
    const parts: Node[] = [];
    if (failed && item.photoOnFail) {
      if (a?.photo || a?.photoKey) {
        const img = el('img', { class: 'photo', alt: t('photoTaken') });
        if (a.photo) img.src = URL.createObjectURL(a.photo);
        const remove = el('button', { type: 'button', class: 'link' }, t('removePhoto'));
        remove.addEventListener('click', () => {
          answer().photo = undefined;
          answer().photoKey = undefined;
          update();
        });
        parts.push(el('div', { class: 'photo-row' }, img, el('span', {}, t('photoTaken')), remove));
      } else {
        const input = el('input', {
          type: 'file',
          accept: 'image/*',
          capture: 'environment',
          id: `p-${item.id}`,
          class: 'visually-hidden',
        });
        input.addEventListener('change', async () => {
          const file = input.files?.[0];
          if (!file) return;
          answer().photo = await options.takePhoto(file);
          answer().photoKey = undefined;
          update();
        });
        parts.push(
          el('p', { class: 'need-photo' }, t('photoNeeded')),
          input,
          el('label', { class: 'button photo-button', for: `p-${item.id}` }, t('photo')),
        );
      }
    }
    evidence.replaceChildren(...parts);
  };
  const update = () => {
    for (const b of buttons) b.button.setAttribute('aria-pressed', String(b.pressed()));
    card.classList.toggle('done', answered(draft.answers[item.id]));
    drawEvidence();
    refreshBar();
    options.changed(draft);
  };
  for (const b of buttons) b.button.setAttribute('aria-pressed', String(b.pressed()));
  card.classList.toggle('done', answered(draft.answers[item.id]));
  drawEvidence();
  card.append(heading, meta, controls, evidence, note);
  return card;
}
