import { INSPECTION_KINDS, type Inspection, type InspectionKind } from './inspections.js';
import type { Rectification } from './rectification.js';

/**
 * What supervision figures are made of, per outlet, region and the bank, per month: counts kept
 * as they happen (an inspection adds its counts in the transaction that stores it; a blind
 * mystery visit only when head office releases it), so the circular and the statistics read one
 * item per outlet and month, never the inspections themselves. A quarter is the sum of its months.
 *
 * The counts are flat names, so the store can add to them without reading first:
 * - `inspections:<kind>`, `scored:<kind>` (with a score), `scoreSum:<kind>` (their scores, one decimal);
 * - `redLineFailures`: inspections a red line failed; `checkRedLineFailures`: those of outside checks
 *   (spot, joint, mystery), which rank an outlet; `findings`: failed items of checks that open tasks;
 * - `fail:<itemId>`: how often each checklist item failed, for the most failed items bank-wide;
 * - `tasksDue`: tasks due in the month; `tasksOnTime`: those of them accepted with an answer in time.
 * `rounds` holds the self-check rounds done (`<day>#<round>`), a set, so a round submitted twice
 * counts once.
 */
export type TallyCounts = Record<string, number>;

export interface SupervisionTally {
  counts: TallyCounts;
  rounds: readonly string[];
}

export const EMPTY_TALLY: SupervisionTally = { counts: {}, rounds: [] };

/** The month an inspection counts in: the bank day it was made on. */
export const tallyMonth = (inspection: Pick<Inspection, 'date'>) => inspection.date.slice(0, 7);

/**
 * What one inspection adds to its outlet's, region's and the bank's month. A self-check's
 * findings count only as failed items (they are put right on the spot, not as tasks).
 */
export function inspectionCounts(inspection: Pick<Inspection, 'kind' | 'result'>): TallyCounts {
  const { kind, result } = inspection;
  const counts: TallyCounts = { [`inspections:${kind}`]: 1 };
  if (result.score !== null) {
    counts[`scored:${kind}`] = 1;
    counts[`scoreSum:${kind}`] = result.score;
  }
  if (result.redLineFailed) {
    counts.redLineFailures = 1;
    // An outlet's own self-check is not held against it in the ranking: reporting honestly is the point.
    if (kind !== 'self-check') counts.checkRedLineFailures = 1;
  }
  const failed = result.items.filter((i) => i.failed);
  if (kind !== 'self-check' && failed.length > 0) counts.findings = failed.length;
  for (const item of failed) counts[`fail:${item.itemId}`] = (counts[`fail:${item.itemId}`] ?? 0) + 1;
  return counts;
}

/** The round a self-check adds to its month's set (none for other kinds). */
export const roundOf = (inspection: Pick<Inspection, 'kind' | 'date' | 'round'>): string | undefined =>
  inspection.kind === 'self-check' && inspection.round
    ? `${inspection.date.slice(8, 10)}#${inspection.round}`
    : undefined;

/** A task counts in the month it falls due (in the bank's time zone, as `dueMonth` says). */
export const TASK_DUE: TallyCounts = { tasksDue: 1 };
/** What an accepted task adds to the month it fell due: on time when its accepted answer was. */
export const acceptedTaskCounts = (task: Pick<Rectification, 'status' | 'answer' | 'dueAt'>): TallyCounts =>
  task.status === 'accepted' && task.answer && task.answer.at <= task.dueAt ? { tasksOnTime: 1 } : {};

/** Tallies summed: months into a quarter, outlets into a region. */
export function sumTallies(tallies: readonly SupervisionTally[]): SupervisionTally {
  const counts: TallyCounts = {};
  const rounds = new Set<string>();
  for (const t of tallies) {
    for (const [name, n] of Object.entries(t.counts)) counts[name] = round1((counts[name] ?? 0) + n);
    for (const r of t.rounds) rounds.add(r);
  }
  return { counts, rounds: [...rounds] };
}

export interface SupervisionFigures {
  inspections: number;
  /** Mean score of each kind's scored inspections; null without any. */
  meanScore: Record<InspectionKind, number | null>;
  /** Mean of every scored inspection but self-checks (the outside checks that rank an outlet). */
  checkScore: number | null;
  inspectionsByKind: Record<InspectionKind, number>;
  redLineFailures: number;
  /** Red-line failures of outside checks (spot, joint, mystery): what ranks first. */
  checkRedLineFailures: number;
  /** Failed items per spot, joint or mystery check. */
  findingsPerCheck: number | null;
  selfCheck: { done: number; owed: number; rate: number | null };
  rectification: { due: number; onTime: number; rate: number | null };
}

