import {
  daysOf,
  granularityOf,
  periodOf,
  previousPeriod,
} from '../../../functions/domain/statistics/periods.js';
import type { Lang } from '../shared/lang.js';
import { el } from '../shared/session.js';
import {
  ApiError,
  type ComplaintSeries,
  downloadCsv,
  getJson,
  type Heatmap,
  type LowRating,
  type Me,
  type Ranking,
  type SatisfactionSeries,
  withQuery,
} from '../stats/api.js';
import { dayLabel, type Granularity, periodLabel, periodShort } from '../stats/format.js';
import { Pager } from '../stats/pager.js';
import { renderRanking } from '../stats/panels.js';
import {
  currentPeriod,
  isOngoing,
  lastCompletePeriod,
  lastDays,
  periodChoices,
  periodName,
  type StatsPage,
  startStatsPage,
} from '../stats/startup.js';
import type { TrendChart, TrendLine } from './chart.js';
import {
  type PeriodFigures,
  renderHeatmap,
  renderLowRatings,
  renderTiles,
  renderTrendTable,
} from './panels.js';
import { renderSupervision, type SupervisionAnswer } from './supervision-panel.js';
import { type DashboardWords, texts } from './texts.js';
import { WarningsPanel } from './warnings-panel.js';

/**
 * The head-office dashboard, built to stay fast at 10,000 outlets: the bank first (its figures,
 * the regions ranked and by week, the bank's outlets a page at a time), then one region (its
 * outlets ranked and by week), then one outlet. Every list is a page the API bounds; nothing
 * here ever asks for every outlet. Who sees what follows the API's own rules:
 * - head office and admins: the bank, a region or an outlet, rankings, heat maps, warnings (head
 *   office acknowledges them) and the latest low ratings;
 * - an outlet's manager: their outlet only (period filters, no rankings, no other outlets);
 * - department staff: their department's complaint-handling figures and warnings;
 * - anyone else: a note and a link to the complaint inbox.
 * It lands on the last complete period (the current one is a choice away, and says it is not
 * over). The filters live in the URL, so a view can be bookmarked or sent to a colleague.
 */
type View = 'bank' | 'outlet' | 'department' | 'none';
interface Filters {
  granularity: Granularity;
  period: string;
  region?: string | undefined;
  outlet?: string | undefined;
  department?: string | undefined;
}

/** How many periods the trend shows: half a year of months, a quarter of weeks. */
const TREND_LENGTH: Record<Granularity, number> = { month: 6, week: 12 };
/** At most this far back the period picker goes (the bank's history starts later, usually). */
const PICKER_MAX: Record<Granularity, number> = { month: 120, week: 260 };
const HEATMAP_WEEKS = 8;
const LOW_RATING_DAYS = 7;
/** Rows of a ranking or a heat map on screen at once. */
const RANKING_PAGE = 20;
const HEATMAP_PAGE = 25;
/** Regions listed (a bank has tens of them). */
const REGIONS_LISTED = 100;

let page: StatsPage<DashboardWords>;
let view: View = 'none';
let filters: Filters = { granularity: 'month', period: '' };
let regions: { id: string; name: string }[] = [];
/** The name of what the figures are about (the bank, a region, an outlet), as the API gave it. */
let scopeName = '';
let outletNames = new Map<string, string>();
let chart: TrendChart | undefined;
let warnings: WarningsPanel;
const rankingPager = new Pager(RANKING_PAGE);
const heatmapPager = new Pager(HEATMAP_PAGE);
const supervisionPager = new Pager(RANKING_PAGE);
/** Each load counts up; an answer that arrives after a newer load started is dropped. */
let loads = 0;

const $ = <E extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as E;
const t: StatsPage<DashboardWords>['t'] = (key, params) => page.t(key, params);
const lang = (): Lang => page.lang();

