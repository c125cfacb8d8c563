import { rootCauseNames } from '../../../functions/config/root-causes.js';
import {
  daysOf,
  granularityOf,
  periodOf,
  previousPeriod,
} from '../../../functions/domain/statistics/periods.js';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { el } from '../shared/session.js';
import {
  ApiError,
  type ComplaintFigures,
  type ComplaintSeries,
  getJson,
  type MajorComplaint,
  type Ranking,
  type RankingItem,
  type RatingFigures,
  type SatisfactionSeries,
  type WarningPage,
  type WarningSummary,
  withQuery,
} from '../stats/api.js';
import {
  type BetterWhen,
  type ChangeKind,
  changeElement,
  dayLabel,
  periodLabel,
  zoneName,
} from '../stats/format.js';
import { renderRanking, warningItem } from '../stats/panels.js';
import { lastCompletePeriod, periodChoices, type StatsPage, startStatsPage } from '../stats/startup.js';
import { type ReportWords, texts } from './texts.js';

/**
 * The service committee's monthly report: one printable page (A4) per month with the bank's
 * figures and their change, the rankings, the month's warnings, and its complaints by category,
 * root cause and the major ones. For head office and admins (rankings are theirs only).
 */
/** At most this far back the month picker goes (the bank's history starts later, usually). */
const MONTHS_OFFERED = 120;
/** Past this many outlets, the report lists the top and bottom ten only. */
const ALL_OUTLETS_UP_TO = 20;
const TOP_BOTTOM = 10;
/** Regions listed (a bank has tens of them). */
const REGIONS_LISTED = 100;
/** Warning groups (rule × region) in the summary table, most open first. */
const WARNING_GROUPS_LISTED = 30;
/** Up to this many, the month's warnings are listed one by one. */
const WARNINGS_LISTED_UP_TO = 20;
interface Figures {
  ratings?: RatingFigures | undefined;
  complaints?: ComplaintFigures | undefined;
}
interface FigureRow {
  kpi: string;
  label: keyof ReportWords & string;
  kind: ChangeKind;
  digits: number;
  better: BetterWhen;
  value: (f: Figures) => number | null | undefined;
}

const FIGURE_ROWS: readonly FigureRow[] = [
  { kpi: 'csat', label: 'kpi.csat', kind: 'rate', digits: 1, better: 'up', value: (f) => f.ratings?.csat },
  {
    kpi: 'ratings',
    label: 'kpi.ratings',
    kind: 'count',
    digits: 0,
    better: 'neither',
    value: (f) => f.ratings?.count,
  },
  {
    kpi: 'meanRating',
    label: 'kpi.meanRating',
    kind: 'decimal',
    digits: 2,
    better: 'up',
    value: (f) => f.ratings?.mean,
  },
  {
    kpi: 'complaints',
    label: 'kpi.complaints',
    kind: 'count',
    digits: 0,
    better: 'down',
    value: (f) => f.complaints?.received,
  },
  {
    kpi: 'perThousand',
    label: 'kpi.perThousand',
    kind: 'decimal',
    digits: 1,
    better: 'down',
    value: (f) => f.complaints?.perThousandRatings,
  },
  {
    kpi: 'completionRate',
    label: 'kpi.completionRate',
    kind: 'rate',
    digits: 1,
    better: 'up',
    value: (f) => f.complaints?.completionRate,
  },
  {
    kpi: 'onTimeRate',
    label: 'kpi.onTimeRate',
    kind: 'rate',
    digits: 1,
    better: 'up',
    value: (f) => f.complaints?.onTimeRate,
  },
  {
    kpi: 'satisfactionRate',
    label: 'kpi.satisfactionRate',
    kind: 'rate',
    digits: 1,
    better: 'up',
    value: (f) => f.complaints?.satisfactionRate,
  },
  {
    kpi: 'openOverdue',
    label: 'kpi.openOverdue',
    kind: 'count',
    digits: 0,
    better: 'down',
    value: (f) => f.complaints?.openOverdue,
  },
  {
    kpi: 'meanHours',
    label: 'kpi.meanHours',
    kind: 'decimal',
    digits: 1,
    better: 'down',
    value: (f) => f.complaints?.meanHoursToResolve,
  },
];

let page: StatsPage<ReportWords>;
let month = '';
let loads = 0;

