import { daysOf } from '../../../functions/domain/statistics/periods.js';
import { formatNumber, type Translate } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { el } from '../shared/session.js';
import { type StatsWords, statsWords } from './words.js';

/**
 * How the dashboard and the report write figures: periods in words, changes with their sign
 * spelled out (▲/▼ plus a word for screen readers; colour only adds to that). A warning's
 * sentence is the API's own (functions/domain/statistics/warning-words.ts).
 */
export type Granularity = 'week' | 'month';
type T = Translate<StatsWords>;

const monthFormats = new Map<string, Intl.DateTimeFormat>();
function monthFormat(lang: Lang, month: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${lang}:${month}`;
  let format = monthFormats.get(key);
  if (!format) {
    // The period is a calendar month, not an instant: formatted in UTC so no zone can shift it.
    format = new Intl.DateTimeFormat(lang, { year: 'numeric', month, timeZone: 'UTC' });
    monthFormats.set(key, format);
  }
  return format;
}

const utcDay = (date: string) => new Date(`${date}T00:00:00Z`);

/** `2026-09` → "2026年9月" / "September 2026"; `2026-W39` → "2026 年第 39 周（9/21–9/27）". */
export function periodLabel(period: string, granularity: Granularity, lang: Lang, t: T): string {
  if (granularity === 'month') return monthFormat(lang, 'long').format(utcDay(`${period}-01`));
  const [year, week] = period.split('-W');
  return `${t('period.week', { year: year ?? '', week: Number(week) })} (${weekRange(period, lang)})`;
}

/** A short label for a chart axis or a table column. */
export function periodShort(period: string, granularity: Granularity, lang: Lang, t: T): string {
  if (granularity === 'month') return monthFormat(lang, 'short').format(utcDay(`${period}-01`));
  return t('period.weekShort', { week: Number(period.split('-W')[1]) });
}

/** A week's Monday to Sunday, e.g. "9/21 – 9/27". */
export function weekRange(period: string, lang: Lang): string {
  const { first, last } = daysOf(period, 'week');
  return new Intl.DateTimeFormat(lang, { month: 'numeric', day: 'numeric', timeZone: 'UTC' }).formatRange(
    utcDay(first),
    utcDay(last),
  );
}

/** A date (YYYY-MM-DD, a bank day) written in the page's language. */
export function dayLabel(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(utcDay(date));
}

/** A threshold share without needless decimals: 0.8 → "80%", 0.955 → "95.5%". */
export function formatThreshold(share: number | null | undefined, lang: Lang): string {
  if (share === null || share === undefined) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A rate changes by points (one decimal), a count by whole numbers, a mean or ratio by two decimals. */
export type ChangeKind = 'rate' | 'count' | 'decimal';
const CHANGE_DIGITS: Record<ChangeKind, number> = { rate: 1, count: 0, decimal: 2 };
/** Which way is good news: fewer overdue complaints is good, more ratings is neither. */
export type BetterWhen = 'up' | 'down' | 'neither';

/**
 * The change from the previous period as an element: "▲ 2.8 个百分点" for a rate (points, one
 * decimal), "▲ 5" for a count, "▼ 0.08" for a mean; "—" with words when there is nothing to compare with. The arrow is
 * hidden from screen readers, which hear "上升/up" instead; the class adds colour.
 */
export function changeElement(
  current: number | null | undefined,
  previous: number | null | undefined,
  kind: ChangeKind,
  better: BetterWhen,
  lang: Lang,
  t: T,
  digits = CHANGE_DIGITS[kind],
): HTMLElement {
  if (current === null || current === undefined || previous === null || previous === undefined)
    return el('span', { class: 'change none' }, t('change.none'));
  const delta = kind === 'rate' ? (current - previous) * 100 : current - previous;
  const size = formatNumber(Math.abs(delta), lang, digits);
  const amount = kind === 'rate' ? t('change.points', { n: size }) : t('change.count', { n: size });
  // A change that rounds to nothing (0.0 points) reads as unchanged, so it is shown as such.
  if (size === formatNumber(0, lang, digits))
    return el(
      'span',
      { class: 'change same' },
      el('span', { 'aria-hidden': 'true' }, '＝ '),
      t('change.same'),
    );
  const up = delta > 0;
  const tone = better === 'neither' ? '' : up === (better === 'up') ? ' good' : ' bad';
  return el(
    'span',
    { class: `change ${up ? 'up' : 'down'}${tone}` },
    el('span', { 'aria-hidden': 'true' }, up ? '▲ ' : '▼ '),
    el('span', { class: 'visually-hidden' }, `${t(up ? 'change.up' : 'change.down')} `),
    amount,
  );
}

/** A signed change in points as short text for tables ("▲ 50.0", "▼ 25.0", "—"). */
export function changePointsText(change: number | null, lang: Lang): string {
  if (change === null) return '—';
  const points = formatNumber(Math.abs(change * 100), lang, 1);
  if (points === formatNumber(0, lang, 1)) return `＝ ${points}`;
  return `${change > 0 ? '▲' : '▼'} ${points}`;
}

/**
 * The bank's time zone in words ("北京时间" for Asia/Shanghai), never its code: the page's own
 * word where it has one, else the browser's long name of the zone in the page's language.
 */
export function zoneName(timeZone: string, lang: Lang, t: T): string {
  const key = `zone.${timeZone}`;
  if (key in statsWords['zh-CN']) return t(key as keyof StatsWords);
  const part = new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