async function start() {
  const started = await startStatsPage(texts, () => {
    document.title = t('pageTitle');
    warnings?.forgetNames();
    if (view !== 'none') void load();
  });
  if (!started) return;
  page = started;
  document.title = t('pageTitle');
  const { me } = page;
  view = viewOf(me);
  $('inbox-link').hidden = !(me.headOffice || me.departments.length > 0);
  $('report-link').hidden = view !== 'bank';
  if (view === 'none') {
    $('filters').hidden = true;
    page.say(t('noAccess'));
    $('inbox-link').hidden = false;
    return;
  }
  warnings = new WarningsPanel({
    me,
    t,
    lang,
    say: page.say,
    list: $('warning-list'),
    totals: $('warnings-totals'),
    rule: $('warning-rule'),
    status: $('warning-status'),
  });
  filters = filtersFromUrl();
  wireFilters();
  wirePagers();
  document.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-csv]');
    if (button) void download(button);
  });
  if (view === 'outlet' && me.outlets.length > 1) {
    // A manager of several outlets picks one by name; without names the ids still work.
    const { items } = await getJson<{ items: { id: string; name: string }[] }>(
      withQuery('/api/v1/outlets', { lang: lang() }),
    ).catch(() => ({ items: [] }));
    outletNames = new Map(items.map((o) => [o.id, o.name]));
  }
  await load();
}

const viewOf = (m: Me): View =>
  m.headOffice || m.roles.includes('admin')
    ? 'bank'
    : m.outlets.length > 0
      ? 'outlet'
      : m.departments.length > 0
        ? 'department'
        : 'none';

// ---- Filters ---------------------------------------------------------------------------------

/** Where a page opens: the last complete period, unless the history does not reach back to it. */
function landingPeriod(granularity: Granularity): string {
  const last = lastCompletePeriod(page.today, granularity);
  return last >= periodOf(page.firstDay, granularity) ? last : currentPeriod(page.today, granularity);
}

function filtersFromUrl(): Filters {
  const query = new URLSearchParams(location.search);
  const granularity: Granularity = query.get('granularity') === 'week' ? 'week' : 'month';
  const period = query.get('period') ?? '';
  const chosen: Filters = {
    granularity,
    period:
      granularityOf(period) === granularity && period <= currentPeriod(page.today, granularity)
        ? period
        : landingPeriod(granularity),
  };
  const { me } = page;
  if (view === 'bank') {
    chosen.region = query.get('region') || undefined;
    chosen.outlet = query.get('outlet') || undefined;
  } else if (view === 'outlet') {
    const outlet = query.get('outlet') ?? '';
    chosen.outlet = me.outlets.includes(outlet) ? outlet : me.outlets[0];
  } else if (view === 'department') {
    const department = query.get('department') ?? '';
    chosen.department = me.departments.some((d) => d.id === department) ? department : me.departments[0]?.id;
  }
  return chosen;
}

/** The `count` periods ending with `last`, oldest first. */
function periodsEndingWith(last: string, granularity: Granularity, count: number): string[] {
  const periods = [last];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0] ?? last, granularity));
  return periods;
}

/** This page with the current filters changed by `changes` (for the URL and drill-down links). */
function linkTo(changes: Partial<Filters>): string {
  const next = { ...filters, ...changes };
  const query = new URLSearchParams({ granularity: next.granularity, period: next.period });
  for (const name of ['region', 'outlet', 'department'] as const) {
    const value = next[name];
    if (value) query.set(name, value);
  }
  return `/dashboard?${query}`;
}

function wireFilters() {
  const granularity = $<HTMLSelectElement>('granularity');
  granularity.addEventListener('change', () => {
    filters.granularity = granularity.value === 'week' ? 'week' : 'month';
    filters.period = landingPeriod(filters.granularity);
    void load();
  });
  $<HTMLSelectElement>('period').addEventListener('change', (event) => {
    filters.period = (event.target as HTMLSelectElement).value;
    void load();
  });
  $<HTMLSelectElement>('region').addEventListener('change', (event) => {
    filters.region = (event.target as HTMLSelectElement).value || undefined;
    filters.outlet = undefined;
    void load();
  });
  $<HTMLSelectElement>('outlet').addEventListener('change', (event) => {
    filters.outlet = (event.target as HTMLSelectElement).value || undefined;
    void load();
  });
  $<HTMLSelectElement>('department').addEventListener('change', (event) => {
    filters.department = (event.target as HTMLSelectElement).value;
    void load();
  });
  // Drill-down links stay on the page: the filters change, the URL with them.
  document.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-drill]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    filters.region = link.dataset.region || undefined;
    filters.outlet = link.dataset.outlet || undefined;
    void load();
    $('kpi-heading').scrollIntoView({ block: 'start' });
  });
}

