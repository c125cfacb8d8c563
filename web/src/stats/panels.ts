import { warningInWords } from '../../../functions/domain/statistics/warning-words.js';
import { formatDateTime, formatNumber, formatPercent, type Translate } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { el } from '../shared/session.js';
import type { RankingItem, Warning } from './api.js';
import { changePointsText } from './format.js';
import type { StatsWords } from './words.js';

/**
 * Panels the dashboard and the monthly report both draw: rankings, heat maps and warnings. Every
 * value from the API goes in as text (el() / textContent); colours come from fixed classes, never
 * from the data.
 */
type T = Translate<StatsWords>;

/**
 * A page of a ranking (regions or outlets), as the API ordered it. On the dashboard names link to
 * the drill-down (the same page for that region or outlet) and the selected one is marked; the
 * report has no links. `compare: false` (a period not over yet) leaves the change column empty.
 */
export function renderRanking(
  table: HTMLTableElement,
  caption: string,
  items: readonly RankingItem[],
  options: {
    withRegion: boolean;
    compare?: boolean;
    selected?: string | undefined;
    linkFor?: (item: RankingItem) => string;
  },
  lang: Lang,
  t: T,
) {
  const compare = options.compare ?? true;
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
          class: `num change${!compare || item.change === null ? '' : item.change > 0 ? ' up good' : item.change < 0 ? ' down bad' : ''}`,
        },
        compare ? changePointsText(item.change, lang) : '—',
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

/**
 * One warning: its subject, the rule and its figures in words, when it was raised, and who
 * acknowledged it. `select`, for head office on the dashboard, puts a checkbox before an open one
 * (acknowledged several at once, with one note).
 */
export function warningItem(
  warning: Warning,
  options: { timeZone: string; categoryName: (id: string) => string; select?: boolean },
  lang: Lang,
  t: T,
): HTMLLIElement {
  const subject = warning.region ? `${warning.subjectName} · ${warning.region}` : warning.subjectName;
  const checkboxId = `pick-${warning.id.replace(/[^\w-]/g, '_')}`;
  const heading = el('h4', {}, subject);
  const item = el(
    'li',
    {
      class: `warning ${warning.acknowledged ? 'acknowledged' : 'open'}`,
      'data-id': warning.id,
      'data-rule': warning.rule,
    },
    options.select && !warning.acknowledged
      ? el(
          'label',
          { class: 'pick', for: checkboxId },
          el('input', { type: 'checkbox', id: checkboxId, name: 'ids', value: warning.id }),
          heading,
        )
      : heading,
    el(
      'p',
      { class: 'rule' },
      el('strong', {}, t(`warningRule.${warning.rule}`)),
      ...(warning.acknowledged ? [] : [` · ${t('warning.open')}`]),
    ),
    el('p', { class: 'words' }, warningInWords(warning, lang, options.categoryName)),
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
  }
  return item;
}