const $ = <E extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as E;
const t: StatsPage<ReportWords>['t'] = (key, params) => page.t(key, params);
const lang = (): Lang => page.lang();
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function start() {
  $('print').addEventListener('click', () => window.print());
  const started = await startStatsPage(texts, () => {
    if (month) void load();
  });
  if (!started) return;
  page = started;
  const { me, today, firstDay } = page;
  if (!(me.headOffice || me.roles.includes('admin'))) {
    page.say(t('noAccess'));
    (document.querySelector('.month-picker') as HTMLElement).hidden = true;
    $('print').hidden = true;
    return;
  }
  const asked = new URLSearchParams(location.search).get('month') ?? '';
  const offered = periodChoices('month', today, firstDay, MONTHS_OFFERED);
  // Without a month (or with one outside the history), the latest complete month: the one the
  // committee meets on (or this one, before the first month is over).
  const landing = lastCompletePeriod(today, 'month');
  month =
    granularityOf(asked) === 'month' && offered.includes(asked)
      ? asked
      : offered.includes(landing)
        ? landing
        : periodOf(today, 'month');
  $<HTMLSelectElement>('month').addEventListener('change', (event) => {
    month = (event.target as HTMLSelectElement).value;
    void load();
  });
  await load();
}

function renderMonthPicker() {
  const months = periodChoices('month', page.today, page.firstDay, MONTHS_OFFERED);
  if (!months.includes(month)) months.push(month);
  const select = $<HTMLSelectElement>('month');
  select.replaceChildren(
    ...months.map((m) => el('option', { value: m }, periodLabel(m, 'month', lang(), t))),
  );
  select.value = month;
}

async function load() {
  const generation = ++loads;
  const isCurrent = () => generation === loads;
  history.replaceState(null, '', `/report?month=${month}`);
  renderMonthPicker();
  const monthName = periodLabel(month, 'month', lang(), t);
  const { first, last } = daysOf(month, 'month');
  document.title = t('pageTitle', { month: monthName });
  $('report-month').textContent = monthName;
  $('report-range').textContent = t('reportMonth', {
    from: dayLabel(first, lang()),
    to: dayLabel(last, lang()),
  });
  $('generated').textContent = t('generatedAt', {
    at: formatDateTime(new Date().toISOString(), lang(), page.me.timeZone),
    zone: zoneName(page.me.timeZone, lang(), t),
  });
  page.say(t('loading'));
  await Promise.all([
    guarded('figures', () => loadFigures(isCurrent)),
    guarded('regions', () => loadRankings(isCurrent)),
    guarded('warnings', () => loadWarnings(isCurrent)),
    guarded('major', () => loadMajorComplaints(isCurrent)),
  ]);
  if (!isCurrent()) return;
  page.say('');
  $('end-note').hidden = false;
}

/** Shows a section once its loader has drawn it; a failure is written in the section instead. */
async function guarded(sectionId: string, work: () => Promise<void>) {
  const section = $(sectionId);
  section.querySelector(':scope > .error')?.remove();
  try {
    await work();
  } catch (error) {
    section.append(el('p', { class: 'error', role: 'alert' }, t('error', { message: messageOf(error) })));
  }
  section.hidden = false;
}

async function loadFigures(isCurrent: () => boolean) {
  const previous = previousPeriod(month, 'month');
  const query = {
    scope: 'bank',
    granularity: 'month',
    from: daysOf(previous, 'month').first,
    to: daysOf(month, 'month').last,
    lang: lang(),
  };
  const [ratings, complaints, categories] = await Promise.all([
    getJson<SatisfactionSeries>(withQuery('/api/v1/stats/satisfaction', query)),
    getJson<ComplaintSeries>(withQuery('/api/v1/stats/complaints', query)),
    getJson<{ items: { id: string; name: string }[] }>(
      withQuery('/api/v1/complaint-categories', { lang: lang() }),
    ),
  ]);
  if (!isCurrent()) return;
  const figuresOf = (period: string): Figures => ({
    ratings: ratings.series.find((s) => s.period === period)?.ratings,
    complaints: complaints.series.find((s) => s.period === period)?.complaints,
  });
  const now = figuresOf(month);
  const before = figuresOf(previous);
  const show = (row: FigureRow, f: Figures) =>
    row.kind === 'rate'
      ? formatPercent(row.value(f), lang())
      : formatNumber(row.value(f), lang(), row.digits);
  $('figures-table').replaceChildren(
    el('caption', {}, t('figures.caption', { month: periodLabel(month, 'month', lang(), t) })),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t('col.indicator')),
        el('th', { scope: 'col' }, periodLabel(month, 'month', lang(), t)),
        el('th', { scope: 'col' }, periodLabel(previous, 'month', lang(), t)),
        el('th', { scope: 'col' }, t('change.vs.month')),
      ),
    ),
    el(
      'tbody',
      {},
      ...FIGURE_ROWS.map((row) =>
        el(
          'tr',
          { 'data-kpi': row.kpi },
          el('th', { scope: 'row' }, t(row.label)),
          el('td', { class: 'num current' }, show(row, now)),
          el('td', { class: 'num' }, show(row, before)),
          el(
            'td',
            {},
            changeElement(row.value(now), row.value(before), row.kind, row.better, lang(), t, row.digits),
          ),
        ),
      ),
    ),
  );
  const names = new Map(categories.items.map((c) => [c.id, c.name]));
  renderBreakdowns(now.complaints, (id) => names.get(id) ?? id);
  $('complaints').hidden = false;
}

