// SPDX-License-Identifier: BSD-3-Clause
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, ageOn, daysInMonth, fromEpochDay, isIsoDate, isLeapYear, makeIsoDate, toEpochDay,
  type IsoDate,
} from './iso-date.js';
import { todayInItaly } from './today.js';

const d = (s: string): IsoDate => {
  if (!isIsoDate(s)) throw new Error(`bad test date ${s}`);
  return s;
};

describe('isIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '1900-02-28'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });
  it.each(['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32', '2024-1-01',
    ' 2024-01-01', '2024-01-01T00:00:00', '0000-01-01', '２０２４-01-01', '', '20240101'])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
  it('rejects non-strings', () => {
    expect(isIsoDate(new Date())).toBe(false);
    expect(isIsoDate(20240101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  it('knows leap years', () => {
    expect([1600, 2000, 2024, 1996].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([1700, 1800, 1900, 2100, 2023].map(isLeapYear)).toEqual([false, false, false, false, false]);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2023, 4)).toBe(30);
  });
  it('matches Date.UTC for every day from 1800 to 2100 (round trip and value)', () => {
    const start = Date.UTC(1800, 0, 1) / 86_400_000;
    const end = Date.UTC(2100, 11, 31) / 86_400_000;
    for (let n = start; n <= end; n++) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      const date = fromEpochDay(n);
      if (date !== iso || toEpochDay(date) !== n) throw new Error(`mismatch at ${n}: ${date} vs ${iso}`);
    }
    expect(fromEpochDay(0)).toBe('1970-01-01');
  });
  it('adds days across month, year and leap boundaries', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(d('1999-12-31'), 1)).toBe('2000-01-01');
    expect(addDays(d('2000-03-01'), -1)).toBe('2000-02-29');
  });
  it('computes completed years of age', () => {
    expect(ageOn(d('2000-06-15'), d('2025-06-14'))).toBe(24);
    expect(ageOn(d('2000-06-15'), d('2025-06-15'))).toBe(25);
    expect(ageOn(d('2004-02-29'), d('2023-02-28'))).toBe(18);
    expect(ageOn(d('2004-02-29'), d('2023-03-01'))).toBe(19);
  });
  it('builds dates only when they exist', () => {
    expect(makeIsoDate(1980, 2, 30)).toBeNull();
    expect(makeIsoDate(1980, 1, 1)).toBe('1980-01-01');
    expect(makeIsoDate(1.5, 1, 1)).toBeNull();
  });
});

describe('todayInItaly', () => {
  it('reads the date in Rome, not in the machine time zone', () => {
    expect(todayInItaly(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(todayInItaly(new Date('2025-06-30T21:59:00Z'))).toBe('2025-06-30');
    expect(todayInItaly(new Date('2025-06-30T22:00:00Z'))).toBe('2025-07-01');
  });
  it('follows the summer-time switches of Europe/Rome', () => {
    // 2025-03-30: CET → CEST at 01:00 UTC; 2025-10-26: CEST → CET at 01:00 UTC.
    expect(todayInItaly(new Date('2025-03-29T22:59:59Z'))).toBe('2025-03-29');
    expect(todayInItaly(new Date('2025-03-29T23:00:00Z'))).toBe('2025-03-30');
    expect(todayInItaly(new Date('2025-10-25T21:59:59Z'))).toBe('2025-10-25');
    expect(todayInItaly(new Date('2025-10-25T22:00:00Z'))).toBe('2025-10-26');
    expect(todayInItaly(new Date('2025-10-26T22:59:59Z'))).toBe('2025-10-26');
    expect(todayInItaly(new Date('2025-10-26T23:00:00Z'))).toBe('2025-10-27');
  });
  it('refuses an invalid Date', () => {
    expect(() => todayInItaly(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-03-31', -1, '2024-02-29'],
    ['2023-03-31', -1, '2023-02-28'],
    ['2025-03-01', -24, '2023-03-01'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2020-02-29', 12, '2021-02-28'],
    ['2020-02-29', 48, '2024-02-29'],
    ['2025-06-10', 0, '2025-06-10'],
  ] as const)('%s %+d months = %s', (from, n, to) => {
    expect(addMonths(d(from), n)).toBe(to);
  });
  it('rejects a fractional count', () => {
    expect(() => addMonths(d('2025-01-01'), 1.5)).toThrow(RangeError);
  });
  it('going forward then back never lands after the start, and keeps the day when it exists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 300 }), fc.integer({ min: -600, max: 600 }), (e, n) => {
        const start = fromEpochDay(e);
        const there = addMonths(start, n);
        const back = addMonths(there, -n);
        expect(back <= start).toBe(true);
        const startDay = Number(start.slice(8));
        if (startDay <= 28) expect(Number(there.slice(8))).toBe(startDay);
      }),
    );
  });
});
