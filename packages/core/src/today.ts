// SPDX-License-Identifier: BSD-3-Clause
import { TZDate } from '@date-fns/tz';
import { makeIsoDate, type IsoDate } from './iso-date.js';

/**
 * Today's calendar date in Italy (Europe/Rome, with its summer time), whatever the machine's time
 * zone: the instant read as a `TZDate` of `@date-fns/tz`.
 *
 * @param now - the instant to read (defaults to the current one).
 * @throws RangeError for an invalid `Date` or an instant outside the years 0001–9999.
 * @example
 * ```ts
 * import { todayInItaly } from '@riuso-sociale/core';
 * todayInItaly(new Date('2025-12-31T23:30:00Z')); // '2026-01-01'
 * ```
 */
export function todayInItaly(now: Date = new Date()): IsoDate {
  const rome = new TZDate(now.getTime(), 'Europe/Rome');
  const date = makeIsoDate(rome.getFullYear(), rome.getMonth() + 1, rome.getDate());
  if (date === null) throw new RangeError('invalid instant');
  return date;
}
