// SPDX-License-Identifier: BSD-3-Clause
/**
 * Omocodia: when two people would get the same code, the Agenzia delle Entrate replaces digits
 * with letters (0→L, 1→M, 2→N, 3→P, 4→Q, 5→R, 6→S, 7→T, 8→U, 9→V), starting from the rightmost
 * digit, and recomputes the check character. Seven positions can change, so a base code has
 * 2⁷ − 1 = 127 checksum-valid variants; the agency issues at most the seven "official" ones.
 * @module
 */
import { FiscalCodeError } from './errors.js';
import { moreIssue } from './internal/messages.js';
import { checkCharacter } from './internal/check.js';
import { canonicalOf, normalizeInput, readStructure, type PersonalParts } from './internal/parse.js';
import { OMOCODE_LETTERS, OMOCODE_POSITIONS } from './internal/tables.js';
import type { FiscalCode } from './types.js';

/** Reads a code structurally or throws its issues. */
export function readOrThrow(input: unknown): PersonalParts | { kind: 'numeric'; code: string } {
  const normal = normalizeInput(input);
  if (!normal.ok) throw new FiscalCodeError([normal.issue]);
  const s = readStructure(normal.code);
  if (!s.ok) throw new FiscalCodeError(s.issues);
  return s.parts;
}

/**
 * The base code: omocode letters turned back into digits and the check character recomputed.
 * Numeric codes and base codes come back unchanged (trimmed, upper-case). Compare people by this
 * form; store the code as issued.
 *
 * @throws {@link FiscalCodeError} when the input is not a structurally valid code.
 * @example
 * ```ts
 * import { canonicalFiscalCode } from '@riuso-sociale/fiscal-code';
 * canonicalFiscalCode('RSSMRA80A01H50MM'); // 'RSSMRA80A01H501U'
 * ```
 */
export function canonicalFiscalCode(code: string): FiscalCode {
  const parts = readOrThrow(code);
  if (parts.kind === 'numeric' || parts.omocodeLevel === 0) return parts.code as FiscalCode;
  return canonicalOf(parts.code) as FiscalCode;
}

/**
 * How many digits of a code were replaced by letters (0 = base code, 1–7 = omocodic).
 *
 * @throws {@link FiscalCodeError} when the input is not a structurally valid code.
 * @example
 * ```ts
 * import { omocodeLevel } from '@riuso-sociale/fiscal-code';
 * omocodeLevel('RSSMRA80A01H501U'); // 0
 * omocodeLevel('RSSMRA80A01H50MM'); // 1
 * ```
 */
export function omocodeLevel(code: string): number {
  const parts = readOrThrow(code);
  return parts.kind === 'numeric' ? 0 : parts.omocodeLevel;
}

function variantOf(base: string, mask: number): string {
  let out = base.slice(0, 15);
  for (let i = 0; i < 7; i++) {
    if ((mask & (1 << i)) === 0) continue;
    const pos = OMOCODE_POSITIONS[i] as number;
    const letter = OMOCODE_LETTERS.charAt(out.charCodeAt(pos) - 48);
    out = out.slice(0, pos) + letter + out.slice(pos + 1);
  }
  return out + checkCharacter(out);
}

function popcount(n: number): number {
  let c = 0;
  for (let m = n; m !== 0; m &= m - 1) c++;
  return c;
}

let variantMasks: readonly number[] | undefined;

/**
 * Masks of the 127 variants: first the seven official ones (rightmost digit first: 1, 3, 7 … 127),
 * then the others by number of substitutions and position. Built on first use.
 */
function masks(): readonly number[] {
  if (variantMasks === undefined) {
    const official = [1, 3, 7, 15, 31, 63, 127];
    const others: number[] = [];
    for (let m = 1; m < 128; m++) if (!official.includes(m)) others.push(m);
    others.sort((a, b) => popcount(a) - popcount(b) || a - b);
    variantMasks = [...official, ...others];
  }
  return variantMasks;
}

/**
 * Every omocodic variant of a code's base code: 127 codes, the seven the Agenzia delle Entrate
 * actually issues first, in its order (the rightmost digit replaced first, then one more digit to
 * the left each time), then the other 120 checksum-valid combinations. The base code itself is not
 * in the list (see {@link canonicalFiscalCode}). A numeric code has no variants (`[]`).
 *
 * @throws {@link FiscalCodeError} when the input is not a structurally valid code.
 * @example
 * ```ts
 * import { omocodeVariants } from '@riuso-sociale/fiscal-code';
 * const v = omocodeVariants('RSSMRA80A01H501U');
 * v.length; // 127
 * v[0];     // 'RSSMRA80A01H50MM' (first official variant)
 * ```
 */
export function omocodeVariants(code: string): FiscalCode[] {
  const parts = readOrThrow(code);
  if (parts.kind === 'numeric') return [];
  const base = parts.omocodeLevel === 0 ? parts.code : canonicalOf(parts.code);
  return masks().map((mask) => variantOf(base, mask) as FiscalCode);
}

/** Builds the error for decode/match on a numeric code. */
export function notPersonal(): FiscalCodeError {
  return new FiscalCodeError([moreIssue('cf.not_personal')]);
}
