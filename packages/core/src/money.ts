// SPDX-License-Identifier: BSD-3-Clause
/**
 * Money shown to people: integer cents formatted exactly (no floating point, no `Intl` rounding),
 * Italian `1.234,56 €` or English `€1,234.56`.
 * @module
 */

function group(units: number, sep: string): string {
  const s = String(units);
  if (s.length <= 3) return s;
  const head = s.length % 3 || 3;
  let out = s.slice(0, head);
  for (let i = head; i < s.length; i += 3) out += sep + s.slice(i, i + 3);
  return out;
}

/**
 * Formats integer cents as euros: `it` (default) `1.234,56 €`, `en` `€1,234.56`; negative amounts get a
 * leading `-`. Throws a `RangeError` for a value that is not a safe integer (amounts are always cents).
 *
 * @param cents - the amount in integer cents.
 * @param locale - `it` or `en`.
 * @example
 * ```ts
 * import { formatCents } from '@riuso-sociale/core';
 * formatCents(89_292); // '892,92 €'
 * formatCents(1_071_500, 'en'); // '€10,715.00'
 * formatCents(-5); // '-0,05 €'
 * ```
 */
export function formatCents(cents: number, locale: 'it' | 'en' = 'it'): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`formatCents: not an integer number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  const units = Math.trunc(a / 100);
  const rest = String(a % 100).padStart(2, '0');
  return locale === 'en' ? `${sign}€${group(units, ',')}.${rest}` : `${sign}${group(units, '.')},${rest} €`;
}
