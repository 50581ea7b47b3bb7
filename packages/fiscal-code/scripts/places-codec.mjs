// SPDX-License-Identifier: BSD-3-Clause
/**
 * Encoder of the compact place table, format v1 (the format is documented, and decoded, in
 * `src/places/codec.ts`). Plain JavaScript so the build script runs on bare Node.
 * @module
 */

/** Epoch of the date fields, 1861-01-01, as a day number (days since 1970-01-01). */
const EPOCH_DAY = daysFromCivil(1861, 1, 1);
/** Start date written as an empty field (1861-03-17). */
const DEFAULT_FROM = '1861-03-17';
/** Longest name prefix one base-36 digit can share. */
const MAX_SHARED = 35;

const CODE_RE = /^[A-Z]\d{3}$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(y) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function monthLength(y, m) {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by integer arithmetic only (no Date, so no
 * time zone and no two-digit-year quirk).
 */
function daysFromCivil(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yearOfEra = yy - era * 400;
  const dayOfYear = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Day number of a `YYYY-MM-DD` string, or `null` when it is not a real date (years 0001–9999). */
export function dayNumber(iso) {
  if (typeof iso !== 'string') return null;
  const m = DATE_RE.exec(iso);
  if (m === null) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > monthLength(y, mo)) return null;
  return daysFromCivil(y, mo, d);
}

/** Code number: (letter − 'A') × 1000 + the three digits. */
function codeNumber(code) {
  return (code.charCodeAt(0) - 65) * 1000 + Number(code.slice(1));
}

function fail(index, row, why) {
  let shown;
  try {
    shown = JSON.stringify(row);
  } catch {
    shown = String(row);
  }
  throw new Error(`place row ${index} ${shown}: ${why}`);
}

function checkText(index, row, field, value, nullable) {
  if (value === null && nullable) return;
  if (typeof value !== 'string' || value === '') fail(index, row, `${field} must be a non-empty string${nullable ? ' or null' : ''}`);
  if (value.includes('|') || value.includes('\n')) fail(index, row, `${field} contains '|' or a newline`);
}

function checkRow(row, index) {
  if (row === null || typeof row !== 'object') fail(index, row, 'not an object');
  const { code, name, area, from, to } = row;
  if (typeof code !== 'string' || !CODE_RE.test(code)) fail(index, row, 'code is not a Belfiore code (a letter and three digits)');
  checkText(index, row, 'name', name, false);
  checkText(index, row, 'area', area, true);
  const fromDay = from === null ? null : dayNumber(from);
  if (from !== null && fromDay === null) fail(index, row, 'from is not a real YYYY-MM-DD date or null');
  const toDay = to === null ? null : dayNumber(to);
  if (to !== null && toDay === null) fail(index, row, 'to is not a real YYYY-MM-DD date or null');
  if (fromDay !== null && toDay !== null && fromDay > toDay) fail(index, row, 'from is after to');
  return { code, name, area, from, to, num: codeNumber(code), fromDay, toDay };
}

/** null (unknown start) sorts first, then by date. */
function compareNullableDay(a, b) {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

/** null (still valid) sorts last, then by date. */
function compareEndDay(a, b) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sharedPrefix(a, b) {
  const max = Math.min(a.length, b.length, MAX_SHARED);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Encodes place rows (`{ code, name, area, from, to }`, dates `YYYY-MM-DD` or `null`) into a v1
 * table. Rows are sorted by code, then start date (unknown first), then end date, name and area, so
 * the output does not depend on the input order. Throws an Error naming the first invalid row.
 *
 * @example
 * encodePlaceTable([{ code: 'H501', name: 'Roma', area: 'RM', from: '1861-03-17', to: null }]);
 * // '5se|||RM|0Roma'
 */
export function encodePlaceTable(rows) {
  if (!Array.isArray(rows)) throw new TypeError('encodePlaceTable expects an array of rows');
  const checked = rows.map(checkRow);
  checked.sort(
    (a, b) =>
      a.num - b.num ||
      compareNullableDay(a.fromDay, b.fromDay) ||
      compareEndDay(a.toDay, b.toDay) ||
      compareText(a.name, b.name) ||
      compareText(a.area ?? '', b.area ?? ''),
  );
  const lines = [];
  let prevNum = -1;
  let prevName = '';
  for (const r of checked) {
    const delta = r.num - prevNum;
    const codeField = delta === 1 ? '' : delta.toString(36);
    const fromField = r.from === null ? '?' : r.from === DEFAULT_FROM ? '' : (r.fromDay - EPOCH_DAY).toString(36);
    const toField = r.toDay === null ? '' : (r.toDay - EPOCH_DAY).toString(36);
    const shared = sharedPrefix(prevName, r.name);
    lines.push(`${codeField}|${fromField}|${toField}|${r.area ?? ''}|${shared.toString(36)}${r.name.slice(shared)}`);
    prevNum = r.num;
    prevName = r.name;
  }
  return lines.join('\n');
}
