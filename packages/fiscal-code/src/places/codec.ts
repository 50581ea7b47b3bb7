// SPDX-License-Identifier: BSD-3-Clause
/**
 * Decoder of the compact place table (format version 1). The encoder is
 * `scripts/places-codec.mjs`; both are tested together for a lossless round trip.
 *
 * Format v1: rows separated by `\n`, sorted by code and then by start date; fields separated by `|`:
 *
 * | # | field | encoding |
 * |---|-------|----------|
 * | 0 | code  | base-36 difference from the previous row's code number, `''` = 1, `0` = same code (another validity period). Code number = (letter − 'A') × 1000 + the three digits; the first row counts from −1. |
 * | 1 | from  | base-36 days since 1861-01-01 of the first valid day; `''` = 1861-03-17 (the most frequent value); `?` = unknown |
 * | 2 | to    | base-36 days since 1861-01-01 of the last valid day (inclusive); `''` = still valid |
 * | 3 | area  | province abbreviation (comuni) or ISO 3166-1 alpha-2 (foreign states); `''` = unknown |
 * | 4 | name  | one base-36 digit = characters shared with the previous row's name, then the rest of the name |
 * @module
 */
import { addDays, type IsoDate } from '@riuso-sociale/core';

/** Epoch of the date fields: 1861-01-01. */
export const PLACE_DATE_EPOCH = '1861-01-01' as IsoDate;
/** Date written as an empty `from` field: 1861-03-17, proclamation of the Kingdom of Italy. */
export const PLACE_DEFAULT_FROM = '1861-03-17' as IsoDate;

/** One validity period of a place, as decoded from the table. */
export interface PlaceRow {
  /** Belfiore code, e.g. `H501`. */
  readonly code: string;
  /** Name in that period, as written by the source. */
  readonly name: string;
  /** Province abbreviation (comuni) or ISO 3166-1 alpha-2 code (foreign states); `null` if unknown. */
  readonly area: string | null;
  /** First valid day, `null` if unknown. */
  readonly from: IsoDate | null;
  /** Last valid day (inclusive), `null` if still valid. */
  readonly to: IsoDate | null;
}

/** Thrown (as a programming error) when the embedded table is corrupt. */
function corrupt(line: number, why: string): never {
  throw new Error(`place table corrupt at row ${line}: ${why}`);
}

function decodeDay(field: string, line: number): IsoDate {
  const n = parseInt(field, 36);
  if (!Number.isFinite(n) || n.toString(36) !== field) corrupt(line, `bad date ${field}`);
  return addDays(PLACE_DATE_EPOCH, n);
}

/** Code number (A001 → 1, B000 → 1000) back to the code. */
function codeOf(num: number, line: number): string {
  if (num < 0 || num > 25_999) corrupt(line, `code out of range ${num}`);
  return String.fromCharCode(65 + Math.floor(num / 1000)) + String(num % 1000).padStart(3, '0');
}

/**
 * Decodes a v1 place table into rows.
 *
 * @example
 * ```ts
 * decodePlaceTable('5se|||RM|0Roma'); // [{ code: 'H501', name: 'Roma', area: 'RM', from: '1861-03-17', to: null }]
 * ```
 */
export function decodePlaceTable(data: string): PlaceRow[] {
  const rows: PlaceRow[] = [];
  if (data === '') return rows;
  let code = -1;
  let prevName = '';
  let line = 0;
  for (const text of data.split('\n')) {
    line++;
    const f = text.split('|');
    if (f.length !== 5) corrupt(line, 'expected 5 fields');
    const [dCode, fromF, toF, area, nameF] = f as [string, string, string, string, string];
    const delta = dCode === '' ? 1 : parseInt(dCode, 36);
    if (!Number.isInteger(delta) || delta < 0 || (dCode !== '' && delta.toString(36) !== dCode)) corrupt(line, 'bad code delta');
    code += delta;
    const shared = parseInt(nameF.charAt(0), 36);
    if (!Number.isInteger(shared) || shared > prevName.length || nameF.length < 2 - Math.min(1, shared)) corrupt(line, 'bad name');
    const name = prevName.slice(0, shared) + nameF.slice(1);
    prevName = name;
    rows.push({
      code: codeOf(code, line),
      name,
      area: area === '' ? null : area,
      from: fromF === '?' ? null : fromF === '' ? PLACE_DEFAULT_FROM : decodeDay(fromF, line),
      to: toF === '' ? null : decodeDay(toF, line),
    });
  }
  return rows;
}
