import { addDays } from '../../../functions/domain/calendar.js';
import {
  daysOf,
  granularityOf,
  periodOf,
  previousPeriod,
} from '../../../functions/domain/statistics/periods.js';
import { applyTexts, translator } from '../shared/i18n.js';
import { initialLang, type Lang } from '../shared/lang.js';
import { languageSwitch } from '../shared/page-language.js';
import { el, requireSignIn, signOut } from '../shared/session.js';
import type { TrendChart, TrendLine } from './chart.js';
import {
  type PeriodFigures,
  renderHeatmap,
  renderLowRatings,
  renderRanking,
  renderTiles,
  renderTrendTable,
  renderWarnings,
  type WarningGroup,
} from './panels.js';
import {
  ApiError,
  type ComplaintSeries,
  downloadCsv,
  getJson,
  type LowRating,
  type Me,
  postJson,
  type RankingItem,
  type SatisfactionSeries,
  type Warning,
  withQuery,
} from './stats-api.js';
import { dayLabel, type Granularity, periodLabel, periodShort } from './stats-format.js';
import { texts } from './texts.js';

/**
 * The head-office dashboard. Who sees what follows the API's own rules:
 * - head office and admins: the bank, a region or an outlet (filters drill down), rankings, the
 *   heat map, warnings (head office acknowledges them) and the latest low ratings;
 * - an outlet's manager: their outlet only (period filters, no rankings, no other outlets);
 * - department staff: their department's complaint-handling figures and warnings;
 * - anyone else: a note and a link to the complaint inbox.
 * The filters live in the URL, so a view can be bookmarked or sent to a colleague.
 */
type View = 'bank' | 'outlet' | 'department' | 'none';
interface Filters {
  granularity: Granularity;
  period: string;
  region?: string | undefined;
  outlet?: string | undefined;
  department?: string | undefined;
}
interface ScopeTree {
  regions: { id: string; name: string }[];
  outlets: { id: string; name: string; regionId?: string | undefined }[];
}

/** How many periods the trend shows: half a year of months, a quarter of weeks. */
const TREND_LENGTH: Record<Granularity, number> = { month: 6, week: 12 };
/** How far back the period picker goes. */
const PICKER_LENGTH: Record<Granularity, number> = { month: 24, week: 26 };
const HEATMAP_WEEKS = 8;
const LOW_RATING_DAYS = 7;

const user = requireSignIn();
let lang: Lang = initialLang();
let t = translator(texts, lang);
let me: Me;
let view: View = 'none';
let today = '';
let filters: Filters = { granularity: 'month', period: '' };
let tree: ScopeTree = { regions: [], outlets: [] };
let outletNames = new Map<string, string>();
let chart: TrendChart | undefined;
/** Each load counts up; an answer that arrives after a newer load started is dropped. */
let loads = 0;

const $ = <E extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as E;
const say = (text: string) => {
  $('status').textContent = text;
};

async function start() {
  $('who').textContent = user.displayName;
  $('sign-out').addEventListener('click', signOut);
  buildLanguageSwitch();
  applyLanguage();
  say(t('loading'));
  try {
    me = await getJson<Me>(withQuery('/api/v1/staff/me', { lang }));
  } catch (error) {
    say(t('error', { message: messageOf(error) }));
    return;
  }
  today = me.today;
  view = viewOf(me);
  $('inbox-link').hidden = !(me.headOffice || me.departments.length > 0);
  $('report-link').hidden = view !== 'bank';
  if (view === 'none') {
    $('filters').hidden = true;
    say(t('noAccess'));
    $('inbox-link').hidden = false;
    return;
  }
  filters = filtersFromUrl();
  wireFilters();
  document.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-csv]');
    if (button) void download(button);
  });
  if (view === 'outlet' && me.outlets.length > 1) {
    // A manager of several outlets picks one by name; without names the ids still work.
    const { items } = await getJson<{ items: { id: string; name: string }[] }>(
      withQuery('/api/v1/outlets', { lang }),
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

function buildLanguageSwitch() {
  languageSwitch(document.querySelector('.langs'), lang, (option) => {
    lang = option;
    t = translator(texts, lang);
    applyLanguage();
    if (view !== 'none') void load();
  });
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t('pageTitle');
  applyTexts(t);
}

// ---- Filters ---------------------------------------------------------------------------------

function filtersFromUrl(): Filters {
  const query = new URLSearchParams(location.search);
  const granularity: Granularity = query.get('granularity') === 'week' ? 'week' : 'month';
  const period = query.get('period') ?? '';
  const chosen: Filters = {
    granularity,
    period:
      granularityOf(period) === granularity && period <= currentPeriod(granularity)
        ? period
        : currentPeriod(granularity),
  };
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

const currentPeriod = (granularity: Granularity) => periodOf(today, granularity);

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
    filters.period = currentPeriod(filters.granularity);
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
    const outlet = tree.outlets.find((o) => o.id === filters.outlet);
    if (view === 'bank' && outlet?.regionId) filters.region = outlet.regionId;
    void load();
  });
  $<HTMLSelectElement>('department').addEventListener('change', (event) => {
    filters.department = (event.target as HTMLSelectElement).value;
    void load();
  });
}