function wirePagers() {
  const wire = (pagerId: string, pager: Pager, reload: () => Promise<void>, rows: () => number) => {
    $(pagerId).addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-page]');
      if (!button) return;
      if (button.dataset.page === 'next') pager.next(rows());
      else pager.previous();
      void reload();
    });
  };
  const generation = () => {
    const at = loads;
    return () => at === loads;
  };
  wire(
    'ranking-pager',
    rankingPager,
    () => guarded('rankings', () => loadOutletRanking(generation())),
    () => $('outlet-ranking').querySelectorAll('tbody tr[data-id]').length,
  );
  wire(
    'supervision-pager',
    supervisionPager,
    () => guarded('supervision', () => loadSupervision(generation())),
    () => $('supervision-table').querySelectorAll('tbody tr[data-id]').length,
  );
  $<HTMLSelectElement>('supervision-span').addEventListener('change', () => {
    supervisionPager.reset();
    void guarded('supervision', () => loadSupervision(generation()));
  });
  wire(
    'heatmap-pager',
    heatmapPager,
    () => guarded('heatmap', () => loadHeatmap(generation())),
    () => $('heatmap-table').querySelectorAll('tbody tr[data-id]').length,
  );
  $<HTMLSelectElement>('ranking-order').addEventListener('change', () => {
    rankingPager.reset();
    void guarded('rankings', () => loadOutletRanking(generation()));
  });
}

function renderFilters() {
  const { me, today, firstDay } = page;
  $<HTMLSelectElement>('granularity').value = filters.granularity;
  const choices = periodChoices(filters.granularity, today, firstDay, PICKER_MAX[filters.granularity]);
  if (!choices.includes(filters.period)) choices.push(filters.period);
  const period = $<HTMLSelectElement>('period');
  period.replaceChildren(
    ...choices.map((p) =>
      el('option', { value: p }, periodName(p, filters.granularity, lang(), t, today, true)),
    ),
  );
  period.value = filters.period;
  labelOf('region').hidden = view !== 'bank';
  labelOf('outlet').hidden = !(view === 'outlet' && me.outlets.length > 1);
  labelOf('department').hidden = !(view === 'department' && me.departments.length > 1);
  if (view === 'department') {
    fillSelect('department', me.departments, filters.department, undefined);
  } else if (view === 'outlet') {
    fillSelect(
      'outlet',
      me.outlets.map((id) => ({ id, name: outletNames.get(id) ?? id })),
      filters.outlet,
      undefined,
    );
  } else {
    fillSelect('region', regions, filters.region, t('allRegions'));
  }
}

const labelOf = (id: string) => $(id).closest('label') as HTMLElement;

function fillSelect(
  id: string,
  items: readonly { id: string; name: string }[],
  selected: string | undefined,
  allLabel: string | undefined,
) {
  const select = $<HTMLSelectElement>(id);
  const options = items.map((item) => el('option', { value: item.id }, item.name));
  // A choice from the URL that the lists do not (yet) hold stays selectable.
  if (selected && !items.some((item) => item.id === selected))
    options.push(el('option', { value: selected }, selected));
  select.replaceChildren(
    ...(allLabel === undefined ? [] : [el('option', { value: '' }, allLabel)]),
    ...options,
  );
  select.value = selected ?? '';
}

/** Head office's way back up: 全行 › 上海分行 › 静安寺支行, each a link but the last. */
function renderCrumbs() {
  const crumbs = $('crumbs');
  crumbs.hidden = view !== 'bank' || !filters.region;
  if (crumbs.hidden) return;
  const regionName = regions.find((r) => r.id === filters.region)?.name ?? filters.region ?? '';
  const steps: [string, { region?: string | undefined } | undefined][] = [
    [t('allRegions'), { region: undefined }],
    [regionName, filters.outlet ? { region: filters.region } : undefined],
    ...(filters.outlet ? ([[scopeName, undefined]] as [string, undefined][]) : []),
  ];
  crumbs.querySelector('ol')?.replaceChildren(
    ...steps.map(([name, to]) =>
      el(
        'li',
        {},
        to
          ? el(
              'a',
              {
                href: linkTo({ ...to, outlet: undefined }),
                'data-drill': '',
                'data-region': to.region ?? '',
                'data-outlet': '',
              },
              name,
            )
          : el('span', { 'aria-current': 'page' }, name),
      ),
    ),
  );
}

// ---- Loading ---------------------------------------------------------------------------------

