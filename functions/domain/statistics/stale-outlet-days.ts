/**
 * An outlet-day whose stored rollup no longer says what its records say, and what changed: its
 * ratings (a rating stored, or its details added), or its complaints (received, moved on in their
 * lifecycle). Each half of an outlet-day comes from its own records, so a refresh reads again
 * only the half that changed and keeps the other as stored.
 */
export interface StaleOutletDay {
  date: string;
  outletId: string;
  changed: StaleChange;
}

export type StaleChange = 'ratings' | 'complaints';

/**
 * What of an outlet-day to read from its records: its ratings, its complaints, or all of it.
 * The half not read is kept as stored; with nothing stored, ratings are none (every rating
 * marks its day stale, so a day with ratings has been rolled up, or will be once its mark is
 * read) and complaints are read (a day's overdue stock is there without any change of its own).
 */
export type Recompute = StaleChange | 'all';

/** Both of two recomputes of the same outlet-day. */
export const combined = (a: Recompute | undefined, b: Recompute): Recompute =>
  a === undefined || a === b ? b : 'all';

/** Each outlet-day and change once, oldest date first. */
export function distinctStaleDays(days: readonly StaleOutletDay[]): StaleOutletDay[] {
  const byKey = new Map(days.map((day) => [`${day.date}#${day.outletId}#${day.changed}`, day]));
  return [...byKey.values()].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.outletId.localeCompare(b.outletId) ||
      a.changed.localeCompare(b.changed),
  );
}
