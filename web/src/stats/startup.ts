import { addDays } from '../../../functions/domain/calendar.js';
import { periodOf, previousPeriod } from '../../../functions/domain/statistics/periods.js';
import type { Dictionaries, Translate } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { pageLanguage } from '../shared/page-language.js';
import { requireSignIn, signOut } from '../shared/session.js';
import { getJson, type Me, withQuery } from './api.js';
import { type Granularity, periodLabel } from './format.js';
import type { StatsWords } from './words.js';

/**
 * How the dashboard and the monthly report start: the one place that signs in, wires the
 * sign-out button and the language switch, asks who the user is (`/staff/me`, with today on the
 * bank's clock) and from which day the bank has figures (`/stats/first-day`), and works out the
 * periods a page offers: from the first with figures to the current one, landing on the last
 * complete one. A fix to any of this lands on both pages.
 */
type PageWords = StatsWords & { loading: string; error: string };

export interface StatsPage<D extends PageWords> {
  me: Me;
  /** Today on the bank's clock. */
  today: string;
  /** The first bank day with figures (today when there are none yet). */
  firstDay: string;
  t: Translate<D>;
  lang: () => Lang;
  /** Writes a line in the page's status (`#status`). */
  say: (text: string) => void;
}

/** What a page shows before anything is loaded, and when start-up fails (then: undefined). */
export async function startStatsPage<D extends PageWords>(
  texts: Dictionaries<D>,
  onLanguage: (lang: Lang) => void,
): Promise<StatsPage<D> | undefined> {
  const user = requireSignIn();
  const who = document.getElementById('who');
  if (who) who.textContent = user.displayName;
  document.getElementById('sign-out')?.addEventListener('click', signOut);
  const { t, lang } = pageLanguage(texts, onLanguage);
  const status = document.getElementById('status');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  say(t('loading'));
  try {
    const [me, first] = await Promise.all([
      getJson<Me>(withQuery('/api/v1/staff/me', { lang: lang() })),
      // A role without statistics is refused (403): its page says so from /staff/me.
      getJson<{ firstDay: string | null }>('/api/v1/stats/first-day').catch(() => ({ firstDay: null })),
    ]);
    say('');
    return { me, today: me.today, firstDay: first.firstDay ?? me.today, t, lang, say };
  } catch (error) {
    say(t('error', { message: error instanceof Error ? error.message : String(error) }));
    return undefined;
  }
}

/** The period holding today: not over yet. */
export const currentPeriod = (today: string, granularity: Granularity) => periodOf(today, granularity);

/** The latest period that is over: where a page lands, and whose warnings have been raised. */
export const lastCompletePeriod = (today: string, granularity: Granularity) =>
  previousPeriod(periodOf(today, granularity), granularity);

export const isOngoing = (period: string, granularity: Granularity, today: string) =>
  period === periodOf(today, granularity);

/**
 * The periods a page offers, newest first: from the current one back to the one holding the
 * first day with figures, at most `max` of them (the bank's history, not an arbitrary window).
 */
export function periodChoices(
  granularity: Granularity,
  today: string,
  firstDay: string,
  max: number,
): string[] {
  const first = periodOf(firstDay <= today ? firstDay : today, granularity);
  const periods = [periodOf(today, granularity)];
  while (periods.length < max && (periods.at(-1) ?? '') > first)
    periods.push(previousPeriod(periods.at(-1) ?? first, granularity));
  return periods;
}

/** A period's name, saying so when it is not over yet ("2026年11月（进行中，截至11月24日）"). */
export function periodName(
  period: string,
  granularity: Granularity,
  lang: Lang,
  t: Translate<StatsWords>,
  today: string,
  short = false,
): string {
  const name = periodLabel(period, granularity, lang, t);
  if (!isOngoing(period, granularity, today)) return name;
  if (short) return t('period.ongoingShort', { period: name });
  const day = new Intl.DateTimeFormat(lang, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${today}T00:00:00Z`),
  );
  return t('period.ongoing', { period: name, day });
}

/** The days `n` back from `today` to `today` (the low ratings' window). */
export const lastDays = (today: string, n: number) => ({ from: addDays(today, -(n - 1)), to: today });
