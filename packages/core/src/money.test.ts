// SPDX-License-Identifier: BSD-3-Clause
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCents } from './money.js';

describe('formatCents', () => {
  it.each([
    [0, '0,00 €', '€0.00'],
    [5, '0,05 €', '€0.05'],
    [99_999, '999,99 €', '€999.99'],
    [100_000, '1.000,00 €', '€1,000.00'],
    [89_292, '892,92 €', '€892.92'],
    [123_456_789, '1.234.567,89 €', '€1,234,567.89'],
    [-1_014_000, '-10.140,00 €', '-€10,140.00'],
  ])('%i cents', (c, it_, en) => {
    expect(formatCents(c)).toBe(it_);
    expect(formatCents(c, 'en')).toBe(en);
  });
  it('refuses what is not whole cents', () => {
    for (const v of [0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) expect(() => formatCents(v)).toThrow(RangeError);
  });
  it('reads back to the same cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
        expect(Math.round(Number(formatCents(c).replace(' €', '').replaceAll('.', '').replace(',', '.')) * 100)).toBe(c);
      }),
    );
  });
});
