// SPDX-License-Identifier: BSD-3-Clause
/**
 * Check characters: the 16-character code's (DM 23/12/1976) and the 11-digit numeric code's
 * (the partita IVA / Luhn rule, DM 23/12/1976 art. 10 and DPR 633/1972 art. 35).
 * Pure char-code arithmetic: no regex, no allocation on the hot path.
 * @module
 */
import { DIGIT_OF_OMOCODE_LETTER, ODD_VALUES } from './tables.js';

/** Value of char code `c` (0–9 or A–Z) at an even position (2nd, 4th …): digits 0–9, letters 0–25. */
function evenValue(c: number): number {
  return c <= 57 ? c - 48 : c - 65;
}

/** Value at an odd position (1st, 3rd …). */
function oddValue(c: number): number {
  return ODD_VALUES[c <= 57 ? c - 48 : c - 65] as number;
}

/**
 * The check character of the first 15 characters of `code` (upper-case A–Z and 0–9 only; the
 * caller has checked the format).
 */
export function checkCharacter(code: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i += 2) sum += oddValue(code.charCodeAt(i));
  for (let i = 1; i < 15; i += 2) sum += evenValue(code.charCodeAt(i));
  return String.fromCharCode(65 + (sum % 26));
}

/** Check digit of the first ten digits of an 11-digit numeric code (Luhn variant of the partita IVA). */
export function numericCheckDigit(code: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = code.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether char code `c` is A–Z. */
export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Whether char code `c` is 0–9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Numeric value of a digit or omocode letter char code, −1 for anything else. */
export function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return DIGIT_OF_OMOCODE_LETTER[c - 65] as number;
  return -1;
}

/** Layout of the 16 characters: L = letter, N = digit or omocode letter, M = month letter. */
export const LAYOUT = 'LLLLLLNNMNNLNNNL';

/**
 * Index of the first character that breaks the layout, or −1 if the 16 characters fit it
 * (letters where letters go, digits or omocode letters where digits go; the month letter and the
 * check character are checked later, with their own issues).
 */
export function firstLayoutError(code: string): number {
  for (let i = 0; i < 16; i++) {
    const c = code.charCodeAt(i);
    const kind = LAYOUT.charCodeAt(i);
    if (kind === 78 /* N */) {
      if (digitValue(c) < 0) return i;
    } else if (!isUpper(c)) return i;
  }
  return -1;
}
