import { formatDateTime, formatNumber, formatPercent, type Translate } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { el } from '../shared/session.js';
import type { ComplaintFigures, LowRating, RankingItem, RatingFigures, Warning } from './stats-api.js';
import {
  type BetterWhen,
  type ChangeKind,
  changeElement,
  changePointsText,
  type Granularity,
  periodLabel,
  periodShort,
  warningInWords,
  weekRange,
} from './stats-format.js';
import type { StatsWords } from './stats-words.js';
import type { DashboardWords } from './texts.js';

/**
 * The dashboard's panels, each drawn from one API answer. Every value from the API goes in as
 * text (el() / textContent); colours come from fixed classes, never from the data.
 */
type T = Translate<DashboardWords>;
/** Panels the monthly report draws too use the words both pages share. */
type SharedT = Translate<StatsWords>;

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

/** The indicator tiles: the period's figure, and its change from the period before. */
export function renderTiles(
  list: HTMLElement,
  current: PeriodFigures,
  previous: PeriodFigures,
  options: { withRatings: boolean; granularity: Granularity },
  lang: Lang,
  t: T,
) {
  const vs = t(options.granularity === 'week' ? 'change.vs.week' : 'change.vs.month');
  list.replaceChildren(
    ...TILES.filter((tile) => options.withRatings || !tile.needsRatings).map((tile) => {
      const value = tile.value(current);
      const before = tile.value(previous);
      const comparable = value !== null && value !== undefined && before !== null && before !== undefined;
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
          changeElement(value, before, tile.kind, tile.better, lang, t),
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
  options: { withRatings: boolean; granularity: Granularity },
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
          el('th', { scope: 'row' }, periodLabel(period, options.granularity, lang, t)),
          ...columns.map(([, value]) => el('td', { class: 'num' }, value(figures[i] ?? {}))),
        ),
      ),
    ),
  );
}

/**
 * A ranking (regions or outlets), best CSAT first. On the dashboard names link to the drill-down
 * (the same page for that region or outlet) and the selected one is marked; the report has no links.
 */