/** What the figures are about: the filters' narrowest choice, within what the role may see. */
function scopeOf(): { scope: 'bank' | 'region' | 'outlet' | 'department'; id?: string | undefined } {
  if (view === 'department') return { scope: 'department', id: filters.department };
  if (filters.outlet) return { scope: 'outlet', id: filters.outlet };
  if (filters.region) return { scope: 'region', id: filters.region };
  return { scope: 'bank' };
}

function trendPeriods(): string[] {
  return periodsEndingWith(filters.period, filters.granularity, TREND_LENGTH[filters.granularity]);
}

function seriesQuery() {
  const periods = trendPeriods();
  return {
    ...scopeOf(),
    granularity: filters.granularity,
    from: daysOf(periods[0] ?? filters.period, filters.granularity).first,
    to: daysOf(filters.period, filters.granularity).last,
    lang: lang(),
  };
}

/** The warnings shown: the chosen period's, or, while it is not over, the last complete one's. */
function warningPeriod(): string {
  return isOngoing(filters.period, filters.granularity, page.today)
    ? lastCompletePeriod(page.today, filters.granularity)
    : filters.period;
}

async function load() {
  const generation = ++loads;
  const isCurrent = () => generation === loads;
  history.replaceState(null, '', linkTo({}));
  rankingPager.reset();
  heatmapPager.reset();
  supervisionPager.reset();
  renderFilters();
  page.say('');
  $('view-note').hidden = view === 'bank';
  $('view-note').textContent =
    view === 'outlet' ? t('outletNote') : view === 'department' ? t('departmentNote') : '';
  for (const [id, visible] of [
    ['kpis', true],
    ['trend', true],
    ['warnings', true],
    ['low-ratings', view !== 'department'],
    ['rankings', view === 'bank'],
    ['heatmap', view === 'bank'],
    ['supervision', view === 'bank'],
  ] as const)
    $(id).hidden = !visible;
  for (const button of document.querySelectorAll<HTMLElement>('button[data-csv="satisfaction"]'))
    button.hidden = view === 'department';
  await Promise.all([
    guarded('kpis', () => loadFigures(isCurrent)),
    guarded('warnings', () => loadWarnings(isCurrent)),
    ...(view === 'department' ? [] : [guarded('low-ratings', () => loadLowRatings(isCurrent))]),
    ...(view === 'bank'
      ? [
          guarded('rankings', () => loadRegionRanking(isCurrent)),
          guarded('rankings', () => loadOutletRanking(isCurrent)),
          guarded('heatmap', () => loadHeatmap(isCurrent)),
          guarded('supervision', () => loadSupervision(isCurrent)),
        ]
      : []),
  ]);
}

