import type {
  Acknowledgement,
  StoredWarning,
  WarningCount,
  WarningFilter,
} from '../adapters/dynamodb/warning-repository.js';
import { departmentsOf, isAdmin, isHeadOffice, outletsOf, type Principal } from '../auth/principal.js';
import { departments } from '../config/departments.js';
import { rootCauseNames } from '../config/root-causes.js';
import type { Dependencies } from '../dependencies.js';
import { addDays } from '../domain/calendar.js';
import {
  conflict,
  forbidden,
  invalid,
  notFound,
  RETRY_AFTER_UNAVAILABLE_SECONDS,
  unavailable,
} from '../domain/errors.js';
import type { RatingRecord } from '../domain/feedback.js';
import type { Language } from '../domain/language.js';
import { isMessageKey, type MessageKey, message, say } from '../domain/messages.js';
import { localized, type Outlet } from '../domain/outlet.js';
import { emptyComplaintTotals } from '../domain/statistics/complaint-totals.js';
import { complaintFigures, ratingFigures } from '../domain/statistics/figures.js';
import {
  datesBetween,
  type Granularity,
  granularityOf,
  periodCount,
  periodsBetween,
  previousPeriod,
} from '../domain/statistics/periods.js';
import { type RankingOrder, rankedFigures } from '../domain/statistics/ranking.js';
import { countedRatings, csat, emptyRatingTotals } from '../domain/statistics/rating-totals.js';
import { BANK, LOW_RATINGS_KEPT, type Rollup, type Scope } from '../domain/statistics/rollup.js';
import { WARNING_RULES, type WarningRule, warningId } from '../domain/statistics/warnings.js';
import type { OutletDirectory } from './outlet-directory.js';
import { countingRules } from './rollups.js';

export interface SeriesQuery {
  scope: Scope;
  id?: string | undefined;
  granularity: Granularity;
  from: string;
  to: string;
}

/** How many periods one call may ask for: ten years of months, five of weeks, two of days. */
const MAX_PERIODS: Record<Granularity, number> = { day: 732, week: 261, month: 120 };
/** Raw ratings one export may hold; past it, the caller narrows the range. */
const MAX_EXPORT_ROWS = 100_000;
const MAX_EXPORT_DAYS = { outlet: 366, region: 31 } as const;
/** Tries of an acknowledgement that keeps meeting another one on the same warnings. */
const ACKNOWLEDGE_ATTEMPTS = 3;

/**
 * Head office's numbers, read from the rollups only: a series is one Query on its scope's
 * partition whatever the number of ratings behind it, a ranking two (the period and the one
 * before). Who may see what: head office and admins everything; an outlet's manager its outlet
 * only; a department's staff its own complaint figures only. Anything else is refused.
 */
export class StatisticsService {
  constructor(
    private readonly deps: Dependencies,
    private readonly directory: OutletDirectory,
  ) {}

  async satisfaction(principal: Principal, query: SeriesQuery, lang: Language) {
    if (query.scope === 'department') throw invalid({ scope: 'field.scope.noRatings' });
    const { subject, rollups, periods } = await this.series(principal, query, lang, 'ratings');
    return {
      ...subject,
      granularity: query.granularity,
      series: periods.map((period) => ({
        period,
        ratings: ratingFigures(rollups.get(period)?.ratings ?? emptyRatingTotals()),
      })),
    };
  }

  async complaints(principal: Principal, query: SeriesQuery, lang: Language) {
    const { subject, rollups, periods } = await this.series(principal, query, lang, 'complaints');
    return {
      ...subject,
      granularity: query.granularity,
      series: periods.map((period) => {
        const rollup = rollups.get(period);
        return {
          period,
          complaints: complaintFigures(
            rollup?.complaints ?? emptyComplaintTotals(),
            rollup?.ratings.count ?? 0,
          ),
        };
      }),
    };
  }

  /** The latest ratings of 1 or 2 that came with a comment, over a range of days: one Query of day rollups. */
  async lowRatings(principal: Principal, query: Omit<SeriesQuery, 'granularity'>, lang: Language) {
    if (query.scope === 'department') throw invalid({ scope: 'field.scope.noRatings' });
    const { subject, rollups } = await this.series(
      principal,
      { ...query, granularity: 'day' },
      lang,
      'ratings',
    );
    const latest = [...rollups.values()]
      .flatMap((r) => r.lowRatings)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
      .slice(0, LOW_RATINGS_KEPT);
    const outlets = await this.directory.outletsOf(latest.map((r) => r.outletId));
    const items = latest.map((r) => ({ ...r, outletName: outletName(outlets, r.outletId, lang) }));
    return { ...subject, items };
  }

