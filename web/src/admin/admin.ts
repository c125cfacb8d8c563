import type { Lang } from '../shared/lang.js';
import { pageLanguage } from '../shared/page-language.js';
import { apiFetch, el, requireSignIn, signOut } from '../shared/session.js';
import { routingEditor } from './routing-editor.js';
import { texts } from './texts.js';

/** The admin page: the outlet list, the outlet editor, and the way to each outlet's poster and QR code. */
interface Outlet {
  id: string;
  name: Record<Lang, string>;
  regionId: string;
  address: string;
  openingHours: string;
  active: boolean;
  surveyUrl: string;
}
interface Region {
  id: string;
  name: Partial<Record<Lang, string>> & { 'zh-CN': string };
}

const user = requireSignIn();
const language = pageLanguage(texts, () => {
  fillRegions();
  void renderOutlets();
  routing.render();
});
const t = language.t;
const routing = routingEditor(t, language.lang);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const tbody = $<HTMLTableElement>('outlets').tBodies[0] as HTMLTableSectionElement;
const regionFilter = $<HTMLSelectElement>('region-filter');
const editor = $<HTMLDialogElement>('editor');
const form = $<HTMLFormElement>('outlet-form');
let regions: Region[] = [];
let editing: Outlet | undefined;

$('who').textContent = user.displayName;
$('sign-out').addEventListener('click', signOut);

const regionName = (id: string) => {
  const region = regions.find((r) => r.id === id);
  return region ? (region.name[language.lang()] ?? region.name['zh-CN']) : id;
};

async function load() {
  const regionResponse = await apiFetch('/api/v1/admin/regions');
  if (regionResponse.status === 403) {
    status.textContent = t('needAdmin');
    return;
  }
  regions = ((await regionResponse.json()) as { items: Region[] }).items;
  fillRegions();
  await renderOutlets();
}

/** The region choices, named in the page's language (the filter keeps "all" first). */
function fillRegions() {
  const editorRegion = form.elements.namedItem('regionId') as HTMLSelectElement;
  for (const select of [regionFilter, editorRegion]) {
    const chosen = select.value;
    const keep = select === regionFilter ? [...select.options].slice(0, 1) : [];
    select.replaceChildren(...keep, ...regions.map((r) => el('option', { value: r.id }, regionName(r.id))));
    select.value = chosen;
  }
}

async function renderOutlets() {
  const region = regionFilter.value;
  const response = await apiFetch(
    `/api/v1/admin/outlets${region ? `?region=${encodeURIComponent(region)}` : ''}`,
  );
  const { items } = (await response.json()) as { items: Outlet[] };
  $<HTMLAnchorElement>('region-posters').href =
    `/posters${region ? `?region=${encodeURIComponent(region)}` : ''}`;
  tbody.replaceChildren(
    ...items.map((outlet) => {
      const edit = el('button', { type: 'button' }, t('edit'));
      edit.addEventListener('click', () => openEditor(outlet));
      const toggle = el('button', { type: 'button' }, outlet.active ? t('deactivate') : t('activate'));
      toggle.addEventListener(
        'click',
        () => void save(outlet.id, { ...fieldsOf(outlet), active: !outlet.active }, 'PUT'),
      );
      const png = el('button', { type: 'button' }, t('qrPng'));
      png.addEventListener('click', () => void downloadQr(outlet.id));
      return el(
        'tr',
        { 'data-outlet': outlet.id },
        el('td', {}, outlet.id),
        el('td', {}, outlet.name[language.lang()] || outlet.name['zh-CN']),
        el('td', {}, regionName(outlet.regionId)),
        el('td', outlet.active ? {} : { class: 'inactive' }, outlet.active ? t('active') : t('inactive')),
        el(
          'td',
          {},
          edit,
          toggle,
          el('a', { class: 'button', href: `/posters?outlet=${encodeURIComponent(outlet.id)}` }, t('poster')),
          png,
          el(
            'a',
            { class: 'button', href: outlet.surveyUrl, target: '_blank', rel: 'noopener' },
            t('previewSurvey'),
          ),
        ),
      );
    }),
  );
}

const fieldsOf = (o: Outlet) => ({
  name: o.name,
  regionId: o.regionId,
  address: o.address,
  openingHours: o.openingHours,
  active: o.active,
});

function openEditor(outlet?: Outlet) {
  editing = outlet;
  form.reset();
  clearErrors();
  $('editor-title').textContent = outlet ? t('editOutlet', { id: outlet.id }) : t('newOutlet');
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  input('id').disabled = Boolean(outlet);
  input('id').value = outlet?.id ?? '';
  input('name.zh-CN').value = outlet?.name['zh-CN'] ?? '';
  input('name.zh-TW').value = outlet?.name['zh-TW'] ?? '';
  input('name.en').value = outlet?.name.en ?? '';
  (form.elements.namedItem('regionId') as HTMLSelectElement).value =
    outlet?.regionId ?? regionFilter.value ?? '';
  input('address').value = outlet?.address ?? '';
  input('openingHours').value = outlet?.openingHours ?? '';
  input('active').checked = outlet?.active ?? true;
  editor.showModal();
}

function clearErrors() {
  $('form-error').textContent = '';
  for (const node of form.querySelectorAll('.field-error')) node.remove();
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
}

async function save(
  id: string,
  fields: ReturnType<typeof fieldsOf>,
  method: 'POST' | 'PUT',
): Promise<boolean> {
  const response = await apiFetch(
    method === 'POST' ? '/api/v1/admin/outlets' : `/api/v1/admin/outlets/${encodeURIComponent(id)}`,
    {
      method,
      body: JSON.stringify(method === 'POST' ? { id, ...fields } : fields),
    },
  );
  const body = (await response.json()) as { message?: string; fields?: Record<string, string> };
  if (!response.ok) {
    $('form-error').textContent = body.message ?? t('error', { status: response.status });
    for (const [field, message] of Object.entries(body.fields ?? {})) {
      const control = form.elements.namedItem(field) as HTMLElement | null;
      if (!control) continue;
      control.setAttribute('aria-invalid', 'true');
      control.after(el('span', { class: 'field-error' }, message));
    }
    status.textContent = body.message ?? '';
    return false;
  }
  status.textContent = t('saved', { id });
  await renderOutlets();
  return true;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const fields = {
    name: { 'zh-CN': value('name.zh-CN'), 'zh-TW': value('name.zh-TW'), en: value('name.en') },
    regionId: value('regionId'),
    address: value('address'),
    openingHours: value('openingHours'),
    active: (form.elements.namedItem('active') as HTMLInputElement).checked,
  };
  if (await save(editing?.id ?? value('id'), fields, editing ? 'PUT' : 'POST')) editor.close();
});
$('cancel').addEventListener('click', () => editor.close());
$('new-outlet').addEventListener('click', () => openEditor());
regionFilter.addEventListener('change', () => void renderOutlets());

async function downloadQr(id: string) {
  const response = await apiFetch(`/api/v1/admin/outlets/${encodeURIComponent(id)}/qr.png`);
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: `${id}-qr.png` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

void load();
