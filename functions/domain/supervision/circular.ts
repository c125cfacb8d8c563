import type { Rectification } from './rectification.js';
import {
  mostFailedItems,
  type SupervisionFigures,
  type SupervisionTally,
  sumTallies,
  supervisionFigures,
} from './tally.js';

/**
 * The monthly circular (全行通报): how every outlet and region did in the month's checks, ranked,
 * with the items failed most often bank-wide, every red-line finding, the rectifications not put
 * right in time, and the best and the weakest outlets. Built from the month's tallies alone (one
 * item per outlet), so its cost grows with outlets and months, never with inspections.
 *
 * Ranking: fewer red-line failures in outside checks first (a red line fails an inspection
 * whatever its points, so an outlet caught crossing one never ranks above one that was not; its
 * own self-checks are not held against it), then by the mean score of the
 * month's outside checks (spot, joint, released mystery), highest first, then the outlet's id for
 * a stable order. An outlet without an outside check that month is listed unranked, after the others.
 */
export interface CircularOutlet {
  outletId: string;
  regionId: string;
  figures: SupervisionFigures;
  /** 1 = best; undefined without an outside check. */
  rank: number | undefined;
  /**
   * Tasks due this month not accepted with an answer in time: known once the month has ended
   * (every task due in it is past due then); 0 while it is under way.
   */
  overdue: number;
  /** No joint check this month (the region owes one per outlet a month). */
  jointCheckMissing: boolean;
}

export interface CircularRegion {
  regionId: string;
  figures: SupervisionFigures;
  rank: number | undefined;
  outlets: number;
  jointChecksMissing: number;
}

export interface Circular {
  month: string;
  bank: SupervisionFigures;
  regions: CircularRegion[];
  outlets: CircularOutlet[];
  best: CircularOutlet[];
  weakest: CircularOutlet[];
  mostFailed: { itemId: string; failures: number }[];
  redLineFindings: Rectification[];
  /** Outlets with rectifications due this month and not put right in time, most first. */
  overdue: CircularOutlet[];
}

export interface CircularInput {
  month: string;
  outlets: readonly { outletId: string; regionId: string; tally: SupervisionTally }[];
  regions: ReadonlyMap<string, SupervisionTally>;
  bank: SupervisionTally;
  redLineFindings: readonly Rectification[];
  /** Self-check rounds each outlet owed in the month (rounds a day × the days owed so far). */
  owedRounds: number;
  /** How many outlets the best and weakest lists name, and the most failed items. */
  top: number;
  /** Whether the month is over (rectifications not in time are counted only then). */
  ended: boolean;
}

export function circular(input: CircularInput): Circular {
  const outlets: CircularOutlet[] = input.outlets.map(({ outletId, regionId, tally }) => {
    const figures = supervisionFigures(tally, input.owedRounds);
    return {
      outletId,
      regionId,
      figures,
      rank: undefined,
      overdue: input.ended ? Math.max(0, figures.rectification.due - figures.rectification.onTime) : 0,
      jointCheckMissing: figures.inspectionsByKind['joint-check'] === 0,
    };
  });
  rank(outlets, (o) => o.outletId);

  const byRegion = new Map<string, CircularOutlet[]>();
  for (const o of outlets) byRegion.set(o.regionId, [...(byRegion.get(o.regionId) ?? []), o]);
  const regionIds = [...new Set([...input.regions.keys(), ...byRegion.keys()])];
  const regions: CircularRegion[] = regionIds.map((regionId) => {
    const members = byRegion.get(regionId) ?? [];
    const tally = input.regions.get(regionId) ?? sumTallies([]);
    // A region's self-check completion is its outlets' rounds done over the rounds they owed.
    const done = members.reduce((n, o) => n + o.figures.selfCheck.done, 0);
    return {
      regionId,
      figures: supervisionFigures(tally, input.owedRounds * members.length, done),
      rank: undefined,
      outlets: members.length,
      jointChecksMissing: members.filter((o) => o.jointCheckMissing).length,
    };
  });
  rank(regions, (r) => r.regionId);

  const ranked = outlets.filter((o) => o.rank !== undefined);
  const allDone = outlets.reduce((n, o) => n + o.figures.selfCheck.done, 0);
  return {
    month: input.month,
    bank: supervisionFigures(input.bank, input.owedRounds * outlets.length, allDone),
    regions,
    outlets,
    best: ranked.slice(0, input.top),
    weakest: ranked.slice(-input.top).reverse(),
    mostFailed: mostFailedItems(input.bank, input.top),
    redLineFindings: [...input.redLineFindings].sort(
      (a, b) => a.foundAt.localeCompare(b.foundAt) || a.id.localeCompare(b.id),
    ),
    overdue: outlets
      .filter((o) => o.overdue > 0)
      .sort((a, b) => b.overdue - a.overdue || a.outletId.localeCompare(b.outletId)),
  };
}

/** Ranks in place: fewer red-line failures; then outside-check score, highest first; then id. Unscored last. */
function rank<T extends { figures: SupervisionFigures; rank: number | undefined }>(
  rows: T[],
  id: (row: T) => string,
) {
  rows.sort((a, b) => {
    const sa = a.figures.checkScore;
    const sb = b.figures.checkScore;
    if (sa === null || sb === null) return sa === sb ? id(a).localeCompare(id(b)) : sa === null ? 1 : -1;
    return (
      a.figures.checkRedLineFailures - b.figures.checkRedLineFailures || sb - sa || id(a).localeCompare(id(b))
    );
  });
  let next = 1;
  for (const row of rows) row.rank = row.figures.checkScore === null ? undefined : next++;
}