  /** A month's major complaints (the newest 50) with their root causes, named for the report: three reads. */
  async majorComplaints(
    principal: Principal,
    query: { month: string; scope: Exclude<Scope, 'department'>; id?: string | undefined },
    lang: Language,
  ) {
    const id = query.scope === 'bank' ? BANK : query.id;
    if (!id)
      throw invalid({ id: message('field.scope.needsId', { scope: message(`scope.${query.scope}`) }) });
    this.checkAccess(principal, query.scope, id, 'complaints');
    this.checkPeriod(query.month, 'month');
    const rollup = await this.deps.repositories.rollups.get(query.scope, id, 'month', query.month);
    const listed = rollup?.majorComplaints ?? [];
    const [names, outlets] = await Promise.all([
      this.categoryNames(lang),
      this.directory.outletsOf(listed.map((c) => c.outletId)),
    ]);
    const items = listed.map((c) => ({
      ...c,
      outletName: outletName(outlets, c.outletId, lang),
      categoryName: names.get(c.category) ?? c.category,
      departmentName: departmentName(c.departmentId, lang),
      statusName: say(
        lang,
        isMessageKey(`state.${c.status}`) ? (`state.${c.status}` as MessageKey) : 'state.other',
      ),
      ...(c.rootCause ? { rootCauseName: rootCauseName(c.rootCause, lang) } : {}),
    }));
    return { scope: query.scope, id, month: query.month, items };
  }

  /**
   * One page of the outlets (of the bank, or of one region) or the regions of a week or month,
   * from the best CSAT or the worst, with the change from the period before: a Query of the page's
   * first items in ranking order, a BatchGet of their previous period, their names (cached, else a
   * BatchGet) and the list's length, whatever the number of outlets.
   */
  async rankings(
    principal: Principal,
    query: {
      scope: 'outlet' | 'region';
      granularity: 'week' | 'month';
      period: string;
      region?: string | undefined;
      order: RankingOrder;
      limit: number;
      cursor?: string | undefined;
    },
    lang: Language,
  ) {
    if (!seesEverything(principal)) throw forbidden('forbidden.rankings');
    this.checkPeriod(query.period, query.granularity);
    const region = query.scope === 'outlet' ? query.region : undefined;
    if (region !== undefined && !(await this.directory.region(region))) throw notFound('notFound.region');
    const { rollups } = this.deps.repositories;
    const previous = previousPeriod(query.period, query.granularity);
    const page = await rollups.ranked(query.scope, query.granularity, query.period, {
      regionId: region,
      order: query.order,
      limit: query.limit,
      cursor: query.cursor,
    });
    const ids = page.items.map((r) => r.id);
    const [before, outlets, regions, total] = await Promise.all([
      ids.length
        ? rollups.countsOf(
            ids.map((id) => ({ scope: query.scope, id, granularity: query.granularity, period: previous })),
          )
        : [],
      query.scope === 'outlet' ? this.directory.outletsOf(ids) : new Map<string, Outlet>(),
      this.regionNames(lang),
      query.scope === 'region'
        ? this.directory.regions().then((r) => r.length)
        : rollups.outletsIn(region ? 'region' : 'bank', region ?? BANK, query.granularity, query.period),
    ]);
    const earlier = new Map(before.map((r) => [r.id, rankedFigures(r).csat]));
    const items = page.items.map((r, i) => {
      const figures = rankedFigures(r);
      const was = earlier.get(r.id) ?? null;
      return {
        id: r.id,
        name: query.scope === 'outlet' ? outletName(outlets, r.id, lang) : (regions.get(r.id) ?? r.id),
        ...(r.regionId ? { regionId: r.regionId, region: regions.get(r.regionId) ?? r.regionId } : {}),
        rank: page.offset + i + 1,
        ...figures,
        change: figures.csat === null || was === null ? null : figures.csat - was,
      };
    });
    return {
      scope: query.scope,
      granularity: query.granularity,
      period: query.period,
      ...(region ? { region } : {}),
      order: query.order,
      total,
      items,
      ...(page.next ? { nextCursor: page.next } : {}),
    };
  }