/** Root causes (of the month's resolved complaints) and categories (of those received), largest first. */
function renderBreakdowns(complaints: ComplaintFigures | undefined, categoryName: (id: string) => string) {
  const causes = Object.entries(complaints?.rootCauses ?? {}).sort((a, b) => b[1] - a[1]);
  const totalCauses = causes.reduce((sum, [, n]) => sum + n, 0);
  $('causes-table').replaceChildren(
    el('caption', {}, t('causes.caption')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t('causes.cause')),
        el('th', { scope: 'col' }, t('causes.count')),
        el('th', { scope: 'col' }, t('causes.share')),
      ),
    ),
    el(
      'tbody',
      {},
      ...(causes.length
        ? causes.map(([cause, n]) =>
            el(
              'tr',
              { 'data-cause': cause },
              el('th', { scope: 'row' }, rootCauseNames[cause]?.[lang()] ?? cause),
              el('td', { class: 'num' }, formatNumber(n, lang())),
              el('td', { class: 'num' }, formatPercent(n / totalCauses, lang())),
            ),
          )
        : [el('tr', {}, el('td', { colspan: '3' }, t('causes.empty')))]),
    ),
  );
  const categories = Object.entries(complaints?.byCategory ?? {}).sort((a, b) => b[1] - a[1]);
  $('categories-table').replaceChildren(
    el('caption', {}, t('categories.caption')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t('categories.category')),
        el('th', { scope: 'col' }, t('causes.count')),
      ),
    ),
    el(
      'tbody',
      {},
      ...(categories.length
        ? categories.map(([category, n]) =>
            el(
              'tr',
              { 'data-category': category },
              el('th', { scope: 'row' }, categoryName(category)),
              el('td', { class: 'num' }, formatNumber(n, lang())),
            ),
          )
        : [el('tr', {}, el('td', { colspan: '2' }, t('ranking.empty')))]),
    ),
  );
}

async function loadRankings(isCurrent: () => boolean) {
  const base = { granularity: 'month', period: month, lang: lang() };
  const ask = (query: Record<string, string | number>) =>
    getJson<Ranking>(withQuery('/api/v1/stats/rankings', { ...base, ...query }));
  const [regions, best] = await Promise.all([
    ask({ scope: 'region', limit: REGIONS_LISTED }),
    ask({ scope: 'outlet', limit: ALL_OUTLETS_UP_TO }),
  ]);
  // A bank of more outlets than the report lists whole: its ten best and its ten worst, each
  // one page of the ranking from its own end, however many outlets there are.
  const worst =
    best.total > ALL_OUTLETS_UP_TO
      ? await ask({ scope: 'outlet', order: 'worst', limit: TOP_BOTTOM })
      : undefined;
  if (!isCurrent()) return;
  const monthName = periodLabel(month, 'month', lang(), t);
  renderRanking(
    $('region-ranking'),
    t('regions.caption', { month: monthName }),
    regions.items,
    { withRegion: false },
    lang(),
    t,
  );
  renderOutlets(best, worst, monthName);
  $('outlets').hidden = false;
}

/** Every outlet when there are few; otherwise the ten best and the ten worst of those rated. */
function renderOutlets(best: Ranking, worst: Ranking | undefined, monthName: string) {
  const tables = $('outlet-tables');
  const table = (caption: string, rows: readonly RankingItem[]) => {
    const node = el('table', { class: 'ranking' });
    renderRanking(node, caption, rows, { withRegion: true }, lang(), t);
    return node;
  };
  if (!worst) {
    $('outlets-note').textContent = t('outlets.all', { n: best.total });
    tables.replaceChildren(table(t('outlets.caption', { month: monthName }), best.items));
    return;
  }
  const top = best.items.filter((item) => item.csat !== null).slice(0, TOP_BOTTOM);
  const bottom = worst.items.filter((item) => item.csat !== null);
  $('outlets-note').textContent = `${t('outlets.topBottom', { n: best.total })} ${t('outlets.rated')}`;
  tables.replaceChildren(
    table(t('outlets.top'), top),
    ...(bottom.length ? [table(t('outlets.bottom'), bottom)] : []),
  );
}

