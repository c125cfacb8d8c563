import type { Lang } from '../shared/lang.js';
import { pageLanguage } from '../shared/page-language.js';
import { apiFetch, el, requireSignIn } from '../shared/session.js';
import { texts } from './texts.js';

/**
 * Printable A5 posters for one outlet (?outlet=) or every outlet of a region (?region=), or all,
 * in the language chosen on the page, with the bank's complaint hotline.
 */
interface Outlet {
  id: string;
  name: Record<Lang, string>;
  active: boolean;
}

requireSignIn();
const params = new URLSearchParams(location.search);
const container = document.getElementById('posters') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;
const { t, lang } = pageLanguage(texts, () => render());
let outlets: Outlet[] = [];
let hotline: string | undefined;
/** Each QR code is fetched once; a change of language only redraws the words. */
const qrCodes = new Map<string, string>();
document.getElementById('print')?.addEventListener('click', () => window.print());

async function loadQr(outletId: string, file: string) {
  const response = await apiFetch(`/api/v1/admin/outlets/${encodeURIComponent(outletId)}/${file}`);
  qrCodes.set(`${outletId}/${file}`, URL.createObjectURL(await response.blob()));
}

function qrImage(outletId: string, file: string, className: string, alt: string): HTMLImageElement {
  return el('img', { class: className, alt, src: qrCodes.get(`${outletId}/${file}`) ?? '' });
}

function poster(outlet: Outlet): HTMLElement {
  const name = outlet.name[lang()] || outlet.name['zh-CN'];
  return el(
    'section',
    { class: 'poster', 'data-outlet': outlet.id },
    el('div', { class: 'brand' }, t('brand')),
    el('div', { class: 'outlet' }, name),
    el('div', { class: 'call' }, t('scanToRate')),
    qrImage(outlet.id, 'qr.svg', 'qr', t('surveyQr', { outlet: name })),
    el('p', { class: 'hint' }, t('hint')),
    el(
      'div',
      { class: 'complaint-line' },
      qrImage(outlet.id, 'complaint-qr.svg', 'complaint-qr', t('complaintQr', { outlet: name })),
      el(
        'p',
        {},
        t('scanToComplain'),
        ...(hotline ? [el('br'), el('strong', { class: 'hotline' }, t('hotline', { hotline }))] : []),
      ),
    ),
    el('div', { class: 'code' }, t('outletCode', { id: outlet.id })),
  );
}

function render() {
  container.replaceChildren(...outlets.map(poster));
  status.textContent = t('posters', { n: outlets.length });
}

async function main() {
  const region = params.get('region');
  const only = params.get('outlet');
  const [response, contact] = await Promise.all([
    apiFetch(`/api/v1/admin/outlets${region ? `?region=${encodeURIComponent(region)}` : ''}`),
    fetch('/api/v1/bank-contact').catch(() => undefined),
  ]);
  if (!response.ok) {
    status.textContent = response.status === 403 ? t('needAdmin') : t('error', { status: response.status });
    return;
  }
  if (contact?.ok) hotline = ((await contact.json()) as { hotline: string }).hotline;
  outlets = ((await response.json()) as { items: Outlet[] }).items.filter(
    (o) => o.active && (!only || o.id === only),
  );
  await Promise.all(outlets.flatMap((o) => [loadQr(o.id, 'qr.svg'), loadQr(o.id, 'complaint-qr.svg')]));
  render();
  await Promise.all([...container.querySelectorAll('img')].map((img) => img.decode().catch(() => {})));
}

void main();
