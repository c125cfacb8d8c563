import { addDays } from '../../../functions/domain/calendar.js';
import { periodOf } from '../../../functions/domain/statistics/periods.js';
import { formatDateTime, formatNumber, formatPercent } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { el } from '../shared/session.js';
import { ApiError, downloadCsv, getJson, postJson, withQuery } from '../stats/api.js';
import { zoneName } from '../stats/format.js';
import { lastCompletePeriod, periodChoices, type StatsPage, startStatsPage } from '../stats/startup.js';
import { type CircularWords, texts } from './texts.js';

/**
 * The monthly circular (通报) of the bank's service supervision: one printable page per month
 * with the bank's checks, regions and outlets ranked, the items failed most, every red-line
 * finding and the rectifications not in time, each table downloadable as CSV. Everyone with a
 * part in supervision reads the months that have ended; head office and the supervision centre
 * also the month under way.
 */
const MONTHS_OFFERED = 24;

interface Figures {
  checkScore: number | null;
  inspectionsByKind: Record<'self-check' | 'spot-check' | 'joint-check' | 'mystery-visit', number>;
  redLineFailures: number;
  findingsPerCheck: number | null;
  selfCheck: { done: number; owed: number; rate: number | null };
  rectification: { due: number; onTime: number; rate: number | null };
}
interface OutletRow {
  outletId: string;
  name: string;
  regionName: string;
  rank?: number;
  figures: Figures;
  overdue: number;
  jointCheckMissing: boolean;
}
interface Circular {
  month: string;
  underway: boolean;
  /** When it was published to every outlet (通报) and by whom; null if not yet. */
  published: { publishedAt: string; publishedBy: string } | null;
  /** The supervision centre, the month over, not yet published. */
  mayPublish: boolean;
  owedDays: number;
  bank: Figures;
  regions: {
    regionId: string;
    name: string;
    rank?: number;
    outlets: number;
    jointChecksMissing: number;
    figures: Figures;
  }[];
  outletCount: number;
  best: OutletRow[];
  weakest: OutletRow[];
  overdue: OutletRow[];
  overdueOutlets: number;
  mostFailed: { itemId: string; failures: number; text: string }[];
  redLineFindings: {
    id: string;
    outletName: string;
    regionName: string;
    itemText: string;
    foundAt: string;
    dueAt: string;
    statusName: string;
    repeated: boolean;
  }[];
}

let page: StatsPage<CircularWords> | undefined;
let shown: string | undefined;

const picker = document.getElementById('month') as HTMLSelectElement;

async function start() {
  page = await startStatsPage(texts, () => {
    fillMonths();
    void show(picker.value);
  });
  if (!page) return;
  fillMonths();
  const asked = new URLSearchParams(location.search).get('month');
  const months = [...picker.options].map((o) => o.value);
  const landing = asked && months.includes(asked) ? asked : lastCompletePeriod(page.today, 'month');
  picker.value = landing;
  picker.addEventListener('change', () => void show(picker.value));
  document.getElementById('print')?.addEventListener('click', () => window.print());
  document.getElementById('publish')?.addEventListener('click', () => void publish());
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.download'))
    button.addEventListener('click', () => {
      const table = button.dataset.table ?? 'outlets';
      downloadCsv(
        withQuery('/api/v1/supervision/circular', { month: shown, table, lang: page?.lang() }),
      ).catch((error: unknown) => page?.say(page.t('error', { message: (error as Error).message })));
    });
  await show(landing);
}

/** The months that have ended, newest first; the month under way too for head office and the centre. */
function fillMonths() {
  if (!page) return;
  const { t, lang, today, me } = page;
  const insider = me.headOffice || me.roles.includes('inspector');
  const months = periodChoices(
    'month',
    today,
    addDays(today, -31 * MONTHS_OFFERED),
    MONTHS_OFFERED + 1,
  ).filter((m) => insider || m !== periodOf(today, 'month'));
  const chosen = picker.value;
  picker.replaceChildren(
    ...months.map((m) => el('option', { value: m }, monthName(m, lang(), t, m === periodOf(today, 'month')))),
  );
  if (chosen) picker.value = chosen;
}

function monthName(month: string, lang: Lang, t: StatsPage<CircularWords>['t'], underway: boolean) {
  const [year = '', number = ''] = month.split('-');
  const monthWord = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
  const name = t('monthName', { year, month: String(Number(number)), monthName: monthWord });
  return underway ? t('monthUnderway', { name }) : name;
}

