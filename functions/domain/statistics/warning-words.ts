import type { Language } from '../language.js';
import { message, say } from '../messages.js';
import type { Warning } from './warnings.js';

/**
 * A warning's figures as one sentence in the reader's language, e.g. "满意度 66.0%（150 条评价）；
 * 按 95% 置信度，满意度至多 72.0%，低于阈值 80%": the dashboard, the monthly report and the
 * warnings download all say it with these words (domain/messages.ts, `warningWords.*`).
 */
export function warningInWords(
  warning: Pick<Warning, 'rule' | 'figures' | 'category'>,
  lang: Language,
  categoryName: (id: string) => string = (id) => id,
): string {
  const f = warning.figures;
  const percent = (share: number | null | undefined) => formatShare(share, lang, 1);
  const whole = (n: number | null | undefined) => formatNumber(n, lang, 0);
  const confidence = formatShare(f.confidence, lang);
  switch (warning.rule) {
    case 'csat-low':
      return say(
        lang,
        message('warningWords.csat-low', {
          csat: percent(f.csat),
          ratings: whole(f.ratings),
          confidence,
          bound: percent(f.upperBound),
          threshold: formatShare(f.threshold, lang),
        }),
      );
    case 'csat-drop':
      return say(
        lang,
        message('warningWords.csat-drop', {
          csat: percent(f.csat),
          previous: percent(f.previousCsat),
          points: formatNumber(f.dropPoints, lang, 1),
          threshold: formatNumber(f.threshold, lang, 0, 1),
          ratings: whole(f.ratings),
          previousRatings: whole(f.previousRatings),
          confidence,
        }),
      );
    case 'on-time-low':
      return say(
        lang,
        message('warningWords.on-time-low', {
          rate: percent(f.onTimeRate),
          resolved: whole(f.resolved),
          onTime: whole(f.resolvedOnTime),
          confidence,
          bound: percent(f.upperBound),
          threshold: formatShare(f.threshold, lang),
        }),
      );
    case 'complaints-high':
      return say(
        lang,
        message('warningWords.complaints-high', {
          perThousand: formatNumber(f.perThousandRatings, lang, 1),
          complaints: whole(f.complaints),
          ratings: whole(f.ratings),
          confidence,
          bound: formatNumber(f.lowerBound, lang, 1),
          threshold: formatNumber(f.threshold, lang, 0, 1),
        }),
      );
    case 'recurring':
      return say(
        lang,
        message('warningWords.recurring', {
          category: categoryName(warning.category ?? ''),
          complaints: whole(f.complaints),
          recurring: whole(f.recurring),
        }),
      );
    case 'supervision-score-low':
      return say(
        lang,
        message('warningWords.supervision-score-low', {
          score: formatNumber(f.score, lang, 1),
          checks: whole(f.scoredChecks),
          minChecks: whole(f.minChecks),
          threshold: formatNumber(f.threshold, lang, 0, 1),
        }),
      );
    case 'self-check-low':
      return say(
        lang,
        message('warningWords.self-check-low', {
          rate: percent(f.rate),
          done: whole(f.done),
          owed: whole(f.owed),
          threshold: formatShare(f.threshold, lang),
        }),
      );
    case 'rectification-overdue':
      return say(
        lang,
        message('warningWords.rectification-overdue', {
          overdue: whole(f.overdue),
          due: whole(f.due),
          onTime: whole(f.onTime),
          threshold: whole(f.threshold),
        }),
      );
  }
}

/** A share as a percentage: `digits` decimals exactly, or (without) no needless ones: 0.8 → "80%". */
function formatShare(share: number | null | undefined, lang: Language, digits?: number): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: digits ?? 0,
    maximumFractionDigits: digits ?? 1,
  }).format(share);
}

function formatNumber(n: number | null | undefined, lang: Language, min: number, max = min): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(lang, { minimumFractionDigits: min, maximumFractionDigits: max }).format(n);
}
