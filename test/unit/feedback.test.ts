import { describe, expect, it } from 'vitest';
import { fingerprint, newFeedbackId } from '../../functions/domain/feedback.js';
import { pickLanguage } from '../../functions/domain/language.js';
import {
  addRating,
  countedRatings,
  csat,
  emptyRatingTotals,
  meanRating,
  sumRatingTotals,
} from '../../functions/domain/statistics/rating-totals.js';

describe('submission fingerprints', () => {
  it('ignore key order and undefined fields, and see every value', () => {
    expect(fingerprint({ a: 1, b: { c: 2, d: undefined } })).toBe(fingerprint({ b: { c: 2 }, a: 1 }));
    expect(fingerprint({ rating: 4 })).not.toBe(fingerprint({ rating: 5 }));
    expect(fingerprint({ comment: 'a' })).not.toBe(fingerprint({ comment: 'a ' }));
  });
});

describe('feedback ids', () => {
  it('carry their bank day and are unguessable', () => {
    const id = newFeedbackId('2026-11-24');
    expect(id).toMatch(/^20261124-[0-9a-z]{16}$/);
    expect(newFeedbackId('2026-11-24')).not.toBe(id);
  });
});

describe('rating totals', () => {
  const day1 = [5, 4, 2].reduce((t, rating) => addRating(t, { rating }), emptyRatingTotals());
  const day2 = addRating(emptyRatingTotals(), {
    rating: 1,
    aspects: { attitude: 2, efficiency: 3 },
    comment: '慢',
  });

  it('counts ratings, satisfied customers (4–5), the distribution and comments', () => {
    expect(day1).toMatchObject({
      count: 3,
      ratingSum: 11,
      satisfied: 2,
      distribution: [0, 1, 0, 1, 1],
      comments: 0,
    });
    expect(csat(day1)).toBeCloseTo(2 / 3);
    expect(meanRating(day1)).toBeCloseTo(11 / 3);
  });

  it('sums days exactly, aspects included, and says nothing for no ratings', () => {
    const both = sumRatingTotals(day1, day2);
    expect(both).toMatchObject({
      count: 4,
      ratingSum: 12,
      satisfied: 2,
      distribution: [1, 1, 0, 1, 1],
      comments: 1,
    });
    expect(both.aspects.attitude).toEqual({ count: 1, sum: 2 });
    expect(both.aspects.environment).toEqual({ count: 0, sum: 0 });
    expect(csat(emptyRatingTotals())).toBeNull();
    expect(meanRating(emptyRatingTotals())).toBeNull();
  });
});

describe('one rating per device per outlet per window (10 minutes)', () => {
  const W = { windowMs: 10 * 60_000, perAddress: 5 };
  const at = (hhmm: string, deviceId?: string, day = '2026-11-24', addressKey?: string) => ({
    receivedAt: new Date(`${day}T${hhmm}:00+08:00`).toISOString(),
    deviceId,
    addressKey,
  });
  const times = (ratings: { receivedAt: string }[]) =>
    ratings.map((r) =>
      new Date(r.receivedAt).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai' }).slice(0, 5),
    );

  it('leaves out a rating less than 10 minutes after the same device’s previous one, in any order', () => {
    const day = [at('10:21', 'd'), at('10:00', 'd'), at('10:05', 'd'), at('10:11', 'd'), at('10:09', 'e')];
    expect(times(countedRatings(day, W))).toEqual(['10:00', '10:09', '10:21']);
  });

  it('counts exactly 10 minutes later, and always counts a rating without a device', () => {
    expect(times(countedRatings([at('10:00', 'd'), at('10:10', 'd'), at('10:01'), at('10:02')], W))).toEqual([
      '10:00',
      '10:01',
      '10:02',
      '10:10',
    ]);
  });

  it('looks back across midnight into the previous day', () => {
    const before = [at('23:58', 'd', '2026-11-23')];
    expect(times(countedRatings([at('00:03', 'd'), at('00:15', 'd')], W, before))).toEqual(['00:15']);
    expect(times(countedRatings([at('00:09', 'x')], W, before))).toEqual(['00:09']);
  });
});

