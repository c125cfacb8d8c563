import type { Translate } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { el } from '../shared/session.js';
import {
  ApiError,
  getJson,
  type Me,
  postJson,
  WARNING_RULES,
  type Warning,
  type WarningPage,
  type WarningRule,
  type WarningSummary,
  withQuery,
} from '../stats/api.js';
import { Pager } from '../stats/pager.js';
import { warningItem } from '../stats/panels.js';
import type { DashboardWords } from './texts.js';

/**
 * The warnings panel, as it stays readable at 31,000 warnings a month: the period's warnings
 * counted by rule and region first (one summary answer), a group opened to see its warnings a
 * page at a time (one group open at once, so the page holds at most one page of them), narrowed
 * by rule and status, acknowledged ones behind the status choice. Head office ticks several and
 * acknowledges them with one note.
 */
type Status = 'open' | 'acknowledged' | 'all';
type Group = WarningSummary['groups'][number];

/** Warnings of one group on screen at once. */
const PAGE = 20;
/** Groups listed before "show the others". */
const GROUPS_SHOWN = 30;

export interface WarningsContext {
  /** The week or month whose warnings are shown (one that is over). */
  period: string;
  /** Narrowed to one region (the dashboard's drill-down), if any. */
  region?: string | undefined;
  /** For an outlet's manager: that outlet's warnings only. */
  outlet?: string | undefined;
}

export class WarningsPanel {
  private context: WarningsContext = { period: '' };
  private summary: WarningSummary | undefined;
  private openGroup: string | undefined;
  private allGroups = false;
  private readonly pager = new Pager(PAGE);
  private categories: Map<string, string> | undefined;
  private generation = 0;

  constructor(
    private readonly deps: {
      me: Me;
      t: Translate<DashboardWords>;
      lang: () => Lang;
      say: (text: string) => void;
      list: HTMLElement;
      totals: HTMLElement;
      rule: HTMLSelectElement;
      status: HTMLSelectElement;
    },
  ) {
    deps.rule.addEventListener('change', () => void this.redraw());
    deps.status.addEventListener('change', () => {
      this.openGroup = undefined;
      void this.redraw();
    });
  }

  get status(): Status {
    const value = this.deps.status.value;
    return value === 'acknowledged' || value === 'all' ? value : 'open';
  }

  get rule(): WarningRule | undefined {
    return (WARNING_RULES as readonly string[]).includes(this.deps.rule.value)
      ? (this.deps.rule.value as WarningRule)
      : undefined;
  }

  /** Loads the period's summary and draws the groups (the open group, if any, with its page). */
  async load(context: WarningsContext) {
    const changed = context.period !== this.context.period || context.region !== this.context.region;
    this.context = context;
    if (changed) {
      this.openGroup = undefined;
      this.allGroups = false;
    }
    this.fillRules();
    const generation = ++this.generation;
    const summary = await getJson<WarningSummary>(
      withQuery('/api/v1/stats/warnings/summary', { period: context.period, lang: this.deps.lang() }),
    );
    if (generation !== this.generation) return;
    this.summary = summary;
    await this.redraw();
  }

  /** The CSV of what the panel shows: its filters (the open group's, when one is open). */
  csvPath(kind: 'warnings' | 'warnings-summary'): string {
    const { period } = this.context;
    if (kind === 'warnings-summary')
      return withQuery('/api/v1/stats/warnings/summary', { period, lang: this.deps.lang() });
    const group = this.groups().find((g) => groupKey(g) === this.openGroup);
    return withQuery('/api/v1/stats/warnings', {
      period,
      status: this.status,
      lang: this.deps.lang(),
      ...(group ? groupQuery(group) : { rule: this.rule, region: this.context.region }),
    });
  }

  private fillRules() {
    const { t, rule } = this.deps;
    const chosen = rule.value;
    rule.replaceChildren(
      el('option', { value: '' }, t('warnings.allRules')),
      ...WARNING_RULES.map((r) => el('option', { value: r }, t(`warningRule.${r}`))),
    );
    rule.value = chosen;
  }

