import { formatDateTime, formatNumber, formatPercent, type Translate } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { el } from '../shared/session.js';
import type { ComplaintFigures, Heatmap, LowRating, RatingFigures } from '../stats/api.js';
import {
  type BetterWhen,
  type ChangeKind,
  changeElement,
  type Granularity,
  periodShort,
  weekRange,
} from '../stats/format.js';
import type { DashboardWords } from './texts.js';

/**
 * The dashboard's own panels (the ones the report shares are in ../stats/panels.ts). Every value
 * from the API goes in as text (el() / textContent); colours come from fixed classes, never from
 * the data.
 */
type T = Translate<DashboardWords>;

/** A period's figures: ratings for outlets, regions and the bank; complaints for every scope. */
export interface PeriodFigures {
  ratings?: RatingFigures | undefined;
  complaints?: ComplaintFigures | undefined;
}

interface Tile {
  kpi: string;
  label: keyof DashboardWords & string;
  hint: keyof DashboardWords & string;
  kind: ChangeKind;
  better: BetterWhen;
  needsRatings: boolean;
  value: (f: PeriodFigures) => number | null | undefined;
}

const TILES: readonly Tile[] = [
  {
    kpi: 'csat',
    label: 'kpi.csat',
    hint: 'hint.csat',
    kind: 'rate',
    better: 'up',
    needsRatings: true,
    value: (f) => f.ratings?.csat,
  },
  {
    kpi: 'completionRate',
    label: 'kpi.completionRate',
    hint: 'hint.completionRate',
    kind: 'rate',
    better: 'up',
    needsRatings: false,
    value: (f) => f.complaints?.completionRate,
  },
  {
    kpi: 'onTimeRate',
    label: 'kpi.onTimeRate',
    hint: 'hint.onTimeRate',
    kind: 'rate',
    better: 'up',
    needsRatings: false,
    value: (f) => f.complaints?.onTimeRate,
  },
  {
    kpi: 'satisfactionRate',
    label: 'kpi.satisfactionRate',
    hint: 'hint.satisfactionRate',
    kind: 'rate',
    better: 'up',
    needsRatings: false,
    value: (f) => f.complaints?.satisfactionRate,
  },
  {
    kpi: 'ratings',
    label: 'kpi.ratings',
    hint: 'hint.ratings',
    kind: 'count',
    better: 'neither',
    needsRatings: true,
    value: (f) => f.ratings?.count,
  },
  {
    kpi: 'complaints',
    label: 'kpi.complaints',
    hint: 'hint.complaints',
    kind: 'count',
    better: 'down',
    needsRatings: false,
    value: (f) => f.complaints?.received,
  },
  {
    kpi: 'openOverdue',
    label: 'kpi.openOverdue',
    hint: 'hint.openOverdue',
    kind: 'count',
    better: 'down',
    needsRatings: false,
    value: (f) => f.complaints?.openOverdue,
  },
];

/**
 * The indicator tiles: the period's figure, and its change from the period before. A period not
 * over yet is not compared with a whole one (half a month's completion rate is not a fall): its
 * tiles say so instead, in grey.
 */
export function renderTiles(
  list: HTMLElement,
  current: PeriodFigures,
  previous: PeriodFigures,
  options: { withRatings: boolean; granularity: Granularity; ongoing: boolean },
  lang: Lang,
  t: T,
) {
  const vs = t(options.granularity === 'week' ? 'change.vs.week' : 'change.vs.month');
  list.replaceChildren(
    ...TILES.filter((tile) => options.withRatings || !tile.needsRatings).map((tile) => {
      const value = tile.value(current);
      const before = tile.value(previous);
      const comparable =
        !options.ongoing && value !== null && value !== undefined && before !== null && before !== undefined;
      return el(
        'li',
        { class: 'tile', 'data-kpi': tile.kpi },
        el('h3', {}, t(tile.label)),
        el(
          'p',
          { class: 'value' },
          tile.kind === 'rate' ? formatPercent(value, lang) : formatNumber(value, lang),
        ),
        el(
          'p',
          { class: 'delta' },
          ...(comparable ? [`${vs} `] : []),
          options.ongoing
            ? el('span', { class: 'change none' }, t('change.partial'))
            : changeElement(value, before, tile.kind, tile.better, lang, t),
        ),
        el('p', { class: 'hint' }, t(tile.hint)),
      );
    }),
  );
}

