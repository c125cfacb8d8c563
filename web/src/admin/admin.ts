import { apiFetch, el, requireSignIn, signOut } from '../shared/session.js';

/** The admin page: the outlet list, the outlet editor, and the way to each outlet's poster and QR code. */
interface Outlet {
  id: string;
  name: { 'zh-CN': string; 'zh-TW': string; en: string };
  regionId: string;
  address: string;
  openingHours: string;
  active: boolean;
  surveyUrl: string;
}
interface Region {
  id: string;
  name: { 'zh-CN': string; en: string };
}

const user = requireSignIn();
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
  return region ? `${region.name['zh-CN']} · ${region.name.en}` : id;
};

async function load() {
  const regionResponse = await apiFetch('/api/v1/admin/regions');
  if (regionResponse.status === 403) {
    status.textContent = '需要管理员权限。You need the admin role for this page.';
    return;
  }
  regions = ((await regionResponse.json()) as { items: Region[] }).items;
  for (const select of [regionFilter, form.elements.namedItem('regionId') as HTMLSelectElement]) {
    select.append(...regions.map((r) => el('option', { value: r.id }, regionName(r.id))));
  }
  await renderOutlets();
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
      const edit = el('button', { type: 'button' }, '编辑 · Edit');
      edit.addEventListener('click', () => openEditor(outlet));
      const toggle = el(
        'button',
        { type: 'button' },
        outlet.active ? '停用 · Deactivate' : '启用 · Activate',
      );
      toggle.addEventListener(
        'click',
        () => void save(outlet.id, { ...fieldsOf(outlet), active: !outlet.active }, 'PUT'),
      );
      const png = el('button', { type: 'button' }, 'PNG');
      png.addEventListener('click', () => void downloadQr(outlet.id));
      return el(
        'tr',
        { 'data-outlet': outlet.id },
        el('td', {}, outlet.id),
        el('td', {}, outlet.name['zh-CN'], el('br'), el('span', { class: 'muted' }, outlet.name.en)),
        el('td', {}, regionName(outlet.regionId)),
        el(
          'td',
          outlet.active ? {} : { class: 'inactive' },
          outlet.active ? '营业中 · Active' : '已停用 · Inactive',
        ),
        el(
          'td',
          {},
          edit,
          toggle,
          el(
            'a',
            { class: 'button', href: `/posters?outlet=${encodeURIComponent(outlet.id)}` },
            '海报 · Poster',
          ),
          png,
          el(
            'a',
            { class: 'button', href: outlet.surveyUrl, target: '_blank', rel: 'noopener' },
            '预览 · Preview',
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
  $('editor-title').textContent = outlet ? `编辑网点 · Edit ${outlet.id}` : '新增网点 · New outlet';
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
    $('form-error').textContent = body.message ?? `Error ${response.status}`;
    for (const [field, message] of Object.entries(body.fields ?? {})) {
      const control = form.elements.namedItem(field) as HTMLElement | null;
      if (!control) continue;
      control.setAttribute('aria-invalid', 'true');
      control.after(el('span', { class: 'field-error' }, message));
    }
    status.textContent = body.message ?? '';
    return false;
  }
  status.textContent = `已保存 ${id} · Saved`;
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
