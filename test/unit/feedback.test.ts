import { describe, expect, it } from 'vitest';
import {
  addressHash,
  dateOfFeedbackId,
  fingerprint,
  newFeedbackId,
} from '../../functions/domain/feedback.js';
import {
  addFeedback,
  averageRating,
  emptyTotals,
  satisfactionRate,
  sumTotals,
} from '../../functions/domain/feedback-rollup.js';
import { pickLanguage } from '../../functions/domain/language.js';

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
    expect(dateOfFeedbackId(id)).toBe('2026-11-24');
    expect(newFeedbackId('2026-11-24')).not.toBe(id);
    expect(dateOfFeedbackId('../../etc')).toBeUndefined();
  });

  it('hash client addresses rather than keep them', () => {
    expect(addressHash('203.0.113.7')).not.toContain('203');
    expect(addressHash('203.0.113.7')).toBe(addressHash('203.0.113.7'));
  });
});

describe('feedback rollup arithmetic', () => {
  const day1 = [5, 4, 2].reduce((t, rating) => addFeedback(t, { rating }), emptyTotals());
  const day2 = addFeedback(emptyTotals(), { rating: 1, aspects: { attitude: 2, efficiency: 3 } });

  it('counts ratings, satisfied customers (4–5) and the distribution', () => {
    expect(day1).toMatchObject({ count: 3, ratingSum: 11, satisfied: 2, distribution: [0, 1, 0, 1, 1] });
    expect(satisfactionRate(day1)).toBeCloseTo(2 / 3);
    expect(averageRating(day1)).toBeCloseTo(11 / 3);
  });

  it('sums days exactly, aspects included, and says nothing for no ratings', () => {
    const both = sumTotals(day1, day2);
    expect(both).toMatchObject({ count: 4, ratingSum: 12, satisfied: 2, distribution: [1, 1, 0, 1, 1] });
    expect(both.aspects.attitude).toEqual({ count: 1, sum: 2 });
    expect(both.aspects.environment).toEqual({ count: 0, sum: 0 });
    expect(satisfactionRate(emptyTotals())).toBeNull();
    expect(averageRating(emptyTotals())).toBeNull();
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
