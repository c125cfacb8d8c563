import { Converter } from 'opencc-js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/complaints.js';
import { keyFor } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { screenshotPath, useBrowser } from './support/browser.js';

/**
 * Every customer form submitted with every kind of invalid input, in each of the three languages:
 * whatever the page or the API answers, the page shows no word of another language (English on a
 * Chinese page, Chinese on an English one, simplified characters on a traditional page and the
 * reverse), and the bank's hotline is at its foot.
 */
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000', BANK_HOTLINE: '400-820-0000' });
const browser = useBrowser();

type Lang = 'zh-CN' | 'zh-TW' | 'en';
const toTraditional = Converter({ from: 'cn', to: 'tw' });
const toSimplified = Converter({ from: 'tw', to: 'cn' });

/** What the customer reads: the page's text without its language switch (which names each language in itself). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelector('.langs')?.remove();
    for (const hidden of copy.querySelectorAll('[hidden]')) hidden.remove();
    document.body.append(copy);
    copy.style.position = 'absolute';
    // biome-ignore lint/performance/useDomNodeTextContent: what the customer sees, laid out (textContent has no line breaks between blocks)
    const text = copy.innerText;
    copy.remove();
    return text;
  });
}

/** Latin letters Chinese itself writes (a category is 「ATM 与自助设备」). */
const CHINESE_USES = new Set(['ATM']);

/** The words on the page that belong to another language than `lang`. */
function foreignWords(text: string, lang: Lang): string[] {
  if (lang === 'en') return text.match(/[\u3400-\u9fff]+/g) ?? [];
  const english = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !CHINESE_USES.has(word));
  // A simplified character is one the conversion to traditional changes and the conversion to
  // simplified keeps, and the reverse (a character such as 么 is written both ways, and is neither).
  const isSimplified = (ch: string) => toTraditional(ch) !== ch && toSimplified(ch) === ch;
  const isTraditional = (ch: string) => toSimplified(ch) !== ch && toTraditional(ch) === ch;
  const wrongScript = [...text].filter(
    (ch) => /[\u3400-\u9fff]/.test(ch) && (lang === 'zh-TW' ? isSimplified(ch) : isTraditional(ch)),
  );
  return [...english, ...wrongScript];
}

async function expectOnlyItsLanguage(page: Page, lang: Lang, step: string) {
  const text = await visibleText(page);
  expect(foreignWords(text, lang), `${lang}, ${step}: ${text}`).toEqual([]);
  expect(text, `${lang}, ${step}: the hotline`).toContain('400-820-0000');
}

const FORMS: Record<
  Lang,
  { submit: string; name: string; phone: string; describe: string; consent: RegExp }
> = {
  'zh-CN': {
    submit: '提交投诉',
    name: '您的姓名',
    phone: '联系电话（手机，或带区号的固定电话）',
    describe: '请描述发生了什么',
    consent: /我同意/,
  },
  'zh-TW': {
    submit: '提交投訴',
    name: '您的姓名',
    phone: '聯絡電話（手機，或帶區號的固定電話）',
    describe: '請描述發生了甚麼',
    consent: /我同意/,
  },
  en: {
    submit: 'Send complaint',
    name: 'Your name',
    phone: 'Phone (mobile, or a landline with its area code)',
    describe: 'Please describe what happened',
    consent: /I agree/,
  },
};

