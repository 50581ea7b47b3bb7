// SPDX-License-Identifier: BSD-3-Clause
/**
 * The hot path of the full validation, for a canonical 16-character code that passed
 * {@link fastPersonalMask}: the century candidates as integers yyyymmdd and the birthplace looked
 * up in integer-keyed tables, with no string, array or object built along the way.
 *
 * It only answers the common questions "is there a candidate birth date on which the birthplace
 * existed?" and "is the birthplace unknown?"; every other outcome (place not valid on any
 * candidate, no candidate, options to check) is left to the reference path in `validate.ts`, which
 * builds the details. A property test compares the two on random valid, omocodic and corrupted codes.
 * @module
 */
import { isIsoDate } from '@riuso-sociale/core';
import { placeStore } from '../places/store.js';
import { dateNumber, DEFAULT_MAX_AGE, todayCachedNumber } from './century.js';
import { DIGIT_OF_OMOCODE_LETTER, MONTH_OF_LETTER } from './tables.js';

/** Code number of a Belfiore code: (letter − 'A') × 1000 + the three digits (A000 → 0, Z999 → 25 999). */
const CODE_NUMBERS = 26_000;
/** `from` of a period with an unknown start: before every date. */
const NO_START = 0;
/** `to` of a period still valid: after every date. */
const NO_END = 99_999_999;

/** Periods of code number n are the indexes [periodStart[n], periodStart[n + 1]) of `periodFrom`/`periodTo`. */
let periodStart: Int32Array | undefined;
let periodFrom: Int32Array;
let periodTo: Int32Array;

/** Builds the integer tables from the place store (on first use: 26 001 + 2 × periods entries). */
function buildPlaceIndex(): Int32Array {
  const { byCode } = placeStore();
  const counts = new Int32Array(CODE_NUMBERS + 1);
  let total = 0;
  for (const [code, periods] of byCode) {
    counts[codeNumber(code)] = periods.length;
    total += periods.length;
  }
  const start = new Int32Array(CODE_NUMBERS + 1);
  for (let n = 0, at = 0; n <= CODE_NUMBERS; n++) {
    start[n] = at;
    at += counts[n] as number;
  }
  periodFrom = new Int32Array(total);
  periodTo = new Int32Array(total);
  for (const [code, periods] of byCode) {
    let i = start[codeNumber(code)] as number;
    for (const p of periods) {
      periodFrom[i] = p.validFrom === null ? NO_START : dateNumber(p.validFrom);
      periodTo[i] = p.validTo === null ? NO_END : dateNumber(p.validTo);
      i++;
    }
  }
  return start;
}

/** Code number of a letter and three digits (as the store keys are: `codeOf` in `places/codec.ts`). */
function codeNumber(code: string): number {
  return (code.charCodeAt(0) - 65) * 1000 + (code.charCodeAt(1) - 48) * 100 + (code.charCodeAt(2) - 48) * 10 + (code.charCodeAt(3) - 48);
}

/** Digit value of a digit or omocode letter (the caller's mask has checked the slot). */
function dv(c: number): number {
  return c <= 57 ? c - 48 : (DIGIT_OF_OMOCODE_LETTER[c - 65] as number);
}

/** Last day of a month (1–12) of a year, Gregorian. */
function lastDay(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// One-entry cache of an explicit referenceDate: callers pass the same one over and over, and
// isIsoDate (a regex) would otherwise run on every call.
let lastReference: string | undefined;
let lastReferenceNumber = -1;

/**
 * The reference day as yyyymmdd, −1 when the option is not a valid date (the reference path then
 * throws its `cf.option` issue).
 */
function referenceNumber(referenceDate: string | undefined): number {
  if (referenceDate === undefined) return todayCachedNumber();
  if (referenceDate !== lastReference) {
    lastReferenceNumber = isIsoDate(referenceDate) ? dateNumber(referenceDate) : -1;
    lastReference = referenceDate;
  }
  return lastReferenceNumber;
}

/** {@link placeVerdict}: the birthplace existed on one of the candidate birth dates. */
export const PLACE_VALID = 1;
/** {@link placeVerdict}: the birthplace code is not in the table (whatever the date). */
export const PLACE_UNKNOWN = 0;
/** {@link placeVerdict}: not decided here (no candidate, place valid on none, options to reject). */
export const PLACE_UNDECIDED = -1;

/**
 * Where the birthplace of a code stands, when that is simple: {@link PLACE_VALID} (the outcome in
 * which the full validation adds nothing to the structural one) or {@link PLACE_UNKNOWN}; else
 * {@link PLACE_UNDECIDED}, for the reference path: no candidate date, a place valid on no
 * candidate, or options it must check (and reject by throwing).
 *
 * @param code - canonical 16 characters with `fastPersonalMask(code) >= 0`.
 */
export function placeVerdict(code: string, referenceDate: string | undefined, maxAgeOption: number | undefined): number {
  // The options first, as readDateOptions does (it may throw, and reads the clock).
  const reference = referenceNumber(referenceDate);
  if (reference < 0) return PLACE_UNDECIDED;
  const maxAge = maxAgeOption ?? DEFAULT_MAX_AGE;
  // The same bounds as readDateOptions; anything else goes to the reference path, which throws.
  if (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > 300) return PLACE_UNDECIDED;

  const start = (periodStart ??= buildPlaceIndex());
  const n = (code.charCodeAt(11) - 65) * 1000 + dv(code.charCodeAt(12)) * 100 + dv(code.charCodeAt(13)) * 10 + dv(code.charCodeAt(14));
  const first = start[n] as number;
  const end = start[n + 1] as number;
  if (first === end) return PLACE_UNKNOWN;

  const yy = dv(code.charCodeAt(6)) * 10 + dv(code.charCodeAt(7));
  const month = MONTH_OF_LETTER[code.charCodeAt(8) - 65] as number;
  const rawDay = dv(code.charCodeAt(9)) * 10 + dv(code.charCodeAt(10));
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  // birthDateCandidates' text bound `${refYear - maxAge - 1}${reference.slice(4)}`, as an integer.
  const oldest = (Math.floor(reference / 10_000) - maxAge - 1) * 10_000 + (reference % 10_000);
  for (let century = 2000; century >= 1800; century -= 100) {
    const year = century + yy;
    if (day > lastDay(year, month)) continue;
    const date = year * 10_000 + month * 100 + day;
    if (date > reference || date <= oldest) continue;
    for (let i = first; i < end; i++) {
      if ((periodFrom[i] as number) <= date && date <= (periodTo[i] as number)) return PLACE_VALID;
    }
  }
  return PLACE_UNDECIDED;
}

/** The Belfiore code of a code's birthplace, omocode letters turned back into digits (as `partsOf`). */
export function placeCodeOf(code: string, mask: number): string {
  // No omocode letter among the place digits (bits 0–2 of the mask): the characters as they are.
  if ((mask & 0b111) === 0) return code.slice(11, 15);
  return code.charAt(11) + String(dv(code.charCodeAt(12))) + String(dv(code.charCodeAt(13))) + String(dv(code.charCodeAt(14)));
}
