import { initialLang, LANG_LABELS, LANGS, type Lang, saveLang } from '../shared/lang.js';

/**
 * The frame every customer page shares: a language switch and `data-t` texts filled from the
 * page's dictionary. All text goes in with textContent, never as HTML.
 */
export function customerPage<T extends Record<string, string>>(
  texts: Record<Lang, T>,
  onChange: (lang: Lang) => void,
) {
  let lang = initialLang();
  const nav = document.querySelector<HTMLElement>('.langs');
  const apply = (notify: boolean) => {
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
      el.textContent = texts[lang][el.dataset.t ?? ''] ?? '';
    }
    for (const b of nav?.querySelectorAll('button') ?? [])
      b.setAttribute('aria-pressed', String(b.value === lang));
    if (notify) onChange(lang);
  };
  for (const l of LANGS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.value = l;
    b.textContent = LANG_LABELS[l];
    b.lang = l;
    b.addEventListener('click', () => {
      lang = l;
      saveLang(l);
      apply(true);
    });
    nav?.append(b);
  }
  apply(false); // the page renders itself once it has what it needs
  return { t: (key: keyof T) => texts[lang][key], lang: () => lang };
}

export const $ = <E extends HTMLElement = HTMLElement>(selector: string) => {
  const el = document.querySelector<E>(selector);
  if (!el) throw new Error(`Missing ${selector}`);
  return el;
};

export function show(id: string, visible = true) {
  $(`#${id}`).hidden = !visible;
}

export function status(text: string, error = false) {
  const el = $('#status');
  el.textContent = text;
  el.classList.toggle('error', error);
}
