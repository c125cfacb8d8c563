import { departmentIds, departments } from '../config/departments.js';
import { warningThresholds } from '../config/env.js';
import type { Dependencies } from '../dependencies.js';
import { localized } from '../domain/outlet.js';
import { previousPeriod } from '../domain/statistics/periods.js';
import { warningNotice } from '../domain/statistics/warning-notice.js';
import { evaluateWarnings, type Warning } from '../domain/statistics/warnings.js';

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
    const found = evaluateWarnings({
      granularity,
      period,
      outlets: current,
      previousOutlets: previous,
      departments: departmentRollups.filter((r) => r !== undefined),
      thresholds: warningThresholds(this.deps.config),
    });
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
}
