// SPDX-License-Identifier: BSD-3-Clause
/**
 * One-pass check of a 16-character code already in canonical form (upper case, no spaces): layout,
 * check character, month, day and a date that exists in some century, through one lookup table.
 * Returns the omocode mask (0–127) when every check passes; −2 when a character is not allowed at
 * its place (lower case, spaces and non-ASCII included: the input may need normalising); −1 when
 * the layout is right but the check character or the date is wrong. The caller then takes the
 * detailed path, which builds the issues. Same verdicts as `readStructure`
 * (a property test compares them).
 * @module
 */
import { DIGIT_OF_OMOCODE_LETTER, LAYOUT_DIGIT_SLOTS, MONTH_OF_LETTER, ODD_VALUES, OMOCODE_POSITIONS } from './tables.js';

/** Whether a day-of-month exists in a month in at least one century 18yy/19yy/20yy. */
export function dayExistsInSomeCentury(yy: number, month: number, day: number): boolean {
  if (month !== 2) return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
  if (day <= 28) return true;
  // 29 February: a leap year in some century. yy % 4 === 0 makes 19yy or 20yy leap (2000 is leap).
  return day === 29 && yy % 4 === 0;
}

const BAD = 1 << 16;
let table: Int32Array | undefined;

/**
 * For position p (0–14) and character code c (0–127), entry [p * 128 + c] holds the character's
 * check-sum value (bits 0–7), the omocode bit of that position when c is an omocode letter in a
 * digit slot (bits 8–14), or BAD when c is not allowed at p. Row 15 marks A–Z as allowed.
 * Built on first use (16 × 128 entries).
 */
function buildTable(): Int32Array {
  const t = new Int32Array(16 * 128).fill(BAD);
  for (let p = 0; p < 16; p++) {
    const digitSlot = LAYOUT_DIGIT_SLOTS[p] === 1;
    const omBit = OMOCODE_POSITIONS.indexOf(p);
    for (let c = 48; c <= 90; c++) {
      const isDigit = c <= 57;
      const isUpper = c >= 65;
      if (!isDigit && !isUpper) continue;
      if (p === 15) {
        if (isUpper) t[p * 128 + c] = 0;
        continue;
      }
      let extra = 0;
      if (digitSlot) {
        if (isUpper) {
          if ((DIGIT_OF_OMOCODE_LETTER[c - 65] as number) < 0) continue;
          extra = 1 << (8 + omBit);
        }
      } else if (!isUpper) continue;
      const index = isDigit ? c - 48 : c - 65;
      const value = p % 2 === 0 ? (ODD_VALUES[index] as number) : index;
      t[p * 128 + c] = value | extra;
    }
  }
  return t;
}

/** Digit value of a digit or omocode letter (the caller has checked the slot). */
function dv(c: number): number {
  return c <= 57 ? c - 48 : (DIGIT_OF_OMOCODE_LETTER[c - 65] as number);
}

/** See the module comment. */
export function fastPersonalMask(s: string): number {
  const t = (table ??= buildTable());
  // Unrolled (measured 15–30 % faster than the loop): read the 16 characters, reject non-ASCII,
  // then look each one up in its position's row of the table.
  const c0 = s.charCodeAt(0); const c1 = s.charCodeAt(1); const c2 = s.charCodeAt(2); const c3 = s.charCodeAt(3);
  const c4 = s.charCodeAt(4); const c5 = s.charCodeAt(5); const c6 = s.charCodeAt(6); const c7 = s.charCodeAt(7);
  const c8 = s.charCodeAt(8); const c9 = s.charCodeAt(9); const c10 = s.charCodeAt(10); const c11 = s.charCodeAt(11);
  const c12 = s.charCodeAt(12); const c13 = s.charCodeAt(13); const c14 = s.charCodeAt(14); const c15 = s.charCodeAt(15);
  if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15) > 127) return -2;
  const e0 = t[0 + c0] as number; const e1 = t[128 + c1] as number; const e2 = t[256 + c2] as number; const e3 = t[384 + c3] as number;
  const e4 = t[512 + c4] as number; const e5 = t[640 + c5] as number; const e6 = t[768 + c6] as number; const e7 = t[896 + c7] as number;
  const e8 = t[1024 + c8] as number; const e9 = t[1152 + c9] as number; const e10 = t[1280 + c10] as number; const e11 = t[1408 + c11] as number;
  const e12 = t[1536 + c12] as number; const e13 = t[1664 + c13] as number; const e14 = t[1792 + c14] as number; const e15 = t[1920 + c15] as number;
  const acc = e0 | e1 | e2 | e3 | e4 | e5 | e6 | e7 | e8 | e9 | e10 | e11 | e12 | e13 | e14 | e15;
  const sum = (e0 & 0xff) + (e1 & 0xff) + (e2 & 0xff) + (e3 & 0xff) + (e4 & 0xff) + (e5 & 0xff) + (e6 & 0xff) + (e7 & 0xff) + (e8 & 0xff) + (e9 & 0xff) + (e10 & 0xff) + (e11 & 0xff) + (e12 & 0xff) + (e13 & 0xff) + (e14 & 0xff);
  if ((acc & BAD) !== 0) return -2;
  if (c15 !== 65 + (sum % 26)) return -1;
  const month = MONTH_OF_LETTER[c8 - 65] as number;
  if (month === 0) return -1;
  let day = dv(c9) * 10 + dv(c10);
  if (day > 40) day -= 40;
  if (day < 1 || day > 31) return -1;
  const yy = dv(c6) * 10 + dv(c7);
  if (!dayExistsInSomeCentury(yy, month, day)) return -1;
  return (acc >> 8) & 0x7f;
}
