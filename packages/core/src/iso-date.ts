// SPDX-License-Identifier: BSD-3-Clause
/**
 * Calendar dates as `YYYY-MM-DD` strings, computed with integer arithmetic: never through a local
 * `Date` at midnight, so no time zone can shift them by a day.
 *
 * Hand-written rather than on date-fns, which works on `Date` objects: the hot paths (fiscal-code's
 * validator, siuss-schema's simple types) check millions of dates a second without allocating, and
 * `IsoDate` covers 0001–9999, where a `Date` built from parts maps years 0–99 to 1900–1999 and
 * local-time `Date`s skip the days some zones dropped (Apia 2011-12-30). Words for people come from
 * `formatDate`, also without date-fns (the date's own numbers and a table of month names).
 * @module
 */

declare const isoDateBrand: unique symbol;

/**
 * A calendar date `YYYY-MM-DD` (proleptic Gregorian calendar, years 0001–9999) that is known to exist.
 * Obtain one from {@link isIsoDate} (a type guard) or {@link makeIsoDate}.
 */
export type IsoDate = string & { readonly [isoDateBrand]: 'IsoDate' };

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `year` is a leap year in the Gregorian calendar.
 *
 * @example
 * ```ts
 * import { isLeapYear } from '@riuso-sociale/core';
 * isLeapYear(2000); // true
 * isLeapYear(1900); // false
 * ```
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in a month (`month` 1–12).
 *
 * @example
 * ```ts
 * import { daysInMonth } from '@riuso-sociale/core';
 * daysInMonth(2024, 2); // 29
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether the numbers form a real calendar date (years 1–9999).
 *
 * @example
 * ```ts
 * import { isValidCalendarDate } from '@riuso-sociale/core';
 * isValidCalendarDate(1980, 2, 30); // false
 * ```
 */
export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/**
 * Whether a value is an existing calendar date written `YYYY-MM-DD`.
 *
 * @param value - Any value, e.g. a field of parsed JSON or a form: only a `YYYY-MM-DD` string of a day that exists gives `true`.
 *
 * @example
 * ```ts
 * import { isIsoDate } from '@riuso-sociale/core';
 * isIsoDate('2024-02-29'); // true
 * isIsoDate('2023-02-29'); // false
 * isIsoDate('2024-2-9');   // false
 * ```
 */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE_RE.exec(value);
  return m !== null && isValidCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Builds an {@link IsoDate} from numbers, or returns `null` when the date does not exist.
 *
 * @example
 * ```ts
 * import { makeIsoDate } from '@riuso-sociale/core';
 * makeIsoDate(1980, 1, 1);  // '1980-01-01'
 * makeIsoDate(1980, 2, 30); // null
 * ```
 */
export function makeIsoDate(year: number, month: number, day: number): IsoDate | null {
  if (!isValidCalendarDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

/** The year, month (1–12) and day of an {@link IsoDate}. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Splits an {@link IsoDate} into numbers.
 *
 * @example
 * ```ts
 * import { isoDateParts, makeIsoDate } from '@riuso-sociale/core';
 * isoDateParts(makeIsoDate(2025, 3, 1)!); // { year: 2025, month: 3, day: 1 }
 * ```
 */
export function isoDateParts(date: IsoDate): DateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * Days since 1970-01-01 (negative before), by pure integer arithmetic (the civil-from-days
 * algorithm of H. Hinnant, public domain description).
 *
 * @example
 * ```ts
 * import { toEpochDay, makeIsoDate } from '@riuso-sociale/core';
 * toEpochDay(makeIsoDate(1970, 1, 2)!); // 1
 * ```
 */
export function toEpochDay(date: IsoDate): number {
  const { year, month, day } = isoDateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The {@link IsoDate} of a day number (inverse of {@link toEpochDay}).
 *
 * @example
 * ```ts
 * import { fromEpochDay } from '@riuso-sociale/core';
 * fromEpochDay(0); // '1970-01-01'
 * ```
 */
export function fromEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const result = makeIsoDate(year, month, day);
  if (result === null) throw new RangeError(`epoch day out of range: ${epochDay}`);
  return result;
}

/**
 * Adds (or subtracts) whole days.
 *
 * @example
 * ```ts
 * import { addDays, makeIsoDate } from '@riuso-sociale/core';
 * addDays(makeIsoDate(2024, 2, 28)!, 1); // '2024-02-29'
 * ```
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Adds (or subtracts) whole calendar months. When the day does not exist in the target month it is
 * clamped to that month's last day (31 March − 1 month = 28 or 29 February), the usual reading of
 * "entro N mesi" in Italian administrative practice.
 *
 * @param date - the starting date.
 * @param months - an integer, negative to go back.
 * @example
 * ```ts
 * import { addMonths, makeIsoDate } from '@riuso-sociale/core';
 * addMonths(makeIsoDate(2024, 3, 31)!, -1); // '2024-02-29'
 * addMonths(makeIsoDate(2025, 3, 1)!, -24); // '2023-03-01'
 * ```
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { year, month, day } = isoDateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const result = makeIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
  if (result === null) throw new RangeError(`date out of range: ${date} + ${months} months`);
  return result;
}

/**
 * Compares two dates: negative if `a` is earlier, 0 if equal, positive if later.
 * (`YYYY-MM-DD` strings compare correctly as text.)
 *
 * @example
 * ```ts
 * import { compareIsoDate, makeIsoDate } from '@riuso-sociale/core';
 * compareIsoDate(makeIsoDate(2020, 1, 1)!, makeIsoDate(2021, 1, 1)!) < 0; // true
 * ```
 */
export function compareIsoDate(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Completed years of age on `on` for someone born on `birth` (a person born on 29 February
 * turns a year older on 1 March in common years).
 *
 * @example
 * ```ts
 * import { ageOn, makeIsoDate } from '@riuso-sociale/core';
 * ageOn(makeIsoDate(2000, 6, 15)!, makeIsoDate(2025, 6, 14)!); // 24
 * ```
 */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const b = isoDateParts(birth);
  const o = isoDateParts(on);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age -= 1;
  return age;
}