async function show(month: string) {
  if (!page) return;
  const { t, lang, say } = page;
  say(t('loading'));
  for (const section of document.querySelectorAll<HTMLElement>('main section, #end-note'))
    section.hidden = true;
  let circular: Circular;
  try {
    circular = await getJson<Circular>(withQuery('/api/v1/supervision/circular', { month, lang: lang() }));
  } catch (error) {
    say(error instanceof ApiError ? error.message : t('error', { message: String(error) }));
    return;
  }
  shown = month;
  history.replaceState(null, '', withQuery('/circular', { month }));
  say('');
  const name = monthName(month, lang(), t, circular.underway);
  document.title = t('pageTitle', { month: name });
  text('circular-month', name);
  text('circular-note', t(circular.underway ? 'note.underway' : 'note.ended', { days: circular.owedDays }));
  renderPublished(circular);
  renderBank(circular);
  renderRegions(circular);
  renderOutlets(circular);
  renderItems(circular);
  renderRedLines(circular);
  renderOverdue(circular);
  for (const section of document.querySelectorAll<HTMLElement>('main section, #end-note'))
    section.hidden = false;
}

/** "已通报 <when, in the bank's time>, by <name>"; the centre's button while the month may be published. */
function renderPublished(c: Circular) {
  const { t, lang, me } = page as StatsPage<CircularWords>;
  const line = document.getElementById('circular-published') as HTMLElement;
  const zone = me.timeZone ?? 'Asia/Shanghai';
  line.hidden = c.underway;
  line.textContent = c.published
    ? t('published', {
        at: formatDateTime(c.published.publishedAt, lang(), zone),
        zone: zoneName(zone, lang(), t as Parameters<typeof zoneName>[2]),
        by: c.published.publishedBy,
      })
    : t('notPublished');
  (document.getElementById('publish-box') as HTMLElement).hidden = !c.mayPublish;
}

/** The centre publishes the month shown, once it confirms; the answer (or refusal) in the page's words. */
async function publish() {
  if (!page || !shown) return;
  const { t, lang, say } = page;
  const month = shown;
  const name = monthName(month, lang(), t, false);
  if (!window.confirm(t('publish.confirm', { month: name }))) return;
  const button = document.getElementById('publish') as HTMLButtonElement;
  button.disabled = true;
  try {
    await postJson(withQuery('/api/v1/supervision/circular/publications', { lang: lang() }), { month });
    await show(month);
    say(t('publish.done', { month: name }));
  } catch (error) {
    say(t('publish.failed', { message: error instanceof Error ? error.message : String(error) }));
  } finally {
    button.disabled = false;
  }
}

const text = (id: string, value: string) => {
  const node = document.getElementById(id);
  if (node) node.textContent = value;
};
const score = (n: number | null) => (n === null ? '—' : formatNumber(n, page?.lang() ?? 'zh-CN', 1));
const rate = (n: number | null) => formatPercent(n, page?.lang() ?? 'zh-CN');

function table(id: string, head: string[], rows: (string | number)[][], numeric = new Set<number>()) {
  const node = document.getElementById(id) as HTMLTableElement;
  node.replaceChildren(
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el('tr', {}, ...r.map((cell, i) => el('td', numeric.has(i) ? { class: 'num' } : {}, String(cell)))),
      ),
    ),
  );
  return node;
}

function renderBank(c: Circular) {
  const { t } = page as StatsPage<CircularWords>;
  const f = c.bank;
  table(
    'bank-table',
    [t('fig.name'), t('fig.value')],
    [
      [t('fig.checkScore'), score(f.checkScore)],
      [t('fig.spot'), t('times', { n: f.inspectionsByKind['spot-check'] })],
      [t('fig.joint'), t('times', { n: f.inspectionsByKind['joint-check'] })],
      [t('fig.mystery'), t('times', { n: f.inspectionsByKind['mystery-visit'] })],
      [
        t('fig.selfCheck'),
        t('ofOwed', { rate: rate(f.selfCheck.rate), done: f.selfCheck.done, owed: f.selfCheck.owed }),
      ],
      [t('fig.redLines'), t('items', { n: f.redLineFailures })],
      [
        t('fig.findings'),
        f.findingsPerCheck === null ? '—' : formatNumber(f.findingsPerCheck, page?.lang() ?? 'zh-CN', 2),
      ],
      [
        t('fig.onTime'),
        t('ofDue', {
          rate: rate(f.rectification.rate),
          onTime: f.rectification.onTime,
          due: f.rectification.due,
        }),
      ],
    ],
  );
}

