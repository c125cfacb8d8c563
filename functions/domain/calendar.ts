/**
 * Calendar arithmetic in the bank's time zone. Days, months and due dates are the bank's, not
 * the server's (Lambda runs in UTC): a rating at 07:30 in Shanghai belongs to that Shanghai day.
 */
export function localDate(instant: Date, timeZone: string): string {
  // Every rating asks for its day: the answer is kept per zone for the minute it holds (no zone
  // changes its offset, and so its date, in the middle of a minute), and formatting, the dear
  // part, runs once a minute instead of on every request.
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastDay.get(timeZone);
  if (last?.minute === minute) return last.day;
  const parts = dayFormat(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  lastDay.set(timeZone, { minute, day });
  return day;
}
const lastDay = new Map<string, { minute: number; day: string }>();

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
