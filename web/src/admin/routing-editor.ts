import { DEFAULT_TIME_LIMIT_DAYS } from '../../../functions/domain/time-limits.js';
import type { Translate } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { apiFetch, el } from '../shared/session.js';
import type { AdminWords } from './texts.js';

/**
 * The routing-rules editor: department, severity and time limit per category, region and outlet
 * overrides, the recurring pattern, and a preview of where a complaint would go. The server
 * validates the whole document; its field paths are listed as they come.
 */
interface Named {
  id: string;
  name: Partial<Record<Lang, string>> & { 'zh-CN': string };
}
interface Override {
  categoryId: string;
  departmentId: string;
  regionId?: string;
  outletId?: string;
}
interface Rules {
  categories: (Named & { departmentId: string; severity: 'normal' | 'major'; timeLimitDays: number })[];
  regionOverrides: (Override & { regionId: string })[];
  outletOverrides: (Override & { outletId: string })[];
  recurring: { threshold: number; windowDays: number };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Starts the editor on the admin page; `render` draws it again (in a new language, say). */
export function routingEditor(t: Translate<AdminWords>, lang: () => Lang) {
  let rules: Rules | undefined;
  let version = 0;
  let departments: Named[] = [];
  let regions: Named[] = [];
  let outlets: Named[] = [];

  const label = (x: Named) => x.name[lang()] || x.name['zh-CN'];
  function select(options: Named[], value: string, name: string): HTMLSelectElement {
    const s = el('select', { 'aria-label': name });
    s.append(...options.map((o) => el('option', { value: o.id }, label(o))));
    s.value = value;
    return s;
  }

  async function load() {
    const [r, regionList, outletList] = await Promise.all([
      apiFetch('/api/v1/admin/routing-rules'),
      apiFetch('/api/v1/admin/regions'),
      apiFetch('/api/v1/admin/outlets'),
    ]);
    if (!r.ok) {
      $('routing').hidden = true;
      return;
    }
    const body = (await r.json()) as { rules: Rules; version: number; departments: Named[] };
    rules = body.rules;
    version = body.version;
    departments = body.departments;
    regions = ((await regionList.json()) as { items: Named[] }).items;
    outlets = ((await outletList.json()) as { items: Named[] }).items;
    render();
  }

  function render() {
    if (!rules) return;
    const current = rules;
    const tbody = $<HTMLTableElement>('categories').tBodies[0] as HTMLTableSectionElement;
    tbody.replaceChildren(
      ...current.categories.map((category) => {
        const department = select(
          departments,
          category.departmentId,
          t('categoryDepartment', { category: label(category) }),
        );
        department.addEventListener('change', () => {
          category.departmentId = department.value;
        });
        const severity = el('select', { 'aria-label': t('categorySeverity', { category: label(category) }) });
        severity.append(
          el('option', { value: 'normal' }, t('severity.normal')),
          el('option', { value: 'major' }, t('severity.major')),
        );
        severity.value = category.severity;
        severity.addEventListener('change', () => {
          category.severity = severity.value as 'normal' | 'major';
        });
        const days = el('input', {
          type: 'number',
          min: '1',
          // A category's limit is at most the rules' standard; longer is an extension of one complaint.
          max: String(DEFAULT_TIME_LIMIT_DAYS),
          'aria-label': t('categoryDays', { category: label(category) }),
        });
        days.value = String(category.timeLimitDays);
        days.addEventListener('input', () => {
          category.timeLimitDays = Number(days.value);
        });
        return el(
          'tr',
          { 'data-category': category.id },
          el('td', {}, label(category)),
          el('td', {}, department),
          el('td', {}, severity),
          el('td', {}, days),
        );
      }),
    );
    renderOverrides('region-overrides', current.regionOverrides, 'regionId', regions);
    renderOverrides('outlet-overrides', current.outletOverrides, 'outletId', outlets);
    $<HTMLInputElement>('recurring-threshold').value = String(current.recurring.threshold);
    $<HTMLInputElement>('recurring-window').value = String(current.recurring.windowDays);
    // The preview keeps what the admin chose across re-renders (after a save, say).
    const previewCategory = $<HTMLSelectElement>('preview-category');
    const previewOutlet = $<HTMLSelectElement>('preview-outlet');
    const chosen = [previewCategory.value, previewOutlet.value] as const;
    previewCategory.replaceChildren(
      ...current.categories.map((c) => el('option', { value: c.id }, label(c))),
    );
    previewOutlet.replaceChildren(...outlets.map((o) => el('option', { value: o.id }, label(o))));
    if (chosen[0]) previewCategory.value = chosen[0];
    if (chosen[1]) previewOutlet.value = chosen[1];
  }

  function renderOverrides(
    containerId: string,
    list: Override[],
    scopeKey: 'regionId' | 'outletId',
    scopes: Named[],
  ) {
    if (!rules) return;
    const categories = rules.categories as Named[];
    $(containerId).replaceChildren(
      ...list.map((override, index) => {
        const scope = select(
          scopes,
          override[scopeKey] ?? '',
          scopeKey === 'regionId' ? t('region') : t('outlet'),
        );
        const category = select(categories, override.categoryId, t('category'));
        const department = select(departments, override.departmentId, t('department'));
        scope.addEventListener('change', () => {
          override[scopeKey] = scope.value;
        });
        category.addEventListener('change', () => {
          override.categoryId = category.value;
        });
        department.addEventListener('change', () => {
          override.departmentId = department.value;
        });
        const remove = el('button', { type: 'button' }, t('remove'));
        remove.addEventListener('click', () => {
          list.splice(index, 1);
          render();
        });
        return el(
          'div',
          { class: 'row', 'data-override': scopeKey },
          scope,
          category,
          '→',
          department,
          remove,
        );
      }),
    );
  }

  function addOverride(scopeKey: 'regionId' | 'outletId') {
    if (!rules) return;
    const base = { categoryId: rules.categories[0]?.id ?? '', departmentId: departments[0]?.id ?? '' };
    if (scopeKey === 'regionId') rules.regionOverrides.push({ ...base, regionId: regions[0]?.id ?? '' });
    else rules.outletOverrides.push({ ...base, outletId: outlets[0]?.id ?? '' });
    render();
  }

  async function save() {
    if (!rules) return;
    rules.recurring = {
      threshold: Number($<HTMLInputElement>('recurring-threshold').value),
      windowDays: Number($<HTMLInputElement>('recurring-window').value),
    };
    const response = await apiFetch('/api/v1/admin/routing-rules', {
      method: 'PUT',
      body: JSON.stringify({ rules, expectedVersion: version }),
    });
    const body = (await response.json()) as {
      version?: number;
      rules?: Rules;
      message?: string;
      fields?: Record<string, string>;
    };
    const errors = $('rules-errors');
    if (!response.ok) {
      errors.replaceChildren(
        el('li', {}, body.message ?? t('error', { status: response.status })),
        ...Object.entries(body.fields ?? {}).map(([path, message]) => el('li', {}, `${path}: ${message}`)),
      );
      return;
    }
    errors.replaceChildren();
    version = body.version ?? version;
    rules = body.rules ?? rules;
    $('status').textContent = t('rulesSaved', { version });
    render();
  }

  async function preview() {
    const category = $<HTMLSelectElement>('preview-category').value;
    const outletId = $<HTMLSelectElement>('preview-outlet').value;
    const query = new URLSearchParams({ category, outletId, lang: lang() });
    const response = await apiFetch(`/api/v1/admin/routing-rules/preview?${query}`);
    const body = (await response.json()) as {
      departmentName?: string;
      severity?: string;
      timeLimitDays?: number;
      explanation?: string[];
      message?: string;
    };
    if (!response.ok) {
      $('preview-result').textContent = body.message ?? t('error', { status: response.status });
      return;
    }
    // The answer names everything in the page's language, and says why in words.
    $('preview-result').replaceChildren(
      el(
        'p',
        {},
        t('previewResult', {
          department: body.departmentName ?? '',
          severity: body.severity === 'major' ? t('severity.major') : t('severity.normal'),
          days: body.timeLimitDays ?? '',
        }),
      ),
      el('ul', { class: 'why' }, ...(body.explanation ?? []).map((line) => el('li', {}, line))),
    );
  }

  /** A new category goes to the first department as normal with 15 days until the admin changes it; saved with the rules. */
  function addCategory() {
    if (!rules) return;
    const value = (id: string) => $<HTMLInputElement>(id).value.trim();
    const id = value('new-category-id');
    rules.categories.push({
      id,
      name: {
        'zh-CN': value('new-category-zh-CN'),
        'zh-TW': value('new-category-zh-TW'),
        en: value('new-category-en'),
      },
      departmentId: departments[0]?.id ?? '',
      severity: 'normal',
      timeLimitDays: 15,
    });
    for (const input of document.querySelectorAll<HTMLInputElement>('#new-category input')) input.value = '';
    render();
    document.querySelector<HTMLElement>(`tr[data-category="${CSS.escape(id)}"] select`)?.focus();
  }

  $('add-category').addEventListener('click', addCategory);
  $('add-region-override').addEventListener('click', () => addOverride('regionId'));
  $('add-outlet-override').addEventListener('click', () => addOverride('outletId'));
  $('save-rules').addEventListener('click', () => void save());
  $('preview').addEventListener('click', () => void preview());
  void load();
  return { render };
}
