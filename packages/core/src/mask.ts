// SPDX-License-Identifier: BSD-3-Clause
/**
 * Masking of personal data for messages and logs (GDPR art. 5(1)(c), data minimisation).
 * @module
 */

/**
 * Masks a codice fiscale for messages and logs: the first six and last four characters stay,
 * the birth data in between becomes `*` (`RSSMRA******501U`). An 11-digit numeric code keeps its
 * first two and last two digits. Anything else keeps at most its first two characters.
 *
 * @example
 * ```ts
 * import { maskFiscalCode } from '@riuso-sociale/core';
 * maskFiscalCode('RSSMRA80A01H501U'); // 'RSSMRA******501U'
 * maskFiscalCode('00743110157');      // '00*******57'
 * ```
 */
export function maskFiscalCode(value: string): string {
  const chars = Array.from(value);
  if (chars.length === 16) return `${chars.slice(0, 6).join('')}******${chars.slice(12).join('')}`;
  if (chars.length === 11) return `${chars.slice(0, 2).join('')}*******${chars.slice(9).join('')}`;
  const keep = Math.min(2, Math.max(0, chars.length - 2));
  return `${chars.slice(0, keep).join('')}${'*'.repeat(Math.min(chars.length - keep, 16))}`;
}
