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

/** `138****5678` for a mainland mobile; `+852****4567` style for others: never more than the last four. */
export function maskPhone(e164: string): string {
  if (e164.startsWith('+86') && e164.length === 14) {
    const national = e164.slice(3);
    return `${national.slice(0, 3)}****${national.slice(-4)}`;
  }
  const countryCodeLength = e164.length > 11 ? 4 : 3;
  return `${e164.slice(0, countryCodeLength)}${'*'.repeat(Math.max(4, e164.length - countryCodeLength - 4))}${e164.slice(-4)}`;
}

export const lastFour = (e164: string) => e164.slice(-4);

/** `王*`, `J*** S****`: enough for staff to greet the customer, not to identify them from a list. */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (/^[\u3400-\u9fff]+$/.test(trimmed))
    return trimmed.length <= 1 ? trimmed : `${trimmed[0]}${'*'.repeat(trimmed.length - 1)}`;
  return trimmed
    .split(/\s+/)
    .map((word) => `${word[0] ?? ''}${'*'.repeat(Math.max(0, word.length - 1))}`)
    .join(' ');
}
