import type { StoredWarning } from '../adapters/dynamodb/warning-repository.js';
import { departmentsOf, isAdmin, isHeadOffice, outletsOf, type Principal } from '../auth/principal.js';
import { departments } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import { addDays } from '../domain/calendar.js';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import type { RatingRecord } from '../domain/feedback.js';
import type { Language } from '../domain/language.js';
import { message } from '../domain/messages.js';
import { localized } from '../domain/outlet.js';
import { completionRate, emptyComplaintTotals, onTimeRate } from '../domain/statistics/complaint-totals.js';
import { complaintFigures, ratingFigures } from '../domain/statistics/figures.js';
import {
  datesBetween,
  type Granularity,
  granularityOf,
  periodCount,
  periodsBetween,
  previousPeriod,
} from '../domain/statistics/periods.js';
import { countedRatings, csat, emptyRatingTotals } from '../domain/statistics/rating-totals.js';
import { BANK, LOW_RATINGS_KEPT, type Rollup, type Scope } from '../domain/statistics/rollup.js';
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
    const items = await Promise.all(
      latest.map(async (r) => ({ ...r, outletName: await this.nameOf('outlet', r.outletId, lang) })),
    );
    return { ...subject, items };
  }

  /** A month's major complaints (the newest 50) with their root causes, named for the report. */
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
    const names = await this.categoryNames(lang);
    const items = await Promise.all(
      (rollup?.majorComplaints ?? []).map(async (c) => ({
        ...c,
        outletName: await this.nameOf('outlet', c.outletId, lang),
        categoryName: names.get(c.category) ?? c.category,
        departmentName: await this.nameOf('department', c.departmentId, lang),
      })),
    );
    return { scope: query.scope, id, month: query.month, items };
  }

  /** Outlets (or regions) of one week or month, best CSAT first, with the change from the period before. */
  async rankings(
    principal: Principal,
    query: {
      scope: 'outlet' | 'region';
      granularity: 'week' | 'month';
      period: string;
      region?: string | undefined;
    },
    lang: Language,
  ) {
    if (!seesEverything(principal)) throw forbidden('forbidden.rankings');
    this.checkPeriod(query.period, query.granularity);
    if (query.region !== undefined && !(await this.directory.region(query.region)))
      throw notFound('notFound.region');
    const { rollups } = this.deps.repositories;
    const region = query.scope === 'outlet' ? query.region : undefined;
    const [current, previous] = await Promise.all([
      rollups.allOf(query.scope, query.granularity, query.period, region),
      rollups.allOf(query.scope, query.granularity, previousPeriod(query.period, query.granularity), region),
    ]);
    const before = new Map(previous.map((r) => [r.id, csat(r.ratings)]));
    const ranked = [...current].sort(
      (a, b) =>
        (csat(b.ratings) ?? -1) - (csat(a.ratings) ?? -1) ||
        b.ratings.count - a.ratings.count ||
        a.id.localeCompare(b.id),
    );
    const items = await Promise.all(
      ranked.map(async (r, i) => {
        const score = csat(r.ratings);
        const earlier = before.get(r.id) ?? null;
        return {
          id: r.id,
          name: await this.nameOf(query.scope, r.id, lang),
          ...(r.regionId
            ? { regionId: r.regionId, region: await this.nameOf('region', r.regionId, lang) }
            : {}),
          rank: i + 1,
          csat: score,
          ratings: r.ratings.count,
          complaints: r.complaints.received,
          completionRate: completionRate(r.complaints),
          onTimeRate: onTimeRate(r.complaints),
          change: score === null || earlier === null ? null : score - earlier,
        };
      }),
    );
    return { scope: query.scope, granularity: query.granularity, period: query.period, items };
  }

  /** A week's or month's warnings within the caller's reach, open ones first. */
  async warnings(
    principal: Principal,
    query: { period: string; status?: 'open' | 'all' | undefined },
    lang: Language,
  ) {
    const granularity = granularityOf(query.period);
    if (granularity !== 'week' && granularity !== 'month') throw invalid({ period: 'field.weekOrMonth' });
    if (
      !seesEverything(principal) &&
      outletsOf(principal).length === 0 &&
      departmentsOf(principal).length === 0
    )
      throw forbidden('forbidden.noStatistics');
    const stored = await this.deps.repositories.warnings.ofPeriod(query.period);
    const visible = stored.filter(
      (w) =>
        seesEverything(principal) ||
        (w.scope === 'outlet' && outletsOf(principal).includes(w.subjectId)) ||
        (w.scope === 'department' && departmentsOf(principal).includes(w.subjectId)),
    );
    const wanted = query.status === 'open' ? visible.filter((w) => !w.acknowledged) : visible;
    const items = await Promise.all(wanted.map((w) => this.describe(w, lang)));
    items.sort(
      (a, b) => Number(Boolean(a.acknowledged)) - Number(Boolean(b.acknowledged)) || a.id.localeCompare(b.id),
    );
    return { period: query.period, items };
  }

  async acknowledge(principal: Principal, id: string, note: string | undefined, lang: Language) {
    if (!isHeadOffice(principal)) throw forbidden('forbidden.acknowledge');
    const outcome = await this.deps.repositories.warnings.acknowledge(id, {
      by: principal.username,
      byName: principal.displayName,
      at: this.deps.now().toISOString(),
      ...(note ? { note } : {}),
    });
    if (outcome.result === 'missing') throw notFound('notFound.warning');
    if (outcome.result === 'already')
      throw conflict('conflict.warningAcknowledged', { acknowledged: outcome.warning.acknowledged });
    return this.describe(outcome.warning, lang);
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
        : (await this.directory.allOutlets()).filter((o) => o.regionId === query.id);
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
        const department = departments.find((d) => d.id === id);
        if (!department && strict) throw notFound('notFound.department');
        return department ? department.name[lang] : id;
      }
    }
  }

  private async categoryNames(lang: Language): Promise<Map<string, string>> {
    const { rules } = await this.deps.repositories.routingRules.get();
    return new Map(rules.categories.map((c) => [c.id, localized(c.name, lang)]));
  }

  private async describe(w: StoredWarning, lang: Language) {
    const outlet = w.scope === 'outlet' ? await this.directory.outlet(w.subjectId) : undefined;
    return {
      ...w,
      subjectName: await this.nameOf(w.scope, w.subjectId, lang),
      ...(outlet ? { region: await this.nameOf('region', outlet.regionId, lang) } : {}),
    };
  }
}

const seesEverything = (p: Principal) => isHeadOffice(p) || isAdmin(p);

const BANK_NAME: Record<Language, string> = { 'zh-CN': '全行', 'zh-TW': '全行', en: 'Whole bank' };