function renderFilters() {
  const granularity = $<HTMLSelectElement>('granularity');
  granularity.value = filters.granularity;
  const choices = periodsEndingWith(
    currentPeriod(filters.granularity),
    filters.granularity,
    PICKER_LENGTH[filters.granularity],
  ).reverse();
  if (!choices.includes(filters.period)) choices.push(filters.period);
  const period = $<HTMLSelectElement>('period');
  period.replaceChildren(
    ...choices.map((p) => el('option', { value: p }, periodLabel(p, filters.granularity, lang, t))),
  );
  period.value = filters.period;
  labelOf('region').hidden = view !== 'bank';
  labelOf('outlet').hidden = !(view === 'bank' || (view === 'outlet' && me.outlets.length > 1));
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
    fillScopeSelects();
  }
}

const labelOf = (id: string) => $(id).closest('label') as HTMLElement;

/** Region and outlet pickers of head office: bank → region → outlet. */
function fillScopeSelects() {
  fillSelect('region', tree.regions, filters.region, t('allRegions'));
  const outlets = tree.outlets.filter((o) => !filters.region || o.regionId === filters.region);
  fillSelect('outlet', outlets, filters.outlet, t('allOutlets'));
}

function fillSelect(
  id: string,
  items: readonly { id: string; name: string }[],
  selected: string | undefined,
  allLabel: string | undefined,
) {
  const select = $<HTMLSelectElement>(id);
  const options = items.map((item) => el('option', { value: item.id }, item.name));
  // A choice from the URL that the lists do not (yet) hold stays selectable, under its id.
  if (selected && !items.some((item) => item.id === selected))
    options.push(el('option', { value: selected }, selected));
  select.replaceChildren(
    ...(allLabel === undefined ? [] : [el('option', { value: '' }, allLabel)]),
    ...options,
  );
  select.value = selected ?? '';
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
    lang,
  };
}

/** The latest week and month that are over: their warnings have been raised. */
function closedPeriods() {
  return {
    week: previousPeriod(periodOf(today, 'week'), 'week'),
    month: previousPeriod(periodOf(today, 'month'), 'month'),
  };
}

async function load() {
  const generation = ++loads;
  const isCurrent = () => generation === loads;
  history.replaceState(null, '', linkTo({}));
  renderFilters();
  say('');
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
  ] as const)
    $(id).hidden = !visible;
  for (const button of document.querySelectorAll<HTMLElement>('button[data-csv="satisfaction"]'))
    button.hidden = view === 'department';
  await Promise.all([
    guarded('kpis', () => loadFigures(isCurrent)),
    guarded('warning-list', () => loadWarnings(isCurrent)),
    ...(view === 'department' ? [] : [guarded('low-list', () => loadLowRatings(isCurrent))]),
    ...(view === 'bank'
      ? [guarded('rankings', () => loadRankings(isCurrent)), guarded('heatmap', () => loadHeatmap(isCurrent))]
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
  const options = { withRatings, granularity: filters.granularity };
  $('kpi-heading').textContent = t('heading.kpi', {
    scope: (ratings ?? complaints).name,
    period: periodLabel(filters.period, filters.granularity, lang, t),
  });
  renderTiles($('tiles'), figures.at(-1) ?? {}, figures.at(-2) ?? {}, options, lang, t);
  $('trend-what').textContent = t(filters.granularity === 'week' ? 'trend.weeks' : 'trend.months');
  renderTrendTable($('trend-table'), periods, figures, options, lang, t);
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
      { name: t('trend.period'), labels: periods.map((p) => periodShort(p, filters.granularity, lang, t)) },
      lines,
    );
    status.textContent = '';
  } catch {
    if (!isCurrent()) return;
    status.textContent = t('trend.failed');
    $<HTMLDetailsElement>('trend-details').open = true;
  }
}

