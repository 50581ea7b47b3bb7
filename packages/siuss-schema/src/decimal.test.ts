// SPDX-License-Identifier: BSD-3-Clause
/** The shared amount helpers (src/decimal.ts) against their former copies and by example. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '@riuso-sociale/core';
import { centsToDecimal, formatDecimal, monthsTouched, parseDecimal, parseDecimalStrict } from './decimal.js';

/** The former csi-model implementation (numbers only). */
function centsToDecimalBefore(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError('centsToDecimal: not a safe integer');
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

describe('centsToDecimal', () => {
  it('gives what the former csi-model copy gave, for every safe integer, and reads back to the same cents', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger(), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })), (cents) => {
      const text = centsToDecimal(cents);
      expect(text).toBe(centsToDecimalBefore(cents));
      expect(centsToDecimal(BigInt(cents))).toBe(text);
      const d = parseDecimalStrict(text);
      expect(d).toEqual({ units: BigInt(cents), scale: 2 });
      expect(formatDecimal(parseDecimal(text)!)).toBe(text);
    }), { seed: 14 });
  });
  it('examples, bigint beyond 2^53, RangeError for non-integers', () => {
    expect(centsToDecimal(89292)).toBe('892.92');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(-0)).toBe('0.00');
    expect(centsToDecimal(12345678901234567890n)).toBe('123456789012345678.90');
    for (const bad of [0.5, Number.NaN, Infinity, 2 ** 53]) expect(() => centsToDecimal(bad)).toThrow(RangeError);
  });
});

describe('monthsTouched', () => {
  it('counts the calendar months a period touches, both ends included', () => {
    expect(monthsTouched('2020-10-14' as IsoDate, '2020-11-13' as IsoDate)).toBe(2);
    expect(monthsTouched('2024-01-01' as IsoDate, '2024-12-31' as IsoDate)).toBe(12);
    expect(monthsTouched('2024-03-31' as IsoDate, '2024-03-31' as IsoDate)).toBe(1);
    expect(monthsTouched('2023-12-31' as IsoDate, '2024-01-01' as IsoDate)).toBe(2);
  });
});
