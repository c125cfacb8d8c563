/**
 * Calendar arithmetic in the bank's time zone. Days, months and due dates are the bank's, not
 * the server's (Lambda runs in UTC): a rating at 07:30 in Shanghai belongs to that Shanghai day.
 */
export function localDate(instant: Date, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * A formatter of one shape for any time zone, built once per zone: building one is far dearer
 * than using it (it loads the zone's rules), and the hot paths format on every request.
 */
export function formatterPerZone(
  locale: string,
  options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>,
): (timeZone: string) => Intl.DateTimeFormat {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = byZone.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      byZone.set(timeZone, format);
    }
    return format;
  };
}

const dayFormat = formatterPerZone('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });

/** `2026-11-23` plus `days` calendar days (negative to go back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `2026-11-24 09:05:03` on the bank's clock: how times are written in downloads and reports. */
export function localDateTime(instant: Date, timeZone: string): string {
  return dateTimeFormat(timeZone).format(instant);
}
const dateTimeFormat = formatterPerZone('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
