/**
 * Customers' phone numbers: mainland mobile numbers (13812345678, +86 138 1234 5678), mainland
 * landlines with their area code (021-12345678, (0755) 1234567, +86 21 1234 5678: many elderly
 * customers have no mobile), and international numbers in E.164 (+85291234567). Stored
 * canonically as E.164, shown masked.
 */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/**
 * A mainland landline without its leading 0: Beijing (10) and the 2x cities have two-digit area
 * codes and eight-digit numbers; every other area code has three digits and a seven- or
 * eight-digit number. A local number never starts with 0 (that would be the next area code).
 */
const MAINLAND_LANDLINE = /^(?:(?:10|2\d)[1-9]\d{7}|[3-9]\d{2}[1-9]\d{6,7})$/;
const E164 = /^\+[1-9]\d{7,14}$/;

export function normalizePhone(input: string): string | undefined {
  const compact = input.replace(/[\s\-().]/g, '');
  // The national form of a mainland number: without +86 / 0086, and a landline without its 0.
  const national = /^(?:\+86|0086)/.test(compact) ? compact.replace(/^(?:\+86|0086)/, '') : compact;
  if (MAINLAND_MOBILE.test(national)) return `+86${national}`;
  const landline = national.startsWith('0') ? national.slice(1) : national;
  if ((national.startsWith('0') || national !== compact) && MAINLAND_LANDLINE.test(landline))
    return `+86${landline}`;
  if (E164.test(compact)) return compact;
  return undefined;
}

/** Whether a stored (E.164) number is a mainland landline, which cannot receive text messages. */
export const isMainlandLandline = (e164: string) =>
  e164.startsWith('+86') && MAINLAND_LANDLINE.test(e164.slice(3));

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
