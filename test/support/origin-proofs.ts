import { type OriginVerifySecret, rotateOriginVerify } from '../../functions/http/origin-verify.js';

/**
 * One rotation of the origin-verify value, and what a request might carry at some time after it:
 * the cases both the gate and the client address are checked against, with an injected clock.
 */
export const OLD = 'old-value-cloudfront-sent-before-rotation';
export const NEW = 'new-value-cloudfront-sends-after-rotation';
export const ROTATED_AT = '2026-11-24T02:00:00.000Z';
export const hoursAfterRotation = (hours: number) => new Date(Date.parse(ROTATED_AT) + hours * 3_600_000);
export const rotated: OriginVerifySecret = rotateOriginVerify({ value: OLD }, NEW, new Date(ROTATED_AT));

/** With the default overlap, 48 hours. */
export const proofCases: { name: string; proof: string | undefined; at: Date; accepted: boolean }[] = [
  { name: 'no header', proof: undefined, at: hoursAfterRotation(1), accepted: false },
  { name: 'an empty header', proof: '', at: hoursAfterRotation(1), accepted: false },
  { name: 'a wrong value', proof: 'guess', at: hoursAfterRotation(1), accepted: false },
  {
    name: 'a wrong value of the same length',
    proof: NEW.replace('n', 'm'),
    at: hoursAfterRotation(1),
    accepted: false,
  },
  { name: 'the current value', proof: NEW, at: hoursAfterRotation(1), accepted: true },
  {
    name: 'the current value, long after the rotation',
    proof: NEW,
    at: hoursAfterRotation(10_000),
    accepted: true,
  },
  { name: 'the previous value inside the overlap', proof: OLD, at: hoursAfterRotation(1), accepted: true },
  {
    name: 'the previous value just before the overlap ends',
    proof: OLD,
    at: hoursAfterRotation(47.99),
    accepted: true,
  },
  {
    name: 'the previous value when the overlap ends',
    proof: OLD,
    at: hoursAfterRotation(48),
    accepted: false,
  },
  { name: 'the previous value after the overlap', proof: OLD, at: hoursAfterRotation(72), accepted: false },
];