interface Ranking {
  items: RankingItem[];
}

async function loadRankings(isCurrent: () => boolean) {
  const base = { granularity: filters.granularity, period: filters.period, lang };
  const [regions, allOutlets] = await Promise.all([
    getJson<Ranking>(withQuery('/api/v1/stats/rankings', { scope: 'region', ...base })),
    getJson<Ranking>(withQuery('/api/v1/stats/rankings', { scope: 'outlet', ...base })),
  ]);
  const outlets = filters.region
    ? await getJson<Ranking>(
        withQuery('/api/v1/stats/rankings', { scope: 'outlet', ...base, region: filters.region }),
      )
    : allOutlets;
  if (!isCurrent()) return;
  // There is no staff list of regions with their ids: the period's rankings name every region
  // and outlet that has figures, which is what the pickers need.
  tree = {
    regions: regions.items.map(({ id, name }) => ({ id, name })),
    outlets: allOutlets.items.map(({ id, name, regionId }) => ({ id, name, regionId })),
  };
  fillScopeSelects();
  const period = periodLabel(filters.period, filters.granularity, lang, t);
  renderRanking(
    $('region-ranking'),
    t('ranking.regions', { period }),
    regions.items,
    {
      withRegion: false,
      selected: filters.region,
      linkFor: (r) => linkTo({ region: r.id, outlet: undefined }),
    },
    lang,
    t,
  );
  const regionName = regions.items.find((r) => r.id === filters.region)?.name;
  renderRanking(
    $('outlet-ranking'),
    regionName ? t('ranking.outletsOf', { region: regionName, period }) : t('ranking.outlets', { period }),
    outlets.items,
    {
      withRegion: true,
      selected: filters.outlet,
      linkFor: (o) => linkTo({ region: o.regionId, outlet: o.id }),
    },
    lang,
    t,
  );
}

/** The weeks of the heat map: the 8 ending with the selected period's last week (never a future one). */
function heatmapWeeks(): string[] {
  const last = daysOf(filters.period, filters.granularity).last;
  return periodsEndingWith(periodOf(last < today ? last : today, 'week'), 'week', HEATMAP_WEEKS);
}

async function loadHeatmap(isCurrent: () => boolean) {
  const weeks = heatmapWeeks();
  const answers = await Promise.all(
    weeks.map((week) =>
      getJson<Ranking>(
        withQuery('/api/v1/stats/rankings', {
          scope: 'outlet',
          granularity: 'week',
          period: week,
          region: filters.region,
          lang,
        }),
      ),
    ),
  );
  if (!isCurrent()) return;
  const csat = new Map<string, number | null>();
  const outlets = new Map<string, RankingItem>();
  answers.forEach((answer, i) => {
    for (const item of answer.items) {
      csat.set(`${item.id} ${weeks[i]}`, item.csat);
      outlets.set(item.id, item);
    }
  });
  const rows = [...outlets.values()].sort(
    (a, b) => (a.regionId ?? '').localeCompare(b.regionId ?? '') || a.name.localeCompare(b.name, lang),
  );
  renderHeatmap(
    $('heatmap-table'),
    $('heatmap-legend'),
    weeks,
    rows,
    (outletId, week) => csat.get(`${outletId} ${week}`),
    lang,
    t,
  );
}

