import { describe, expect, it } from 'vitest';
import { newTrackingNumber, normalizeTrackingNumber } from '../../functions/domain/tracking-number.js';

/**
 * The README and the module's rule: 12 characters in three groups of four, from an alphabet
 * without 0/O or 1/I (23456789 and the letters A–Z but I and O), whatever case and separators the
 * customer types.
 */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const SHAPE =
  /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}$/;

describe('a new tracking number', () => {
  it('is three groups of four from the alphabet, and a thousand of them draw on all 32 characters', () => {
    const numbers = Array.from({ length: 1000 }, () => newTrackingNumber());
    for (const n of numbers) expect(n).toMatch(SHAPE);
    const used = new Set(numbers.join('').replaceAll('-', ''));
    expect([...used].sort().join('')).toBe(ALPHABET);
    // 60 random bits: a thousand never repeat.
    expect(new Set(numbers).size).toBe(1000);
  });
});

describe('a tracking number as the customer types it', () => {
  it.each([
    ['K7QM-4HXP-9TWA', 'K7QM-4HXP-9TWA'],
    ['k7qm4hxp9twa', 'K7QM-4HXP-9TWA'],
    ['K7QM 4HXP 9TWA', 'K7QM-4HXP-9TWA'],
    ['k7qm–4hxp—9twa', 'K7QM-4HXP-9TWA'],
    ['K7QM_4HXP.9TWA', 'K7QM-4HXP-9TWA'],
    [' K7QM-4HXP-9TWA ', 'K7QM-4HXP-9TWA'],
  ])('reads %j as %s', (input, stored) => {
    expect(normalizeTrackingNumber(input)).toBe(stored);
  });

  it.each([
    'K7QM-4HXP-9TW', // 11 characters
    'K7QM-4HXP-9TWAB', // 13
    '',
    'K7QM-4HXP-9TW0', // 0, O, 1 and I are not in the alphabet: refused, never guessed
    'K7QM-4HXP-9TWO',
    'K7QM-4HXP-9TW1',
    'K7QM-4HXP-9TWI',
    'K7QM/4HXP/9TWA', // a slash is not a separator
  ])('refuses %j', (input) => {
    expect(normalizeTrackingNumber(input)).toBeUndefined();
  });
});