  /** The summary's groups the filters keep: the rule, the dashboard's region, the status. */
  private groups(): Group[] {
    const { region } = this.context;
    return (this.summary?.groups ?? []).filter(
      (g) =>
        (!this.rule || g.rule === this.rule) &&
        (!region || g.regionId === region) &&
        (this.status === 'all' || (this.status === 'open' ? g.open > 0 : g.acknowledged > 0)),
    );
  }

  private async redraw() {
    const { t, list, totals } = this.deps;
    const groups = this.groups();
    const open = groups.reduce((n, g) => n + g.open, 0);
    const done = groups.reduce((n, g) => n + g.acknowledged, 0);
    totals.textContent = t('warnings.count', { open, done });
    if (!groups.length) {
      list.replaceChildren(el('p', { class: 'empty' }, t('warnings.none')));
      return;
    }
    const shown = this.allGroups ? groups : groups.slice(0, GROUPS_SHOWN);
    const items = shown.map((g) => this.groupElement(g));
    const more =
      shown.length < groups.length
        ? [
            el(
              'button',
              { type: 'button', class: 'more-groups' },
              t('warnings.moreGroups', { n: groups.length - shown.length }),
            ),
          ]
        : [];
    more[0]?.addEventListener('click', () => {
      this.allGroups = true;
      void this.redraw();
    });
    list.replaceChildren(el('ul', { class: 'warning-groups' }, ...items), ...more);
    const opened = shown.find((g) => groupKey(g) === this.openGroup);
    if (opened) await this.loadGroup(opened);
  }

  private groupElement(group: Group): HTMLLIElement {
    const { t } = this.deps;
    const key = groupKey(group);
    const details = el(
      'details',
      { class: 'warning-group', 'data-rule': group.rule, 'data-region': group.regionId ?? '' },
      el(
        'summary',
        {},
        el(
          'span',
          { class: 'group-name' },
          `${t(`warningRule.${group.rule}`)} · ${group.region ?? t('warnings.departments')}`,
        ),
        el(
          'span',
          { class: `group-counts${group.open ? ' has-open' : ''}` },
          t('warnings.groupCounts', { open: group.open, done: group.acknowledged }),
        ),
      ),
      el('div', { class: 'group-body' }),
    );
    if (key === this.openGroup) details.open = true;
    details.addEventListener('toggle', () => {
      if (!details.open) {
        if (this.openGroup === key) this.openGroup = undefined;
        details.querySelector('.group-body')?.replaceChildren();
        return;
      }
      // One group open at a time: the page never holds more than one page of warnings.
      for (const other of this.deps.list.querySelectorAll<HTMLDetailsElement>('details.warning-group[open]'))
        if (other !== details) other.open = false;
      this.openGroup = key;
      this.pager.reset();
      void this.loadGroup(group);
    });
    return el('li', {}, details);
  }

  private async loadGroup(group: Group) {
    const { t, lang, me, list } = this.deps;
    const details = [...list.querySelectorAll<HTMLDetailsElement>('details.warning-group')].find(
      (d) => d.dataset.rule === group.rule && d.dataset.region === (group.regionId ?? ''),
    );
    const body = details?.querySelector<HTMLElement>('.group-body');
    if (!body) return;
    const generation = ++this.generation;
    body.replaceChildren(el('p', { class: 'muted' }, t('warnings.loadingGroup')));
    try {
      const page = await getJson<WarningPage>(
        withQuery('/api/v1/stats/warnings', {
          period: this.context.period,
          ...groupQuery(group),
          status: this.status,
          limit: PAGE,
          cursor: this.pager.cursor,
          lang: lang(),
        }),
      );
      const items = this.context.outlet
        ? page.items.filter((w) => w.subjectId === this.context.outlet)
        : page.items;
      if (items.some((w) => w.rule === 'recurring')) await this.loadCategories();
      if (generation !== this.generation) return;
      this.pager.loaded(page.nextCursor);
      const canAcknowledge = me.headOffice && items.some((w) => !w.acknowledged);
      body.replaceChildren(
        el(
          'ul',
          { class: 'warnings' },
          ...items.map((w) =>
            warningItem(
              w,
              {
                timeZone: me.timeZone,
                categoryName: (id) => this.categories?.get(id) ?? id,
                select: canAcknowledge,
              },
              lang(),
              t,
            ),
          ),
        ),
        ...(this.pager.hasPrevious || this.pager.hasNext ? [this.groupPager(group, items.length)] : []),
        ...(canAcknowledge ? [this.acknowledgeForm(body, items, group)] : []),
      );
    } catch (error) {
      body.replaceChildren(
        el('p', { class: 'error', role: 'alert' }, t('error', { message: messageOf(error) })),
      );
    }
  }

