import { apiFetch, el, requireSignIn } from '../shared/session.js';

/** Printable A5 posters for one outlet (?outlet=) or every outlet of a region (?region=), or all. */
interface Outlet {
  id: string;
  name: { 'zh-CN': string; 'zh-TW': string; en: string };
  active: boolean;
}

requireSignIn();
const params = new URLSearchParams(location.search);
const container = document.getElementById('posters') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;
document.getElementById('print')?.addEventListener('click', () => window.print());

async function qrImage(outletId: string, file = 'qr.svg', className = 'qr'): Promise<HTMLImageElement> {
  const response = await apiFetch(`/api/v1/admin/outlets/${encodeURIComponent(outletId)}/${file}`);
  const image = el('img', { class: className, alt: `${file.replace('.svg', '')} for ${outletId}` });
  image.src = URL.createObjectURL(await response.blob());
  await image.decode().catch(() => {});
  return image;
}

async function main() {
  const region = params.get('region');
  const only = params.get('outlet');
  const response = await apiFetch(
    `/api/v1/admin/outlets${region ? `?region=${encodeURIComponent(region)}` : ''}`,
  );
  if (!response.ok) {
    status.textContent =
      response.status === 403 ? '需要管理员权限 · Admin role needed' : `Error ${response.status}`;
    return;
  }
  const outlets = ((await response.json()) as { items: Outlet[] }).items.filter(
    (o) => o.active && (!only || o.id === only),
  );
  const posters = await Promise.all(
    outlets.map(async (outlet) =>
      el(
        'section',
        { class: 'poster', 'data-outlet': outlet.id },
        el('div', { class: 'brand' }, '客户之声 · Customer voice'),
        el('div', { class: 'outlet' }, outlet.name['zh-CN']),
        el('div', { class: 'outlet-en' }, outlet.name.en),
        el(
          'div',
          { class: 'call' },
          '扫码评价本次服务',
          el('small', {}, '掃碼評價本次服務 · Scan to rate us'),
        ),
        await qrImage(outlet.id),
        el('p', { class: 'hint' }, '只需一步，匿名评价。', el('br'), 'One tap, anonymous.'),
        el(
          'div',
          { class: 'complaint-line' },
          await qrImage(outlet.id, 'complaint-qr.svg', 'complaint-qr'),
          el(
            'p',
            {},
            '投诉请扫此码 · 投訴請掃此碼',
            el('br'),
            el('small', {}, 'To make a complaint, scan here'),
          ),
        ),
        el('div', { class: 'code' }, outlet.id),
      ),
    ),
  );
  container.replaceChildren(...posters);
  status.textContent = `${posters.length} 张海报 · ${posters.length} poster(s), A5`;
}

void main();
