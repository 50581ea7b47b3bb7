// SPDX-License-Identifier: BSD-3-Clause
/**
 * Text helpers shared by the packages.
 * @module
 */

/**
 * Length of a string in Unicode code points — what a person counts and what XML Schema length
 * facets count — without allocating (a surrogate pair counts once, a lone surrogate once).
 *
 * @example
 * ```ts
 * import { codePointLength } from '@riuso-sociale/core';
 * codePointLength('Noè');   // 3
 * codePointLength('𝔸bc');   // 3 ('𝔸' is one code point, two UTF-16 units)
 * ```
 */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