  /**
   * CSAT by period for a page of rows: the regions, or one region's outlets, over the `periods`
   * weeks or months ending with `to`. One Query for the page's rows (by id) and one BatchGet per
   * 100 cells, whatever the number of outlets.
   */
  async heatmap(
    principal: Principal,
    query: {
      scope: 'region' | 'outlet';
      region?: string | undefined;
      granularity: 'week' | 'month';
      to: string;
      periods: number;
      limit: number;
      cursor?: string | undefined;
    },
    lang: Language,
  ) {
    if (!seesEverything(principal)) throw forbidden('forbidden.heatmap');
    this.checkPeriod(query.to, query.granularity);
    const periods = [query.to];
    while (periods.length < query.periods)
      periods.unshift(previousPeriod(periods[0] ?? query.to, query.granularity));
    const { outlets } = this.deps.repositories;
    let rows: { id: string; name: string; regionId?: string | undefined }[];
    let next: string | undefined;
    if (query.scope === 'outlet') {
      if (!query.region) throw invalid({ region: 'field.region.needed' });
      if (!(await this.directory.region(query.region))) throw notFound('notFound.region');
      const page = await outlets.pageOfRegion(query.region, query.limit, query.cursor);
      rows = page.items.map((o) => ({ id: o.id, name: localized(o.name, lang), regionId: o.regionId }));
      next = page.next;
    } else {
      const page = await outlets.pageOfRegions(query.limit, query.cursor);
      rows = page.items.map((r) => ({ id: r.id, name: localized(r.name, lang) }));
      next = page.next;
    }
    const cells = await this.deps.repositories.rollups.countsOf(
      rows.flatMap((row) =>
        periods.map((period) => ({ scope: query.scope, id: row.id, granularity: query.granularity, period })),
      ),
    );
    const byCell = new Map(cells.map((c) => [`${c.id} ${c.period}`, c]));
    return {
      scope: query.scope,
      ...(query.region ? { region: query.region } : {}),
      granularity: query.granularity,
      periods,
      rows: rows.map((row) => ({
        ...row,
        cells: periods.map((period) => {
          const ratings = byCell.get(`${row.id} ${period}`)?.ratings;
          return { period, csat: ratings ? csat(ratings) : null, ratings: ratings?.count ?? 0 };
        }),
      })),
      ...(next ? { nextCursor: next } : {}),
    };
  }

  /**
   * One page of a week's or month's warnings within the caller's reach, open ones first, by rule,
   * region and subject; narrowed by rule, region and status. Head office pages through the
   * period's index; an outlet's manager or a department's staff read their own by id.
   */
  async warnings(
    principal: Principal,
    query: {
      period: string;
      rule?: WarningRule | undefined;
      region?: string | undefined;
      status: WarningFilter['status'];
      limit: number;
      cursor?: string | undefined;
    },
    lang: Language,
  ) {
    this.checkWarningPeriod(principal, query.period);
    const filter = { rule: query.rule, regionId: query.region, status: query.status };
    if (seesEverything(principal)) {
      const page = await this.deps.repositories.warnings.page(query.period, filter, WARNING_RULES, query);
      return {
        period: query.period,
        items: await this.describeAll(page.items, lang),
        ...(page.next ? { nextCursor: page.next } : {}),
      };
    }
    const own = (await this.ownWarnings(principal, query.period))
      .filter(
        (w) =>
          (!filter.rule || w.rule === filter.rule) &&
          (!filter.regionId || w.regionId === filter.regionId) &&
          (filter.status === 'all' || (filter.status === 'open') === !w.acknowledged),
      )
      .sort(
        (a, b) =>
          Number(Boolean(a.acknowledged)) - Number(Boolean(b.acknowledged)) || a.id.localeCompare(b.id),
      )
      .slice(0, query.limit);
    return { period: query.period, items: await this.describeAll(own, lang) };
  }

  /**
   * A period's warnings counted by rule and region (open and acknowledged): for head office one
   * Query of the stored counts; for anyone else, their own warnings counted.
   */
  async warningSummary(principal: Principal, query: { period: string }, lang: Language) {
    this.checkWarningPeriod(principal, query.period);
    const counts = seesEverything(principal)
      ? await this.deps.repositories.warnings.counts(query.period)
      : countWarnings(await this.ownWarnings(principal, query.period));
    const regions = await this.regionNames(lang);
    const groups = counts
      .filter((c) => c.raised > 0)
      .map((c) => ({
        rule: c.rule,
        ...(c.regionId ? { regionId: c.regionId, region: regions.get(c.regionId) ?? c.regionId } : {}),
        open: c.raised - c.acknowledged,
        acknowledged: c.acknowledged,
      }))
      .sort(
        (a, b) =>
          WARNING_RULES.indexOf(a.rule) - WARNING_RULES.indexOf(b.rule) ||
          b.open - a.open ||
          (a.region ?? '').localeCompare(b.region ?? '', lang),
      );
    return {
      period: query.period,
      open: groups.reduce((n, g) => n + g.open, 0),
      acknowledged: groups.reduce((n, g) => n + g.acknowledged, 0),
      groups,
    };
  }