  private groupPager(group: Group, rows: number): HTMLElement {
    const { t } = this.deps;
    const previous = el('button', { type: 'button', 'data-page': 'previous' }, t('pager.previous'));
    const next = el('button', { type: 'button', 'data-page': 'next' }, t('pager.next'));
    previous.toggleAttribute('disabled', !this.pager.hasPrevious);
    next.toggleAttribute('disabled', !this.pager.hasNext);
    previous.addEventListener('click', () => {
      this.pager.previous();
      void this.loadGroup(group);
    });
    next.addEventListener('click', () => {
      this.pager.next(rows);
      void this.loadGroup(group);
    });
    const from = this.pager.offset + 1;
    return el(
      'nav',
      { class: 'pager', 'aria-label': t('heading.warnings') },
      previous,
      el('span', { class: 'range' }, t('warnings.page', { from, to: this.pager.offset + rows })),
      next,
    );
  }

  /** One note for every warning ticked on this page; all of them acknowledged, or none. */
  private acknowledgeForm(body: HTMLElement, items: readonly Warning[], group: Group): HTMLFormElement {
    const { t, lang, say } = this.deps;
    const noteId = `note-${groupKey(group).replace(/[^\w-]/g, '_')}`;
    const selectAll = el('input', { type: 'checkbox', class: 'select-page' });
    const button = el('button', { type: 'submit', class: 'primary' }, t('ack.selected', { n: 0 }));
    const form = el(
      'form',
      { class: 'ack-form' },
      el('label', { class: 'pick' }, selectAll, t('ack.selectPage')),
      el('label', { for: noteId }, t('ack.noteAll')),
      el('textarea', { id: noteId, name: 'note', rows: '2', maxlength: '500' }),
      button,
    );
    const boxes = () => [...body.querySelectorAll<HTMLInputElement>('input[name="ids"]')];
    const count = () => {
      const n = boxes().filter((b) => b.checked).length;
      button.textContent = t('ack.selected', { n });
      selectAll.checked = n > 0 && n === boxes().length;
    };
    body.addEventListener('change', (event) => {
      if ((event.target as HTMLElement).matches('input[name="ids"]')) count();
    });
    selectAll.addEventListener('change', () => {
      for (const box of boxes()) box.checked = selectAll.checked;
      count();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const ids = boxes()
        .filter((b) => b.checked)
        .map((b) => b.value)
        .filter((id) => items.some((w) => w.id === id));
      if (!ids.length) {
        say(t('ack.none'));
        return;
      }
      const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
      button.disabled = true;
      void (async () => {
        try {
          const answer = await postJson<{ items: Warning[] }>(
            withQuery('/api/v1/stats/warnings/acknowledge', { lang: lang() }),
            { ids, ...(note ? { note } : {}) },
          );
          say(t('ack.savedMany', { n: answer.items.length }));
        } catch (error) {
          // A 409 names what someone else acknowledged meanwhile; the panel is read again either way.
          say(error instanceof ApiError ? error.message : t('error', { message: messageOf(error) }));
        }
        this.pager.reset();
        await this.load(this.context);
        const reopened = this.deps.list.querySelector<HTMLElement>('details.warning-group[open] summary');
        reopened?.focus();
      })();
    });
    return form;
  }

  private async loadCategories() {
    if (this.categories) return;
    const { items } = await getJson<{ items: { id: string; name: string }[] }>(
      withQuery('/api/v1/complaint-categories', { lang: this.deps.lang() }),
    );
    this.categories = new Map(items.map((c) => [c.id, c.name]));
  }

  /** The language changed: names are read again. */
  forgetNames() {
    this.categories = undefined;
  }
}

const groupKey = (g: Group) => `${g.rule}:${g.regionId ?? '-'}`;
/** The list query of one group: its rule, and its region (or the departments, which have none). */
const groupQuery = (g: Group) =>
  g.regionId ? { rule: g.rule, region: g.regionId } : { rule: g.rule, scope: 'department' };
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
