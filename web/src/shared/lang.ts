/**
 * The page languages. Adding one is an entry here (with its label on the language switch) and a
 * dictionary per page: TypeScript names every dictionary still missing.
 */
export const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;
export type Lang = (typeof LANGS)[number];
/** Each language named in itself, as the switch offers it. */
export const LANG_LABELS: Record<Lang, string> = { 'zh-CN': '简体', 'zh-TW': '繁體', en: 'EN' };
const STORE = 'bf.lang';

/** Page language: a saved choice first, then the browser's, Chinese (Simplified) by default. */
export function initialLang(): Lang {
  const saved = localStorage.getItem(STORE);
  if (saved && isLang(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const found = matchTag(tag);
    if (found) return found;
  }
  return 'zh-CN';
}

export function saveLang(lang: Lang) {
  localStorage.setItem(STORE, lang);
  document.documentElement.lang = lang;
}

const isLang = (tag: string): tag is Lang => (LANGS as readonly string[]).includes(tag);

/** A browser tag to a page language: exactly, then traditional Chinese by script or region, then by language. */
function matchTag(tag: string): Lang | undefined {
  const exact = LANGS.find((lang) => lang.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const [language = ''] = tag.toLowerCase().split('-');
  if (language === 'zh') return /hant|tw|hk|mo/i.test(tag) ? 'zh-TW' : 'zh-CN';
  return LANGS.find((lang) => lang.toLowerCase().split('-')[0] === language);
}
