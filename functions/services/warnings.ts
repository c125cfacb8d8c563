import { departmentIds, departments } from '../config/departments.js';
import { warningThresholds } from '../config/env.js';
import type { Dependencies } from '../dependencies.js';
import type { Outlet } from '../domain/outlet.js';
import { localized } from '../domain/outlet.js';
import { daysOf, previousPeriod } from '../domain/statistics/periods.js';
import { warningNotice } from '../domain/statistics/warning-notice.js';
import {
  evaluateSupervisionWarnings,
  evaluateWarnings,
  type Warning,
  type WarningThresholds,
} from '../domain/statistics/warnings.js';
import { DEFAULT_CADENCE, openDays } from '../domain/supervision/inspections.js';
import { EMPTY_TALLY } from '../domain/supervision/tally.js';

/**
 * Closes a week or a month for the early warnings (预警): reads the period's rollups (every
 * outlet's, the previous period's for a drop, every department's), decides with the configured
 * thresholds, and raises each warning once. A warning's id is fixed by its period, rule and
 * subject, so closing the same period again raises nothing new and publishes nothing twice.
 */
export class WarningService {
  constructor(private readonly deps: Dependencies) {}

  async closePeriod(granularity: Warning['granularity'], period: string) {
    const { rollups, warnings, outlets } = this.deps.repositories;
    const [current, previous, departmentRollups, outletList] = await Promise.all([
      rollups.allOf('outlet', granularity, period),
      rollups.allOf('outlet', granularity, previousPeriod(period, granularity)),
      Promise.all(departmentIds.map((id) => rollups.get('department', id, granularity, period))),
      outlets.list(),
    ]);
    const thresholds = warningThresholds(this.deps.config);
    const found = evaluateWarnings({
      granularity,
      period,
      outlets: current,
      previousOutlets: previous,
      departments: departmentRollups.filter((r) => r !== undefined),
      thresholds,
    });
    if (granularity === 'month')
      found.push(...(await this.supervisionWarnings(period, outletList, thresholds)));
    const names = new Map(outletList.map((o) => [o.id, localized(o.name, 'zh-CN')]));
    const nameOf = (w: Warning) =>
      w.scope === 'outlet'
        ? (names.get(w.subjectId) ?? w.subjectId)
        : (departments.find((d) => d.id === w.subjectId)?.name['zh-CN'] ?? w.subjectId);
    const now = this.deps.now();
    let raised = 0;
    for (const warning of found) {
      const notice = warningNotice(warning, nameOf(warning), this.deps.config.PUBLIC_BASE_URL);
      if (await warnings.raise(warning, [notice], now)) raised++;
    }
    this.deps.metrics.count('WarningRaised', raised);
    return { granularity, period, found: found.length, raised };
  }

  /**
   * The supervision rules of a closed month, from its tallies (one Query of every outlet's, paged).
   * Once supervision ran in the month (any outlet has a tally), every active outlet is judged, one
   * without a tally as having done no self-check round; an outlet closed since, by what its tally
   * holds. A month without any tally (before supervision was rolled out) raises none.
   */
  private async supervisionWarnings(
    month: string,
    outletList: readonly Outlet[],
    thresholds: WarningThresholds,
  ): Promise<Warning[]> {
    const tallies = await this.deps.repositories.inspections.outletTallies(month);
    if (tallies.length === 0) return [];
    const withTally = new Set(tallies.map((t) => t.outletId));
    const { first, last } = daysOf(month, 'month');
    const owedDays = openDays(first, last, this.deps.config.SELF_CHECK_WEEKDAYS).length;
    return evaluateSupervisionWarnings({
      month,
      outlets: [
        ...tallies,
        ...outletList
          .filter((o) => o.active && !withTally.has(o.id))
          .map((o) => ({ outletId: o.id, regionId: o.regionId, tally: EMPTY_TALLY })),
      ],
      owedRounds: owedDays * DEFAULT_CADENCE.selfCheckRoundsPerDay,
      thresholds,
    });
  }
}