describe('customer forms, invalid in every way, in each language', () => {
  for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
    it(`the complaint form in ${lang}`, async () => {
      const context = await browser.context({ locale: lang });
      const page = await context.newPage();
      const form = FORMS[lang];
      const submit = () => page.getByRole('button', { name: form.submit }).click();
      await page.goto(`${ctx.url}/c/sh-jingan?k=${await keyFor(ctx.platform, 'sh-jingan')}`);
      await page.locator('#complaint:not([hidden])').waitFor();
      await page.locator('#hotline a').waitFor();

      // Nothing filled in: the page's own checks.
      await submit();
      await page.locator('.field-error[data-field="consent"]:not(:empty)').waitFor();
      await expectOnlyItsLanguage(page, lang, 'empty form');

      // Filled, but with a number that is no phone number, a date out of the calendar and a
      // name of spaces: the API's answer, field by field.
      await page.locator('#category').selectOption({ index: 1 });
      await page
        .getByLabel(form.describe)
        .fill('排队一个多小时，只开了一个窗口。Queue of an hour, one window open.');
      await page.getByLabel(form.name).fill('   ');
      await page.getByLabel(form.phone).fill('12345');
      await page.getByLabel(form.consent).check();
      await submit();
      await page.locator('.field-error[data-field="contact.name"]:not(:empty)').waitFor();
      await page.getByLabel(form.name).fill('王小明');
      await submit();
      await page.locator('.field-error[data-field="contact.phone"]:not(:empty)').waitFor();
      // The customer's own words are theirs: only what the page and the API said is checked.
      await page.getByLabel(form.describe).fill('排队一个多小时，只开了一个窗口，工作人员也没有解释。');
      await expectOnlyItsLanguage(page, lang, 'a phone number that is none');

      // A landline is fine; text messages to it are not.
      await page.getByLabel(form.phone).fill('021-62345678');
      await page.locator('input[name="preferredChannel"][value="sms"]').check();
      await submit();
      await page.locator('.field-error[data-field="preferredChannel"]:not(:empty)').waitFor();
      await expectOnlyItsLanguage(page, lang, 'text messages to a landline');
      if (lang === 'zh-CN') {
        for (const width of [390, 1366]) {
          await page.setViewportSize({ width, height: 900 });
          await page.screenshot({ path: screenshotPath(`complaint-landline-${width}`), fullPage: true });
        }
      }

      // Accepted as a call: the receipt, in the same language.
      await page.locator('input[name="preferredChannel"][value="call"]').check();
      await submit();
      await page.locator('#receipt:not([hidden])').waitFor();
      const receipt = await visibleText(page);
      const trackingNo = (await page.locator('#tracking-no').textContent()) ?? '';
      expect(foreignWords(receipt.replace(trackingNo, ''), lang)).toEqual([]);
      await context.close();
    });

    it(`the survey from a broken or forged QR code, and the tracking page, in ${lang}`, async () => {
      const context = await browser.context({ locale: lang });
      const page = await context.newPage();
      const k = await keyFor(ctx.platform, 'sh-jingan');
      for (const [link, step] of [
        [`/s/sh-jingan?k=${k.slice(0, 5)}`, 'a QR link cut short'],
        [`/s/sh-jingan?k=${'A'.repeat(16)}`, 'a forged QR key'],
        ['/s/no-such-outlet?k=AAAAAAAAAAAAAAAA', 'an outlet that does not exist'],
      ] as const) {
        await page.goto(`${ctx.url}${link}`);
        await page.locator('#status.error:not(:empty)').waitFor();
        await page.locator('#hotline a').waitFor();
        expect(await page.locator('h1').textContent(), step).not.toBe('…');
        await expectOnlyItsLanguage(page, lang, step);
        if (lang === 'zh-CN' && step === 'a QR link cut short')
          for (const width of [390, 1366]) {
            await page.setViewportSize({ width, height: 900 });
            await page.screenshot({ path: screenshotPath(`survey-broken-link-${width}`), fullPage: true });
          }
      }

      const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
      await page.goto(`${ctx.url}/t`);
      await page.locator('#hotline a').waitFor();
      const lookUp = async (no: string, last4: string) => {
        await page.locator('#no').fill(no);
        await page.locator('#last4').fill(last4);
        await page.locator('#lookup button[type="submit"]').click();
        await page.locator('#status:not(:empty)').waitFor();
      };
      for (const [no, last4, step] of [
        ['', '', 'nothing entered'],
        [trackingNo, '12', 'two digits'],
        [trackingNo, '0000', 'the wrong digits'],
        ['NOT-A-NUMBER', '5678', 'no such tracking number'],
      ] as const) {
        await page.locator('#status').evaluate((node) => {
          node.textContent = '';
        });
        await lookUp(no, last4);
        await expectOnlyItsLanguage(page, lang, step);
      }
      await context.close();
    });
  }
});
