/**
 * Customers' phone numbers: mainland mobile numbers (13812345678, +86 138 1234 5678) and
 * international numbers in E.164 (+85291234567). Stored canonically as E.164, shown masked.
 */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const E164 = /^\+[1-9]\d{7,14}$/;

export function normalizePhone(input: string): string | undefined {
  const compact = input.replace(/[\s\-().]/g, '');
  const mainland = compact.replace(/^(\+?86|0086)(?=1\d{10}$)/, '');
  if (MAINLAND_MOBILE.test(mainland)) return `+86${mainland}`;
  if (E164.test(compact)) return compact;
  return undefined;
}

/**
 * A phone number as staff see it: the last four digits only (what the customer confirms on the
 * phone and types on the tracking page), never more than half of the number. A mainland mobile
 * is shown in its national form, `*******5678`; others keep their plus sign, `+*******4567`.
 */
export function maskPhone(e164: string): string {
  const mainland = e164.startsWith('+86') && e164.length === 14;
  const digits = mainland ? e164.slice(3) : e164.slice(1);
  const shown = Math.min(4, Math.floor(digits.length / 2));
  return `${mainland ? '' : '+'}${'*'.repeat(digits.length - shown)}${digits.slice(-shown)}`;
}

export const lastFour = (e164: string) => e164.slice(-4);

/**
 * `王**`, `J*** S****`: enough for staff to greet the customer, not to identify them from a
 * list. Never more than half of a name: a one-letter name, or word, is not shown at all.
 */
export function maskName(name: string): string {
  const hide = (word: string) =>
    [...word].length < 2
      ? '*'.repeat([...word].length)
      : `${[...word][0]}${'*'.repeat([...word].length - 1)}`;
  const trimmed = name.trim();
  if (/^[\u3400-\u9fff]+$/.test(trimmed)) return hide(trimmed);
  return trimmed.split(/\s+/).map(hide).join(' ');
}