function renderRegions(c: Circular) {
  const { t } = page as StatsPage<CircularWords>;
  table(
    'regions-table',
    [
      t('col.rank'),
      t('col.region'),
      t('col.outlets'),
      t('col.checkScore'),
      t('col.selfCheck'),
      t('col.redLines'),
      t('col.onTime'),
      t('col.jointMissing'),
    ],
    c.regions.map((r) => [
      r.rank ?? t('unranked'),
      r.name,
      r.outlets,
      score(r.figures.checkScore),
      rate(r.figures.selfCheck.rate),
      r.figures.redLineFailures,
      rate(r.figures.rectification.rate),
      r.jointChecksMissing,
    ]),
    new Set([0, 2, 3, 4, 5, 6, 7]),
  );
}

function outletTable(caption: string, rows: OutletRow[]) {
  const { t } = page as StatsPage<CircularWords>;
  const node = el('table', { class: 'ranking' });
  const wrapper = el('div', { class: 'scroll' }, node);
  node.id = '';
  const head = [
    t('col.rank'),
    t('col.outlet'),
    t('col.region'),
    t('col.checkScore'),
    t('col.selfCheck'),
    t('col.redLines'),
    t('col.onTime'),
  ];
  node.append(
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...rows.map((o) =>
        el(
          'tr',
          {},
          el('td', { class: 'num' }, String(o.rank ?? t('unranked'))),
          el('th', { scope: 'row' }, o.name),
          el('td', {}, o.regionName),
          el('td', { class: 'num' }, score(o.figures.checkScore)),
          el('td', { class: 'num' }, rate(o.figures.selfCheck.rate)),
          el('td', { class: 'num' }, String(o.figures.redLineFailures)),
          el('td', { class: 'num' }, rate(o.figures.rectification.rate)),
        ),
      ),
    ),
  );
  return wrapper;
}

function renderOutlets(c: Circular) {
  const { t } = page as StatsPage<CircularWords>;
  text('outlets-note', t('outlets.summary', { n: c.outletCount }));
  const tables = document.getElementById('outlet-tables') as HTMLElement;
  if (c.best.length === 0) {
    tables.replaceChildren(el('p', {}, t('outlets.none')));
    return;
  }
  tables.replaceChildren(
    outletTable(t('outlets.best'), c.best),
    outletTable(t('outlets.weakest'), c.weakest),
  );
}

function renderItems(c: Circular) {
  const { t } = page as StatsPage<CircularWords>;
  table(
    'items-table',
    [t('col.item'), t('col.failures')],
    c.mostFailed.map((i) => [i.text, i.failures]),
    new Set([1]),
  );
}

function renderRedLines(c: Circular) {
  const { t, lang } = page as StatsPage<CircularWords>;
  const body = document.getElementById('red-lines-body') as HTMLElement;
  if (c.redLineFindings.length === 0) {
    body.replaceChildren(el('p', {}, t('redLines.none')));
    return;
  }
  const zone = page?.me.timeZone ?? 'Asia/Shanghai';
  const node = el('table');
  body.replaceChildren(el('div', { class: 'scroll' }, node));
  node.append(
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[
          t('col.outlet'),
          t('col.region'),
          t('col.item'),
          t('col.foundAt'),
          t('col.dueAt'),
          t('col.status'),
        ].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      ...c.redLineFindings.map((f) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, f.outletName),
          el('td', {}, f.regionName),
          el('td', {}, f.itemText, ...(f.repeated ? [' ', el('span', { class: 'tag' }, t('repeated'))] : [])),
          el('td', {}, formatDateTime(f.foundAt, lang(), zone)),
          el('td', {}, formatDateTime(f.dueAt, lang(), zone)),
          el('td', {}, f.statusName),
        ),
      ),
    ),
  );
}

function renderOverdue(c: Circular) {
  const { t } = page as StatsPage<CircularWords>;
  const body = document.getElementById('overdue-body') as HTMLElement;
  if (c.underway) {
    body.replaceChildren(el('p', {}, t('overdue.underway')));
    return;
  }
  if (c.overdue.length === 0) {
    body.replaceChildren(el('p', {}, t('overdue.none')));
    return;
  }
  const node = el('table');
  node.append(
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[t('col.outlet'), t('col.region'), t('col.overdue')].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      ...c.overdue.map((o) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, o.name),
          el('td', {}, o.regionName),
          el('td', { class: 'num' }, String(o.overdue)),
        ),
      ),
    ),
  );
  const more = c.overdueOutlets - c.overdue.length;
  body.replaceChildren(
    node,
    ...(more > 0 ? [el('p', { class: 'muted' }, t('overdue.more', { n: more }))] : []),
  );
}

void start();
