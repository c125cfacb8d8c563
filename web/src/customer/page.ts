import type { Dictionaries, Dictionary } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { pageLanguage } from '../shared/page-language.js';
import { showHotline } from './hotline.js';

/**
 * The frame every customer page shares: the language switch, `data-t` texts filled from the
 * page's dictionary, and the bank's hotline at its foot. All text goes in with textContent, never
 * as HTML.
 */
export function customerPage<D extends Dictionary>(texts: Dictionaries<D>, onChange: (lang: Lang) => void) {
  // The page renders itself once it has what it needs.
  const page = pageLanguage(texts, (lang) => {
    onChange(lang);
    void showHotline(lang);
  });
  void showHotline(page.lang());
  return page;
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
