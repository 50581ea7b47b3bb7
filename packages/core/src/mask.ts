// SPDX-License-Identifier: BSD-3-Clause
/**
 * Masking of personal data for messages and logs (GDPR art. 5(1)(c), data minimisation).
 * @module
 */

const TAG = /^[0-9a-z]{4,8}$/;

/**
 * Masks a codice fiscale for messages and logs: the first six and last four characters stay,
 * the birth data in between becomes `*` (`RSSMRA******501U`). An 11-digit numeric code keeps its
 * first two and last two digits. Anything else keeps at most its first two characters.
 *
 * Different codes can share a mask. With `options.tag` the result is `mask#tag`
 * (`RSSMRA******501U#k3f9qa`), so that the codes stay distinguishable; without it the output is
 * the plain mask. The tag must be **keyed**: a few characters of an HMAC of the whole code under a
 * secret key (random per run, or kept by the operator). Never a plain hash of the code: the codes
 * behind one mask are few (birth dates × sexes) and would be found again by trying them all.
 *
 * @param value - the code, as it is to be masked (callers usually trim and upper-case it first).
 * @param options - `tag`: 4–8 characters among `0-9` and `a-z`, appended after `#`.
 * @throws RangeError when `options.tag` is not 4–8 characters among `0-9` and `a-z`.
 * @example
 * ```ts
 * import { createHmac, randomBytes } from 'node:crypto';
 * import { maskFiscalCode } from '@riuso-sociale/core';
 *
 * maskFiscalCode('RSSMRA80A01H501U'); // 'RSSMRA******501U'
 * maskFiscalCode('00743110157');      // '00*******57'
 * maskFiscalCode('RSSMRA80A01H501U', { tag: 'k3f9qa' }); // 'RSSMRA******501U#k3f9qa'
 *
 * // a keyed tag in Node: HMAC-SHA256 of the whole code under a per-run random key
 * const key = randomBytes(32);
 * const tagOf = (code: string) => createHmac('sha256', key).update(code).digest('hex').slice(0, 6);
 * maskFiscalCode('RSSMRA80A01H501U', { tag: tagOf('RSSMRA80A01H501U') }); // 'RSSMRA******501U#' and 6 hex digits
 * ```
 */
export function maskFiscalCode(value: string, options: { readonly tag?: string | undefined } = {}): string {
  const { tag } = options;
  if (tag !== undefined && (typeof tag !== 'string' || !TAG.test(tag))) {
    throw new RangeError('maskFiscalCode: the tag must be 4–8 characters among 0-9 and a-z');
  }
  const masked = maskOnly(value);
  return tag === undefined ? masked : `${masked}#${tag}`;
}

function maskOnly(value: string): string {
  const chars = Array.from(value);
  if (chars.length === 16) return `${chars.slice(0, 6).join('')}******${chars.slice(12).join('')}`;
  if (chars.length === 11) return `${chars.slice(0, 2).join('')}*******${chars.slice(9).join('')}`;
  const keep = Math.min(2, Math.max(0, chars.length - 2));
  return `${chars.slice(0, keep).join('')}${'*'.repeat(Math.min(chars.length - keep, 16))}`;
}
