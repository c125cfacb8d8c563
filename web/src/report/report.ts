import {
  daysOf,
  granularityOf,
  periodOf,
  previousPeriod,
} from '../../../functions/domain/statistics/periods.js';
import { renderRanking, renderWarnings } from '../dashboard/panels.js';
import {
  ApiError,
  type ComplaintFigures,
  type ComplaintSeries,
  getJson,
  type MajorComplaint,
  type Me,
  type RankingItem,
  type RatingFigures,
  type SatisfactionSeries,
  type Warning,
  withQuery,
} from '../dashboard/stats-api.js';
import {
  type BetterWhen,
  type ChangeKind,
  causeName,
  changeElement,
  dayLabel,
  periodLabel,
  statusName,
} from '../dashboard/stats-format.js';
import {
  applyTexts,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  translator,
} from '../shared/i18n.js';
import { initialLang, type Lang } from '../shared/lang.js';
import { languageSwitch } from '../shared/page-language.js';
import { el, requireSignIn, signOut } from '../shared/session.js';
import { type ReportWords, texts } from './texts.js';

/**
 * The service committee's monthly report: one printable page (A4) per month with the bank's
 * figures and their change, the rankings, the month's warnings, and its complaints by category,
 * root cause and the major ones. For head office and admins (rankings are theirs only).
 */
const MONTHS_OFFERED = 24;
/** Past this many outlets, the report lists the top and bottom ten only. */
const ALL_OUTLETS_UP_TO = 20;
const TOP_BOTTOM = 10;

interface Ranking {
  items: RankingItem[];
}
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

requireSignIn(); // sends the browser to sign-in first when there is no token
let lang: Lang = initialLang();
let t = translator(texts, lang);
let me: Me;
let today = '';
let month = '';
let loads = 0;

const $ = <E extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as E;
const say = (text: string) => {
  $('status').textContent = text;
};
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function start() {
  $('sign-out').addEventListener('click', signOut);
  $('print').addEventListener('click', () => window.print());
  buildLanguageSwitch();
  applyLanguage();
  say(t('loading'));
  try {
    me = await getJson<Me>(withQuery('/api/v1/staff/me', { lang }));
  } catch (error) {
    say(t('error', { message: messageOf(error) }));
    return;
  }
  if (!(me.headOffice || me.roles.includes('admin'))) {
    say(t('noAccess'));
    (document.querySelector('.month-picker') as HTMLElement).hidden = true;
    $('print').hidden = true;
    return;
  }
  today = me.today;
  const asked = new URLSearchParams(location.search).get('month') ?? '';
  const thisMonth = periodOf(today, 'month');
  // Without a month (or with one not begun), the latest closed month: the one the committee meets on.
  month = granularityOf(asked) === 'month' && asked <= thisMonth ? asked : previousPeriod(thisMonth, 'month');
  $<HTMLSelectElement>('month').addEventListener('change', (event) => {
    month = (event.target as HTMLSelectElement).value;
    void load();
  });
  await load();
}

function buildLanguageSwitch() {
  languageSwitch(document.querySelector('.langs'), lang, (option) => {
    lang = option;
    t = translator(texts, lang);
    applyLanguage();
    if (month) void load();
  });
}

function applyLanguage() {
  document.documentElement.lang = lang;
  applyTexts(t);
}

function renderMonthPicker() {
  const months = [periodOf(today, 'month')];
  while (months.length < MONTHS_OFFERED) months.push(previousPeriod(months.at(-1) ?? month, 'month'));
  if (!months.includes(month)) months.push(month);
  const select = $<HTMLSelectElement>('month');
  select.replaceChildren(...months.map((m) => el('option', { value: m }, periodLabel(m, 'month', lang, t))));
  select.value = month;
}