describe('at most 5 ratings per address per outlet in any 10 minutes', () => {
  const W = { windowMs: 10 * 60_000, perAddress: 5 };
  const from = (hhmm: string, address: string, deviceId?: string, day = '2026-11-24') => ({
    receivedAt: new Date(`${day}T${hhmm}:00+08:00`).toISOString(),
    deviceId,
    addressKey: address,
  });
  const times = (ratings: { receivedAt: string }[]) =>
    ratings.map((r) =>
      new Date(r.receivedAt).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai' }).slice(0, 5),
    );

  it('counts the first 5 of 25 ratings in a minute from one address without device ids, or with a new one each time', () => {
    const minute = (i: number) => `10:00:${String(i * 2).padStart(2, '0')}`;
    const stamp = (i: number, deviceId?: string) => ({
      receivedAt: new Date(`2026-11-24T${minute(i)}+08:00`).toISOString(),
      deviceId,
      addressKey: 'a',
    });
    const without = Array.from({ length: 25 }, (_, i) => stamp(i));
    const fresh = Array.from({ length: 25 }, (_, i) => stamp(i, `device-${i}`));
    expect(countedRatings(without, W)).toHaveLength(5);
    expect(countedRatings(fresh, W)).toHaveLength(5);
  });

  it('counts again once the window has passed, and counts other addresses apart', () => {
    // Ratings from `a` in the 10 minutes before each (stored ones, counted or not):
    //   10:00–10:04: 0–4 → counted;  10:05: 10:00–10:04, five → not;  10:09: six → not;
    //   10:10: 10:01–10:09, six (10:00 is exactly 10 minutes back: out) → not;
    //   10:12: 10:03, 10:04, 10:05, 10:09, 10:10, five → not;  10:21: 10:12 only → counted.
    // From `b`, another address: both counted.
    const a = ['10:00', '10:01', '10:02', '10:03', '10:04', '10:05', '10:09', '10:10', '10:12', '10:21'];
    const day = [...a.map((t) => from(t, 'a')), from('10:00', 'b'), from('10:01', 'b')];
    expect(times(countedRatings(day, W))).toEqual([
      '10:00',
      '10:00',
      '10:01',
      '10:01',
      '10:02',
      '10:03',
      '10:04',
      '10:21',
    ]);
  });

  it('looks back across midnight, and leaves ratings stored before the rule (no address) to the device rule', () => {
    const before = ['23:55', '23:56', '23:57', '23:58', '23:59'].map((t) =>
      from(t, 'a', undefined, '2026-11-23'),
    );
    expect(times(countedRatings([from('00:01', 'a'), from('00:06', 'a')], W, before))).toEqual(['00:06']);
    expect(countedRatings([{ receivedAt: '2026-11-24T02:00:00.000Z' }], W, before)).toHaveLength(1);
  });
});

describe('language choice', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['zh-CN,zh;q=0.9', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK,en;q=0.5', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,en;q=0.5', 'en'],
    ['fr-FR', 'zh-CN'],
    ['en;q=0.4,zh;q=0.8', 'zh-CN'],
  ])('%s → %s', (header, lang) => {
    expect(pickLanguage(header)).toBe(lang);
  });
});

describe('the counting rules at their edges (issue 23)', () => {
  const stamp = (hhmm: string, deviceId?: string, addressKey?: string, day = '2026-11-24') => ({
    receivedAt: new Date(`${day}T${hhmm}:00+08:00`).toISOString(),
    deviceId,
    addressKey,
  });
  const count = (
    day: ReturnType<typeof stamp>[],
    perAddress: number,
    before: ReturnType<typeof stamp>[] = [],
  ) => countedRatings(day, { windowMs: 10 * 60_000, perAddress }, before).length;

  it('the window before the day, in any order: the device’s latest rating is the one that counts', () => {
    // 23:51 and 23:58 the evening before: at 00:03 the device rated 5 minutes ago, not 12.
    const before = [
      stamp('23:58', 'd', undefined, '2026-11-23'),
      stamp('23:51', 'd', undefined, '2026-11-23'),
    ];
    expect(count([stamp('00:03', 'd')], 5, before)).toBe(0);
  });

  it('one rating per address per window: the first from each address counts, one without an address always', () => {
    expect(count([stamp('10:00', undefined, 'a'), stamp('10:01', undefined, 'b')], 1)).toBe(2);
    expect(count([stamp('10:00', undefined, 'a'), stamp('10:01', undefined, 'a')], 1)).toBe(1);
    expect(count([stamp('10:00'), stamp('10:01')], 1)).toBe(2);
  });
});
