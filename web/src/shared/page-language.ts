import { applyTexts, type Dictionaries, type Dictionary, type Translate, translator } from './i18n.js';
import { initialLang, LANG_LABELS, LANGS, type Lang, saveLang } from './lang.js';

/**
 * A page's language: its words from its dictionaries, the fixed words of its HTML filled, and
 * the language switch in its `.langs` element. `onChange` redraws what the page drew itself.
 */
export function pageLanguage<D extends Dictionary>(
  dictionaries: Dictionaries<D>,
  onChange: (lang: Lang) => void = () => {},
) {
  let lang = initialLang();
  let words = translator(dictionaries, lang);
  const apply = () => {
    document.documentElement.lang = lang;
    applyTexts(words);
  };
  languageSwitch(document.querySelector('.langs'), lang, (chosen) => {
    lang = chosen;
    words = translator(dictionaries, lang);
    apply();
    onChange(lang);
  });
  apply();
  const t: Translate<D> = (key, params) => words(key, params);
  return { t, lang: () => lang };
}

/** The one language switch: every page offers the same choices, and a choice holds for every page. */
export function languageSwitch(container: Element | null, current: Lang, choose: (lang: Lang) => void) {
  const buttons = LANGS.map((option) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.value = option;
    button.lang = option;
    button.textContent = LANG_LABELS[option];
    button.setAttribute('aria-pressed', String(option === current));
    button.addEventListener('click', () => {
      if (option === current) return;
      current = option;
      saveLang(option);
      for (const b of buttons) b.setAttribute('aria-pressed', String(b.value === option));
      choose(option);
    });
    return button;
  });
  container?.append(...buttons);
}