/**
 * The month's warnings counted by rule and region (the groups with the most open first), and
 * listed one by one when there are few: at 10,000 outlets a month holds tens of thousands, which
 * the dashboard and the download give in full.
 */
async function loadWarnings(isCurrent: () => boolean) {
  const summary = await getJson<WarningSummary>(
    withQuery('/api/v1/stats/warnings/summary', { period: month, lang: lang() }),
  );
  const total = summary.open + summary.acknowledged;
  const [listed, categories] =
    total > 0 && total <= WARNINGS_LISTED_UP_TO
      ? await Promise.all([
          getJson<WarningPage>(
            withQuery('/api/v1/stats/warnings', {
              period: month,
              limit: WARNINGS_LISTED_UP_TO,
              lang: lang(),
            }),
          ),
          getJson<{ items: { id: string; name: string }[] }>(
            withQuery('/api/v1/complaint-categories', { lang: lang() }),
          ),
        ])
      : [undefined, undefined];
  if (!isCurrent()) return;
  const groups = [...summary.groups].sort((a, b) => b.open + b.acknowledged - (a.open + a.acknowledged));
  const shown = groups.slice(0, WARNING_GROUPS_LISTED);
  const names = new Map((categories?.items ?? []).map((c) => [c.id, c.name]));
  $('warning-list').replaceChildren(
    ...(total === 0
      ? [el('p', { class: 'muted' }, t('warnings.empty'))]
      : [
          el(
            'table',
            { id: 'warning-summary' },
            el('caption', {}, t('warnings.summary')),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { scope: 'col' }, t('warnings.col.rule')),
                el('th', { scope: 'col' }, t('warnings.col.region')),
                el('th', { scope: 'col', class: 'num' }, t('warnings.col.open')),
                el('th', { scope: 'col', class: 'num' }, t('warnings.col.acknowledged')),
              ),
            ),
            el(
              'tbody',
              {},
              ...shown.map((g) =>
                el(
                  'tr',
                  { 'data-rule': g.rule, 'data-region': g.regionId ?? '' },
                  el('th', { scope: 'row' }, t(`warningRule.${g.rule}`)),
                  el('td', {}, g.region ?? t('warnings.departments')),
                  el('td', { class: 'num' }, formatNumber(g.open, lang())),
                  el('td', { class: 'num' }, formatNumber(g.acknowledged, lang())),
                ),
              ),
            ),
          ),
          ...(groups.length > shown.length
            ? [el('p', { class: 'muted' }, t('warnings.moreGroups', { n: groups.length - shown.length }))]
            : []),
          listed
            ? el(
                'ul',
                { class: 'warnings' },
                ...listed.items.map((w) =>
                  warningItem(
                    w,
                    { timeZone: page.me.timeZone, categoryName: (id) => names.get(id) ?? id },
                    lang(),
                    t,
                  ),
                ),
              )
            : el('p', { class: 'muted' }, t('warnings.tooMany', { n: formatNumber(total, lang()) })),
        ]),
  );
}

async function loadMajorComplaints(isCurrent: () => boolean) {
  let items: MajorComplaint[] = [];
  try {
    ({ items } = await getJson<{ items: MajorComplaint[] }>(
      withQuery('/api/v1/stats/major-complaints', { month, lang: lang() }),
    ));
  } catch (error) {
    // Where the API does not list major complaints yet (an older deployment), the report shows none.
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  if (!isCurrent()) return;
  const columns: [keyof ReportWords & string, (c: MajorComplaint) => string][] = [
    ['major.trackingNo', (c) => c.trackingNo],
    ['major.receivedAt', (c) => formatDate(c.receivedAt, lang(), page.me.timeZone)],
    ['major.outlet', (c) => c.outletName],
    ['major.category', (c) => c.categoryName],
    ['major.department', (c) => c.departmentName],
    ['major.status', (c) => c.statusName],
    ['major.rootCause', (c) => c.rootCauseName ?? t('major.noCause')],
  ];
  $('major-table').replaceChildren(
    el('caption', {}, t('major.caption')),
    el('thead', {}, el('tr', {}, ...columns.map(([key]) => el('th', { scope: 'col' }, t(key))))),
    el(
      'tbody',
      {},
      ...(items.length
        ? items.map((c) =>
            el(
              'tr',
              { 'data-no': c.trackingNo },
              ...columns.map(([, value], i) =>
                i === 0 ? el('th', { scope: 'row' }, value(c)) : el('td', {}, value(c)),
              ),
            ),
          )
        : [el('tr', {}, el('td', { colspan: String(columns.length) }, t('major.empty')))]),
    ),
  );
}

void start();