/** Runs one panel's loader; a failure shows in that panel and leaves the others working. */
async function guarded(panelId: string, work: () => Promise<void>) {
  const panel = $(panelId);
  panel.querySelector(':scope > .error')?.remove();
  try {
    await work();
  } catch (error) {
    panel.append(el('p', { class: 'error', role: 'alert' }, t('error', { message: messageOf(error) })));
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function loadFigures(isCurrent: () => boolean) {
  const query = seriesQuery();
  const withRatings = query.scope !== 'department';
  const [ratings, complaints] = await Promise.all([
    withRatings ? getJson<SatisfactionSeries>(withQuery('/api/v1/stats/satisfaction', query)) : undefined,
    getJson<ComplaintSeries>(withQuery('/api/v1/stats/complaints', query)),
  ]);
  if (!isCurrent()) return;
  const periods = trendPeriods();
  const figures: PeriodFigures[] = periods.map((period) => ({
    ratings: ratings?.series.find((s) => s.period === period)?.ratings,
    complaints: complaints.series.find((s) => s.period === period)?.complaints,
  }));
  const ongoing = isOngoing(filters.period, filters.granularity, page.today);
  scopeName = (ratings ?? complaints).name;
  $('kpi-heading').textContent = t('heading.kpi', {
    scope: scopeName,
    period: periodName(filters.period, filters.granularity, lang(), t, page.today),
  });
  renderCrumbs();
  renderTiles(
    $('tiles'),
    figures.at(-1) ?? {},
    figures.at(-2) ?? {},
    { withRatings, granularity: filters.granularity, ongoing },
    lang(),
    t,
  );
  $('trend-what').textContent = t(filters.granularity === 'week' ? 'trend.weeks' : 'trend.months');
  const name = (period: string) => periodName(period, filters.granularity, lang(), t, page.today, true);
  renderTrendTable($('trend-table'), periods, figures, { withRatings, name }, lang(), t);
  await drawChart(periods, figures, withRatings, isCurrent);
}

/** Loads uPlot only now (after the tiles and tables), and keeps the table if it cannot. */
async function drawChart(
  periods: readonly string[],
  figures: readonly PeriodFigures[],
  withRatings: boolean,
  isCurrent: () => boolean,
) {
  const status = $('chart-status');
  status.textContent = t('trend.loading');
  const percent = (share: number | null | undefined) =>
    share === null || share === undefined ? null : Math.round(share * 1000) / 10;
  const lines: TrendLine[] = [
    ...(withRatings
      ? [{ label: t('kpi.csat'), values: figures.map((f) => percent(f.ratings?.csat)), colour: '#9b1c1c' }]
      : []),
    {
      label: t('kpi.completionRate'),
      values: figures.map((f) => percent(f.complaints?.completionRate)),
      colour: '#1f5fa8',
      dash: [10, 6],
    },
    {
      label: t('kpi.onTimeRate'),
      values: figures.map((f) => percent(f.complaints?.onTimeRate)),
      colour: '#2e6b30',
      dash: [3, 5],
    },
    {
      label: t('kpi.satisfactionRate'),
      values: figures.map((f) => percent(f.complaints?.satisfactionRate)),
      colour: '#6a3d9a',
      dash: [14, 4, 3, 4],
    },
  ];
  try {
    const { drawTrend } = await import('./chart.js');
    if (!isCurrent()) return;
    chart?.destroy();
    $('chart').replaceChildren();
    chart = drawTrend(
      $('chart'),
      {
        name: t('trend.period'),
        labels: periods.map((p) => {
          const short = periodShort(p, filters.granularity, lang(), t);
          return isOngoing(p, filters.granularity, page.today)
            ? t('period.ongoingShort', { period: short })
            : short;
        }),
      },
      lines,
    );
    status.textContent = '';
  } catch {
    if (!isCurrent()) return;
    status.textContent = t('trend.failed');
    $<HTMLDetailsElement>('trend-details').open = true;
  }
}

/** The regions ranked: also what the region picker lists (a bank has tens of regions). */
async function loadRegionRanking(isCurrent: () => boolean) {
  const answer = await getJson<Ranking>(
    withQuery('/api/v1/stats/rankings', {
      scope: 'region',
      granularity: filters.granularity,
      period: filters.period,
      limit: REGIONS_LISTED,
      lang: lang(),
    }),
  );
  if (!isCurrent()) return;
  regions = answer.items.map(({ id, name }) => ({ id, name }));
  fillSelect('region', regions, filters.region, t('allRegions'));
  const period = periodName(filters.period, filters.granularity, lang(), t, page.today);
  const compare = !isOngoing(filters.period, filters.granularity, page.today);
  renderRanking(
    $('region-ranking'),
    t('ranking.regions', { period }),
    answer.items,
    { withRegion: false, compare, selected: filters.region, linkFor: (r) => drill(r.id) },
    lang(),
    t,
  );
  $('ranking-note').textContent = compare ? t('ranking.note') : t('ranking.ongoing');
  renderCrumbs();
}

/** A link that drills down to a region or an outlet (marked for the page's own click handler). */
function drill(region: string, outlet?: string): string {
  return linkTo({ region, outlet });
}

/** A page of the outlets (of the bank, or of the region chosen), from either end. */
async function loadOutletRanking(isCurrent: () => boolean) {
  const order = $<HTMLSelectElement>('ranking-order').value === 'worst' ? 'worst' : 'best';
  const answer = await getJson<Ranking>(
    withQuery('/api/v1/stats/rankings', {
      scope: 'outlet',
      granularity: filters.granularity,
      period: filters.period,
      region: filters.region,
      order,
      limit: RANKING_PAGE,
      cursor: rankingPager.cursor,
      lang: lang(),
    }),
  );
  if (!isCurrent()) return;
  rankingPager.loaded(answer.nextCursor);
  const period = periodName(filters.period, filters.granularity, lang(), t, page.today);
  const regionName = regions.find((r) => r.id === filters.region)?.name;
  renderRanking(
    $('outlet-ranking'),
    regionName ? t('ranking.outletsOf', { region: regionName, period }) : t('ranking.outlets', { period }),
    answer.items,
    {
      withRegion: true,
      compare: !isOngoing(filters.period, filters.granularity, page.today),
      selected: filters.outlet,
      linkFor: (o) => drill(o.regionId ?? filters.region ?? '', o.id),
    },
    lang(),
    t,
  );
  markDrillLinks($('outlet-ranking'));
  markDrillLinks($('region-ranking'));
  renderPager('ranking-pager', rankingPager, answer.items.length, answer.total);
}

function renderPager(id: string, pager: Pager, rows: number, total?: number) {
  const nav = $(id);
  nav.hidden = !pager.hasPrevious && !pager.hasNext;
  nav
    .querySelector<HTMLButtonElement>('[data-page="previous"]')
    ?.toggleAttribute('disabled', !pager.hasPrevious);
  nav.querySelector<HTMLButtonElement>('[data-page="next"]')?.toggleAttribute('disabled', !pager.hasNext);
  const range = nav.querySelector('.range');
  if (range)
    range.textContent =
      total === undefined
        ? `${pager.offset + 1}–${pager.offset + rows}`
        : t('ranking.range', { from: pager.offset + 1, to: pager.offset + rows, total });
}

/** Links to the drill-down carry where they lead, for the page's own click handler. */
function markDrillLinks(table: HTMLElement) {
  for (const link of table.querySelectorAll<HTMLAnchorElement>('tbody a[href^="/dashboard?"]')) {
    const query = new URL(link.href).searchParams;
    link.dataset.drill = '';
    link.dataset.region = query.get('region') ?? '';
    link.dataset.outlet = query.get('outlet') ?? '';
  }
}

/** The weeks of the heat map: the 8 ending with the selected period's last week (never a future one). */
function heatmapTo(): string {
  // Bank days compare as text: the earlier of the period's last day and today.
  const [earlier = page.today] = [daysOf(filters.period, filters.granularity).last, page.today].sort();
  return periodOf(earlier, 'week');
}

/** At the bank: the regions by week; in a region: its outlets by week. A page at a time. */
async function loadHeatmap(isCurrent: () => boolean) {
  const to = heatmapTo();
  const map = await getJson<Heatmap>(
    withQuery('/api/v1/stats/heatmap', {
      scope: filters.region ? 'outlet' : 'region',
      region: filters.region,
      granularity: 'week',
      to,
      periods: HEATMAP_WEEKS,
      limit: HEATMAP_PAGE,
      cursor: heatmapPager.cursor,
      lang: lang(),
    }),
  );
  if (!isCurrent()) return;
  heatmapPager.loaded(map.nextCursor);
  const range = {
    from: periodShort(map.periods[0] ?? to, 'week', lang(), t),
    to: periodShort(map.periods.at(-1) ?? to, 'week', lang(), t),
  };
  const regionName = regions.find((r) => r.id === filters.region)?.name ?? filters.region ?? '';
  const caption = filters.region
    ? t('heatmap.outletsOf', { region: regionName, ...range })
    : t('heatmap.regions', range);
  renderHeatmap(
    $('heatmap-table'),
    $('heatmap-legend'),
    map,
    {
      caption,
      firstColumn: filters.region ? t('col.outlet') : t('col.region'),
      linkFor: (row) => (filters.region ? drill(filters.region, row.id) : drill(row.id)),
    },
    lang(),
    t,
  );
  markDrillLinks($('heatmap-table'));
  renderPager('heatmap-pager', heatmapPager, map.rows.length);
}

async function loadWarnings(isCurrent: () => boolean) {
  const period = warningPeriod();
  const name = (p: string) => periodLabel(p, filters.granularity, lang(), t);
  $('warnings-what').textContent = isOngoing(filters.period, filters.granularity, page.today)
    ? t('warnings.ongoing', { period: name(filters.period), last: name(period) })
    : t('warnings.of', { period: name(period) });
  if (!isCurrent()) return;
  await warnings.load({
    period,
    region: view === 'bank' ? filters.region : undefined,
    outlet: view === 'outlet' ? filters.outlet : undefined,
  });
}

async function loadLowRatings(isCurrent: () => boolean) {
  const { from, to } = lastDays(page.today, LOW_RATING_DAYS);
  const { scope, id } = scopeOf();
  let items: LowRating[] = [];
  try {
    ({ items } = await getJson<{ items: LowRating[] }>(
      withQuery('/api/v1/stats/low-ratings', { scope, id, from, to, lang: lang() }),
    ));
  } catch (error) {
    // Where the API does not offer low ratings yet (an older deployment), the panel shows none.
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  if (!isCurrent()) return;
  $('low-what').textContent = t('lowRatings.range', {
    from: dayLabel(from, lang()),
    to: dayLabel(to, lang()),
  });
  renderLowRatings(
    $('low-list'),
    items,
    { timeZone: page.me.timeZone, withOutlet: scope !== 'outlet' },
    lang(),
    t,
  );
}

// ---- Service supervision (服务督导) ----------------------------------------------------------

/** The month of the selected period (a week's by its last day), or that month's quarter. */
function supervisionPeriod(): string {
  const { last } = daysOf(filters.period, filters.granularity);
  // Bank days compare as text: the earlier of the period's last day and today.
  const month = ([last, page.today].sort()[0] ?? last).slice(0, 7);
  if ($<HTMLSelectElement>('supervision-span').value !== 'quarter') return month;
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

function supervisionQuery(limit?: number) {
  return {
    period: supervisionPeriod(),
    region: filters.region,
    limit,
    cursor: filters.region ? supervisionPager.cursor : undefined,
    lang: lang(),
  };
}

async function loadSupervision(isCurrent: () => boolean) {
  const answer = await getJson<SupervisionAnswer>(
    withQuery('/api/v1/stats/supervision', supervisionQuery(RANKING_PAGE)),
  );
  if (!isCurrent()) return;
  const period = answer.period.includes('Q')
    ? answer.period.replace('-Q', lang() === 'en' ? ' Q' : ' 年第 ').concat(lang() === 'en' ? '' : ' 季度')
    : periodName(answer.period, 'month', lang(), t, page.today);
  const scope = answer.region?.name ?? t('supervision.bank');
  $('supervision-what').textContent = answer.region
    ? `${t('supervision.outletsOf', { region: answer.region.name })} · ${period}`
    : t('supervision.what', { scope, period });
  renderSupervision($('supervision-table'), answer, { linkFor: (id) => drill(id) }, lang(), t);
  markDrillLinks($('supervision-table'));
  supervisionPager.loaded(answer.outlets?.nextCursor);
  renderPager(
    'supervision-pager',
    supervisionPager,
    answer.outlets?.items.length ?? 0,
    answer.outlets?.total,
  );
}

// ---- Downloads -------------------------------------------------------------------------------

/** Every panel's download: what it shows (a list's download is up to 1,000 rows from its start). */
function csvPath(kind: string): string | undefined {
  const ranking = { granularity: filters.granularity, period: filters.period, lang: lang() };
  const order = $<HTMLSelectElement>('ranking-order').value === 'worst' ? 'worst' : 'best';
  switch (kind) {
    case 'satisfaction':
      return withQuery('/api/v1/stats/satisfaction', seriesQuery());
    case 'complaints':
      return withQuery('/api/v1/stats/complaints', seriesQuery());
    case 'regions':
      return withQuery('/api/v1/stats/rankings', { scope: 'region', ...ranking, limit: REGIONS_LISTED });
    case 'outlets':
      return withQuery('/api/v1/stats/rankings', {
        scope: 'outlet',
        ...ranking,
        region: filters.region,
        order,
      });
    case 'heatmap':
      return withQuery('/api/v1/stats/heatmap', {
        scope: filters.region ? 'outlet' : 'region',
        region: filters.region,
        granularity: 'week',
        to: heatmapTo(),
        periods: HEATMAP_WEEKS,
        limit: 100,
        lang: lang(),
      });
    case 'low-ratings': {
      const { from, to } = lastDays(page.today, LOW_RATING_DAYS);
      return withQuery('/api/v1/stats/low-ratings', { ...scopeOf(), from, to, lang: lang() });
    }
    case 'supervision':
      return withQuery('/api/v1/stats/supervision', supervisionQuery(1000));
    case 'warnings':
    case 'warnings-summary':
      return warnings.csvPath(kind);
    default:
      return undefined;
  }
}

async function download(button: HTMLButtonElement) {
  const path = csvPath(button.dataset.csv ?? '');
  if (!path) return;
  button.disabled = true;
  try {
    await downloadCsv(path);
  } catch (error) {
    page.say(t('csv.failed', { message: messageOf(error) }));
  } finally {
    button.disabled = false;
  }
}

void start();