/** The trend's figures as a table: the chart's text equivalent, and its stand-in if it fails to load. */
export function renderTrendTable(
  table: HTMLTableElement,
  periods: readonly string[],
  figures: readonly PeriodFigures[],
  options: { withRatings: boolean; name: (period: string) => string },
  lang: Lang,
  t: T,
) {
  const columns: [string, (f: PeriodFigures) => string][] = [
    ...(options.withRatings
      ? ([
          [t('kpi.csat'), (f) => formatPercent(f.ratings?.csat, lang)],
          [t('kpi.ratings'), (f) => formatNumber(f.ratings?.count, lang)],
        ] as [string, (f: PeriodFigures) => string][])
      : []),
    [t('kpi.completionRate'), (f) => formatPercent(f.complaints?.completionRate, lang)],
    [t('kpi.onTimeRate'), (f) => formatPercent(f.complaints?.onTimeRate, lang)],
    [t('kpi.satisfactionRate'), (f) => formatPercent(f.complaints?.satisfactionRate, lang)],
    [t('kpi.complaints'), (f) => formatNumber(f.complaints?.received, lang)],
  ];
  table.replaceChildren(
    el('caption', {}, t('trend.caption')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t('trend.period')),
        ...columns.map(([name]) => el('th', { scope: 'col' }, name)),
      ),
    ),
    el(
      'tbody',
      {},
      ...periods.map((period, i) =>
        el(
          'tr',
          { 'data-period': period },
          el('th', { scope: 'row' }, options.name(period)),
          ...columns.map(([, value]) => el('td', { class: 'num' }, value(figures[i] ?? {}))),
        ),
      ),
    ),
  );
}

/** The latest low ratings, their comments as plain text. */
export function renderLowRatings(
  container: HTMLElement,
  items: readonly LowRating[],
  options: { timeZone: string; withOutlet: boolean },
  lang: Lang,
  t: T,
) {
  if (!items.length) {
    container.replaceChildren(el('p', { class: 'empty' }, t('lowRatings.empty')));
    return;
  }
  container.replaceChildren(
    el(
      'ol',
      { class: 'low-ratings' },
      ...items.map((r) =>
        el(
          'li',
          { 'data-outlet': r.outletId },
          el(
            'p',
            { class: 'meta' },
            el('span', { class: 'stars' }, t('lowRatings.stars', { n: r.rating })),
            ...(options.withOutlet ? [` · ${r.outletName}`] : []),
            ` · ${formatDateTime(r.receivedAt, lang, options.timeZone)}`,
          ),
          el('blockquote', { class: 'comment' }, r.comment),
        ),
      ),
    ),
  );
}

/** CSAT bands of the heat map, worst first; each is a fixed class with a colour and a legend entry. */
const HEAT_BANDS = [
  { upTo: 0.6, label: '< 60%' },
  { upTo: 0.7, label: '60–70%' },
  { upTo: 0.8, label: '70–80%' },
  { upTo: 0.9, label: '80–90%' },
  { upTo: Number.POSITIVE_INFINITY, label: '≥ 90%' },
] as const;

export const heatClass = (csat: number | null | undefined) =>
  csat === null || csat === undefined ? 'heat h0' : `heat h${HEAT_BANDS.findIndex((b) => csat < b.upTo) + 1}`;

/**
 * A page of rows (regions, or one region's outlets) by week or month: CSAT written in each cell,
 * coloured by band (an HTML table, readable without colour); each row's name leads to its drill-down.
 */
export function renderHeatmap(
  table: HTMLTableElement,
  legend: HTMLElement,
  map: Heatmap,
  options: { caption: string; firstColumn: string; linkFor: (row: Heatmap['rows'][number]) => string },
  lang: Lang,
  t: T,
) {
  const granularity = map.periods[0]?.includes('W') ? 'week' : 'month';
  table.replaceChildren(
    el('caption', {}, options.caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, options.firstColumn),
        ...map.periods.map((period) =>
          el(
            'th',
            { scope: 'col', 'data-period': period },
            periodShort(period, granularity, lang, t),
            ...(granularity === 'week' ? [el('span', { class: 'range' }, weekRange(period, lang))] : []),
          ),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...(map.rows.length
        ? map.rows.map((row) =>
            el(
              'tr',
              { 'data-id': row.id },
              el('th', { scope: 'row' }, el('a', { href: options.linkFor(row) }, row.name)),
              ...row.cells.map((cell) =>
                el(
                  'td',
                  { class: heatClass(cell.csat), 'data-period': cell.period },
                  formatPercent(cell.csat, lang),
                ),
              ),
            ),
          )
        : [el('tr', {}, el('td', { colspan: String(map.periods.length + 1) }, t('ranking.empty')))]),
    ),
  );
  legend.replaceChildren(
    el('span', {}, t('heatmap.legend')),
    ...HEAT_BANDS.map((band, i) => el('span', { class: `swatch heat h${i + 1}` }, band.label)),
    el('span', { class: 'swatch heat h0' }, `— ${t('heatmap.none')}`),
  );
}
