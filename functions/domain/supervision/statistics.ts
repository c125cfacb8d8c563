import { addDays } from '../calendar.js';
import { daysOf } from '../statistics/periods.js';
import { DEFAULT_CADENCE, openDays } from './inspections.js';
import {
  EMPTY_TALLY,
  type SupervisionFigures,
  type SupervisionTally,
  sumTallies,
  supervisionFigures,
} from './tally.js';

/**
 * Supervision statistics (the dashboard's 服务督导 panel and `GET /stats/supervision`): the bank's,
 * each region's and a region's outlets' figures of a month or a quarter, from the months' tallies
 * alone. A quarter is its months summed; self-check rounds are counted month by month (a round
 * is named by its day of the month, so months are never merged as sets).
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The months of a period (`2026-11`, or `2026-Q4` for October to December); undefined if neither. */
export function monthsOfPeriod(period: string): string[] | undefined {
  if (MONTH.test(period)) return [period];
  const q = QUARTER.exec(period);
  if (!q) return undefined;
  const first = (Number(q[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${q[1]}-${String(first + i).padStart(2, '0')}`);
}

/**
 * The self-check rounds an outlet owed in a month: rounds a day × the configured weekdays, of the
 * whole month once it is over, up to yesterday while it is under way, none before it starts.
 */
export function owedRoundsOf(month: string, today: string, weekdays: readonly number[]): number {
  const { first, last: monthEnd } = daysOf(month, 'month');
  const last = today.slice(0, 7) === month ? addDays(today, -1) : monthEnd;
  if (first > today || last < first) return 0;
  return openDays(first, last, weekdays).length * DEFAULT_CADENCE.selfCheckRoundsPerDay;
}

export interface MonthTallies {
  month: string;
  /** Rounds each outlet owed that month. */
  owedRounds: number;
  /** Whether supervision was in use that month (any outlet of the bank has a tally): if not, nobody owed rounds. */
  inUse: boolean;
  outlets: readonly { outletId: string; regionId: string; tally: SupervisionTally }[];
}

export interface SupervisionRow {
  id: string;
  regionId?: string | undefined;
  figures: SupervisionFigures;
}

/**
 * Each outlet's figures over the months, and their sum (a region's, or the bank's). `outlets`
 * lists the outlets that owed self-check rounds (the active ones): in a month supervision was in
 * use (any outlet of the bank has a tally), each of them owed its rounds, a tally or not; an
 * outlet with a tally but no longer active counts what it holds.
 */
export function supervisionRows(
  months: readonly MonthTallies[],
  outlets: readonly { id: string; regionId: string }[],
): { outlets: SupervisionRow[]; total: SupervisionFigures } {
  const rows = new Map<
    string,
    { regionId: string; tallies: SupervisionTally[]; done: number; owed: number }
  >();
  const row = (id: string, regionId: string) => {
    const found = rows.get(id);
    if (found) return found;
    const r = { regionId, tallies: [] as SupervisionTally[], done: 0, owed: 0 };
    rows.set(id, r);
    return r;
  };
  for (const m of months) {
    if (!m.inUse) continue;
    const seen = new Set<string>();
    for (const o of m.outlets) {
      const r = row(o.outletId, o.regionId);
      r.tallies.push({ counts: o.tally.counts, rounds: [] });
      r.done += Math.min(o.tally.rounds.length, m.owedRounds);
      r.owed += m.owedRounds;
      seen.add(o.outletId);
    }
    for (const o of outlets) {
      if (seen.has(o.id)) continue;
      row(o.id, o.regionId).owed += m.owedRounds;
    }
  }
  for (const o of outlets) row(o.id, o.regionId);
  const result: SupervisionRow[] = [...rows].map(([id, r]) => ({
    id,
    regionId: r.regionId,
    figures: supervisionFigures(sumTallies(r.tallies.length ? r.tallies : [EMPTY_TALLY]), r.owed, r.done),
  }));
  return { outlets: result, total: totalOf([...rows.values()]) };
}

/** Rows of outlets summed into their regions (by the region each outlet's tally names). */
export function regionRows(
  months: readonly MonthTallies[],
  outlets: readonly { id: string; regionId: string }[],
): (SupervisionRow & { outlets: number })[] {
  const regionIds = [
    ...new Set([
      ...outlets.map((o) => o.regionId),
      ...months.flatMap((m) => m.outlets.map((o) => o.regionId)),
    ]),
  ];
  return regionIds.map((regionId) => {
    const of = <T extends { regionId: string }>(list: readonly T[]) =>
      list.filter((o) => o.regionId === regionId);
    const members = supervisionRows(
      months.map((m) => ({ ...m, outlets: of(m.outlets) })),
      of(outlets),
    );
    return { id: regionId, figures: members.total, outlets: members.outlets.length };
  });
}

function totalOf(rows: readonly { tallies: SupervisionTally[]; done: number; owed: number }[]) {
  return supervisionFigures(
    sumTallies(rows.flatMap((r) => r.tallies)),
    rows.reduce((n, r) => n + r.owed, 0),
    rows.reduce((n, r) => n + r.done, 0),
  );
}

/**
 * Weakest first, as the circular ranks from the other end: more red-line failures in outside
 * checks first, then the lower outside-check score; those without a scored check after the
 * others; then the id, for a stable order.
 */
export function weakestFirst(a: SupervisionRow, b: SupervisionRow): number {
  const sa = a.figures.checkScore;
  const sb = b.figures.checkScore;
  if (sa === null || sb === null) return sa === sb ? a.id.localeCompare(b.id) : sa === null ? 1 : -1;
  return (
    b.figures.checkRedLineFailures - a.figures.checkRedLineFailures || sa - sb || a.id.localeCompare(b.id)
  );
}
