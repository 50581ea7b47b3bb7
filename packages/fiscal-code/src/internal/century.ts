// SPDX-License-Identifier: BSD-3-Clause
/**
 * Which century a two-digit year belongs to. The code cannot tell 19yy from 20yy (or 18yy), so we
 * list every candidate that is a real, non-future date within a maximum age, youngest first, and
 * let the caller break ties with the place's validity (the approach of laravel-codicefiscale
 * ADR 0006 and python-codicefiscale #203, see shared/specs/fiscal-code.md §2 and §4).
 * @module
 */
import { makeIsoDate, todayInItaly, type IsoDate } from '@riuso-sociale/core';

/**
 * Default maximum age in years: 122, the longest verified human life (Jeanne Calment, 1875–1997,
 * Guinness World Records). Older candidates are impossible for a living person; pass a past
 * `referenceDate` to decode archival records.
 */
export const DEFAULT_MAX_AGE = 122;

let cachedMinute = Number.NaN;
let cachedToday: IsoDate | undefined;
let cachedTodayNumber = 0;

/**
 * Today in Italy, recomputed once a minute. Exact: Italian midnight always falls on a whole UTC
 * minute (the offset is +1 h or +2 h), so a cache keyed by the UTC minute never serves a stale day.
 */
export function todayCached(): IsoDate {
  const now = Date.now();
  const minute = Math.floor(now / 60_000);
  if (minute !== cachedMinute || cachedToday === undefined) {
    cachedToday = todayInItaly(new Date(now));
    cachedTodayNumber = dateNumber(cachedToday);
    cachedMinute = minute;
  }
  return cachedToday;
}

/** {@link todayCached} as a {@link dateNumber} (same cache, no string on the hot path). */
export function todayCachedNumber(): number {
  // Same minute check as todayCached, inlined so that the hot path makes no call beyond Date.now().
  if (Math.floor(Date.now() / 60_000) !== cachedMinute || cachedToday === undefined) todayCached();
  return cachedTodayNumber;
}

/**
 * An ISO date as the integer yyyymmdd (1980-01-01 → 19800101): for 4-digit years the integers
 * compare as the strings do, without slicing or allocating.
 */
export function dateNumber(date: IsoDate): number {
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const c = date.charCodeAt(i);
    if (c !== 45 /* - */) n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * Candidate birth dates for a two-digit year, youngest first: real calendar dates in 18yy, 19yy or
 * 20yy that are not after `reference` and not more than `maxAge` years before it.
 */
export function birthDateCandidates(yy: number, month: number, day: number, reference: IsoDate, maxAge: number): IsoDate[] {
  const refYear = Number(reference.slice(0, 4));
  // Born after this day (exclusive) ⇔ at most maxAge years old on the reference date. Compared as
  // text, so a 29 February bound needs no calendar adjustment.
  const oldest = `${String(refYear - maxAge - 1).padStart(4, '0')}${reference.slice(4)}`;
  const out: IsoDate[] = [];
  for (let century = 2000; century >= 1800; century -= 100) {
    const date = makeIsoDate(century + yy, month, day);
    if (date !== null && date <= reference && date > oldest) out.push(date);
  }
  return out;
}
