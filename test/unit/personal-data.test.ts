import { describe, expect, it } from 'vitest';
import {
  generatePersonalDataKeys,
  PersonalDataCipher,
} from '../../functions/adapters/crypto/personal-data-cipher.js';
import {
  isMainlandLandline,
  lastFour,
  maskName,
  maskPhone,
  normalizePhone,
} from '../../functions/domain/phone.js';

describe('phone numbers', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['+86 138-1234-5678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
    ['+85291234567', '+85291234567'],
    ['+44 20 7946 0958', '+442079460958'],
    // Mainland landlines, with their area code: 2-digit codes (010, 02x) take 8 digits, others 7 or 8.
    ['021-12345678', '+862112345678'],
    ['(021) 1234 5678', '+862112345678'],
    ['010-87654321', '+861087654321'],
    ['0755-1234567', '+867551234567'],
    ['0755-12345678', '+8675512345678'],
    ['+86 21 1234 5678', '+862112345678'],
    ['0086-10-87654321', '+861087654321'],
  ])('reads %s as %s', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it.each([
    '12812345678',
    '1381234567',
    'abc',
    '+0123456789',
    '',
    '12345678', // a local number without its area code: which city?
    '021-1234567', // Shanghai's numbers have 8 digits
    '021-02345678', // local numbers never start with 0
    '0755-123456', // too short
    '021-12345678-123', // an extension cannot be dialled back reliably
    // The whole input is the number, never a number inside it:
    '138123456789', // a mobile has 11 digits, not 12
    'x13812345678',
    '0755-123456789', // 9 digits after a 3-digit area code
    '0121-12345678', // no area code starts 01 but Beijing's 010
    '+8529123456712345678', // E.164 has at most 15 digits
    'tel+85291234567',
    '+85291234567x',
    '2112345678', // a landline without its leading 0 (nor +86): not read as one
  ])('refuses %j', (input) => {
    expect(normalizePhone(input)).toBeUndefined();
  });

  it('tells a landline, which cannot receive a text message, from a mobile', () => {
    expect(isMainlandLandline('+862112345678')).toBe(true);
    expect(isMainlandLandline('+8675512345678')).toBe(true);
    expect(isMainlandLandline('+8613812345678')).toBe(false);
    expect(isMainlandLandline('+85291234567')).toBe(false);
    // A British number whose digits after the third would read as a mainland landline.
    expect(isMainlandLandline('+447551234567')).toBe(false);
  });

  it('shows only the last four digits of a phone number', () => {
    expect(maskPhone('+8613812345678')).toBe('*******5678');
    expect(maskPhone('+85291234567')).toBe('+*******4567');
    expect(maskPhone('+12345678')).toBe('+****5678');
    expect(maskPhone('+442079460958')).toBe('+********0958');
    expect(lastFour('+8613812345678')).toBe('5678');
    // Only a mainland mobile drops its +86: a landline, or another country's 14-character number, keeps it.
    expect(maskPhone('+862112345678')).toBe('+********5678');
    expect(maskPhone('+4420794609581')).toBe('+*********9581');
  });

  it('never shows more than half of a phone number, whatever its length (8 to 15 digits)', () => {
    for (let digits = 8; digits <= 15; digits++) {
      const number = `+${'9'.repeat(digits - 4)}1234`;
      const masked = maskPhone(number);
      const shown = masked.replace(/[^0-9]/g, '').length;
      expect(shown, masked).toBeLessThanOrEqual(digits / 2);
      expect(masked.endsWith('1234')).toBe(true);
    }
  });

  it('masks names, never showing more than half', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('王明')).toBe('王*');
    expect(maskName('王')).toBe('*');
    // Words are masked one by one, whatever the spacing around and between them.
    expect(maskName('  王小明 ')).toBe('王**');
    expect(maskName('John  Smith')).toBe('J*** S****');
    expect(maskName('王 小明')).toBe('* 小*');
    expect(maskName('Li 小明')).toBe('L* 小*');
    expect(maskName('John Smith')).toBe('J*** S****');
    expect(maskName('J Smith')).toBe('* S****');
  });
});

describe('personal-data cipher', () => {
  const cipher = new PersonalDataCipher(generatePersonalDataKeys());

  it('round-trips, with a fresh nonce each time', () => {
    const a = cipher.seal('+8613812345678', 'K7QM-4HXP-9TWA');
    const b = cipher.seal('+8613812345678', 'K7QM-4HXP-9TWA');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(cipher.open(a, 'K7QM-4HXP-9TWA')).toBe('+8613812345678');
  });

  it('refuses a value moved to another record or tampered with', () => {
    const sealed = cipher.seal('+8613812345678', 'K7QM-4HXP-9TWA');
    expect(() => cipher.open(sealed, 'ZZZZ-4HXP-9TWA')).toThrow();
    const parts = sealed.split('.');
    const tampered = [...parts.slice(0, 3), `${parts[3]?.slice(0, -2)}AA`].join('.');
    expect(() => cipher.open(tampered, 'K7QM-4HXP-9TWA')).toThrow();
  });

  it('hashes equal values equally per purpose, and differently under another key', () => {
    expect(cipher.hash('+8613812345678', 'phone')).toBe(cipher.hash('+8613812345678', 'phone'));
    expect(cipher.hash('+8613812345678', 'phone')).not.toBe(cipher.hash('+8613812345678', 'name'));
    expect(new PersonalDataCipher(generatePersonalDataKeys()).hash('+8613812345678', 'phone')).not.toBe(
      cipher.hash('+8613812345678', 'phone'),
    );
  });
});
