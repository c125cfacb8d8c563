import type { Lang } from './lang.js';

/**
 * The one language foundation of every page: each page declares its words once, as a dictionary
 * per language, and reads them through a typed `t()`. TypeScript refuses a dictionary that lacks
 * a key of the Simplified Chinese one (the reference), and a `t()` call with a key that does not
 * exist. Adding a language means one more dictionary per page and one entry in LANGS.
 *
 * `{name}` in a text is replaced by `params.name`.
 */
export type Dictionary = Record<string, string>;
export type Dictionaries<D extends Dictionary> = { 'zh-CN': D } & Record<
  Exclude<Lang, 'zh-CN'>,
  Record<keyof D, string>
>;
export type Translate<D extends Dictionary> = (
  key: keyof D & string,
  params?: Record<string, string | number>,
) => string;

export function translator<D extends Dictionary>(dictionaries: Dictionaries<D>, lang: Lang): Translate<D> {
  const words = dictionaries[lang] as Record<string, string>;
  return (key, params) => {
    const text = words[key] ?? (dictionaries['zh-CN'] as Record<string, string>)[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')) : text;
  };
}

/**
 * Fills the fixed words of a page's HTML: `data-t="key"` sets an element's text (the HTML keeps
 * the Simplified Chinese as a fallback until then), `data-t-label="key"` its accessible name.
 */
export function applyTexts<D extends Dictionary>(t: Translate<D>, root: ParentNode = document) {
  for (const node of root.querySelectorAll<HTMLElement>('[data-t]'))
    node.textContent = t(node.dataset.t as keyof D & string);
  for (const node of root.querySelectorAll<HTMLElement>('[data-t-label]'))
    node.setAttribute('aria-label', t(node.dataset.tLabel as keyof D & string));
}

/**
 * Dates and times as the bank's staff read them: in the bank's time zone (not the browser's: a
 * browser set to UTC must still show a Beijing due time as Beijing time), in the page's language.
 */
export function formatDateTime(iso: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

export function formatDate(iso: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

/** A share from 0 to 1 as a percentage with one decimal, or "—" when there is nothing to measure. */
export function formatPercent(share: number | null | undefined, lang: Lang): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share);
}

export function formatNumber(n: number | null | undefined, lang: Lang, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    n,
  );
}