/**
 * The figures of a tally. `owedRounds` is what the cadence owed (rounds a day × the days owed);
 * `roundsDone` the rounds counted (for an outlet its set's size; for a region, the sum over its
 * outlets), never more than owed.
 */
export function supervisionFigures(
  tally: SupervisionTally,
  owedRounds: number,
  roundsDone?: number,
): SupervisionFigures {
  const c = (name: string) => tally.counts[name] ?? 0;
  const byKind = <T>(f: (k: InspectionKind) => T) =>
    Object.fromEntries(INSPECTION_KINDS.map((k) => [k, f(k)])) as Record<InspectionKind, T>;
  const outside = INSPECTION_KINDS.filter((k) => k !== 'self-check');
  const scored = outside.reduce((n, k) => n + c(`scored:${k}`), 0);
  const checks = outside.reduce((n, k) => n + c(`inspections:${k}`), 0);
  const done = Math.min(roundsDone ?? tally.rounds.length, owedRounds);
  return {
    inspections: INSPECTION_KINDS.reduce((n, k) => n + c(`inspections:${k}`), 0),
    inspectionsByKind: byKind((k) => c(`inspections:${k}`)),
    meanScore: byKind((k) => (c(`scored:${k}`) === 0 ? null : round1(c(`scoreSum:${k}`) / c(`scored:${k}`)))),
    checkScore: scored === 0 ? null : round1(outside.reduce((n, k) => n + c(`scoreSum:${k}`), 0) / scored),
    redLineFailures: c('redLineFailures'),
    checkRedLineFailures: c('checkRedLineFailures'),
    findingsPerCheck: checks === 0 ? null : Math.round((c('findings') / checks) * 100) / 100,
    selfCheck: { done, owed: owedRounds, rate: owedRounds === 0 ? null : done / owedRounds },
    rectification: {
      due: c('tasksDue'),
      onTime: c('tasksOnTime'),
      rate: c('tasksDue') === 0 ? null : c('tasksOnTime') / c('tasksDue'),
    },
  };
}

/** The checklist items failed most often, most first (ties by id), with how often. */
export function mostFailedItems(
  tally: SupervisionTally,
  limit: number,
): { itemId: string; failures: number }[] {
  return Object.entries(tally.counts)
    .filter(([name, n]) => name.startsWith('fail:') && n > 0)
    .map(([name, failures]) => ({ itemId: name.slice('fail:'.length), failures }))
    .sort((a, b) => b.failures - a.failures || a.itemId.localeCompare(b.itemId))
    .slice(0, limit);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** What one write adds to one tally: an outlet's, its region's or the bank's month. */
export interface TallyChange {
  scope: 'outlet' | 'region' | 'bank';
  /** The outlet's or region's id; `bank` for the bank. */
  id: string;
  month: string;
  counts: TallyCounts;
  /** A self-check round to add to an outlet's set. */
  round?: string | undefined;
  /** The outlet's region, kept on an outlet's tally so the circular can group without the directory. */
  regionId?: string | undefined;
}

/** The same counts added to an outlet's month, its region's and the bank's. */
export function tallyChanges(
  at: { outletId: string; regionId: string },
  month: string,
  counts: TallyCounts,
  round?: string,
): TallyChange[] {
  return [
    { scope: 'outlet', id: at.outletId, regionId: at.regionId, month, counts, round },
    { scope: 'region', id: at.regionId, month, counts },
    { scope: 'bank', id: 'bank', month, counts },
  ];
}

/**
 * Changes to the same tally merged into one (a transaction may write an item once): an
 * inspection's counts and its tasks' due counts often fall in the same month.
 */
export function mergeTallyChanges(changes: readonly TallyChange[]): TallyChange[] {
  const merged = new Map<string, TallyChange>();
  for (const change of changes) {
    const key = `${change.scope}#${change.id}#${change.month}`;
    const before = merged.get(key);
    if (!before) {
      merged.set(key, { ...change, counts: { ...change.counts } });
      continue;
    }
    for (const [name, n] of Object.entries(change.counts))
      before.counts[name] = (before.counts[name] ?? 0) + n;
    before.round ??= change.round;
  }
  return [...merged.values()].filter((c) => Object.keys(c.counts).length > 0 || c.round);
}