export function renderRanking(
  table: HTMLTableElement,
  caption: string,
  items: readonly RankingItem[],
  options: { withRegion: boolean; selected?: string | undefined; linkFor?: (item: RankingItem) => string },
  lang: Lang,
  t: SharedT,
) {
  const text = (name: string) => ({ name, numeric: false });
  const number = (name: string) => ({ name, numeric: true });
  const head = [
    number(t('col.rank')),
    text(options.withRegion ? t('col.outlet') : t('col.region')),
    ...(options.withRegion ? [text(t('col.region'))] : []),
    number(t('col.csat')),
    number(t('col.ratings')),
    number(t('col.complaints')),
    number(t('col.completionRate')),
    number(t('col.onTimeRate')),
    number(t('col.change')),
  ];
  const rows = items.map((item) =>
    el(
      'tr',
      {
        'data-id': item.id,
        ...(item.id === options.selected ? { class: 'selected', 'aria-current': 'true' } : {}),
      },
      el('td', { class: 'num' }, formatNumber(item.rank, lang)),
      el(
        'th',
        { scope: 'row' },
        options.linkFor ? el('a', { href: options.linkFor(item) }, item.name) : item.name,
      ),
      ...(options.withRegion ? [el('td', {}, item.region ?? '')] : []),
      el('td', { class: 'num' }, formatPercent(item.csat, lang)),
      el('td', { class: 'num' }, formatNumber(item.ratings, lang)),
      el('td', { class: 'num' }, formatNumber(item.complaints, lang)),
      el('td', { class: 'num' }, formatPercent(item.completionRate, lang)),
      el('td', { class: 'num' }, formatPercent(item.onTimeRate, lang)),
      el(
        'td',
        {
          class: `num change${item.change === null ? '' : item.change > 0 ? ' up good' : item.change < 0 ? ' down bad' : ''}`,
        },
        changePointsText(item.change, lang),
      ),
    ),
  );
  table.replaceChildren(
    el('caption', {}, caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...head.map((column) =>
          el('th', { scope: 'col', ...(column.numeric ? { class: 'num' } : {}) }, column.name),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...(rows.length
        ? rows
        : [el('tr', {}, el('td', { colspan: String(head.length) }, t('ranking.empty')))]),
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

/** Outlets by week: CSAT written in each cell, coloured by band (an HTML table, readable without colour). */
export function renderHeatmap(
  table: HTMLTableElement,
  legend: HTMLElement,
  weeks: readonly string[],
  outlets: readonly { id: string; name: string; region?: string | undefined }[],
  csatOf: (outletId: string, week: string) => number | null | undefined,
  lang: Lang,
  t: T,
) {
  table.replaceChildren(
    el(
      'caption',
      {},
      t('heatmap.caption', {
        from: periodShort(weeks[0] ?? '', 'week', lang, t),
        to: periodShort(weeks.at(-1) ?? '', 'week', lang, t),
      }),
    ),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t('col.outlet')),
        ...weeks.map((week) =>
          el(
            'th',
            { scope: 'col', 'data-week': week },
            periodShort(week, 'week', lang, t),
            el('span', { class: 'range' }, weekRange(week, lang)),
          ),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...outlets.map((outlet) =>
        el(
          'tr',
          { 'data-id': outlet.id },
          el('th', { scope: 'row' }, outlet.name),
          ...weeks.map((week) => {
            const csat = csatOf(outlet.id, week);
            return el('td', { class: heatClass(csat), 'data-week': week }, formatPercent(csat, lang));
          }),
        ),
      ),
    ),
  );
  legend.replaceChildren(
    el('span', {}, t('heatmap.legend')),
    ...HEAT_BANDS.map((band, i) => el('span', { class: `swatch heat h${i + 1}` }, band.label)),
    el('span', { class: 'swatch heat h0' }, `— ${t('heatmap.none')}`),
  );
}

export interface WarningGroup {
  granularity: Granularity;
  period: string;
  items: Warning[];
}

/**
 * Warnings grouped by period, open ones first, each with its figures in words. Head office gets
 * an Acknowledge form (with a note) on the open ones; acknowledged ones say who and when.
 */
export function renderWarnings(
  container: HTMLElement,
  groups: readonly WarningGroup[],
  options: {
    canAcknowledge: boolean;
    timeZone: string;
    categoryName: (id: string) => string;
    onAcknowledge?: (warning: Warning, note: string, form: HTMLFormElement) => void;
  },
  lang: Lang,
  t: SharedT,
) {
  container.replaceChildren(
    ...groups.map((group) => {
      const open = group.items.filter((w) => !w.acknowledged).length;
      return el(
        'section',
        { class: 'warning-group', 'data-period': group.period },
        el(
          'h3',
          {},
          `${t(group.granularity === 'week' ? 'warning.period.week' : 'warning.period.month')} · ${periodLabel(group.period, group.granularity, lang, t)}`,
        ),
        group.items.length
          ? el('p', { class: 'muted' }, t('warnings.count', { open, done: group.items.length - open }))
          : el('p', { class: 'muted' }, t('warnings.empty')),
        ...(group.items.length
          ? [el('ul', { class: 'warnings' }, ...group.items.map((w) => warningItem(w, options, lang, t)))]
          : []),
      );
    }),
  );
}

function warningItem(
  warning: Warning,
  options: Parameters<typeof renderWarnings>[2],
  lang: Lang,
  t: SharedT,
): HTMLLIElement {
  const subject = warning.region ? `${warning.subjectName} · ${warning.region}` : warning.subjectName;
  const item = el(
    'li',
    {
      class: `warning ${warning.acknowledged ? 'acknowledged' : 'open'}`,
      'data-id': warning.id,
      'data-rule': warning.rule,
    },
    el('h4', {}, subject),
    el(
      'p',
      { class: 'rule' },
      el('strong', {}, t(`rule.${warning.rule}`)),
      ...(warning.acknowledged ? [] : [` · ${t('warning.open')}`]),
    ),
    el('p', { class: 'words' }, warningInWords(warning, lang, t, options.categoryName)),
    el(
      'p',
      { class: 'muted small' },
      t('warning.raisedAt', { at: formatDateTime(warning.raisedAt, lang, options.timeZone) }),
    ),
  );
  if (warning.acknowledged) {
    item.append(
      el(
        'p',
        { class: 'ack-state' },
        t('warning.acknowledged', {
          name: warning.acknowledged.byName,
          at: formatDateTime(warning.acknowledged.at, lang, options.timeZone),
        }),
      ),
    );
    if (warning.acknowledged.note)
      item.append(el('p', { class: 'ack-note' }, t('warning.note', { note: warning.acknowledged.note })));
  } else if (options.canAcknowledge && options.onAcknowledge) {
    const onAcknowledge = options.onAcknowledge;
    const noteId = `note-${warning.id.replace(/[^\w-]/g, '_')}`;
    const form = el(
      'form',
      { class: 'ack-form' },
      el('label', { for: noteId }, t('ack.note')),
      el('textarea', { id: noteId, name: 'note', rows: '2', maxlength: '500' }),
      el('button', { type: 'submit', class: 'primary' }, t('ack.button')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
      onAcknowledge(warning, note, form);
    });
    item.append(form);
  }
  return item;
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