async function load() {
  const generation = ++loads;
  const isCurrent = () => generation === loads;
  history.replaceState(null, '', `/report?month=${month}`);
  renderMonthPicker();
  const monthName = periodLabel(month, 'month', lang, t);
  const { first, last } = daysOf(month, 'month');
  document.title = t('pageTitle', { month: monthName });
  $('report-month').textContent = monthName;
  $('report-range').textContent = t('reportMonth', { from: dayLabel(first, lang), to: dayLabel(last, lang) });
  $('generated').textContent = t('generatedAt', {
    at: formatDateTime(new Date().toISOString(), lang, me.timeZone),
    zone: me.timeZone,
  });
  say(t('loading'));
  await Promise.all([
    guarded('figures', () => loadFigures(isCurrent)),
    guarded('regions', () => loadRankings(isCurrent)),
    guarded('warnings', () => loadWarnings(isCurrent)),
    guarded('major', () => loadMajorComplaints(isCurrent)),
  ]);
  if (!isCurrent()) return;
  say('');
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
    lang,
  };
  const [ratings, complaints, categories] = await Promise.all([
    getJson<SatisfactionSeries>(withQuery('/api/v1/stats/satisfaction', query)),
    getJson<ComplaintSeries>(withQuery('/api/v1/stats/complaints', query)),
    getJson<{ items: { id: string; name: string }[] }>(withQuery('/api/v1/complaint-categories', { lang })),
  ]);
  if (!isCurrent()) return;
  const figuresOf = (period: string): Figures => ({
    ratings: ratings.series.find((s) => s.period === period)?.ratings,
    complaints: complaints.series.find((s) => s.period === period)?.complaints,
  });
  const now = figuresOf(month);
  const before = figuresOf(previous);
  const show = (row: FigureRow, f: Figures) =>
    row.kind === 'rate' ? formatPercent(row.value(f), lang) : formatNumber(row.value(f), lang, row.digits);
  $('figures-table').replaceChildren(
    el('caption', {}, t('figures.caption', { month: periodLabel(month, 'month', lang, t) })),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t('col.indicator')),
        el('th', { scope: 'col' }, periodLabel(month, 'month', lang, t)),
        el('th', { scope: 'col' }, periodLabel(previous, 'month', lang, t)),
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
            changeElement(row.value(now), row.value(before), row.kind, row.better, lang, t, row.digits),
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
              el('th', { scope: 'row' }, causeName(cause, t)),
              el('td', { class: 'num' }, formatNumber(n, lang)),
              el('td', { class: 'num' }, formatPercent(n / totalCauses, lang)),
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
              el('td', { class: 'num' }, formatNumber(n, lang)),
            ),
          )
        : [el('tr', {}, el('td', { colspan: '2' }, t('ranking.empty')))]),
    ),
  );
}

async function loadRankings(isCurrent: () => boolean) {
  const base = { granularity: 'month', period: month, lang };
  const [regions, outlets] = await Promise.all([
    getJson<Ranking>(withQuery('/api/v1/stats/rankings', { scope: 'region', ...base })),
    getJson<Ranking>(withQuery('/api/v1/stats/rankings', { scope: 'outlet', ...base })),
  ]);
  if (!isCurrent()) return;
  const monthName = periodLabel(month, 'month', lang, t);
  renderRanking(
    $('region-ranking'),
    t('regions.caption', { month: monthName }),
    regions.items,
    { withRegion: false },
    lang,
    t,
  );
  renderOutlets(outlets.items, monthName);
  $('outlets').hidden = false;
}

/** Every outlet when there are few; otherwise the ten best and the ten worst of those rated. */
function renderOutlets(items: readonly RankingItem[], monthName: string) {
  const tables = $('outlet-tables');
  const table = (caption: string, rows: readonly RankingItem[]) => {
    const node = el('table', { class: 'ranking' });
    renderRanking(node, caption, rows, { withRegion: true }, lang, t);
    return node;
  };
  if (items.length <= ALL_OUTLETS_UP_TO) {
    $('outlets-note').textContent = t('outlets.all', { n: items.length });
    tables.replaceChildren(table(t('outlets.caption', { month: monthName }), items));
    return;
  }
  const rated = items.filter((item) => item.csat !== null);
  const top = rated.slice(0, TOP_BOTTOM);
  const bottom = rated.slice(Math.max(TOP_BOTTOM, rated.length - TOP_BOTTOM));
  const unrated = items.length - rated.length;
  $('outlets-note').textContent = [
    t('outlets.topBottom', { n: items.length }),
    ...(unrated ? [t('outlets.unrated', { n: unrated })] : []),
  ].join(' ');
  tables.replaceChildren(
    table(t('outlets.top'), top),
    ...(bottom.length ? [table(t('outlets.bottom'), bottom)] : []),
  );
}

async function loadWarnings(isCurrent: () => boolean) {
  const [{ items }, categories] = await Promise.all([
    getJson<{ items: Warning[] }>(
      withQuery('/api/v1/stats/warnings', { period: month, status: 'all', lang }),
    ),
    getJson<{ items: { id: string; name: string }[] }>(withQuery('/api/v1/complaint-categories', { lang })),
  ]);
  if (!isCurrent()) return;
  const names = new Map(categories.items.map((c) => [c.id, c.name]));
  renderWarnings(
    $('warning-list'),
    [{ granularity: 'month', period: month, items }],
    { canAcknowledge: false, timeZone: me.timeZone, categoryName: (id) => names.get(id) ?? id },
    lang,
    t,
  );
}

async function loadMajorComplaints(isCurrent: () => boolean) {
  let items: MajorComplaint[] = [];
  try {
    ({ items } = await getJson<{ items: MajorComplaint[] }>(
      withQuery('/api/v1/stats/major-complaints', { month, lang }),
    ));
  } catch (error) {
    // Where the API does not list major complaints yet (an older deployment), the report shows none.
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  if (!isCurrent()) return;
  const columns: [keyof ReportWords & string, (c: MajorComplaint) => string][] = [
    ['major.trackingNo', (c) => c.trackingNo],
    ['major.receivedAt', (c) => formatDate(c.receivedAt, lang, me.timeZone)],
    ['major.outlet', (c) => c.outletName],
    ['major.category', (c) => c.categoryName],
    ['major.department', (c) => c.departmentName],
    ['major.status', (c) => statusName(c.status, t)],
    ['major.rootCause', (c) => causeName(c.rootCause, t)],
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
