import { el } from '../shared/session.js';
import type { DashboardWords } from './texts.js';

/** The figures `GET /api/v1/stats/supervision` answers for the bank, a region or an outlet. */
export interface SupervisionFigures {
  inspections: number;
  meanScore: Record<'self-check' | 'spot-check' | 'joint-check' | 'mystery-visit', number | null>;
  redLineFailures: number;
  findingsPerCheck: number | null;
  selfCheck: { done: number; owed: number; rate: number | null };
  rectification: { due: number; onTime: number; rate: number | null };
}
export interface SupervisionRow {
  id: string;
  name: string;
  outlets?: number;
  figures: SupervisionFigures;
}
export interface SupervisionAnswer {
  period: string;
  months: string[];
  bank?: SupervisionFigures;
  regions?: SupervisionRow[];
  region?: SupervisionRow;
  outlets?: { total: number; items: SupervisionRow[]; nextCursor?: string };
}

type T = (key: keyof DashboardWords, params?: Record<string, string | number>) => string;

/**
 * The 服务督导 table: the bank's row then each region's (a region's name drills to its outlets),
 * or the region's row then its outlets, weakest first. Scores to one decimal, rates as percentages.
 */
export function renderSupervision(
  table: HTMLElement,
  answer: SupervisionAnswer,
  options: { linkFor?: (regionId: string) => string },
  lang: string,
  t: T,
) {
  const score = (n: number | null) =>
    n === null
      ? '—'
      : new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
  const share = (n: number | null) =>
    n === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(n);
  const head = [
    'supervision.name',
    'supervision.self',
    'supervision.spot',
    'supervision.joint',
    'supervision.mystery',
    'supervision.redLines',
    'supervision.findings',
    'supervision.selfCheck',
    'supervision.onTime',
  ] as const;
  const row = (name: Node | string, f: SupervisionFigures, id?: string, total = false) =>
    el(
      'tr',
      { ...(id ? { 'data-id': id } : {}), ...(total ? { class: 'total' } : {}) },
      el('th', { scope: 'row' }, name),
      el('td', {}, score(f.meanScore['self-check'])),
      el('td', {}, score(f.meanScore['spot-check'])),
      el('td', {}, score(f.meanScore['joint-check'])),
      el('td', {}, score(f.meanScore['mystery-visit'])),
      el('td', { class: f.redLineFailures > 0 ? 'bad' : '' }, String(f.redLineFailures)),
      el('td', {}, f.findingsPerCheck === null ? '—' : String(f.findingsPerCheck)),
      el('td', {}, share(f.selfCheck.rate)),
      el('td', {}, share(f.rectification.rate)),
    );
  const rows: HTMLElement[] = [];
  if (answer.bank) rows.push(row(t('supervision.bank'), answer.bank, undefined, true));
  if (answer.region) rows.push(row(answer.region.name, answer.region.figures, undefined, true));
  for (const r of answer.regions ?? [])
    rows.push(
      row(options.linkFor ? el('a', { href: options.linkFor(r.id) }, r.name) : r.name, r.figures, r.id),
    );
  for (const o of answer.outlets?.items ?? []) rows.push(row(o.name, o.figures, o.id));
  table.replaceChildren(
    el('thead', {}, el('tr', {}, ...head.map((k) => el('th', { scope: 'col' }, t(k))))),
    el('tbody', {}, ...rows),
  );
}
