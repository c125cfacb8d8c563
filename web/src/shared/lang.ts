/** Page language: a saved choice first, then the browser's, Chinese (Simplified) by default. */
export type Lang = 'zh-CN' | 'zh-TW' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'zh-TW', 'en'];
const STORE = 'bf.lang';

export function initialLang(): Lang {
  const saved = localStorage.getItem(STORE);
  if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const t = tag.toLowerCase();
    if (t.startsWith('zh')) return /hant|tw|hk|mo/.test(t) ? 'zh-TW' : 'zh-CN';
    if (t.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function saveLang(lang: Lang) {
  localStorage.setItem(STORE, lang);
  document.documentElement.lang = lang;
}

export const LANG_LABELS: Record<Lang, string> = { 'zh-CN': '简体', 'zh-TW': '繁體', en: 'EN' };
