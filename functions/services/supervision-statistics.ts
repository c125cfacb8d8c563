import {
  inspectedRegionsOf,
  isHeadOffice,
  isSupervisionCentre,
  lobbiesOf,
  outletsOf,
  type Principal,
} from '../auth/principal.js';
import type { Dependencies } from '../dependencies.js';
import { localDate } from '../domain/calendar.js';
import { forbidden, invalid } from '../domain/errors.js';
import type { Language } from '../domain/language.js';
import { localized } from '../domain/outlet.js';
import {
  type MonthTallies,
  monthsOfPeriod,
  owedRoundsOf,
  regionRows,
  supervisionRows,
  weakestFirst,
} from '../domain/supervision/statistics.js';
import type { SupervisionFigures } from '../domain/supervision/tally.js';
import type { OutletDirectory } from './outlet-directory.js';

export interface SupervisionStatsQuery {
  period: string;
  region?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface SupervisionStatsRow {
  id: string;
  name: string;
  regionId?: string | undefined;
  region?: string | undefined;
  outlets?: number | undefined;
  figures: SupervisionFigures;
}

export interface SupervisionStats {
  period: string;
  months: string[];
  /** Self-check rounds each outlet owed over the period. */
  owedRounds: number;
  bank?: SupervisionFigures;
  regions?: SupervisionStatsRow[];
  region?: SupervisionStatsRow;
  outlets?: { total: number; items: SupervisionStatsRow[]; nextCursor?: string };
}

/**
 * Supervision figures of a month or a quarter for the dashboard (服务督导): the bank's and every
 * region's, or one region's and a page of its outlets, weakest first. Read from tallies only: one
 * Query of the month's outlet tallies per month (the region's part of it for a region), so its
 * requests grow with the months asked for, never with the inspections behind them.
 *
 * Reach: head office and the supervision centre see everything; a region's inspection team its
 * regions (and their outlets); an outlet's manager or lobby manager only its outlet's row.
 */
export class SupervisionStatistics {
  constructor(
    private readonly deps: Dependencies,
    private readonly directory: OutletDirectory,
  ) {}

  async figures(
    principal: Principal,
    query: SupervisionStatsQuery,
    lang: Language,
  ): Promise<SupervisionStats> {
    const months = monthsOfPeriod(query.period);
    if (!months) throw invalid({ period: 'field.monthOrQuarter' });
    const today = localDate(this.deps.now(), this.deps.config.TIME_ZONE);
    if ((months[0] as string) > today.slice(0, 7)) throw invalid({ period: 'field.month.future' });

    const insider = isHeadOffice(principal) || isSupervisionCentre(principal);
    const teamRegions = inspectedRegionsOf(principal);
    const ownOutlets = [...outletsOf(principal), ...lobbiesOf(principal)];
    if (!insider && teamRegions.length === 0 && ownOutlets.length === 0)
      throw forbidden('forbidden.supervision');
    if (query.region && !insider && !teamRegions.includes(query.region))
      throw forbidden('forbidden.supervision');

    const [active, regions] = await Promise.all([this.directory.activeOutlets(), this.directory.regions()]);
    const regionName = new Map(regions.map((r) => [r.id, localized(r.name, lang)]));
    const outletName = new Map(active.map((o) => [o.id, localized(o.name, lang)]));
    const owed = (month: string) => owedRoundsOf(month, today, this.deps.config.SELF_CHECK_WEEKDAYS);
    const repository = this.deps.repositories.inspections;
    const base = (tallies: readonly MonthTallies[]) => ({
      period: query.period,
      months,
      owedRounds: tallies.reduce((n, m) => n + (m.inUse ? m.owedRounds : 0), 0),
    });

    if (query.region) {
      const regionId = query.region;
      const tallies: MonthTallies[] = await Promise.all(
        months.map(async (month) => {
          // Whether supervision ran in the bank that month: the bank's tally (one GetItem).
          const [outlets, bank] = await Promise.all([
            repository.regionOutletTallies(month, regionId),
            repository.tallies('bank', ['bank'], month),
          ]);
          return { month, owedRounds: owed(month), inUse: bank.size > 0, outlets };
        }),
      );
      const members = active.filter((o) => o.regionId === regionId);
      const { outlets, total } = supervisionRows(tallies, members);
      const sorted = outlets.sort(weakestFirst);
      const from = Number(query.cursor ?? 0) || 0;
      const page = sorted.slice(from, from + query.limit);
      // Outlets closed since are named from the directory's full list, only when shown.
      const closed = page.filter((o) => !outletName.has(o.id)).map((o) => o.id);
      const closedNames = closed.length ? await this.directory.outletsOf(closed) : undefined;
      const nameOf = (id: string) => {
        const outlet = closedNames?.get(id);
        return outletName.get(id) ?? (outlet ? localized(outlet.name, lang) : id);
      };
      return {
        ...base(tallies),
        region: {
          id: regionId,
          name: regionName.get(regionId) ?? regionId,
          outlets: outlets.length,
          figures: total,
        },
        outlets: {
          total: sorted.length,
          items: page.map(
            (o): SupervisionStatsRow => ({
              id: o.id,
              name: nameOf(o.id),
              regionId,
              region: regionName.get(regionId) ?? regionId,
              figures: o.figures,
            }),
          ),
          ...(from + query.limit < sorted.length ? { nextCursor: String(from + query.limit) } : {}),
        },
      };
    }

    const tallies: MonthTallies[] = await Promise.all(
      months.map(async (month) => {
        const outlets = await repository.outletTallies(month);
        return { month, owedRounds: owed(month), inUse: outlets.length > 0, outlets };
      }),
    );
    if (!insider && teamRegions.length === 0) {
      // An outlet's own staff: its outlet's row, nothing of the others.
      const mine = active.filter((o) => ownOutlets.includes(o.id));
      const { outlets } = supervisionRows(
        tallies.map((m) => ({ ...m, outlets: m.outlets.filter((o) => ownOutlets.includes(o.outletId)) })),
        mine,
      );
      return {
        ...base(tallies),
        outlets: {
          total: outlets.length,
          items: outlets.map((o) => ({
            id: o.id,
            name: outletName.get(o.id) ?? o.id,
            regionId: o.regionId,
            region: o.regionId ? (regionName.get(o.regionId) ?? o.regionId) : undefined,
            figures: o.figures,
          })),
        },
      };
    }
    const regionList = regionRows(tallies, active)
      .filter((r) => insider || teamRegions.includes(r.id))
      .map((r) => ({ id: r.id, name: regionName.get(r.id) ?? r.id, outlets: r.outlets, figures: r.figures }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return {
      ...base(tallies),
      ...(insider ? { bank: supervisionRows(tallies, active).total } : {}),
      regions: regionList,
    };
  }
}
