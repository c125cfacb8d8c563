/**
 * An outlet-day whose stored rollup no longer says what its records say, and what changed: only
 * its ratings (a rating stored, or its details added), or its complaints (received, moved on in
 * their lifecycle). A change of ratings leaves the day's complaint figures as they are, so the
 * refresh recomputes that half only; a change of complaints needs every record of the day.
 */
export interface StaleOutletDay {
  date: string;
  outletId: string;
  changed: StaleChange;
}

export type StaleChange = 'ratings' | 'complaints';

/**
 * Each outlet-day once, oldest date first: a change of complaints covers one of ratings on the
 * same day (its recompute reads every record).
 */
export function distinctStaleDays(days: readonly StaleOutletDay[]): StaleOutletDay[] {
  const byDay = new Map<string, StaleOutletDay>();
  for (const day of days) {
    const key = `${day.date}#${day.outletId}`;
    if (byDay.get(key)?.changed !== 'complaints') byDay.set(key, day);
  }
  return [...byDay.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.outletId.localeCompare(b.outletId),
  );
}