async function loadWarnings(isCurrent: () => boolean) {
  const { week, month } = closedPeriods();
  const ask = (period: string) =>
    getJson<{ items: Warning[] }>(withQuery('/api/v1/stats/warnings', { period, status: 'all', lang }));
  const [ofMonth, ofWeek] = await Promise.all([ask(month), ask(week)]);
  const narrow = (items: Warning[]) =>
    view === 'outlet' ? items.filter((w) => w.subjectId === filters.outlet) : items;
  const groups: WarningGroup[] = [
    { granularity: 'month', period: month, items: narrow(ofMonth.items) },
    { granularity: 'week', period: week, items: narrow(ofWeek.items) },
  ];
  const categories = groups.some((g) => g.items.some((w) => w.rule === 'recurring'))
    ? await categoryNames()
    : new Map<string, string>();
  if (!isCurrent()) return;
  $('warnings-what').textContent = t('warnings.periods', {
    week: periodLabel(week, 'week', lang, t),
    month: periodLabel(month, 'month', lang, t),
  });
  renderWarnings(
    $('warning-list'),
    groups,
    {
      canAcknowledge: me.headOffice,
      timeZone: me.timeZone,
      categoryName: (id) => categories.get(id) ?? id,
      onAcknowledge: (warning, note, form) => void acknowledge(warning, note, form),
    },
    lang,
    t,
  );
}

async function categoryNames(): Promise<Map<string, string>> {
  const { items } = await getJson<{ items: { id: string; name: string }[] }>(
    withQuery('/api/v1/complaint-categories', { lang }),
  );
  return new Map(items.map((c) => [c.id, c.name]));
}

async function acknowledge(warning: Warning, note: string, form: HTMLFormElement) {
  const button = form.querySelector('button') as HTMLButtonElement;
  button.disabled = true;
  try {
    await postJson<Warning>(
      withQuery(`/api/v1/stats/warnings/${encodeURIComponent(warning.id)}/acknowledge`, { lang }),
      note ? { note } : {},
    );
    say(t('ack.saved'));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) {
      button.disabled = false;
      say(t('error', { message: messageOf(error) }));
      return;
    }
    say(t('ack.conflict'));
  }
  const generation = loads;
  await guarded('warning-list', () => loadWarnings(() => generation === loads));
  // The form is gone; keep keyboard users where they were: on the warning they acknowledged.
  const item = [...document.querySelectorAll<HTMLElement>('#warning-list li.warning')].find(
    (li) => li.dataset.id === warning.id,
  );
  if (item) {
    item.tabIndex = -1;
    item.focus();
  }
}

async function loadLowRatings(isCurrent: () => boolean) {
  const from = addDays(today, -(LOW_RATING_DAYS - 1));
  const { scope, id } = scopeOf();
  let items: LowRating[] = [];
  try {
    ({ items } = await getJson<{ items: LowRating[] }>(
      withQuery('/api/v1/stats/low-ratings', { scope, id, from, to: today, lang }),
    ));
  } catch (error) {
    // Where the API does not offer low ratings yet (an older deployment), the panel shows none.
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  if (!isCurrent()) return;
  $('low-what').textContent = t('lowRatings.range', {
    from: dayLabel(from, lang),
    to: dayLabel(today, lang),
  });
  renderLowRatings($('low-list'), items, { timeZone: me.timeZone, withOutlet: scope !== 'outlet' }, lang, t);
}

// ---- Downloads -------------------------------------------------------------------------------

function csvPath(kind: string): string | undefined {
  const { week, month } = closedPeriods();
  const ranking = { granularity: filters.granularity, period: filters.period, lang };
  switch (kind) {
    case 'satisfaction':
      return withQuery('/api/v1/stats/satisfaction', seriesQuery());
    case 'complaints':
      return withQuery('/api/v1/stats/complaints', seriesQuery());
    case 'regions':
      return withQuery('/api/v1/stats/rankings', { scope: 'region', ...ranking });
    case 'outlets':
      return withQuery('/api/v1/stats/rankings', { scope: 'outlet', ...ranking, region: filters.region });
    case 'warnings-week':
      return withQuery('/api/v1/stats/warnings', { period: week, status: 'all', lang });
    case 'warnings-month':
      return withQuery('/api/v1/stats/warnings', { period: month, status: 'all', lang });
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
    say(t('csv.failed', { message: messageOf(error) }));
  } finally {
    button.disabled = false;
  }
}

void start();
