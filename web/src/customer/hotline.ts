import type { Lang } from '../shared/lang.js';
import { pageFetch } from '../shared/page-fetch.js';

/**
 * The bank's complaint hotline at the foot of every customer page, error states included: the
 * way in for a customer the page cannot help (a landline-only customer, a broken QR code, no
 * network for the form). One small, cached request (`/api/v1/bank-contact`); a tel: link, big
 * enough to tap.
 */
const words: Record<Lang, { callUs: string }> = {
  'zh-CN': { callUs: '需要帮助？请拨打客服热线' },
  'zh-TW': { callUs: '需要協助？請致電客服熱線' },
  en: { callUs: 'Need help? Call the bank’s hotline' },
};

let contact: Promise<{ hotline: string } | undefined> | undefined;

export async function showHotline(lang: Lang): Promise<void> {
  contact ??= pageFetch('/api/v1/bank-contact')
    .then((r) => (r.ok ? (r.json() as Promise<{ hotline: string }>) : undefined))
    .catch(() => undefined);
  const found = await contact;
  if (!found) return;
  let footer = document.getElementById('hotline');
  if (!footer) {
    footer = document.createElement('footer');
    footer.id = 'hotline';
    footer.className = 'hotline';
    document.body.append(footer);
  }
  const number = document.createElement('a');
  number.href = `tel:${found.hotline.replace(/[^\d+]/g, '')}`;
  number.textContent = found.hotline;
  footer.replaceChildren(`${words[lang].callUs} `, number);
}