  /** Head office acknowledges one warning: who, when and a note, once. */
  async acknowledge(principal: Principal, id: string, note: string | undefined, lang: Language) {
    if (!isHeadOffice(principal)) throw forbidden('forbidden.acknowledge');
    const outcome = await this.settle(principal, [id], note);
    if (outcome.result === 'missing') throw notFound('notFound.warning');
    if (outcome.result === 'already')
      throw conflict('conflict.warningAcknowledged', { acknowledged: outcome.warnings[0]?.acknowledged });
    const [described] = await this.describeAll(outcome.warnings, lang);
    return described;
  }

  /**
   * Head office acknowledges several warnings at once, with one note: all of them or none (one
   * transaction), each only once. A warning that does not exist is 404; one already acknowledged
   * (before, or by someone else meanwhile) is 409 naming it; nothing is acknowledged then.
   */
  async acknowledgeMany(
    principal: Principal,
    ids: readonly string[],
    note: string | undefined,
    lang: Language,
  ) {
    if (!isHeadOffice(principal)) throw forbidden('forbidden.acknowledge');
    if (new Set(ids).size !== ids.length) throw invalid({ ids: 'field.ids.duplicate' });
    const outcome = await this.settle(principal, ids, note);
    if (outcome.result === 'missing') throw notFound(message('notFound.warnings', { n: outcome.n }));
    const described = await this.describeAll(outcome.warnings, lang);
    if (outcome.result === 'already')
      throw conflict(
        message('conflict.warningsAcknowledged', {
          n: described.length,
          subjects: described.map((w) => w.subjectName).join(lang === 'en' ? ', ' : '、'),
        }),
        { acknowledged: described.map((w) => ({ id: w.id, ...w.acknowledged })) },
      );
    const order = new Map(ids.map((id, i) => [id, i]));
    return { items: described.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)) };
  }

  /** The first bank day the statistics have figures for (the bank's earliest day rollup): one Query of one item. */
  async firstDay(principal: Principal) {
    if (
      !seesEverything(principal) &&
      outletsOf(principal).length === 0 &&
      departmentsOf(principal).length === 0
    )
      throw forbidden('forbidden.noStatistics');
    return { firstDay: (await this.deps.repositories.rollups.earliest('bank', BANK, 'day')) ?? null };
  }

  /**
   * The raw ratings of an outlet (up to a year) or a region (up to a month), with comments, and
   * whether the figures count each one (a device's repeat within the window is stored but not
   * counted). One Query per outlet and day.
   */
  async ratingsExport(
    principal: Principal,
    query: { scope: 'outlet' | 'region'; id: string; from: string; to: string },
    lang: Language,
  ) {
    this.checkAccess(principal, query.scope, query.id, 'ratings');
    const days = this.checkRange(query.from, query.to, 'day');
    if (days.length > MAX_EXPORT_DAYS[query.scope])
      throw invalid({
        to: message('field.export.tooLong', {
          scope: message(`scope.${query.scope}`),
          max: MAX_EXPORT_DAYS[query.scope],
        }),
      });
    const outlets =
      query.scope === 'outlet'
        ? [await this.outletOrNotFound(query.id)]
        : await this.deps.repositories.outlets.list(query.id);
    if (query.scope === 'region' && !(await this.directory.region(query.id)))
      throw notFound('notFound.region');
    const { ratings } = this.deps.repositories;
    const rules = countingRules(this.deps.config);
    const rows: (RatingRecord & { outletName: string; counted: boolean })[] = [];
    for (const outlet of outlets) {
      let previous: RatingRecord[] = await ratings.outletDay(outlet.id, addDays(days[0] ?? '', -1));
      for (const date of days) {
        const day = await ratings.outletDay(outlet.id, date);
        const counted = new Set(countedRatings(day, rules, previous).map((r) => r.submissionId));
        for (const r of day)
          rows.push({ ...r, outletName: localized(outlet.name, lang), counted: counted.has(r.submissionId) });
        if (rows.length > MAX_EXPORT_ROWS)
          throw invalid({ to: message('field.export.tooMany', { max: MAX_EXPORT_ROWS }) });
        previous = day;
      }
    }
    rows.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    return rows;
  }

  private async series(
    principal: Principal,
    query: SeriesQuery,
    lang: Language,
    figures: 'ratings' | 'complaints',
  ) {
    const id = query.scope === 'bank' ? BANK : query.id;
    if (!id)
      throw invalid({ id: message('field.scope.needsId', { scope: message(`scope.${query.scope}`) }) });
    this.checkAccess(principal, query.scope, id, figures);
    const periods = this.checkRange(query.from, query.to, query.granularity);
    const name = await this.nameOf(query.scope, id, lang, true);
    const found = await this.deps.repositories.rollups.range(
      query.scope,
      id,
      query.granularity,
      periods[0] ?? '',
      periods.at(-1) ?? '',
    );
    return {
      subject: { scope: query.scope, id, name, from: query.from, to: query.to },
      rollups: new Map<string, Rollup>(found.map((r) => [r.period, r])),
      periods,
    };
  }

  private checkAccess(principal: Principal, scope: Scope, id: string, figures: 'ratings' | 'complaints') {
    if (seesEverything(principal)) return;
    if (scope === 'outlet' && outletsOf(principal).includes(id)) return;
    if (scope === 'department' && figures === 'complaints' && departmentsOf(principal).includes(id)) return;
    throw forbidden('forbidden.figures');
  }

  private checkRange(from: string, to: string, granularity: Granularity): string[] {
    if (from > to) throw invalid({ from: 'field.range.order' });
    // Counted before anything is listed: a call's work is bounded by the limit, not by the range.
    if (periodCount(from, to, granularity) > MAX_PERIODS[granularity])
      throw invalid({
        from: message('field.range.tooLong', {
          max: MAX_PERIODS[granularity],
          unit: message(`unit.${granularity}`),
        }),
      });
    return granularity === 'day' ? datesBetween(from, to) : periodsBetween(from, to, granularity);
  }

  private checkPeriod(period: string, granularity: Granularity) {
    if (granularityOf(period) !== granularity)
      throw invalid({
        period: granularity === 'week' ? 'field.week' : 'field.month',
      });
  }

  private async outletOrNotFound(id: string) {
    const outlet = await this.directory.outlet(id);
    if (!outlet) throw notFound('notFound.outlet');
    return outlet;
  }

  /** A scope's name in the caller's language; with `strict`, an unknown one is 404. */
  private async nameOf(scope: Scope, id: string, lang: Language, strict = false): Promise<string> {
    switch (scope) {
      case 'bank':
        return BANK_NAME[lang];
      case 'outlet': {
        const outlet = strict ? await this.outletOrNotFound(id) : await this.directory.outlet(id);
        return outlet ? localized(outlet.name, lang) : id;
      }
      case 'region': {
        const region = await this.directory.region(id);
        if (!region && strict) throw notFound('notFound.region');
        return region ? localized(region.name, lang) : id;
      }
      case 'department': {
        if (strict && !departments.some((d) => d.id === id)) throw notFound('notFound.department');
        return departmentName(id, lang);
      }
    }
  }

  private async categoryNames(lang: Language): Promise<Map<string, string>> {
    const { rules } = await this.deps.repositories.routingRules.get();
    return new Map(rules.categories.map((c) => [c.id, localized(c.name, lang)]));
  }

  /**
   * Acknowledges the warnings of `ids` if every one exists and none is acknowledged yet, all in
   * one transaction. A transaction that met another one on the same warnings is tried again from
   * a fresh read (which then finds them acknowledged, or not).
   */
  private async settle(
    principal: Principal,
    ids: readonly string[],
    note: string | undefined,
  ): Promise<
    | { result: 'acknowledged'; warnings: StoredWarning[] }
    | { result: 'already'; warnings: StoredWarning[] }
    | { result: 'missing'; n: number }
  > {
    const { warnings } = this.deps.repositories;
    for (let attempt = 1; attempt <= ACKNOWLEDGE_ATTEMPTS; attempt++) {
      const stored = await warnings.getMany(ids);
      if (stored.length < ids.length) return { result: 'missing', n: ids.length - stored.length };
      const already = stored.filter((w) => w.acknowledged);
      if (already.length) return { result: 'already', warnings: already };
      const outcome = await warnings.acknowledgeAll(stored, this.acknowledgement(principal, note));
      if (outcome.result === 'acknowledged') return outcome;
      if (outcome.result === 'conflict')
        return outcome.missing.length
          ? { result: 'missing', n: outcome.missing.length }
          : { result: 'already', warnings: outcome.already };
    }
    throw unavailable('unavailable.database', RETRY_AFTER_UNAVAILABLE_SECONDS);
  }

  private acknowledgement(principal: Principal, note: string | undefined): Acknowledgement {
    return {
      by: principal.username,
      byName: principal.displayName,
      at: this.deps.now().toISOString(),
      ...(note ? { note } : {}),
    };
  }

  private checkWarningPeriod(principal: Principal, period: string) {
    const granularity = granularityOf(period);
    if (granularity !== 'week' && granularity !== 'month') throw invalid({ period: 'field.weekOrMonth' });
    if (
      !seesEverything(principal) &&
      outletsOf(principal).length === 0 &&
      departmentsOf(principal).length === 0
    )
      throw forbidden('forbidden.noStatistics');
  }

  /**
   * An outlet manager's or a department's warnings of a period, read by their ids (each rule of
   * each of their outlets, recurring ones by the routing rules' categories): one BatchGet for a
   * few outlets, never the period's list.
   */
  private async ownWarnings(principal: Principal, period: string): Promise<StoredWarning[]> {
    const outletIds = outletsOf(principal);
    const categories = outletIds.length
      ? (await this.deps.repositories.routingRules.get()).rules.categories.map((c) => c.id)
      : [];
    const ids = [
      ...outletIds.flatMap((subjectId) => [
        ...WARNING_RULES.filter((rule) => rule !== 'recurring').map((rule) =>
          warningId(period, { rule, scope: 'outlet', subjectId }),
        ),
        ...categories.map((category) =>
          warningId(period, { rule: 'recurring', scope: 'outlet', subjectId, category }),
        ),
      ]),
      ...departmentsOf(principal).map((subjectId) =>
        warningId(period, { rule: 'on-time-low', scope: 'department', subjectId }),
      ),
    ];
    return ids.length ? this.deps.repositories.warnings.getMany(ids) : [];
  }

  /** Regions by id, named in `lang` (the directory's cached list). */
  private async regionNames(lang: Language): Promise<Map<string, string>> {
    return new Map((await this.directory.regions()).map((r) => [r.id, localized(r.name, lang)]));
  }

  /** Warnings with their subjects and regions named: one BatchGet of the outlets at most. */
  private async describeAll(warnings: readonly StoredWarning[], lang: Language) {
    const [outlets, regions] = await Promise.all([
      this.directory.outletsOf(warnings.filter((w) => w.scope === 'outlet').map((w) => w.subjectId)),
      this.regionNames(lang),
    ]);
    return warnings.map((w) => ({
      ...w,
      subjectName:
        w.scope === 'outlet' ? outletName(outlets, w.subjectId, lang) : departmentName(w.subjectId, lang),
      ...(w.regionId ? { region: regions.get(w.regionId) ?? w.regionId } : {}),
    }));
  }
}

const outletName = (outlets: Map<string, Outlet>, id: string, lang: Language) => {
  const outlet = outlets.get(id);
  return outlet ? localized(outlet.name, lang) : id;
};
const departmentName = (id: string, lang: Language) => departments.find((d) => d.id === id)?.name[lang] ?? id;
const rootCauseName = (id: string, lang: Language) => rootCauseNames[id]?.[lang] ?? id;

/** Warnings counted as the stored summary counts them: by rule and region. */
function countWarnings(warnings: readonly StoredWarning[]): WarningCount[] {
  const counts = new Map<string, WarningCount>();
  for (const w of warnings) {
    const key = `${w.rule}#${w.regionId ?? ''}`;
    const count = counts.get(key) ?? { rule: w.rule, regionId: w.regionId, raised: 0, acknowledged: 0 };
    count.raised++;
    if (w.acknowledged) count.acknowledged++;
    counts.set(key, count);
  }
  return [...counts.values()];
}

const seesEverything = (p: Principal) => isHeadOffice(p) || isAdmin(p);

const BANK_NAME: Record<Language, string> = { 'zh-CN': '全行', 'zh-TW': '全行', en: 'Whole bank' };
